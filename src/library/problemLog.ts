import * as vscode from 'vscode';
import type { FileProblem } from '../core/library/model';
import { englishText, translated } from '../core/l10n/localizable';

/**
 * The "Kexue Reader" output channel. Files that cannot be read as posts are written here once each —
 * never thrown at the user as notifications.
 */
export class ProblemLog implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Kexue Reader', { log: true });
  private readonly reported = new Set<string>();

  reportProblems(problems: readonly FileProblem[]): void {
    for (const { file, words, skipped } of problems) {
      const key = `${file}\u0000${englishText(words)}`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      const said = translated(words, vscode.l10n.t);
      this.channel.warn(skipped ? vscode.l10n.t('Skipped {0}: {1}', file, said) : vscode.l10n.t('Listed {0}, but: {1}', file, said));
    }
  }

  /** What has been reported so far, for the tests and the Show Log command. */
  reportedCount(): number {
    return this.reported.size;
  }

  /** Each report's file and message (in English), for the tests. */
  reportedProblems(): { file: string; message: string }[] {
    return [...this.reported].map((key) => {
      const [file, message] = key.split('\u0000');
      return { file, message };
    });
  }

  info(message: string): void {
    this.channel.info(message);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
