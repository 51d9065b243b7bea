import * as vscode from 'vscode';
import type { FileProblem } from '../core/library/model';

/**
 * The "Kexue Reader" output channel. Files that cannot be read as posts are written here once each —
 * never thrown at the user as notifications.
 */
export class ProblemLog implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Kexue Reader', { log: true });
  private readonly reported = new Set<string>();

  reportProblems(problems: readonly FileProblem[]): void {
    for (const { file, message } of problems) {
      const key = `${file}\u0000${message}`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      this.channel.warn(vscode.l10n.t('Skipped {0}: {1}', file, message));
    }
  }

  /** What has been reported so far, for the tests and the Show Log command. */
  reportedCount(): number {
    return this.reported.size;
  }

  /** Each report's file and message, for the tests. */
  reportedProblems(): FileProblem[] {
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
