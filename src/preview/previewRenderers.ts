// How a preview gets its renderer (markdown-it and KaTeX load on the first preview, not at activation)
// and the user's macros from kexueReader.math.macros.
import * as vscode from 'vscode';
import type { FormulaStore } from '../core/render/katexCache';
import type { PostRenderer } from '../core/render/postRenderer';

export interface PreviewRenderers {
  newRenderer(): Promise<PostRenderer>;
  macros(): Record<string, string>;
}

export class SettingsPreviewRenderers implements PreviewRenderers {
  /** `store`: rendered formulas across sessions (the disk cache in the extension's global storage). */
  constructor(private readonly store?: FormulaStore) {}

  async newRenderer(): Promise<PostRenderer> {
    const { PostRenderer } = await import('../core/render/postRenderer');
    return new PostRenderer({ store: this.store });
  }

  macros(): Record<string, string> {
    const configured = vscode.workspace.getConfiguration('kexueReader.math').get<Record<string, unknown>>('macros', {});
    const macros: Record<string, string> = {};
    for (const [name, body] of Object.entries(configured)) if (typeof body === 'string') macros[name] = body;
    return macros;
  }
}
