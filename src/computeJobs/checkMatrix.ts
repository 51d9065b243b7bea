// A matrix that came over IPC, checked before any job touches it: within the limits, its data the size
// its shape says, every entry finite. Its own module: every job file uses it.
import { validateRequest } from '../core/numerics/limits';
import { type Matrix, isFiniteMatrix } from '../core/numerics/matrix';
import { ComputeError } from './errors';
import { localizable } from '../core/l10n/localizable';

export function checkMatrix(m: Matrix): void {
  validateRequest({ kind: 'pinv', rows: m.rows, cols: m.cols });
  if (m.data.length !== m.rows * m.cols) throw new ComputeError('invalid', localizable('matrix data has {0} entries, expected {1}×{2}', m.data.length, m.rows, m.cols));
  if (!isFiniteMatrix(m)) throw new ComputeError('invalid', localizable('the matrix contains NaN or ∞'));
}
