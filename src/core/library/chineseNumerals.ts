// Series parts are numbered in Chinese (`(二十三)`) or with digits (`:16、`). Both read into one integer.

const DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100 };

/** The largest part number accepted; beyond it a "numeral" is more likely noise than a part. */
export const MAX_PART = 999;

/**
 * Reads `十一` → 11, `二十` → 20, `九十九` → 99, `百` → 100, `一百零五` → 105, or plain digits.
 * Returns null for anything else (including 0), so a stray `(上)` is never taken for a number.
 */
export function parsePartNumber(text: string): number | null {
  if (/^\d{1,3}$/.test(text)) {
    const n = Number(text);
    return n >= 1 && n <= MAX_PART ? n : null;
  }
  if (!text || text.length > 8) return null;
  let total = 0;
  let pending: number | null = null;
  let lastUnit = Infinity;
  for (const ch of text) {
    if (ch === '零' || ch === '〇') {
      // A place-holder between units (一百零五); it carries no value of its own.
      if (pending !== null) return null;
    } else if (ch in DIGITS) {
      if (pending !== null) return null; // two digits in a row: not a numeral
      pending = DIGITS[ch];
    } else if (ch in UNITS) {
      const unit = UNITS[ch];
      if (unit >= lastUnit) return null; // 十百, 十十: units must fall
      total += (pending ?? 1) * unit;
      pending = null;
      lastUnit = unit;
    } else {
      return null;
    }
  }
  total += pending ?? 0;
  return total >= 1 && total <= MAX_PART ? total : null;
}

const DIGIT_NAMES = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Writes 11 → `十一`, 23 → `二十三`, 105 → `一百零五`: the blog's own style, for inferred titles. */
export function formatChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_PART) return String(n);
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  let out = hundreds ? `${DIGIT_NAMES[hundreds]}百` : '';
  if (tens) out += hundreds || tens > 1 ? `${DIGIT_NAMES[tens]}十` : '十';
  else if (hundreds && ones) out += '零';
  if (ones) out += DIGIT_NAMES[ones];
  return out;
}
