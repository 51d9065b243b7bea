// Tick choices for the result plots that uPlot's defaults get wrong for our data: log axes (ticks at
// powers of ten, written 10⁻⁸, where the default prints small values as 0) and counts (whole numbers).

/** 1, 2, 5, 10, 20, 50, … up to 5·10⁹: steps for an axis of whole numbers (iterations, indices). */
export const WHOLE_STEPS: readonly number[] = Array.from({ length: 30 }, (_, i) => [1, 2, 5][i % 3] * 10 ** Math.floor(i / 3));

export function isPowerOfTen(v: number): boolean {
  const k = Math.log10(v);
  return v > 0 && Math.abs(k - Math.round(k)) < 1e-9;
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/** 1, 10, 100 as they are; other powers of ten as 10⁻⁸, 10⁶. */
export function powerOfTenLabel(v: number): string {
  const k = Math.round(Math.log10(v));
  if (k >= 0 && k <= 2) return String(10 ** k);
  return `10${String(k).replace(/./g, (c) => SUPERSCRIPT[c] ?? c)}`;
}

/**
 * Of a log axis's candidate ticks, the powers of ten — every 2nd, 3rd … when there are more than
 * `maxLabels` — and null for the rest (uPlot's way of leaving a tick out).
 */
export function decadeTicks(splits: readonly number[], maxLabels: number): (number | null)[] {
  const step = Math.max(1, Math.ceil(splits.filter(isPowerOfTen).length / maxLabels));
  return splits.map((v) => (isPowerOfTen(v) && Math.round(Math.log10(v)) % step === 0 ? v : null));
}
