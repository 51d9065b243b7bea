// How a hit reads in the QuickPick and the Search Results view: the kind as an icon, the snippet with
// the hit between 【】 in the QuickPick (its label cannot be styled) and highlighted in the view, the
// post and the equation number.

import * as vscode from 'vscode';
import type { HitKind, SearchHit } from '../core/search';

const KIND_ICON: Record<HitKind, string> = { title: 'book', text: 'symbol-text', math: 'symbol-operator', note: 'comment' };

export function kindIcon(kind: HitKind): vscode.ThemeIcon {
  return new vscode.ThemeIcon(KIND_ICON[kind]);
}

export function kindCodicon(kind: HitKind): string {
  return `$(${KIND_ICON[kind]})`;
}

/** The core's mark around the hit in a snippet (core/search/snippet: its only `**` pair). */
const HIT_MARK = /\*\*(.+?)\*\*/u;

/** The snippet with the core's **hit** marks shown as 【hit】. */
export function markedSnippet(hit: SearchHit): string {
  return hit.snippet.replace(HIT_MARK, '【$1】');
}

/** Characters of context kept ahead of the hit in the Search Results view's row. */
const VIEW_CONTEXT = 10;

/**
 * The snippet as a row of the Search Results view shows it: the hit highlighted as VS Code's own
 * search highlights a match, with little text ahead of it, so that in a side bar's width the row
 * still shows the hit (the whole snippet is the row's tooltip).
 */
export function highlightedSnippet(hit: SearchHit): vscode.TreeItemLabel {
  const match = HIT_MARK.exec(hit.snippet);
  if (!match) return { label: hit.snippet };
  const ahead = Array.from(hit.snippet.slice(0, match.index));
  // A title is short and read whole; a paragraph's text is cut ahead of the hit.
  const head = hit.kind !== 'title' && ahead.length > VIEW_CONTEXT ? `…${ahead.slice(-VIEW_CONTEXT).join('').trimStart()}` : ahead.join('');
  const label = `${head}${match[1]}${hit.snippet.slice(match.index + match[0].length)}`;
  return { label, highlights: [[head.length, head.length + match[1].length]] };
}

export function hitPlace(hit: SearchHit): string {
  const where = vscode.workspace.asRelativePath(hit.file);
  return hit.equation ? vscode.l10n.t('{0}, line {1}, equation ({2})', where, hit.line, hit.equation) : vscode.l10n.t('{0}, line {1}', where, hit.line);
}
