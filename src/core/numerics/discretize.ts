// Continuous (A, B) → discrete (Ā, B̄) with step Δ, the four rules the S4 papers use, and the
// time-varying LegS step (A/t, B/t).
import { expm } from './expm';
import { luFactor, luSolve } from './linearSolve';
import { type Matrix, add, identity, scale, zeros } from './matrix';

export type Discretization = 'euler' | 'backward' | 'bilinear' | 'zoh';
export const DISCRETIZATIONS: readonly Discretization[] = ['euler', 'backward', 'bilinear', 'zoh'];

export interface DiscreteSystem {
  readonly aBar: Matrix;
  readonly bBar: Float64Array;
}

function columnOf(b: Float64Array): Matrix {
  return { rows: b.length, cols: 1, data: new Float64Array(b) };
}

export function discretize(a: Matrix, b: Float64Array, dt: number, method: Discretization): DiscreteSystem {
  if (!(dt > 0) || !Number.isFinite(dt)) throw new Error(`step Δ must be a finite number > 0, got ${dt}`);
  const n = a.rows;
  const I = identity(n);
  switch (method) {
    case 'euler':
      // Ā = I + ΔA, B̄ = ΔB
      return { aBar: add(I, a, dt), bBar: b.map((v) => v * dt) };
    case 'backward': {
      // Ā = (I − ΔA)⁻¹, B̄ = Δ(I − ΔA)⁻¹B
      const lu = luFactor(add(I, a, -dt));
      return { aBar: luSolve(lu, I), bBar: luSolve(lu, columnOf(b)).data.map((v) => v * dt) };
    }
    case 'bilinear': {
      // Ā = (I − Δ/2·A)⁻¹(I + Δ/2·A), B̄ = Δ(I − Δ/2·A)⁻¹B
      const lu = luFactor(add(I, a, -dt / 2));
      return { aBar: luSolve(lu, add(I, a, dt / 2)), bBar: luSolve(lu, columnOf(b)).data.map((v) => v * dt) };
    }
    case 'zoh': {
      // exp(Δ·[[A, B], [0, 0]]) = [[e^{ΔA}, A⁻¹(e^{ΔA} − I)B], [0, I]]: no inverse of A needed (FouT's A is singular-ish).
      const m = zeros(n + 1, n + 1);
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < n; k++) m.data[i * (n + 1) + k] = dt * a.data[i * n + k];
        m.data[i * (n + 1) + n] = dt * b[i];
      }
      const e = expm(m);
      const aBar = zeros(n, n);
      const bBar = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < n; k++) aBar.data[i * n + k] = e.data[i * (n + 1) + k];
        bBar[i] = e.data[i * (n + 1) + n];
      }
      return { aBar, bBar };
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
