// HiPPO (A, B) against the state-spaces/s4 `transition` code run in numpy at test time (or the
// closed forms when numpy is absent), discretisations, and the S4 kernel.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { legsGbtStep } from '../../../src/core/numerics/approximate';
import { discretize, discretizeAt } from '../../../src/core/numerics/discretize';
import { expm } from '../../../src/core/numerics/expm';
import { transition } from '../../../src/core/numerics/hippo';
import { s4Kernel, s4KernelNaive } from '../../../src/core/numerics/kernel';
import { type Matrix, add, identity, matVec, multiply } from '../../../src/core/numerics/matrix';
import { fromNested, hasNumpy, numpy, rowsOf } from './reference';

// The body of s4's transition() for these measures (src/models/hippo/hippo.py), verbatim in numpy.
const S4_TRANSITION = `
def transition(measure, N):
    if measure == 'lagt':
        A = np.eye(N) / 2 - np.tril(np.ones((N, N)))
        B = 1.0 * np.ones((N, 1))
    elif measure == 'legt':
        Q = np.arange(N, dtype=np.float64)
        R = (2*Q + 1) ** .5
        j, i = np.meshgrid(Q, Q)
        A = R[:, None] * np.where(i < j, (-1.)**(i-j), 1) * R[None, :]
        B = R[:, None]
        A = -A
        A *= 0.5
        B *= 0.5
    elif measure == 'legs':
        q = np.arange(N, dtype=np.float64)
        col, row = np.meshgrid(q, q)
        r = 2 * q + 1
        M = -(np.where(row >= col, r, 0) - np.diag(q))
        T = np.sqrt(np.diag(2 * q + 1))
        A = T @ M @ np.linalg.inv(T)
        B = np.diag(T)[:, None]
    elif measure == 'fout':
        freqs = np.arange(N//2)
        d = np.stack([np.zeros(N//2), freqs], axis=-1).reshape(-1)[1:]
        A = np.pi*(-np.diag(d, 1) + np.diag(d, -1))
        B = np.zeros(N)
        B[0::2] = 2**.5
        B[0] = 1
        A = A - B[:, None] * B[None, :]
        B = B[:, None]
    return A, B
`;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

for (const measure of ['legs', 'legt', 'lagt', 'fout'] as const) {
  const sizes = measure === 'fout' ? [2, 8, 64] : [1, 2, 7, 64];
  test(`${measure}: A and B match s4's transition() to 1e-13 (N = ${sizes.join(', ')})`, () => {
    for (const n of sizes) {
      const ours = transition(measure, n);
      if (hasNumpy()) {
        const ref = numpy<{ A: number[][]; B: number[] }>(`${S4_TRANSITION}\nA, B = transition(inp['m'], inp['n'])\nout = {'A': A.tolist(), 'B': B[:, 0].tolist()}`, { m: measure, n });
        const scale = Math.max(1, ...ref.A.flat().map(Math.abs));
        assert.ok(maxAbsDiff(ours.a.data, ref.A.flat()) <= 1e-13 * scale, `${measure} N=${n} A`);
        assert.ok(maxAbsDiff(ours.b, ref.B) <= 1e-13, `${measure} N=${n} B`);
      } else {
        closedForm(measure, ours.a, ours.b);
      }
    }
  });
}

function closedForm(measure: string, a: Matrix, b: Float64Array): void {
  const n = a.rows, r = (k: number) => Math.sqrt(2 * k + 1);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
    const v = a.data[i * n + k];
    if (measure === 'legs') assert.ok(Math.abs(v - (i > k ? -r(i) * r(k) : i === k ? -(i + 1) : 0)) < 1e-13);
    if (measure === 'legt') assert.ok(Math.abs(v - -0.5 * r(i) * r(k) * (i < k ? (-1) ** (k - i) : 1)) < 1e-13);
    if (measure === 'lagt') assert.ok(Math.abs(v - (i > k ? -1 : i === k ? -0.5 : 0)) < 1e-13);
  }
  if (measure === 'legs') b.forEach((v, i) => assert.ok(Math.abs(v - r(i)) < 1e-13));
}

test('LegT in 重温SSM(一)\'s scaling is s4\'s (unhalved) LegT with B scaled by √2, window w', () => {
  const post = transition('legt-post', 6, { window: 1 });
  const s4 = transition('legt', 6);
  post.a.data.forEach((v, i) => assert.ok(Math.abs(v - 2 * s4.a.data[i]) < 1e-13));
  post.b.forEach((v, i) => assert.ok(Math.abs(v - 2 * Math.SQRT2 * s4.b[i]) < 1e-13));
  assert.match(post.convention, /重温SSM/);
  assert.throws(() => transition('fout', 5), /even N/);
  assert.throws(() => transition('legs', 0), /N must be/);
});

test('bilinear and backward Euler match numpy solves; forward Euler is I + ΔA', () => {
  const { a, b } = transition('legs', 16);
  const dt = 0.01;
  const bil = discretize(a, b, dt, 'bilinear');
  const back = discretize(a, b, dt, 'backward');
  const fwd = discretize(a, b, dt, 'euler');
  assert.ok(maxAbsDiff(fwd.aBar.data, add(identity(16), a, dt).data) === 0);
  if (hasNumpy()) {
    const ref = numpy<{ bil: number[][]; bilB: number[]; back: number[][]; backB: number[] }>(
      `A = np.array(inp['a']); B = np.array(inp['b']); dt = inp['dt']; I = np.eye(len(B))\n` +
        `out = {'bil': np.linalg.solve(I - dt/2*A, I + dt/2*A).tolist(), 'bilB': (dt*np.linalg.solve(I - dt/2*A, B)).tolist(),` +
        ` 'back': np.linalg.inv(I - dt*A).tolist(), 'backB': (dt*np.linalg.solve(I - dt*A, B)).tolist()}`,
      { a: rowsOf(a), b: Array.from(b), dt },
    );
    assert.ok(maxAbsDiff(bil.aBar.data, ref.bil.flat()) < 1e-14);
    assert.ok(maxAbsDiff(bil.bBar, ref.bilB) < 1e-15);
    assert.ok(maxAbsDiff(back.aBar.data, ref.back.flat()) < 1e-14);
    assert.ok(maxAbsDiff(back.bBar, ref.backB) < 1e-15);
  }
  // (I − Δ/2·A)·Ā = I + Δ/2·A whatever the oracle.
  assert.ok(maxAbsDiff(multiply(add(identity(16), a, -dt / 2), bil.aBar).data, add(identity(16), a, dt / 2).data) < 1e-13);
});

test('ZOH: Ā = e^{ΔA} (checked on a rotation and by a series), A·B̄ = (Ā − I)·B', () => {
  const theta = 0.7;
  const rot = expm(fromNested([[0, -theta], [theta, 0]]));
  assert.ok(maxAbsDiff(rot.data, [Math.cos(theta), -Math.sin(theta), Math.sin(theta), Math.cos(theta)]) < 1e-15);
  const big = expm(fromNested([[-30, 0], [0, 5]]));
  assert.ok(Math.abs(big.data[0] / Math.exp(-30) - 1) < 1e-13 && Math.abs(big.data[3] / Math.exp(5) - 1) < 1e-13);
  const { a, b } = transition('legs', 12);
  const dt = 0.05;
  const zoh = discretize(a, b, dt, 'zoh');
  // Taylor series of e^{ΔA} with 60 terms (‖ΔA‖ small enough here) as an independent reference.
  let term = identity(12), sum = identity(12);
  for (let k = 1; k < 60; k++) {
    const next = multiply(term, a);
    term = { rows: 12, cols: 12, data: next.data.map((v) => (v * dt) / k) };
    sum = add(sum, term);
  }
  assert.ok(maxAbsDiff(zoh.aBar.data, sum.data) < 1e-13, `zoh vs series ${maxAbsDiff(zoh.aBar.data, sum.data)}`);
  const lhs = matVec(a, zoh.bBar);
  const rhs = matVec(add(zoh.aBar, identity(12), -1), b);
  assert.ok(maxAbsDiff(lhs, rhs) < 1e-13);
  // FouT's A has a zero eigenvalue direction handled by the augmented exponential (no A⁻¹).
  const fout = transition('fout', 8);
  assert.ok(discretize(fout.a, fout.b, 0.1, 'zoh').bBar.every(Number.isFinite));
});

test('time-varying LegS step at time t discretises (A/t, B/t)', () => {
  const { a, b } = transition('legs', 5);
  const s = discretizeAt(a, b, 4, 0.5, 'bilinear');
  const direct = discretize(fromNested(rowsOf(a).map((r) => r.map((v) => v / 4))), b.map((v) => v / 4), 0.5, 'bilinear');
  assert.ok(maxAbsDiff(s.aBar.data, direct.aBar.data) === 0);
});

test('the time-varying LegS step k (what "HiPPO Matrices…" shows as Ā_k, B̄_k) is the O(N) step the online approximation runs', () => {
  const n = 7, k = 5;
  const { a, b } = transition('legs', n);
  const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1)), u = 0.7;
  for (const [method, alpha] of [['euler', 0], ['backward', 1], ['bilinear', 0.5]] as const) {
    // t = kΔ with any Δ: Ā_k, B̄_k depend on k alone.
    const s = discretizeAt(a, b, k * 0.01, 0.01, method);
    assert.ok(maxAbsDiff(s.aBar.data, discretizeAt(a, b, k * 3, 3, method).aBar.data) < 1e-13, `${method}: Δ cancels`);
    const dense = matVec(s.aBar, x).map((v, i) => v + s.bBar[i] * u);
    const fast = Float64Array.from(x);
    legsGbtStep(fast, u, 1 / k, alpha);
    assert.ok(maxAbsDiff(dense, fast) < 1e-13, `${method}: ${maxAbsDiff(dense, fast)}`);
  }
});

test('S4 kernel K_l = C·Ā^l·B̄ (blocked) matches the straightforward recurrence to 1e-10 relative', () => {
  for (const [measure, n, length, method] of [['legs', 64, 4096, 'bilinear'], ['legt', 32, 1000, 'zoh'], ['fout', 16, 777, 'bilinear'], ['lagt', 8, 3, 'euler']] as const) {
    const { a, b } = transition(measure, n);
    const d = discretize(a, b, 1e-2, method);
    const c = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
    const fast = s4Kernel(d.aBar, d.bBar, length, { c });
    const slow = s4KernelNaive(d.aBar, d.bBar, length, c);
    let num = 0, den = 0;
    for (let i = 0; i < length; i++) {
      num += (fast[i] - slow[i]) ** 2;
      den += slow[i] ** 2;
    }
    assert.ok(Math.sqrt(num / den) < 1e-10, `${measure}: ${Math.sqrt(num / den)}`);
  }
  assert.equal(s4Kernel(identity(2), Float64Array.of(1, 1), 4).join(), '2,2,2,2');
});
