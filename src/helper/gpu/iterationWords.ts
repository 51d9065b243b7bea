// Counts inside the GPU notes as words of their own, so that one iteration is not "1 iterations".
import { localizable, type Localizable } from '../../core/l10n/localizable';

/** "1 f32 iteration" / "5 f32 iterations" (the GPU phase). */
export function f32Iterations(n: number): Localizable {
  return n === 1 ? localizable('1 f32 iteration') : localizable('{0} f32 iterations', n);
}

/** "1 f64 step" / "3 f64 steps" (the CPU finish). */
export function f64Steps(n: number): Localizable {
  return n === 1 ? localizable('1 f64 step') : localizable('{0} f64 steps', n);
}
