// Continuous (A, B) → discrete (Ā, B̄) with step Δ, the four rules the S4 papers use, and the
// time-varying LegS step (A/t, B/t).
import { ExpmRangeError, zohExponential } from './expm';
import { luFactor, luSolve } from './linearSolve';
import { type Matrix, add, identity, norm1, scale } from './matrix';
import { localizable } from '../l10n/localizable';
import { WordedError } from '../l10n/wordedError';

export type Discretization = 'euler' | 'backward' | 'bilinear' | 'zoh';
export const DISCRETIZATIONS: readonly Discretization[] = ['euler', 'backward', 'bilinear', 'zoh'];

export interface DiscreteSystem {
  readonly aBar: Matrix;
  readonly bBar: Float64Array;
}

function columnOf(b: Float64Array): Matrix {
  return { rows: b.length, cols: 1, data: new Float64Array(b) };
}

/** A step the rule cannot turn into a discrete system in double precision; the message says what to change. */
export class DiscretizationError extends WordedError {
  override readonly name = 'DiscretizationError';
}

function finiteOrRefuse(system: DiscreteSystem, method: Discretization, dt: number): DiscreteSystem {
  if (system.aBar.data.every(Number.isFinite) && system.bBar.every(Number.isFinite)) return system;
  throw new DiscretizationError(localizable('{0} with Δ = {1} overflows double precision (Ā or B̄ has entries beyond ±1.8e308): choose a smaller Δ', method, dt));
}

/**
 * Steps with Δ·‖A‖ > 1 are computed in a form that stays in range for any finite Δ: (I − hA) = h(I/h − A),
 * so Ā = (I/h − A)⁻¹(I/h + A) and B̄ = 2(I/h − A)⁻¹B for the bilinear rule (→ −I and −2A⁻¹B as Δ → ∞),
 * and Ā = (I/Δ − A)⁻¹/Δ, B̄ = (I/Δ − A)⁻¹B for the backward rule. Forward Euler's I + ΔA has no such
 * form: when it overflows it is refused.
 */
export function discretize(a: Matrix, b: Float64Array, dt: number, method: Discretization): DiscreteSystem {
  if (!(dt > 0) || !Number.isFinite(dt)) throw new DiscretizationError(localizable('step Δ must be a finite number > 0, got {0}', dt));
  const n = a.rows;
  const I = identity(n);
  const large = (h: number) => h * norm1(a) > 1;
  switch (method) {
    case 'euler':
      // Ā = I + ΔA, B̄ = ΔB
      return finiteOrRefuse({ aBar: add(I, a, dt), bBar: b.map((v) => v * dt) }, method, dt);
    case 'backward': {
      // Ā = (I − ΔA)⁻¹, B̄ = Δ(I − ΔA)⁻¹B
      if (large(dt)) {
        const lu = luFactor(add(scale(I, 1 / dt), a, -1));
        return finiteOrRefuse({ aBar: scale(luSolve(lu, I), 1 / dt), bBar: luSolve(lu, columnOf(b)).data }, method, dt);
      }
      const lu = luFactor(add(I, a, -dt));
      return finiteOrRefuse({ aBar: luSolve(lu, I), bBar: luSolve(lu, columnOf(b)).data.map((v) => v * dt) }, method, dt);
    }
    case 'bilinear': {
      // Ā = (I − Δ/2·A)⁻¹(I + Δ/2·A), B̄ = Δ(I − Δ/2·A)⁻¹B
      const h = dt / 2;
      if (large(h)) {
        const lu = luFactor(add(scale(I, 1 / h), a, -1));
        return finiteOrRefuse({ aBar: luSolve(lu, add(scale(I, 1 / h), a)), bBar: luSolve(lu, columnOf(b)).data.map((v) => 2 * v) }, method, dt);
      }
      const lu = luFactor(add(I, a, -h));
      return finiteOrRefuse({ aBar: luSolve(lu, add(I, a, h)), bBar: luSolve(lu, columnOf(b)).data.map((v) => v * dt) }, method, dt);
    }
    case 'zoh':
      try {
        return finiteOrRefuse(zohExponential(a, b, dt), method, dt);
      } catch (error) {
        if (error instanceof ExpmRangeError) throw new DiscretizationError(error.words);
        throw error;
      }
    default:
      throw new Error(`unknown discretization "${String(method)}": use ${DISCRETIZATIONS.join(', ')}`);
  }
}

/** LegS is time-varying: at time t the system is (A/t, B/t), discretised with step Δ. */
export function discretizeAt(a: Matrix, b: Float64Array, t: number, dt: number, method: Discretization): DiscreteSystem {
  if (!(t > 0)) throw new Error(`time t must be > 0, got ${t}`);
  return discretize(scale(a, 1 / t), b.map((v) => v / t), dt, method);
}
