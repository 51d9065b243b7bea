// html2text artefacts inside math that break KaTeX, found as exact edits: `\\\` (LaTeX's row break
// `\\` with one escaping backslash too many) and `\left\\{` / `\right\\}` (an escaped brace doubled).
// The editor offers them as quick fixes where a formula fails.

import type { PostAnalysis } from './postAnalysis';
import { localizable, type Localizable } from '../l10n/localizable';

export interface TextFix {
  /** Offsets of the characters to replace: [start, end). */
  start: number;
  end: number;
  replacement: string;
  /** The quick fix's title. */
  title: Localizable;
  /** What the hint on the artefact says. */
  problem: Localizable;
}

const TRIPLE_BACKSLASH = /(?<!\\)\\\\\\(?!\\)/g;
const DOUBLED_DELIMITER_BRACE = /\\(left|right|big|Big|bigg|Bigg)\\\\([{}])/g;

/** Fixes for every artefact inside the formula covering [start, end). */
export function html2textFixesIn(analysis: PostAnalysis, start: number, end: number): TextFix[] {
  const fixes: TextFix[] = [];
  for (const formula of analysis.formulas) {
    const region = formula.region;
    if (region.end < start || region.start > end) continue;
    const raw = analysis.text.slice(region.texStart, region.texEnd);
    for (const match of raw.matchAll(TRIPLE_BACKSLASH)) {
      const at = region.texStart + (match.index ?? 0);
      fixes.push({
        start: at, end: at + 3, replacement: '\\\\',
        title: localizable('Replace html2text’s `{0}` with the row break `{1}`', '\\\\\\', '\\\\'),
        problem: localizable('html2text artefact: `{0}` where the row break `{1}` was meant', '\\\\\\', '\\\\'),
      });
    }
    for (const match of raw.matchAll(DOUBLED_DELIMITER_BRACE)) {
      const at = region.texStart + (match.index ?? 0);
      const fixed = `\\${match[1]}\\${match[2]}`;
      fixes.push({
        start: at, end: at + match[0].length, replacement: fixed,
        title: localizable('Replace html2text’s `{0}` with `{1}`', match[0], fixed),
        problem: localizable('html2text artefact: `{0}` where `{1}` was meant', match[0], fixed),
      });
    }
  }
  return fixes;
}
