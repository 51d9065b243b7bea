// No numerics on the extension host's thread: the real helper (forked) sends a HiPPO result with A's
// eigenvalues, so the presentation only draws them.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { eigenvalues } from '../../../src/core/compute/eigenvalues';
import { transition } from '../../../src/core/numerics/hippo';
import { ComputeClient } from '../../../src/computeClient/computeClient';
import { helperPath } from '../helper/helperEnv';

const client = new ComputeClient({ helperPath: helperPath(), requestTimeoutMs: 60_000 });
after(() => client.dispose());

test('a HiPPO result from the helper carries the eigenvalues of A (LegT: a full A)', async () => {
  const r = await client.request({ type: 'hippo', measure: 'legt', n: 8, backend: 'cpu' });
  assert.equal(r.type, 'hippoResult');
  assert.ok(r.type === 'hippoResult' && r.eigenvalues, 'eigenvalues sent with the result');
  const expected = eigenvalues(transition('legt', 8).a);
  assert.equal(r.eigenvalues.length, 8);
  const key = (v: { re: number; im: number }) => `${v.re.toFixed(9)},${Math.abs(v.im).toFixed(9)}`;
  assert.deepEqual(r.eigenvalues.map(key).sort(), expected.map(key).sort());
});
