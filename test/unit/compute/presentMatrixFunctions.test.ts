// presentMsign's headline: the iteration count read as a reader says it ("1 iteration", "13 iterations"),
// translated through the same t() as the rest of the card.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { presentMsign } from '../../../src/core/compute/presentMatrixFunctions';
import { fromRows } from '../../../src/core/numerics/matrix';
import type { MsignResponse } from '../../../src/core/protocol/compute';

function msignResponse(iterations: number): MsignResponse {
  return {
    type: 'msignResult', id: 1, backend: 'cpu', adapter: null, timings: { totalMs: 1.5, phases: {} }, notes: [],
    coefficients: 'cubic', msign: fromRows([[1, 0], [0, 1]]), iterations,
    errors: new Float64Array(iterations + 1).fill(1e-16), singularValues: new Float64Array([2, 1]),
    finalSingularValues: new Float64Array([1, 1]), rank: 2, converged: true,
  };
}

test('msign headline: "1 iteration", "13 iterations", and the translated count in Chinese', () => {
  assert.match(presentMsign(msignResponse(1), {}).headline, /: 1 iteration · error vs U Vᵀ/);
  assert.match(presentMsign(msignResponse(13), {}).headline, /: 13 iterations · error vs U Vᵀ/);
  const zh: Record<string, string> = { '1 iteration': '1 次迭代', '{0} iterations': '{0} 次迭代', 'msign(M) by {0}: {1} · error vs U Vᵀ {2} · {3} · {4}': '用{0}计算 msign(M)：{1} · 与 U Vᵀ 的误差 {2} · {3} · {4}' };
  const t = (message: string, ...args: Array<string | number>) => (zh[message] ?? message).replace(/\{(\d)\}/g, (_, k: string) => String(args[Number(k)]));
  assert.match(presentMsign(msignResponse(13), { t }).headline, /计算 msign\(M\)：13 次迭代 · 与 U Vᵀ 的误差/);
});
