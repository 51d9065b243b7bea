// Symbols of a formula from KaTeX's own parse tree (`katex.__parse`): identifiers (letters, Greek)
// with their fonts and accents (`\boldsymbol{M}`, `\mathcal{L}`, `\hat{x}`) and subscripts (`x_t`,
// `L_{avg}`), written back as canonical TeX so that `x_{t}` and `x_t` are one symbol. A superscript
// is a power or a transpose, not part of the name. Reading TeX with a regex instead would mistake
// `\frac{a}{b}` braces and `\text{…}` words for symbols.

import { katexModule } from '../render/katexModule';

/** A parse node, as far as we read it (KaTeX's node types are not exported). */
interface ParseNode {
  type: string;
  text?: string;
  font?: string;
  label?: string;
  family?: string;
  body?: ParseNode | ParseNode[] | ParseNode[][];
  base?: ParseNode | null;
  sub?: ParseNode | null;
  sup?: ParseNode | null;
  loc?: { start: number; end: number } | null;
  [key: string]: unknown;
}

const GREEK_OR_LETTER = /^(?:[A-Za-z]|\\(?:alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|vartheta|iota|kappa|lambda|mu|nu|xi|pi|varpi|rho|varrho|sigma|varsigma|tau|upsilon|phi|varphi|chi|psi|omega|Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Upsilon|Phi|Psi|Omega|ell))$/;
const CAPITAL_GREEK = /^\\(?:Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Upsilon|Phi|Psi|Omega)$/;
const FONTS = new Set(['boldsymbol', 'mathbf', 'bm', 'mathcal', 'mathbb', 'mathrm', 'mathit', 'mathsf', 'mathfrak', 'mathscr']);
/** Relations that define what stands on their left. */
export const DEFINING_RELATIONS = new Set(['=', ':=', '\\triangleq', '\\equiv', '\\coloneqq', '\\stackrel{\\text{def}}{=}', '\\overset{\\text{def}}{=}', '\\doteq']);

/** Superscripts that are part of a symbol's name (A^{\dagger}, x^*, f', A^{(k)}), not an operation on it. */
const NAMING_SUPERSCRIPT = /^(?:\\dagger|\\ast|\*|\\star|\\prime|'|\\natural|\([a-z0-9]\))$/;

export type KatexMacros = Record<string, string>;

/** The parse tree of `tex`, or undefined where KaTeX cannot read it. */
export function parseTex(tex: string, macros: KatexMacros = {}, displayMode = false): ParseNode[] | undefined {
  try {
    // `__parse` is KaTeX's documented-as-internal entry to its parser (the tree its renderer draws).
    return (katexModule() as unknown as { __parse: (tex: string, settings: object) => ParseNode[] }).__parse(tex, { strict: 'ignore', trust: false, throwOnError: true, macros: { ...macros }, maxExpand: 1000, displayMode });
  } catch {
    return undefined;
  }
}

function single(node: ParseNode | ParseNode[] | ParseNode[][] | null | undefined): ParseNode | undefined {
  if (!node) return undefined;
  if (Array.isArray(node)) return node.length === 1 && !Array.isArray(node[0]) ? single(node[0]) : undefined;
  if ((node.type === 'ordgroup' || node.type === 'mclass') && Array.isArray(node.body)) return single(node.body);
  return node;
}

/** The canonical TeX of `node` when it is one symbol; undefined otherwise. */
export function symbolOf(node: ParseNode, source: string): string | undefined {
  const one = single(node);
  if (!one) return undefined;
  switch (one.type) {
    case 'mathord':
      return one.text && GREEK_OR_LETTER.test(one.text) ? one.text : undefined;
    // KaTeX sets capital Greek upright, as a textord (`\Sigma`, `\boldsymbol{\Lambda}`).
    case 'textord':
      return one.text && CAPITAL_GREEK.test(one.text) ? one.text : undefined;
    case 'font': {
      const inner = one.font && FONTS.has(one.font) ? symbolOf(one.body as ParseNode, source) : undefined;
      return inner && `\\${one.font === 'bm' || one.font === 'mathbf' ? 'boldsymbol' : one.font}{${inner}}`;
    }
    case 'accent': {
      const inner = one.base ? symbolOf(one.base, source) : undefined;
      return inner && one.label ? `${one.label}{${inner}}` : undefined;
    }
    case 'supsub': {
      const base = one.base ? symbolOf(one.base, source) : undefined;
      if (!base) return undefined;
      const sub = one.sub ? texOf(one.sub, source) : undefined;
      if (one.sub && !sub) return undefined;
      const withSub = sub === undefined ? base : sub.length === 1 ? `${base}_${sub}` : `${base}_{${sub}}`;
      // A pseudo-inverse, a conjugate or a prime names another symbol; a power or a transpose does not.
      const sup = one.sup ? texOf(one.sup, source) : undefined;
      return sup !== undefined && NAMING_SUPERSCRIPT.test(sup) ? `${withSub}^{${sup}}` : withSub;
    }
    default:
      return undefined;
  }
}

/** The source of a node, outer braces and spaces removed. */
function texOf(node: ParseNode, source: string): string | undefined {
  if (!node.loc) {
    const one = single(node);
    return one?.text;
  }
  let text = source.slice(node.loc.start, node.loc.end).trim();
  if (text.startsWith('{') && text.endsWith('}')) text = text.slice(1, -1).trim();
  // Spaces go, except the one that ends a control word (`\leq T` must not become `\leqT`).
  return text.replace(/\s+/g, ' ').replace(/(?<!\\[A-Za-z]+) /g, '');
}

/** Two or more letters in a row and nothing else: a word set upright (`\mathrm{mod}`). */
function isWord(body: ParseNode['body']): boolean {
  const nodes = Array.isArray(body) ? body : body && !Array.isArray(body) && body.type === 'ordgroup' && Array.isArray(body.body) ? body.body : [];
  return nodes.length >= 2 && (nodes as ParseNode[]).every((n) => !Array.isArray(n) && n.type === 'mathord' && /^[A-Za-z]$/.test(n.text ?? ''));
}

/** Every symbol occurrence in a formula, in order. */
export function formulaSymbols(nodes: readonly ParseNode[], source: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const node = value as ParseNode;
    if (node.type === 'text' || node.type === 'href' || node.type === 'url') return;
    // `\operatorname{diag}`, `\limsup`, `\mathrm{mod}`: the letters spell a word, they are not symbols.
    if (node.type === 'operatorname' || (node.type === 'font' && node.font === 'mathrm' && isWord(node.body))) return;
    const symbol = node.type === 'mathord' || node.type === 'textord' || node.type === 'font' || node.type === 'accent' || node.type === 'supsub' ? symbolOf(node, source) : undefined;
    if (symbol) {
      found.push(symbol);
      // A subscript is part of the name (`L_{avg}` is not L, a, v, g); a power may hold symbols.
      if (node.type === 'supsub' && !symbol.includes('^')) walk(node.sup);
      return;
    }
    for (const [key, child] of Object.entries(node)) if (key !== 'loc' && typeof child === 'object') walk(child);
  };
  walk(nodes);
  return found;
}

/**
 * The symbol a formula row defines: `X = …`, `X := …`, `X \triangleq …`, `X \equiv …`, also with
 * arguments (`f(t) = …`); undefined when the left side is anything else.
 */
export function definedSymbol(formula: readonly ParseNode[], source: string): string | undefined {
  const nodes = unboxed(formula);
  const relation = nodes.findIndex((node) => node.type === 'atom' && node.family === 'rel');
  if (relation <= 0) return undefined;
  const rel = nodes[relation];
  const next = nodes[relation + 1];
  const relText = rel.text === ':' && next?.type === 'atom' && next.text === '=' ? ':=' : (rel.text ?? '');
  if (!DEFINING_RELATIONS.has(relText)) return undefined;
  const left = nodes.slice(0, relation);
  const symbol = symbolOf(left[0], source);
  if (!symbol) return undefined;
  // `A^2 = …` says something about A, it does not define it.
  if (left[0].type === 'supsub' && left[0].sup && !symbol.includes('^')) return undefined;
  // `p = 2`, `m = n`, `\lambda_i = 0`: a value or a condition, not a definition.
  const right = nodes.slice(relText === ':=' ? relation + 2 : relation + 1);
  const end = right.findIndex((node) => node.type === 'atom' && (node.family === 'rel' || node.family === 'punct'));
  const value = end < 0 ? right : right.slice(0, end);
  if (value.length === 0 || value.every((node) => node.type === 'textord' && /^[\d.]$/.test(node.text ?? ''))) return undefined;
  // `m = n`, `\lambda_i = \lambda_j`, `k = \infty`: one symbol or sign on the right is a condition;
  // `s = \sqrt{d}`, `\bar{A} \equiv e^{\Delta A}` (one node, but an expression) are definitions.
  if (value.length === 1 && (value[0].type === 'atom' || value[0].type === 'textord' || isNumber(value[0]) || (symbolOf(value[0], source) !== undefined && !(value[0].type === 'supsub' && value[0].sup)))) return undefined;
  if (left.length === 1) return symbol;
  // `f(t)`, `p(x|y)`: the rest of the left side is one parenthesised argument list.
  const rest = left.slice(1);
  // One bracket pair around all of it: `f(t) - f(s) = …` defines nothing.
  const isOpen = (node: ParseNode): boolean => node.type === 'atom' && node.family === 'open';
  const isClose = (node: ParseNode): boolean => node.type === 'atom' && node.family === 'close';
  if (rest.length === 1) return rest[0].type === 'leftright' ? symbol : undefined;
  if (!isOpen(rest[0]) || !isClose(rest[rest.length - 1])) return undefined;
  let depth = 0;
  for (let k = 0; k < rest.length; k++) {
    if (isOpen(rest[k])) depth++;
    else if (isClose(rest[k])) depth--;
    if (depth === 0 && k < rest.length - 1) return undefined;
  }
  return symbol;
}

/** A formula drawn whole in a box (`\bbox` → `\boxed`, `\colorbox`): the nodes inside it. */
function unboxed(nodes: readonly ParseNode[]): readonly ParseNode[] {
  let inner = nodes;
  while (inner.length === 1 && ['enclose', 'styling', 'ordgroup', 'color'].includes(inner[0].type)) {
    const body = inner[0].body;
    if (!body) break;
    if (!Array.isArray(body)) inner = [body];
    else if (body.every((node) => !Array.isArray(node))) inner = body as ParseNode[];
    else break;
  }
  return inner;
}

/** A number, also set in a font (`\boldsymbol{0}`): `\boldsymbol{z} = \boldsymbol{0}` is a value. */
function isNumber(node: ParseNode): boolean {
  const one = single(node);
  if (!one) return false;
  if (one.type === 'textord') return /^[\d.]+$/.test(one.text ?? '');
  return one.type === 'font' && !!one.body && !Array.isArray(one.body) && isNumber(one.body);
}
