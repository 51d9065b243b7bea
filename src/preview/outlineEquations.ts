// The outline's equation list: each numbered equation drawn small, one row per numbered row of an
// align. The render result knows each equation's number and the whole display it belongs to; which
// row of the display carries which number is worked out here the way AMS numbering assigns them.
// No vscode, no DOM: KaTeX only, so the unit tests run it as the host does.

import { katexModule } from '../core/render/katexModule';
import type { OutlineEquation } from '../core/protocol/preview';
import { splitRows, withoutNumbering, withoutRowSpacing } from '../core/render/texScan';
import type { RenderedEquation } from '../core/render/types';

/** Environments that number every row not marked \nonumber/\notag. */
const PER_ROW = new Set(['align', 'gather', 'alignat', 'flalign', 'eqnarray', 'xalignat', 'xxalignat']);
/** Environments whose rows the outline may show one by one (numbered per row, or by \tag per row). */
const ROWED = new Set([...PER_ROW, ...[...PER_ROW].map((env) => `${env}*`), 'aligned', 'split', 'gathered', 'alignedat']);

const DEFINES = /\\(?:newcommand|renewcommand|def|gdef|DeclareMathOperator)(?![a-zA-Z])/;
const TAG = /\\tag\*?\s*\{/;
const NO_NUMBER = /\\(?:nonumber|notag)(?![a-zA-Z])/;

/** `\begin{env}…\end{env}` around the whole text, with its body; undefined when the text is not one environment. */
function outerEnvironment(tex: string): { env: string; body: string } | undefined {
  const match = /^\s*\\begin\{([a-zA-Z]+\*?)\}(?:\{\d+\})?([\s\S]*)\\end\{\1\}\s*$/.exec(tex);
  if (!match) return undefined;
  // The end found must close this begin, not a nested one of the same name.
  const body = match[2];
  const opens = body.split(`\\begin{${match[1]}}`).length - 1;
  const closes = body.split(`\\end{${match[1]}}`).length - 1;
  return opens === closes ? { env: match[1], body } : undefined;
}

/** What a row looks like without our numbering's bookkeeping. */
function cleanRow(row: string): string {
  return withoutNumbering(withoutRowSpacing(row)).trim();
}

/**
 * The TeX of each numbered row of a display with `count` numbers, in order; undefined when the rows
 * cannot be matched to the numbers (then every number shows the whole display).
 */
export function numberedRows(displayTex: string, count: number): string[] | undefined {
  let outer = outerEnvironment(displayTex);
  // equation + aligned with a \tag per row reads as an align; equation + split is one number.
  if (outer && (outer.env === 'equation' || outer.env === 'equation*')) {
    const inner = outerEnvironment(outer.body);
    if (inner && ROWED.has(inner.env) && count > 1) outer = inner;
    else return count === 1 ? [cleanRow(outer.body)] : undefined;
  }
  // $$ … $$ without an environment around it all: one formula, one number.
  if (!outer) return count === 1 ? [cleanRow(displayTex)] : undefined;
  if (!ROWED.has(outer.env)) return count === 1 ? [cleanRow(outer.body)] : undefined;
  const perRow = PER_ROW.has(outer.env);
  const rows = splitRows(outer.body).filter((row) => withoutRowSpacing(row).trim() !== '' && (TAG.test(row) || (perRow && !NO_NUMBER.test(row))));
  if (rows.length === count) return rows.map(cleanRow);
  return count === 1 ? [cleanRow(outer.body)] : undefined;
}

/** KaTeX's HTML of a row, or '' when KaTeX rejects it. */
function rowHtml(tex: string, macros: Record<string, string>): string {
  // An alignment row keeps its & inside aligned; inline style keeps the outline compact.
  const body = tex.includes('&') ? `\\begin{aligned}${tex}\\end{aligned}` : tex;
  try {
    return katexModule().renderToString(body, { displayMode: false, throwOnError: true, trust: false, strict: 'ignore', maxExpand: 1000, maxSize: 20, macros });
  } catch {
    return '';
  }
}

/**
 * One outline row per numbered equation. `cache` (TeX → HTML) lives as long as the panel, so a
 * re-render after an edit redraws only changed rows. A row KaTeX cannot draw (a macro the post
 * defines outside its numbered equations, a MathJax-only form) shows its source, as a row did before.
 */
export function outlineEquations(equations: RenderedEquation[], userMacros: Readonly<Record<string, string>>, cache: Map<string, string>): OutlineEquation[] {
  const numbered = equations.filter((e) => e.number);
  // Definitions inside numbered displays hold for the rows after them, as in the post.
  const macros: Record<string, string> = { ...userMacros };
  // The cache key of the macro state: the user's macros and the definitions run so far (KaTeX keeps
  // parsed macros in `macros`, which cannot be serialised).
  let macroKey = JSON.stringify(userMacros);
  const rows: OutlineEquation[] = [];
  for (let i = 0; i < numbered.length; ) {
    let j = i;
    while (j < numbered.length && numbered[j].tex === numbered[i].tex && numbered[j].line === numbered[i].line) j++;
    const group = numbered.slice(i, j);
    const texts = numberedRows(group[0].tex, group.length);
    group.forEach((equation, k) => {
      const tex = texts?.[k] ?? cleanRow(group[0].tex);
      const key = `${macroKey}\u0000${tex}`;
      let html = cache.get(key);
      if (html === undefined) {
        html = rowHtml(tex, macros);
        cache.set(key, html);
      }
      rows.push({ number: equation.number, html, ...(html ? {} : { tex: tex.replace(/\s+/g, ' ').slice(0, 60) }) });
      // A definition in this row holds for the rows after it: run it at top level, where KaTeX's
      // globalGroup keeps it in `macros` (inside the display's environment it would stay local).
      if (DEFINES.test(tex)) {
        macroKey += `\u0000${tex}`;
        try {
          katexModule().renderToString(tex.includes('&') ? tex.replace(/&/g, ' ') : tex, { throwOnError: false, macros, globalGroup: true, strict: 'ignore', maxExpand: 1000 });
        } catch {
          // a broken definition defines nothing; its row already shows its source
        }
      }
    });
    i = j;
  }
  return rows;
}

/**
 * A preview panel's outline rows: none until the reader first opens the outline's equation list (a
 * closed outline costs nothing), then with every render; rows drawn once are kept (TeX → KaTeX HTML)
 * across renders and posts of the panel.
 */
export class OutlineRows {
  private readonly drawn = new Map<string, string>();
  private wanted = false;

  /** The rows a render carries: undefined until the reader has asked for them. */
  of(equations: RenderedEquation[], macros: Readonly<Record<string, string>>): OutlineEquation[] | undefined {
    return this.wanted ? outlineEquations(equations, macros, this.drawn) : undefined;
  }

  /** The reader opened the list: renders carry its rows from now on. */
  want(): void {
    this.wanted = true;
  }
}
