// The outline of a post (headings with their numbered equations nested inside) or of a digest (one
// node per entry), as offsets into the editor's text. The VS Code side turns it into DocumentSymbols.

import type { Formula, PostAnalysis } from './postAnalysis';
import { splitColumns, splitRows, wholeEnvironment, withoutNumbering, withoutRowSpacing } from '../render/texScan';

export type OutlineKind = 'heading' | 'equation' | 'entry';

export interface OutlineNode {
  kind: OutlineKind;
  name: string;
  detail: string;
  /** The whole span the node covers, and the part to select when it is chosen: [start, end). */
  start: number;
  end: number;
  selectionStart: number;
  selectionEnd: number;
  /** Equation numbers shown in an equation node's name. */
  numbers?: string[];
  children: OutlineNode[];
}

/** ATX heading; html2text closes every heading with ` #`, which the outline should not show. */
const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SUMMARY_LENGTH = 72;

export function buildOutline(analysis: PostAnalysis): OutlineNode[] {
  return analysis.layout === 'post' ? postOutline(analysis) : digestOutline(analysis);
}

function postOutline(analysis: PostAnalysis): OutlineNode[] {
  const { text, lineStarts } = analysis;
  const roots: OutlineNode[] = [];
  const open: { level: number; node: OutlineNode }[] = [];
  const close = (level: number, at: number) => {
    while (open.length > 0 && open[open.length - 1].level >= level) {
      const finished = open.pop();
      if (finished) finished.node.end = Math.max(finished.node.selectionEnd, at);
    }
  };
  const place = (node: OutlineNode) => (open.length > 0 ? open[open.length - 1].node.children : roots).push(node);

  const formulas = analysis.formulas.filter((formula) => formula.numbers.length > 0);
  let nextFormula = 0;
  let fence: string | undefined;
  let insideMath = 0;
  for (let line = analysis.frontMatterLines; line < lineStarts.length; line++) {
    const start = lineStarts[line];
    const end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length;
    const content = text.slice(start, end).replace(/\r$/, '');
    while (nextFormula < formulas.length && formulas[nextFormula].region.start < end) {
      place(equationNode(formulas[nextFormula]));
      nextFormula++;
    }
    const fenceMatch = FENCE.exec(content);
    if (fence !== undefined) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      continue;
    }
    // A `#` line inside a display is TeX, not a heading.
    while (insideMath < analysis.formulas.length && analysis.formulas[insideMath].region.end <= start) insideMath++;
    const enclosing = analysis.formulas[insideMath];
    if (enclosing && enclosing.region.start < start) continue;
    const heading = HEADING.exec(content);
    if (!heading || heading[2].length === 0) continue;
    const level = heading[1].length;
    close(level, start - 1);
    const node: OutlineNode = {
      kind: 'heading',
      name: heading[2],
      detail: '',
      start,
      end: text.length,
      selectionStart: start,
      selectionEnd: end,
      children: [],
    };
    place(node);
    open.push({ level, node });
  }
  while (nextFormula < formulas.length) place(equationNode(formulas[nextFormula++]));
  close(0, text.length);
  return roots;
}

function equationNode(formula: Formula): OutlineNode {
  const numbers = formula.numbers.map((number) => `(${number})`).join(' ');
  return {
    kind: 'equation',
    name: `${numbers} ${summariseTex(formula.tex)}`,
    detail: formula.region.environment ?? '',
    start: formula.region.start,
    end: formula.region.end,
    selectionStart: formula.region.start,
    selectionEnd: formula.region.end,
    numbers: formula.numbers,
    children: [],
  };
}

function digestOutline(analysis: PostAnalysis): OutlineNode[] {
  const { text, lineStarts, digestEntries } = analysis;
  return digestEntries.map((entry, k) => {
    const start = lineStarts[entry.line] ?? 0;
    const nextLine = digestEntries[k + 1]?.line;
    const end = nextLine !== undefined ? Math.max(start, (lineStarts[nextLine] ?? text.length) - 1) : text.length;
    const firstLineEnd = text.indexOf('\n', start);
    return {
      kind: 'entry' as const,
      name: `${entry.date} ${entry.title ?? firstWords(entry.body)}`.trim(),
      detail: entry.title ? '' : '(untitled)',
      start,
      end,
      selectionStart: start,
      selectionEnd: firstLineEnd < 0 || firstLineEnd > end ? end : firstLineEnd,
      children: [],
    };
  });
}

/** Environments that only lay a display out: their wrapper, alignment points and row breaks are not the formula. */
const LAYOUT_ENVIRONMENTS = new Set(['equation', 'align', 'alignat', 'flalign', 'gather', 'multline', 'eqnarray', 'split', 'aligned', 'alignedat', 'gathered', 'displaymath']);

/**
 * One line of TeX for a label: no display wrapper, \label, \tag, alignment point or row break of the
 * display's own layout (rows joined by " ; "); an inner environment (a pmatrix, cases) is kept whole,
 * so what is shown is still TeX: `D=\begin{pmatrix} 2 & 0 \\ 0 & 5 \end{pmatrix}`, not `D= 2 & 0 \\ 0 & 5`.
 */
export function summariseTex(tex: string): string {
  let body = withoutNumbering(tex);
  // The display's own wrappers (an align, an aligned inside an equation): their bodies.
  for (let env = wholeEnvironment(body); env && LAYOUT_ENVIRONMENTS.has(env.name.replace(/\*$/, '')); env = wholeEnvironment(body)) body = env.body;
  const plain = splitRows(body)
    .map((row) => splitColumns(withoutRowSpacing(row)).join(' ').replace(/\s+/g, ' ').trim())
    .filter((row) => row.length > 0)
    .join(' ; ');
  return plain.length > SUMMARY_LENGTH ? `${plain.slice(0, SUMMARY_LENGTH - 1)}…` : plain;
}

function firstWords(body: string): string {
  const line = body.trim().split('\n', 1)[0] ?? '';
  return line.length > 30 ? `${line.slice(0, 29)}…` : line;
}
