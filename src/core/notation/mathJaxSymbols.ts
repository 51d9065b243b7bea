// Symbols of a formula drawn by the MathJax fallback (KaTeX refused it, so KaTeX's parse tree has
// nothing to offer): read from MathJax's own parse tree (MmlNode: `mi`, `msub`, `msup`, `mover` …)
// and written back as the same canonical TeX formulaSymbols.ts gives for KaTeX's tree
// (`\boldsymbol{B}`, `x_t`, `L_{avg}`, `A^{\dagger}`, `\hat{x}`), so a symbol is one entry whichever
// engine drew it. Each symbol node is marked with `data-kx-symbol` (its TeX) and `data-kx-n` (the
// occurrence's number in the formula): MathJax's SVG output copies such attributes onto the node's
// `<g>`, which is how the preview's hover finds the symbol under the pointer. No imports: the
// renderer registers `markMathJaxSymbols` as a filter of MathJax's TeX input.

/** A MathJax MmlNode, as far as we read it (mathjax-full's types stay out of core/notation). */
export interface MmlLike {
  kind: string;
  childNodes?: readonly (MmlLike | null)[];
  isToken?: boolean;
  texClass?: number | null;
  getText?(): string;
  attributes?: { getExplicit(name: string): unknown; set(name: string, value: unknown): void };
}

export const SYMBOL_ATTRIBUTE = 'data-kx-symbol';
export const OCCURRENCE_ATTRIBUTE = 'data-kx-n';

/** MathJax's TEXCLASS.ORD and .OP. */
const ORD = 0;
const OP = 1;

const GREEK: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ϵ: 'epsilon', ε: 'varepsilon', ζ: 'zeta', η: 'eta', θ: 'theta', ϑ: 'vartheta',
  ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu', ν: 'nu', ξ: 'xi', π: 'pi', ϖ: 'varpi', ρ: 'rho', ϱ: 'varrho', σ: 'sigma',
  ς: 'varsigma', τ: 'tau', υ: 'upsilon', ϕ: 'phi', φ: 'varphi', χ: 'chi', ψ: 'psi', ω: 'omega', Γ: 'Gamma', Δ: 'Delta',
  Θ: 'Theta', Λ: 'Lambda', Ξ: 'Xi', Π: 'Pi', Σ: 'Sigma', Υ: 'Upsilon', Φ: 'Phi', Ψ: 'Psi', Ω: 'Omega',
};
/** mathvariant → the font command formulaSymbols.ts writes (`\mathbf`, `\bm` are `\boldsymbol` there too). */
const VARIANTS: Record<string, string[]> = {
  bold: ['boldsymbol'],
  'bold-italic': ['boldsymbol'],
  '-tex-calligraphic': ['mathcal'],
  '-tex-bold-calligraphic': ['boldsymbol', 'mathcal'],
  script: ['mathscr'],
  'double-struck': ['mathbb'],
  fraktur: ['mathfrak'],
  'sans-serif': ['mathsf'],
};
/** The accent's character over the base → the accent command. */
const ACCENTS: Record<string, string> = {
  '^': 'hat', ˆ: 'hat', '¯': 'bar', ˉ: 'bar', '~': 'tilde', '˜': 'tilde', '→': 'vec', '⃗': 'vec', '˙': 'dot', '¨': 'ddot', ˇ: 'check', '˘': 'breve', '´': 'acute', '`': 'grave',
};
/** Operators as they are written in a sub- or superscript. */
const OPERATORS: Record<string, string> = {
  '−': '-', '-': '-', '+': '+', ',': ',', '=': '=', '(': '(', ')': ')', '[': '[', ']': ']', ':': ':', '|': '|', '/': '/', '.': '.',
  '′': '\\prime', '∗': '*', '*': '*', '†': '\\dagger', '⋆': '\\star', '×': '\\times', '⋅': '\\cdot', '∞': '\\infty', '⊤': '\\top', '⊥': '\\perp',
  '♮': '\\natural', '≤': '\\leq', '≥': '\\geq', '<': '<', '>': '>', '∼': '\\sim', '→': '\\to', '∈': '\\in', '∣': '|',
};
/** Superscripts that are part of a symbol's name (as formulaSymbols.ts's NAMING_SUPERSCRIPT). */
const NAMING_SUPERSCRIPT = /^(?:\\dagger|\\ast|\*|\\star|\\prime|'|\\natural|\([a-z0-9]\))$/;

function children(node: MmlLike): MmlLike[] {
  return (node.childNodes ?? []).filter((c): c is MmlLike => c !== null && c.kind !== 'text');
}

function text(node: MmlLike): string {
  return node.getText?.() ?? '';
}

function variant(node: MmlLike): string | undefined {
  const value = node.attributes?.getExplicit('mathvariant');
  return typeof value === 'string' ? value : undefined;
}

/** A TeXAtom of class ORD (`{x}`, `\boldsymbol{…}`) or an mrow holding one node: that node. */
function unwrap(node: MmlLike): MmlLike | undefined {
  let current = node;
  for (;;) {
    const inner = children(current);
    const wrapper = current.kind === 'inferredMrow' || current.kind === 'mrow' || (current.kind === 'TeXAtom' && (current.texClass ?? ORD) === ORD);
    if (!wrapper) return current;
    if (inner.length !== 1) return undefined;
    current = inner[0];
  }
}

/** The canonical TeX of an identifier: a letter or a Greek letter in its font; undefined for a word. */
function identifier(node: MmlLike): string | undefined {
  const value = text(node);
  const greek = GREEK[value];
  const name = greek ? `\\${greek}` : /^[A-Za-z]$/.test(value) ? value : undefined;
  if (!name) return undefined;
  const mv = variant(node);
  // Capital Greek is upright by default (mathvariant normal), a Latin letter upright only in \mathrm.
  if (mv === undefined || mv === 'italic' || (mv === 'normal' && greek)) return name;
  if (mv === 'normal') return `\\mathrm{${name}}`;
  const fonts = VARIANTS[mv];
  return fonts ? fonts.reduceRight((inner, font) => `\\${font}{${inner}}`, name) : undefined;
}

/** The canonical TeX of `node` when it is one symbol (as formulaSymbols.ts's symbolOf). */
export function mmlSymbolOf(node: MmlLike): string | undefined {
  const one = unwrap(node);
  if (!one) return undefined;
  switch (one.kind) {
    case 'mi':
      return identifier(one);
    case 'mover': {
      const [base, over] = children(one);
      const accent = over && over.kind === 'mo' ? ACCENTS[text(over)] : undefined;
      const inner = base && accent ? mmlSymbolOf(base) : undefined;
      return inner && `\\${accent}{${inner}}`;
    }
    case 'msub':
    case 'msup':
    case 'msubsup': {
      const parts = children(one);
      const base = parts[0] ? mmlSymbolOf(parts[0]) : undefined;
      if (!base) return undefined;
      const subNode = one.kind === 'msup' ? undefined : parts[1];
      const supNode = one.kind === 'msub' ? undefined : one.kind === 'msup' ? parts[1] : parts[2];
      const sub = subNode ? texOf(subNode) : undefined;
      if (subNode && !sub) return undefined;
      const withSub = sub === undefined ? base : sub.length === 1 ? `${base}_${sub}` : `${base}_{${sub}}`;
      const sup = supNode ? texOf(supNode) : undefined;
      return sup !== undefined && NAMING_SUPERSCRIPT.test(sup) ? `${withSub}^{${sup}}` : withSub;
    }
    default:
      return undefined;
  }
}

/** The TeX a sub- or superscript was written as, near enough to match its source; undefined when unsure. */
function texOf(node: MmlLike): string | undefined {
  const pieces = piecesOf(node);
  if (!pieces || pieces.length === 0) return undefined;
  let out = '';
  for (const piece of pieces) {
    // A space only where a control word would otherwise run into a letter (`\leq T`).
    if (/\\[A-Za-z]+$/.test(out) && /^[A-Za-z]/.test(piece)) out += ' ';
    out += piece;
  }
  return out;
}

function piecesOf(node: MmlLike): string[] | undefined {
  switch (node.kind) {
    case 'inferredMrow':
    case 'mrow':
    case 'TeXAtom': {
      const out: string[] = [];
      for (const child of children(node)) {
        const inner = piecesOf(child);
        if (!inner) return undefined;
        out.push(...inner);
      }
      return out;
    }
    case 'mi': {
      const one = identifier(node);
      if (one) return [one];
      // `\max`, `\log` set as operator names; a run of letters in a font (`\mathrm{avg}`).
      const value = text(node);
      if (node.texClass === OP && /^[a-z]+$/.test(value)) return [`\\${value}`];
      if (OPERATORS[value] !== undefined) return [OPERATORS[value]];
      if (/^[A-Za-z]+$/.test(value)) return variant(node) === 'normal' ? [`\\mathrm{${value}}`] : [value];
      return undefined;
    }
    case 'mn':
      return [text(node)];
    case 'mo': {
      const value = text(node);
      if (node.texClass === OP && /^[a-z]+$/.test(value)) return [`\\${value}`];
      const op = OPERATORS[value];
      return op === undefined ? undefined : [op];
    }
    case 'mtext':
      return [`\\text{${text(node)}}`];
    case 'msub':
    case 'msup':
    case 'msubsup':
    case 'mover': {
      const symbol = mmlSymbolOf(node);
      if (symbol && node.kind !== 'msup' && node.kind !== 'msubsup') return [symbol];
      const parts = children(node);
      const base = parts[0] ? texOf(parts[0]) : undefined;
      if (!base || node.kind === 'mover') return symbol ? [symbol] : undefined;
      const sub = node.kind === 'msup' ? undefined : parts[1] && texOf(parts[1]);
      const sup = node.kind === 'msub' ? undefined : node.kind === 'msup' ? parts[1] && texOf(parts[1]) : parts[2] && texOf(parts[2]);
      const brace = (s: string): string => (s.length === 1 ? s : `{${s}}`);
      return [`${base}${sub ? `_${brace(sub)}` : ''}${sup ? `^${brace(sup)}` : ''}`];
    }
    default:
      return undefined;
  }
}

function mark(node: MmlLike, tex: string, occurrence: number): void {
  node.attributes?.set(SYMBOL_ATTRIBUTE, tex);
  node.attributes?.set(OCCURRENCE_ATTRIBUTE, String(occurrence));
}

/**
 * Every symbol occurrence of the formula, in order, each node marked. A subscript is part of the
 * name; a power is not, and may hold symbols of its own: then the base and the subscript are marked
 * (not the whole, which would claim the power's glyphs too).
 */
export function markMathJaxSymbols(root: MmlLike): string[] {
  const found: string[] = [];
  const walk = (node: MmlLike): void => {
    // `\text{…}`, `\operatorname{diag}`, words: no symbols.
    if (node.kind === 'mtext' || (node.kind === 'mi' && text(node).length > 1)) return;
    const candidate = node.kind === 'mi' || node.kind === 'mover' || node.kind === 'msub' || node.kind === 'msup' || node.kind === 'msubsup' || (node.kind === 'TeXAtom' && (node.texClass ?? ORD) === ORD);
    const symbol = candidate ? mmlSymbolOf(node) : undefined;
    if (symbol) {
      const occurrence = found.length;
      found.push(symbol);
      const parts = children(node);
      const power = (node.kind === 'msup' || node.kind === 'msubsup') && !symbol.includes('^');
      if (!power) {
        mark(node, symbol, occurrence);
        return;
      }
      mark(parts[0], symbol, occurrence);
      if (node.kind === 'msubsup' && parts[1]) mark(parts[1], symbol, occurrence);
      const sup = node.kind === 'msup' ? parts[1] : parts[2];
      if (sup) walk(sup);
      return;
    }
    for (const child of children(node)) walk(child);
  };
  walk(root);
  return found;
}

/** MathJax's TEXCLASS.REL, .OPEN, .CLOSE, .PUNCT, .INNER. */
const REL = 3;
const OPEN = 4;
const CLOSE = 5;
const PUNCT = 6;
const INNER = 7;
/** Relations that define what stands on their left (formulaSymbols.ts's DEFINING_RELATIONS, as MathJax writes them). */
const DEFINING = new Set(['=', ':=', '≜', '≡', '≔', '≐']);

/** The top-level nodes of a formula's tree (`math` → its inferred row). */
function topLevel(root: MmlLike): MmlLike[] {
  let nodes = children(root);
  while (nodes.length === 1 && (nodes[0].kind === 'inferredMrow' || (nodes[0].kind === 'mrow' && (nodes[0].texClass ?? ORD) !== INNER))) nodes = children(nodes[0]);
  return nodes;
}

const isMo = (node: MmlLike, texClass: number): boolean => node.kind === 'mo' && node.texClass === texClass;

/**
 * The symbol a formula MathJax parsed defines (formulaSymbols.ts's definedSymbol on MathJax's tree):
 * `X = …`, `X := …`, `X \triangleq …`, `X \equiv …`, also `f(t) = …`; undefined for anything else
 * (`p = 2`, `m = n`, `A^2 = …`, `f(a) - f(b) = …`).
 */
export function mmlDefinedSymbol(root: MmlLike): string | undefined {
  const nodes = topLevel(root);
  const relation = nodes.findIndex((node) => isMo(node, REL));
  if (relation <= 0) return undefined;
  const colonEquals = text(nodes[relation]) === ':' && nodes[relation + 1] !== undefined && isMo(nodes[relation + 1], REL) && text(nodes[relation + 1]) === '=';
  const relText = colonEquals ? ':=' : text(nodes[relation]);
  if (!DEFINING.has(relText)) return undefined;
  const left = nodes.slice(0, relation);
  const symbol = mmlSymbolOf(left[0]);
  if (!symbol) return undefined;
  const head = unwrap(left[0]);
  if ((head?.kind === 'msup' || head?.kind === 'msubsup') && !symbol.includes('^')) return undefined;
  const right = nodes.slice(colonEquals ? relation + 2 : relation + 1);
  const end = right.findIndex((node) => isMo(node, REL) || isMo(node, PUNCT));
  const value = end < 0 ? right : right.slice(0, end);
  if (value.length === 0 || value.every((node) => node.kind === 'mn')) return undefined;
  if (value.length === 1) {
    const one = unwrap(value[0]) ?? value[0];
    const power = one.kind === 'msup' || one.kind === 'msubsup';
    if (one.kind === 'mo' || one.kind === 'mn' || (mmlSymbolOf(one) !== undefined && !power)) return undefined;
  }
  if (left.length === 1) return symbol;
  const rest = left.slice(1);
  // `\left( … \right)` is one inner row.
  if (rest.length === 1) return (rest[0].texClass ?? ORD) === INNER ? symbol : undefined;
  if (!isMo(rest[0], OPEN) || !isMo(rest[rest.length - 1], CLOSE)) return undefined;
  let depth = 0;
  for (let k = 0; k < rest.length; k++) {
    if (isMo(rest[k], OPEN)) depth++;
    else if (isMo(rest[k], CLOSE)) depth--;
    if (depth === 0 && k < rest.length - 1) return undefined;
  }
  return symbol;
}
