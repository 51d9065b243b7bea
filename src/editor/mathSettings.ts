// The user's math settings and the theme colour hovers paint with, read in one place.

import * as vscode from 'vscode';
import { macrosFromSettings, type MacroTable } from '../core/editor/macroDefinitions';

/** `kexueReader.math.macros` as written, e.g. {"\\R": "\\mathbb{R}"} (KaTeX takes it like this). */
export function userMacroSettings(): Record<string, string> {
  const raw = vscode.workspace.getConfiguration('kexueReader.math').get<Record<string, string>>('macros', {});
  return raw && typeof raw === 'object' ? { ...raw } : {};
}

export function userMacroTable(): MacroTable {
  return macrosFromSettings(userMacroSettings());
}

/** Foreground for formula images: the hover background follows the theme, the image does not. */
export function formulaColour(kind: vscode.ColorThemeKind = vscode.window.activeColorTheme.kind): string {
  switch (kind) {
    case vscode.ColorThemeKind.Dark:
      return '#d4d4d4';
    case vscode.ColorThemeKind.HighContrast:
      return '#ffffff';
    case vscode.ColorThemeKind.HighContrastLight:
      return '#000000';
    default:
      return '#1f1f1f';
  }
}
