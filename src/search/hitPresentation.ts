// How a hit reads in the QuickPick and the Search Results view: the kind as an icon, the snippet with
// the hit between 【】 (a QuickPick label cannot be styled), the post and the equation number.

import * as vscode from 'vscode';
import type { HitKind, SearchHit } from '../core/search';

const KIND_ICON: Record<HitKind, string> = { title: 'book', text: 'symbol-text', math: 'symbol-operator', note: 'comment' };

export function kindIcon(kind: HitKind): vscode.ThemeIcon {
  return new vscode.ThemeIcon(KIND_ICON[kind]);
}

export function kindCodicon(kind: HitKind): string {
  return `$(${KIND_ICON[kind]})`;
}

/** The snippet with the core's **hit** marks shown as 【hit】. */
export function markedSnippet(hit: SearchHit): string {
  return hit.snippet.replace(/\*\*(.+?)\*\*/u, '【$1】');
}

export function hitPlace(hit: SearchHit): string {
  const where = vscode.workspace.asRelativePath(hit.file);
  return hit.equation ? vscode.l10n.t('{0}, line {1}, equation ({2})', where, hit.line, hit.equation) : vscode.l10n.t('{0}, line {1}', where, hit.line);
}
