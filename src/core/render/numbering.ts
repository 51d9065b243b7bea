// AMS-style equation numbering, done before KaTeX because KaTeX numbers through a CSS counter that
// no script can read and knows nothing of \label. We turn every numbered environment into its
// starred twin and write the number ourselves as `\tag{n}` (per row for align-like ones), so the
// number the reader sees is the number `\eqref` prints and KaTeX never adds one of its own.

import { cutSpans, findCommand, referenceCommands, splitRows, wholeEnvironment, type WholeEnvironment } from './texScan';

/** Environments that number once for the whole display. */
const SINGLE_NUMBER = new Set(['equation', 'multline']);
/** Environments that number every row. */
const ROW_NUMBER = new Set(['align', 'gather', 'eqnarray', 'alignat', 'flalign']);

/** What KaTeX is given in place of each environment (it lacks multline, eqnarray and flalign). */
const KATEX_STARRED: Record<string, string> = {
  equation: 'equation*',
  multline: 'gather*',
  align: 'align*',
  gather: 'gather*',
  eqnarray: 'align*',
  alignat: 'alignat*',
  flalign: 'align*',
};

export const DISPLAY_ENVIRONMENTS: ReadonlySet<string> = new Set(
  [...SINGLE_NUMBER, ...ROW_NUMBER].flatMap((name) => [name, `${name}*`]),
);

/**
 * Environments that are a display when they stand in a post's text with no `$$` around them. The
 * blog's MathJax processes every `\begin{…}…\end{…}` outside math (its `processEnvironments`), so a
 * bare `\begin{array}` table (Transformer升级之路 2's model comparison) or `\begin{aligned}` is a
 * display there, unnumbered: the numbered environments and MathJax's other math environments.
 */
export const BARE_DISPLAY_ENVIRONMENTS: ReadonlySet<string> = new Set([
  ...DISPLAY_ENVIRONMENTS,
  ...['array', 'darray', 'aligned', 'alignedat', 'gathered', 'split', 'cases', 'rcases', 'dcases', 'drcases', 'CD', 'subarray', 'smallmatrix'],
  ...['matrix', 'pmatrix', 'bmatrix', 'Bmatrix', 'vmatrix', 'Vmatrix'].flatMap((name) => [name, `${name}*`]),
]);

export interface NumberedEquation {
  /** Text between the parentheses: our counter or the author's \tag. */
  number: string;
  label?: string;
}

export interface NumberedDisplay {
  /**
   * TeX for KaTeX: starred environments, no \label, and our tags as markers (`\tag{KXEQ0Z}`) that
   * `fillEquationNumbers` replaces in KaTeX's output. The TeX, and so KaTeX's cached output, stay
   * the same when an edit above shifts every number. References are still in it.
   */
  tex: string;
  /** The number each marker stands for, by marker index. */
  autoNumbers: string[];
  equations: NumberedEquation[];
  /** Every \label with the number it refers to, including labels on unnumbered rows. */
  labels: { label: string; number: string }[];
}

/** A running equation counter shared by all displays of one document. */
export interface EquationCounter {
  value: number;
}

/** Inner environments an `equation` may wrap, and the row-numbered environment each one reads as. */
const ROWS_INSIDE_EQUATION: Record<string, string> = { aligned: 'align', split: 'align', gathered: 'gather' };

/**
 * `equation` around one `aligned` (or `split`, `gathered`) whose rows carry \tags of their own, as
 * the corpus's derivation sections write it. LaTeX, MathJax and KaTeX all refuse it ("Multiple \tag"),
 * but the author plainly meant each row to show its tag: it reads as `align` (or `gather`).
 */
function taggedRowsInsideEquation(env: WholeEnvironment): WholeEnvironment | undefined {
  // `$$\begin{aligned} … \tag{1} \\ … \tag{2} \end{aligned}$$` without the `equation` around it
  // means the same (MathJax draws each row's tag): the display is the `aligned` itself.
  const bare = Object.hasOwn(ROWS_INSIDE_EQUATION, env.name) ? env : undefined;
  if (!bare && !SINGLE_NUMBER.has(env.name.replace(/\*$/, ''))) return undefined;
  const inner = bare ?? wholeEnvironment(env.body);
  const name = inner && ROWS_INSIDE_EQUATION[inner.name];
  if (!inner || !name) return undefined;
  const taggedRows = splitRows(inner.body).filter((row) => findCommand(row, 'tag', true).length > 0);
  return taggedRows.length > 1 ? { name: `${name}*`, argument: inner.argument, body: inner.body } : undefined;
}

export function numberDisplay(tex: string, counter: EquationCounter): NumberedDisplay {
  const whole = wholeEnvironment(tex);
  const env = whole && (taggedRowsInsideEquation(whole) ?? whole);
  const baseName = env?.name.replace(/\*$/, '');
  if (!env || baseName === undefined || !(baseName in KATEX_STARRED)) {
    // `$$…$$`, `\[…\]`, or an environment we do not number (e.g. `aligned` on its own).
    const result: NumberedDisplay = { tex: '', autoNumbers: [], equations: [], labels: [] };
    result.tex = numberRow(tex, false, false, counter, result);
    return result;
  }
  const numbered = !env.name.endsWith('*');
  const result: NumberedDisplay = { tex: '', autoNumbers: [], equations: [], labels: [] };
  const rows = splitRows(env.body);
  const perRow = ROW_NUMBER.has(baseName);
  const rendered = perRow
    ? rows.map((row, i) => numberRow(row, numbered, i === rows.length - 1, counter, result))
    : numberSingle(rows, numbered, counter, result);
  const katexName = KATEX_STARRED[baseName];
  result.tex = `\\begin{${katexName}}${env.argument}${rendered.join('\\\\')}\\end{${katexName}}`;
  return result;
}

/**
 * One row of an align-like environment (or a whole unnumbered display): drop \label and
 * \nonumber, keep the author's \tag, or add ours when the row is numbered.
 */
function numberRow(
  row: string,
  numbered: boolean,
  isLastRow: boolean,
  counter: EquationCounter,
  result: NumberedDisplay,
): string {
  const labels = findCommand(row, 'label', true);
  const suppressors = [...findCommand(row, 'nonumber', false), ...findCommand(row, 'notag', false)];
  const tags = findCommand(row, 'tag', true);
  const spans = [...labels, ...suppressors].sort((a, b) => a.start - b.start);
  let out = cutSpans(row, spans);
  let number: string | undefined;
  if (tags.length > 0) {
    number = tags[0].argument;
  } else if (numbered && suppressors.length === 0 && !isBlankTrailingRow(out, isLastRow)) {
    counter.value++;
    number = String(counter.value);
    out = `${out.replace(/\s+$/, '')}\\tag{${markerFor(number, result)}}`;
  }
  bindLabels(labels.map((use) => use.argument), number, counter, result);
  return out;
}

/** `equation` and `multline`: one number, shown on the last row the way AMS places it. */
function numberSingle(
  rows: string[],
  numbered: boolean,
  counter: EquationCounter,
  result: NumberedDisplay,
): string[] {
  const whole = rows.join('\\\\');
  const labels = findCommand(whole, 'label', true);
  const suppressors = [...findCommand(whole, 'nonumber', false), ...findCommand(whole, 'notag', false)];
  const tags = findCommand(whole, 'tag', true);
  let number: string | undefined;
  const cleaned = rows.map((row) => {
    const spans = [
      ...findCommand(row, 'label', true),
      ...findCommand(row, 'nonumber', false),
      ...findCommand(row, 'notag', false),
    ].sort((a, b) => a.start - b.start);
    return cutSpans(row, spans);
  });
  if (tags.length > 0) {
    number = tags[0].argument;
  } else if (numbered && suppressors.length === 0) {
    counter.value++;
    number = String(counter.value);
    const last = cleaned.length - 1;
    cleaned[last] = `${cleaned[last].replace(/\s+$/, '')}\\tag{${markerFor(number, result)}}`;
  }
  bindLabels(labels.map((use) => use.argument), number, counter, result);
  return cleaned;
}

/** Letters and digits only, so KaTeX keeps the marker as one run of text we can find again: `KXEQ<index>Z`. */
const MARKER_START = 'KXEQ';
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const MARKER_END = 90; // 'Z'

function markerFor(number: string, result: NumberedDisplay): string {
  result.autoNumbers.push(number);
  return `KXEQ${result.autoNumbers.length - 1}Z`;
}

/**
 * Puts the numbers into KaTeX's output (tag and TeX annotation) in place of the markers. Built from
 * slices of `html`, not copied: a numbered display's HTML (often 10–50 kB) is held by the formula
 * cache with its markers and by the page with its numbers, and a copy of every display was a fifth
 * of what young-generation GC had to move in a cold render of the corpus.
 */
export function fillEquationNumbers(html: string, autoNumbers: readonly string[]): string {
  if (autoNumbers.length === 0) return html;
  // indexOf and char codes, not a /KXEQ(\d+)Z/g match loop: a display's HTML runs to tens of kB
  // and holds the marker twice, and the regex walked every character of it (same matches: a
  // candidate that is no marker is skipped one character on, as the regex resumes).
  let out = '';
  let last = 0;
  let at = html.indexOf(MARKER_START);
  while (at >= 0) {
    const digits = at + MARKER_START.length;
    let end = digits;
    for (let code = html.charCodeAt(end); code >= DIGIT_0 && code <= DIGIT_9; code = html.charCodeAt(++end));
    if (end > digits && html.charCodeAt(end) === MARKER_END) {
      out += html.slice(last, at) + (autoNumbers[Number(html.slice(digits, end))] ?? html.slice(at, end + 1));
      last = end + 1;
      at = html.indexOf(MARKER_START, last);
    } else {
      at = html.indexOf(MARKER_START, at + 1);
    }
  }
  return last === 0 ? html : out + html.slice(last);
}

function bindLabels(
  labels: string[],
  number: string | undefined,
  counter: EquationCounter,
  result: NumberedDisplay,
): void {
  if (number !== undefined) {
    result.equations.push({ number, label: labels[0] });
  }
  // A \label on an unnumbered row refers to the last number issued, as LaTeX's \label does.
  const target = number ?? (counter.value > 0 ? String(counter.value) : undefined);
  if (target === undefined) return;
  for (const label of labels) result.labels.push({ label, number: target });
}

/** AMS does not number an empty row left by a trailing `\\` before `\end{align}`. */
function isBlankTrailingRow(row: string, isLastRow: boolean): boolean {
  return isLastRow && row.trim().length === 0;
}

export interface ReferenceUse {
  label: string;
  kind: 'eqref' | 'ref';
}

/** Every \eqref and \ref in a piece of TeX, in order. */
export function findReferences(tex: string): ReferenceUse[] {
  return referenceCommands(tex).map(({ use, paren }) => ({ label: use.argument, kind: paren ? 'eqref' : 'ref' }));
}

/** Replaces \eqref{x} by "(n)" and \ref{x} by "n" as KaTeX text; unknown labels print "??". */
export function substituteReferences(tex: string, numberOf: (label: string) => string | undefined): string {
  if (!tex.includes('ref')) return tex;
  const uses = referenceCommands(tex);
  let out = '';
  let last = 0;
  for (const { use, paren } of uses) {
    const number = numberOf(use.argument) ?? '??';
    out += tex.slice(last, use.start) + (paren ? `\\text{(${number})}` : `\\text{${number}}`);
    last = use.end;
  }
  return out + tex.slice(last);
}
