// Which rendered glyphs of a KaTeX formula are which symbol. KaTeX keeps no source positions in its
// output, and `trust: false` rules out tagging glyphs with \htmlData, so a symbol is recognised by what
// it draws: the characters of its glyphs in document order, each with its font (`x_t` draws x and t in
// math italic, `\boldsymbol{W}_k` a bold W and an italic k, `\hat{y}` a y and a ^). The host computes
// this signature for each symbol of the post by rendering the symbol alone with the same KaTeX; the
// page computes it for the elements around the glyph under the pointer and takes the outermost one
// whose signature is a symbol's (so hovering the t of x_t finds x_t, not t). Both sides walk the same
// tree shape — KaTeX's render tree on the host, the DOM it becomes in the page — through `GlyphTree`.
// Pure: no DOM, no KaTeX import (the preview page bundles this file).

/** How to read a node of either tree: an element has classes and children, a text node only text. */
export interface GlyphTree<N> {
  classes(node: N): readonly string[];
  /** The text of a text node; undefined for an element. */
  text(node: N): string | undefined;
  children(node: N): Iterable<N>;
}

/** Font classes KaTeX puts on glyphs, folded where symbolOf folds the TeX (\mathbf is \boldsymbol). */
const FONT: Readonly<Record<string, string>> = {
  mathnormal: 'i',
  mathit: 'i',
  boldsymbol: 'b',
  mathbf: 'b',
  mathrm: 'r',
  mathcal: 'c',
  mathbb: 'B',
  mathfrak: 'f',
  mathscr: 's',
  mathsf: 'S',
  mathtt: 't',
  mathboldsf: 'T',
  mathitsf: 'I',
};

/** Zero-width spaces KaTeX puts in every vlist for Safari, and blanks: they draw nothing. */
const INVISIBLE = /[\s\u200b]/gu;

/** Stop collecting beyond this many glyphs: no symbol draws more, and a whole formula must not be read on every hover. */
export const MAX_SIGNATURE_GLYPHS = 24;

/**
 * The glyph signature of `node`'s subtree: each visible character with the font of the nearest
 * element (inside the subtree) that names one; undefined when it draws more than MAX_SIGNATURE_GLYPHS.
 */
export function glyphSignature<N>(tree: GlyphTree<N>, node: N, mark = ''): string | undefined {
  const parts: string[] = [];
  const walk = (current: N, font: string, role: string): boolean => {
    const text = tree.text(current);
    if (text !== undefined) {
      for (const char of text.replace(INVISIBLE, '')) {
        parts.push(`${role}${char}${font}`);
        if (parts.length > MAX_SIGNATURE_GLYPHS) return false;
      }
      return true;
    }
    const classes = tree.classes(current);
    let own = font;
    for (const name of classes) {
      if (FONT[name] !== undefined) {
        own = FONT[name];
        break;
      }
    }
    // A subscript and a superscript draw the same glyphs: λ_d is not λ^d.
    if (classes.includes('msupsub')) {
      const roles = scriptRoles(tree, current);
      for (const [entry, entryRole] of roles) if (!walk(entry, own, entryRole)) return false;
      return true;
    }
    for (const child of tree.children(current)) if (!walk(child, own, role)) return false;
    return true;
  };
  return walk(node, '', mark) ? parts.join(' ') : undefined;
}

/** The glyph signature of a formula's top-level pieces together (a symbol rendered alone: the children of its `.base` spans, struts draw nothing). */
export function signatureOfPieces<N>(tree: GlyphTree<N>, pieces: Iterable<N>): string | undefined {
  const parts: string[] = [];
  for (const piece of pieces) {
    const signature = glyphSignature(tree, piece);
    if (signature === undefined) return undefined;
    if (signature !== '') parts.push(signature);
  }
  return parts.join(' ');
}

/** Whether a glyph under the pointer is worth a popup when no symbol matches (a letter, not `+` or a digit). */
export function isLetterGlyph(text: string): boolean {
  return /\p{L}/u.test(text);
}

/**
 * The signatures an element on the path may stand for. A symbol's name takes its subscript but not
 * its power (`x_t^2` is x_t squared), and KaTeX draws both in one `.msupsub` — the subscript first,
 * the superscript second when there are both. So an element with a `.msupsub` child also stands for
 * its base with the subscript only, and for its base alone — but only when the glyph under the
 * pointer is not in the part left out (hovering the n of x^n must not find x).
 */
function signaturesOf<N>(tree: GlyphTree<N>, node: N, path: readonly N[]): string[] | undefined {
  const full = glyphSignature(tree, node);
  if (full === undefined) return undefined;
  const found = [full];
  const children = [...tree.children(node)];
  const scripts = children.find((c) => tree.classes(c).includes('msupsub'));
  if (scripts === undefined) return found;
  const base = signatureOfPieces(tree, children.filter((c) => c !== scripts));
  if (base === undefined || base === '') return found;
  const entries = scriptEntries(tree, scripts);
  if (entries.length >= 2 && !entries.slice(1).some((e) => path.includes(e))) {
    const sub = glyphSignature(tree, entries[0], '_');
    if (sub) found.push(`${base} ${sub}`);
  }
  if (!path.includes(scripts)) found.push(base);
  return found;
}

/** The rows of a `.msupsub`'s vlist (subscript, then superscript). */
function scriptEntries<N>(tree: GlyphTree<N>, scripts: N): N[] {
  const queue = [scripts];
  while (queue.length > 0) {
    const current = queue.shift() as N;
    if (tree.classes(current).includes('vlist')) return [...tree.children(current)].filter((c) => tree.text(c) === undefined);
    for (const child of tree.children(current)) if (tree.text(child) === undefined) queue.push(child);
  }
  return [];
}

/**
 * Each row of a `.msupsub` with its role, `_` or `^`. With both, KaTeX stacks the subscript first; a
 * lone subscript hangs below the baseline, which KaTeX's vlist marks with a second row (`vlist-t2`),
 * a lone superscript does not.
 */
function scriptRoles<N>(tree: GlyphTree<N>, scripts: N): [N, string][] {
  const entries = scriptEntries(tree, scripts);
  if (entries.length >= 2) return entries.map((e, k) => [e, k === 0 ? '_' : '^']);
  const table = [...tree.children(scripts)].find((c) => tree.classes(c).includes('vlist-t'));
  const lowered = table !== undefined && tree.classes(table).includes('vlist-t2');
  return entries.map((e) => [e, lowered ? '_' : '^']);
}

/**
 * The symbol drawn around a glyph: `path` runs from the glyph's element outwards to the formula's
 * line piece (exclusive); `bySignature` maps signatures to symbol indexes; `preferred` are this
 * formula's symbols (one of them wins a tie). The outermost matching element is taken. KaTeX draws
 * letters of one font side by side as one text (`nm` in \mathcal{O}(nmr)): `char`, the character
 * under the pointer, then stands for itself in its element's font.
 */
export function symbolAround<N>(
  tree: GlyphTree<N>,
  path: readonly N[],
  bySignature: ReadonlyMap<string, readonly number[]>,
  preferred?: ReadonlySet<number>,
  char?: string,
): { node: N; symbol: number; signature: string } | undefined {
  let found: { node: N; symbol: number; signature: string } | undefined;
  const pick = (candidates: readonly number[]): number => candidates.find((c) => preferred?.has(c)) ?? candidates[0];
  for (let k = 0; k < path.length; k++) {
    let signatures = signaturesOf(tree, path[k], path);
    if (signatures === undefined) break; // larger elements only draw more
    if (k === 0 && char !== undefined) {
      const tokens = signatures[0].split(' ');
      if (tokens.length > 1) {
        const own = tokens.find((t) => t.startsWith(char));
        signatures = own ? [own] : [];
      }
    }
    for (const signature of signatures) {
      const candidates = signature ? bySignature.get(signature) : undefined;
      if (candidates && candidates.length > 0) {
        found = { node: path[k], symbol: pick(candidates), signature };
        break;
      }
    }
  }
  return found;
}
