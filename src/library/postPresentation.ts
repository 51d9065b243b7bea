import * as vscode from 'vscode';
import { parseSeriesTitle } from '../core/library/index';
import type { Post, Series } from '../core/library/model';
import { escapeMarkdown } from '../core/text/escapeMarkdown';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** "2023-01-12", or "12 Jan, year unknown" — an unknown year is said, never guessed. */
export function formatDate(post: Post): string {
  if (post.month === null || post.day === null) {
    return post.year === null ? vscode.l10n.t('date unknown') : String(post.year);
  }
  if (post.year === null) return vscode.l10n.t('{0} {1}, year unknown', post.day, MONTHS[post.month - 1]);
  return `${post.year}-${pad(post.month)}-${pad(post.day)}`;
}

const INFERRED_MARK = (): string => vscode.l10n.t('(inferred)');

/** The full title, marked when inferred; untitled posts are named by their date and opening words. */
export function displayTitle(post: Post): string {
  if (post.title === null) {
    const opening = post.summary.slice(0, 24);
    return vscode.l10n.t('Untitled — {0}…', opening);
  }
  return post.titleInferred ? `${post.title} ${INFERRED_MARK()}` : post.title;
}

/** Inside its series a part is shown without the series name: "4. DDIM = 高观点DDPM". */
export function partLabel(post: Post): string {
  const parsed = post.title ? parseSeriesTitle(post.title) : null;
  const rest = parsed?.rest.trim() || (post.titleInferred ? vscode.l10n.t('title unknown') : '');
  // The series title parser moves (上)/(中)/(下) into subPart; put it back, or two halves read alike.
  const half = ['', '（上）', '（中）', '（下）'][post.subPart] ?? '';
  const label = `${post.part ?? '?'}. ${rest}${half}`;
  return post.titleInferred ? `${label} ${INFERRED_MARK()}` : label;
}

export function seriesDescription(series: Series): string {
  const years =
    series.firstYear === null
      ? vscode.l10n.t('years unknown')
      : series.firstYear === series.lastYear
        ? String(series.firstYear)
        : `${series.firstYear}–${series.lastYear}`;
  // l10n has no plural forms: the one-part case is its own message.
  return series.parts.length === 1 ? vscode.l10n.t('1 part · {0}', years) : vscode.l10n.t('{0} parts · {1}', series.parts.length, years);
}

/** Summary, sources and the evidence behind anything inferred. */
export function postTooltip(post: Post): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escapeMarkdown(displayTitle(post))}**\n\n`);
  md.appendMarkdown(`${escapeMarkdown(formatDate(post))}`);
  if (post.series) md.appendMarkdown(` · ${escapeMarkdown(vscode.l10n.t('{0}, part {1}', post.series, post.part ?? '?'))}`);
  md.appendMarkdown('\n\n');
  if (post.titleInferred && post.titleEvidence) {
    md.appendMarkdown(`$(info) ${escapeMarkdown(vscode.l10n.t('Title inferred from: {0}', post.titleEvidence.evidence))}\n\n`);
  }
  if (post.yearInferred && post.yearEvidence) {
    md.appendMarkdown(`$(info) ${escapeMarkdown(vscode.l10n.t('Year inferred from: {0}', post.yearEvidence.evidence))}\n\n`);
  }
  if (post.summary) md.appendMarkdown(`${escapeMarkdown(post.summary)}\n\n`);
  if (post.excerptOnly) md.appendMarkdown(`_${escapeMarkdown(vscode.l10n.t('Only an excerpt is in the library.'))}_\n\n`);
  md.appendMarkdown(`${escapeMarkdown(vscode.l10n.t('Sources:'))}\n`);
  for (const source of post.sources) {
    md.appendMarkdown(`- ${escapeMarkdown(`${vscode.workspace.asRelativePath(source.file)}:${source.line}`)}\n`);
  }
  return md;
}

