// Highlight colours in the reader's words. The stored colour is its id (`yellow` …, core's COLORS), but
// what a reader picks from and reads is its name in the UI language — the preview's swatches, the
// editor's Highlight Selection, the Notes view's Change Colour… and a comment's label say the same.
import * as vscode from 'vscode';
import { COLORS } from '../core/annotations/model';

/** The colour's name in the UI language; an id outside COLORS (a hand-edited file) as it is. */
export function colourName(color: string): string {
  switch (color) {
    case 'yellow':
      return vscode.l10n.t('Yellow');
    case 'green':
      return vscode.l10n.t('Green');
    case 'blue':
      return vscode.l10n.t('Blue');
    case 'pink':
      return vscode.l10n.t('Pink');
    case 'purple':
      return vscode.l10n.t('Purple');
    default:
      return color;
  }
}

type ColourItem = vscode.QuickPickItem & { color: string };

/**
 * The quick pick behind Highlight Selection and Change Colour…: the names, the current one marked. (No
 * coloured dot: a quick pick draws a ThemeIcon in the list's foreground, whatever colour it is given.)
 */
export function colourItems(current?: string): ColourItem[] {
  return COLORS.map((color) => ({
    color,
    label: colourName(color),
    ...(color === current ? { description: vscode.l10n.t('current') } : {}),
  }));
}

/** Asks for a colour; undefined when the reader dismissed the pick. */
export async function pickColour(current?: string): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(colourItems(current), { placeHolder: vscode.l10n.t('Highlight colour') });
  return picked?.color;
}
