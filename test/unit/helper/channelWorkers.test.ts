// Many channels on the CPU split over worker threads: when it splits, and that the joined result is the
// one a single thread computes (same f64 code, so equal to the last bit).
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { after, test } from 'node:test';
import { generateChannels } from '../../../src/core/compute/signals';
import { approximateChannels } from '../../../src/core/numerics/approximate';
import type { ApproximateRequest, ApproximateResponse } from '../../../src/core/protocol/compute';
import { CancelFlag } from '../../../src/helper/cancellation';
import { channelShares } from '../../../src/computeJobs/channelShares';
import { runCpuSplittingChannels } from '../../../src/helper/channelWorkers';
import { ComputeClient, ComputeRequestError } from '../../../src/computeClient/computeClient';
import { runCpuJob } from '../../../src/computeJobs/cpuJobs';
import { helperPath } from './helperEnv';
import { englishText } from '../../../src/core/l10n/localizable';

const client = new ComputeClient({ helperPath: helperPath(), requestTimeoutMs: 120_000 });
after(() => client.dispose());

function job(channels: number, n: number, length: number): Omit<ApproximateRequest, 'id'> {
  return { type: 'approximate', measure: 'legs', n, signal: generateChannels('noise', length, channels), channels, dt: 1 / length, backend: 'cpu' };
}
const request = (channels: number, n: number, length: number): ApproximateRequest => ({ ...job(channels, n, length), id: 1 });

test('channelShares: small jobs stay whole; big ones split evenly over the threads, never into empty parts', () => {
  assert.deepEqual(channelShares(request(16, 8, 100), 4), [16], 'too little work to pay for a worker');
  assert.deepEqual(channelShares(request(10, 64, 16384), 4), [2, 3, 2, 3]);
  assert.deepEqual(channelShares(request(3, 64, 65536), 16), [1, 1, 1], 'no more workers than channels');
  assert.deepEqual(channelShares(request(1, 1024, 1 << 20), 16), [1]);
  assert.deepEqual(channelShares(request(64, 64, 16384), 1), [64], 'one thread: one part');
});

test('the joined parts equal one thread\'s result, channel by channel, the worst channel included', async () => {
  const inProcess = (part: ApproximateRequest) => Promise.resolve(runCpuJob(part, () => undefined));
  // 7 channels on 3 threads: parts of 2, 2 and 3 channels starting at 0, 2 and 4. A loud channel is the
  // worst: channel 5 opens the third part, channel 7 is inside it.
  for (const loud of [4, 6]) {
    const req = request(7, 64, 20000);
    const length = 20000;
    for (let i = loud * length; i < (loud + 1) * length; i++) req.signal[i] *= 3;
    const joined = (await runCpuSplittingChannels(req, new CancelFlag(), (r) => inProcess(r as ApproximateRequest), 3)) as ApproximateResponse;
    const whole = approximateChannels({ ...req, channels: 7 });
    assert.equal(joined.channels, 7);
    assert.deepEqual(joined.channelErrors?.maxError, whole.channelErrors?.maxError);
    assert.deepEqual(joined.channelErrors?.rmsError, whole.channelErrors?.rmsError);
    assert.deepEqual(joined.coefficients, whole.coefficients);
    assert.deepEqual(joined.reconstruction, whole.reconstruction);
    assert.equal(whole.worst?.channel, loud);
    assert.equal(joined.worst?.channel, loud);
    assert.deepEqual(joined.worst?.reconstruction, whole.worst?.reconstruction);
    assert.deepEqual(joined.worst?.signal, whole.worst?.signal);
    assert.match(joined.notes.map(englishText).join(' '), /ran on 3 CPU worker threads/);
  }
});

test('through the real helper: split over this machine\'s cores, the same numbers; a malformed request is refused whole', async () => {
  const req = job(8, 64, 16384);
  const r = await client.request(req);
  const whole = approximateChannels({ ...req, channels: 8 });
  assert.equal(r.backend, 'cpu');
  assert.deepEqual(r.channelErrors?.maxError, whole.channelErrors?.maxError);
  assert.deepEqual(r.coefficients, whole.coefficients);
  const threads = Math.min(8, availableParallelism());
  console.log(`# 8 channels × 16384 samples, N=64, on ${threads} worker thread(s): ${r.timings.totalMs.toFixed(0)} ms`);
  if (threads > 1) assert.match(r.notes.map(englishText).join(' '), new RegExp(`ran on ${threads} CPU worker threads`));
  await assert.rejects(
    client.request({ ...req, signal: req.signal.subarray(1) }),
    (e: unknown) => e instanceof ComputeRequestError && /cannot be split into 8 channels/.test(e.message),
  );
});
