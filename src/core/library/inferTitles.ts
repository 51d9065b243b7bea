// An untitled digest entry gets a title only when its own text says which post it is: it opens by
// citing the previous part of a series (`上一篇文章《S(k):…》中…`, `在《S(k):…》中,笔者…`). It is then
// part k+1 of S. The subtitle is unknown, so the title is just `S(k+1)`; the citation is the evidence.
import { formatChineseNumeral } from './chineseNumerals';
import { monthDayCompatible, type MergedEntries } from './mergeDuplicates';
import { parseSeriesTitle, type SeriesTitle } from './seriesTitle';
import { titleKey, toHalfWidth } from './text';

/** `上一篇文章《…》中` (also `在上一篇文章…`, `书接上文,在上一篇文章…`) at the very start. */
const PREVIOUS_ARTICLE = /^(?:书接上文[,，]\s*)?在?(?:上一篇文章|上一篇|上篇文章)《([^《》\n]{1,120})》中/;
/** `在《…》中,笔者…` / `《…》中,我们…`: the author recalling his own previous article. */
const RECALLED_ARTICLE = /^在?《([^《》\n]{1,120})》中[,，]\s*(?:笔者|我们)/;

export interface InferredTitle {
  title: string;
  evidence: string;
  cited: SeriesTitle;
}

/** Reads the citation at the start of an opening and names the part that follows the cited one. */
export function inferTitleFromOpening(opening: string): InferredTitle | null {
  const text = opening.trim();
  const match = PREVIOUS_ARTICLE.exec(text) ?? RECALLED_ARTICLE.exec(text);
  if (!match) return null;
  const cited = parseSeriesTitle(match[1]);
  if (!cited) return null;
  const next = cited.part + 1;
  const digits = /\(\s*\d+\s*\)|:\s*\d+/.test(toHalfWidth(match[1]));
  const title =
    cited.style === 'colon'
      ? `${cited.series}:${next}`
      : `${cited.series}(${digits ? String(next) : formatChineseNumeral(next)})`;
  return { title, evidence: match[0], cited };
}

function seriesPart(title: string | null): { key: string; part: number } | null {
  const parsed = title ? parseSeriesTitle(title) : null;
  return parsed ? { key: titleKey(parsed.series), part: parsed.part } : null;
}

/**
 * Gives untitled groups the title their citation implies. When the library already holds that part
 * (a titled post of the same series and part, with no contradicting date), the entry joins it instead.
 */
export function inferTitles(groups: readonly MergedEntries[]): MergedEntries[] {
  const result: MergedEntries[] = groups.filter((g) => g.title !== null);
  for (const group of groups) {
    if (group.title !== null) continue;
    const inferred = group.entries.map((e) => inferTitleFromOpening(e.opening)).find((t) => t !== null);
    if (!inferred) {
      result.push(group);
      continue;
    }
    const wanted = seriesPart(inferred.title)!;
    const candidates = result.filter((g) => {
      const sp = seriesPart(g.title);
      return sp && sp.key === wanted.key && sp.part === wanted.part && monthDayCompatible(g.entries, group.entries);
    });
    if (candidates.length === 1) {
      candidates[0].entries.push(...group.entries);
      continue;
    }
    result.push({ ...group, title: inferred.title, titleInferred: true, titleEvidence: { evidence: inferred.evidence } });
  }
  return result;
}
