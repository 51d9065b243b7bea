// Calendar arithmetic for year inference: a post known only by month/day, placed after (or before) a
// fully dated one, lands on the first (or last) year where that month/day is on the right side.

export interface FullDate {
  year: number;
  month: number;
  day: number;
}

const MS_PER_DAY = 86_400_000;
/** 29 Feb needs a leap year; eight years always contain one. */
const YEAR_SEARCH = 8;

export function isValidDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export function dayNumber(date: FullDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / MS_PER_DAY;
}

/** The earliest date on or after `bound` that falls on month/day. */
export function onOrAfter(bound: FullDate, month: number, day: number): FullDate | null {
  for (let year = bound.year; year <= bound.year + YEAR_SEARCH; year++) {
    const date = { year, month, day };
    if (isValidDate(year, month, day) && dayNumber(date) >= dayNumber(bound)) return date;
  }
  return null;
}

/** The latest date on or before `bound` that falls on month/day. */
export function onOrBefore(bound: FullDate, month: number, day: number): FullDate | null {
  for (let year = bound.year; year >= bound.year - YEAR_SEARCH; year--) {
    const date = { year, month, day };
    if (isValidDate(year, month, day) && dayNumber(date) <= dayNumber(bound)) return date;
  }
  return null;
}

export function formatIsoDate(date: FullDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}
