// Series are recognised from titles alone. The blog uses two styles:
//   `生成扩散模型漫谈(十一):…` / `重温SSM（二）：…`  — part in brackets, subtitle after a colon;
//   `Transformer升级之路:16、…`                      — part after a colon, subtitle after `、`.
// A part may be split into (上)/(中)/(下), which order posts within that part.
import { parsePartNumber } from './chineseNumerals';
import { toHalfWidth } from './text';

export interface SeriesTitle {
  /** Series name, half-width (`重温SSM`). */
  series: string;
  part: number;
  /** 0 without suffix; 1/2/3 for (上)/(中)/(下). */
  subPart: number;
  /** The subtitle without the (上)/(中)/(下) suffix; '' when the title names only the part. */
  rest: string;
  /** Which style the title used, so an inferred sibling title can be written the same way. */
  style: 'bracket' | 'colon';
}

/** Titles longer than this are not titles; refusing them keeps the scan cheap on garbage input. */
const MAX_TITLE_LENGTH = 200;
const MAX_SERIES_NAME_LENGTH = 60;
const SUB_PARTS: Readonly<Record<string, number>> = { 上: 1, 中: 2, 下: 3 };

/** Splits a trailing `(上)`, `(中)` or `(下)` off a subtitle. */
function splitSubPart(rest: string): { rest: string; subPart: number } {
  const match = /\(([上中下])\)\s*$/.exec(rest);
  if (!match) return { rest: rest.trim(), subPart: 0 };
  return { rest: rest.slice(0, match.index).trim(), subPart: SUB_PARTS[match[1]] };
}

function validName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_SERIES_NAME_LENGTH && !/[《》]/.test(name);
}

/** `S(十一):rest` — the first bracket whose content is a numeral, directly followed by `:` or the end. */
function parseBracketStyle(title: string): SeriesTitle | null {
  for (let open = title.indexOf('('); open > 0; open = title.indexOf('(', open + 1)) {
    const close = title.indexOf(')', open + 1);
    if (close < 0) return null;
    const part = parsePartNumber(title.slice(open + 1, close).trim());
    if (part === null) continue;
    const after = title.slice(close + 1).trim();
    if (after !== '' && !after.startsWith(':')) continue;
    const series = title.slice(0, open).trim();
    if (!validName(series)) return null;
    return { series, part, style: 'bracket', ...splitSubPart(after.replace(/^:/, '')) };
  }
  return null;
}

/** `S:16、rest` or, for an inferred title, just `S:16`. */
function parseColonStyle(title: string): SeriesTitle | null {
  const match = /^([^:]{1,60}):\s*(\d{1,3}|[零〇一二两三四五六七八九十百]{1,8})(?:、(.*))?$/s.exec(title);
  if (!match) return null;
  const part = parsePartNumber(match[2]);
  const series = match[1].trim();
  if (part === null || !validName(series)) return null;
  return { series, part, style: 'colon', ...splitSubPart(match[3] ?? '') };
}

/** Reads a series title in either style, full- or half-width; null for standalone titles. */
export function parseSeriesTitle(title: string): SeriesTitle | null {
  if (title.length > MAX_TITLE_LENGTH) return null;
  const normal = toHalfWidth(title).trim();
  return parseBracketStyle(normal) ?? parseColonStyle(normal);
}
