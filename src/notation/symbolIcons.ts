// Each symbol of the Notation view drawn as its item's icon. A tree item cannot hold HTML, so the
// symbol is drawn by MathJax as SVG (the extension already draws editor hovers this way), given a
// square viewBox (VS Code draws a custom icon 16 px wide: a wide symbol such as L_{avg} stays whole,
// smaller), coloured for the light and the dark theme (an <img> does not inherit currentColor), and
// written once to the extension's storage: a symbol drawn before is never drawn again, across sessions.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { iconSvg } from '../core/notation/symbolIconSvg';
import { sharedMathJax } from '../core/render/mathJax';
import { writeFileAtomic } from '../fileSystem/atomicWrite';

/** The foreground of VS Code's default light and dark themes' icons. */
const COLOURS = { light: '#424242', dark: '#C5C5C5' } as const;

export interface SymbolIcon {
  light: vscode.Uri;
  dark: vscode.Uri;
}

export class SymbolIcons {
  private readonly known = new Map<string, SymbolIcon>();
  private readonly failed = new Set<string>();

  constructor(private readonly folder: string) {}

  /** The icon of `tex` if it has been drawn (this session or an earlier one, once `prepare` saw it). */
  iconOf(tex: string): SymbolIcon | undefined {
    return this.known.get(tex);
  }

  /** Draws the icons not drawn yet; resolves with whether any became known (the view then redraws). */
  async prepare(texs: readonly string[]): Promise<boolean> {
    const missing = [...new Set(texs)].filter((tex) => !this.known.has(tex) && !this.failed.has(tex));
    if (missing.length === 0) return false;
    await fs.mkdir(this.folder, { recursive: true });
    let added = false;
    for (const tex of missing) {
      const name = createHash('sha1').update(tex).digest('hex').slice(0, 20);
      const files = { light: path.join(this.folder, `${name}-light.svg`), dark: path.join(this.folder, `${name}-dark.svg`) };
      const onDisk = await Promise.all([fs.stat(files.light), fs.stat(files.dark)]).then(() => true, () => false);
      if (!onDisk && !(await this.draw(tex, files))) {
        this.failed.add(tex);
        continue;
      }
      this.known.set(tex, { light: vscode.Uri.file(files.light), dark: vscode.Uri.file(files.dark) });
      added = true;
    }
    return added;
  }

  private async draw(tex: string, files: { light: string; dark: string }): Promise<boolean> {
    const outcome = await sharedMathJax().render(tex, false, {}, '');
    if (!('svg' in outcome)) return false;
    for (const theme of ['light', 'dark'] as const) {
      const svg = iconSvg(outcome.svg, COLOURS[theme]);
      if (!svg) return false;
      // A half-written icon is never shown.
      await writeFileAtomic(files[theme], svg);
    }
    return true;
  }
}
