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

/**
 * Labels for a linear axis's ticks that tell the ticks apart at every scale. uPlot's default keeps a
 * few decimals, so an error axis spanning ±2·10⁻⁴ read "0, 0, 0, -0, -0". The decimals follow the
 * tick step; when that would take more than 4 decimals, or the values reach 10⁶, the labels switch to
 * scientific notation with as many digits as the step needs. −0 is written 0.
 */
export function linearTickLabels(splits: readonly (number | null | undefined)[]): string[] {
  const values = splits.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (values.length === 0) return splits.map(() => '');
  let step = Infinity;
  for (let i = 1; i < values.length; i++) {
    const d = Math.abs(values[i] - values[i - 1]);
    if (d > 0) step = Math.min(step, d);
  }
  const largest = Math.max(...values.map(Math.abs));
  if (!Number.isFinite(step)) step = largest || 1;
  // Decimals that write the step exactly (0.25 needs 2, 1e-4 needs 4).
  let decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  while (decimals < 15 && Math.abs(step * 10 ** decimals - Math.round(step * 10 ** decimals)) > 1e-6) decimals++;
  const scientific = decimals > 4 || largest >= 1e6;
  // The power of ten of the step's last significant digit (−4 for 1e-4, 6 for 2e6), and from it the
  // digits after the point in scientific notation: as many as the step needs.
  let last = -decimals;
  if (decimals === 0) {
    last = Math.floor(Math.log10(step) + 1e-9);
    while (last > 0 && Math.abs(step / 10 ** last - Math.round(step / 10 ** last)) > 1e-6) last--;
  }
  const digits = Math.min(15, Math.max(0, Math.floor(Math.log10(largest || step) + 1e-9) - last));
  return splits.map((v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return '';
    // A tick that should be 0 but carries rounding (−1.7e-20 on a ±1e-4 axis) is 0.
    if (v === 0 || Math.abs(v) < step * 1e-6) return '0';
    return scientific ? v.toExponential(digits).replace(/e\+?/, 'e') : v.toFixed(decimals);
  });
}
