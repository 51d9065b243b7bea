// The real helper, forked: a job, cancellation, a request timeout, the helper killed mid-job
// (clear error, next job on a fresh helper), limits and bad messages.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { pinv } from '../../../src/core/numerics/pinv';
import { ComputeClient, ComputeRequestError } from '../../../src/computeClient/computeClient';
import { helperPath } from './helperEnv';
import { translated } from '../../../src/core/l10n/localizable';
import { zh } from '../l10n/zhTranslate';

const clients: ComputeClient[] = [];
function newClient(timeoutMs = 30_000): ComputeClient {
  const c = new ComputeClient({ helperPath: helperPath(), requestTimeoutMs: timeoutMs });
  clients.push(c);
  return c;
}
after(() => clients.forEach((c) => c.dispose()));

function bigMatrix(n: number) {
  const data = new Float64Array(n * n);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 12.9898) * 0.5;
  return { rows: n, cols: n, data };
}

/** Resolves once the helper reports job `id` running (polled with a deadline, not a fixed sleep). */
async function untilRunning(client: ComputeClient, id: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await client.request({ type: 'info' })).runningJobs.includes(id)) {
    assert.ok(Date.now() < deadline, `job ${id} started`);
    await new Promise((r) => setImmediate(r));
  }
}

/** Resolves once process `pid` is gone (polled with a deadline). */
async function untilGone(pid: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    assert.ok(Date.now() < deadline, `process ${pid} exited`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const isCode = (code: string, pattern?: RegExp) => (e: unknown) =>
  e instanceof ComputeRequestError && e.code === code && (!pattern || pattern.test(e.message));

test('a pinv job runs in the helper and matches the in-process result', async () => {
  const client = newClient();
  const matrix = { rows: 3, cols: 2, data: Float64Array.of(1, 2, 3, 4, 5, 6) };
  const r = await client.request({ type: 'pinv', matrix, backend: 'cpu', exactCells: [['1', '2'], ['3', '4'], ['5', '6']] });
  assert.equal(r.type, 'pinvResult');
  assert.equal(r.backend, 'cpu');
  assert.equal(r.adapter, null);
  assert.equal(r.rank, 2);
  assert.ok(r.pinv.data instanceof Float64Array, 'Float64Array survives IPC');
  assert.deepEqual(Array.from(r.pinv.data), Array.from(pinv(matrix).pinv.data));
  assert.deepEqual(r.exact?.pinv, [['-4/3', '-1/3', '2/3'], ['13/12', '1/3', '-5/12']]);
  assert.ok(r.timings.totalMs >= 0 && typeof r.timings.phases.svd === 'number');
  const h = await client.request({ type: 'hippo', measure: 'legs', n: 4, discretization: { method: 'bilinear', dt: 0.1 }, kernelLength: 8, backend: 'cpu' });
  assert.equal(h.kernel?.length, 8);
  const ap = await client.request({ type: 'approximate', measure: 'legt', n: 8, signal: Float64Array.from({ length: 200 }, (_, i) => Math.sin(i / 50)), dt: 0.01, window: 1, backend: 'auto' });
  assert.equal(ap.backend, 'cpu');
  assert.ok(ap.maxError < 1e-2);
});

test('cancel stops a running job at its next checkpoint', async () => {
  const client = newClient();
  const job = client.start({ type: 'pinv', matrix: bigMatrix(1024), backend: 'cpu' });
  // A cancelled result, not a finished one, shows the checkpoint stopped the running job.
  await untilRunning(client, job.id);
  client.cancel(job.id);
  await assert.rejects(job.result, isCode('cancelled', new RegExp(`job ${job.id} was cancelled`)));
  const info = await client.request({ type: 'info' });
  assert.deepEqual(info.runningJobs, []);
});

test('a request that passes its timeout fails with "timed out" and the job is cancelled', async () => {
  const client = newClient();
  await assert.rejects(client.request({ type: 'pinv', matrix: bigMatrix(1024), backend: 'cpu' }, { timeoutMs: 200 }), isCode('timeout', /timed out after 200 ms/));
  const r = await client.request({ type: 'pinv', matrix: { rows: 1, cols: 1, data: Float64Array.of(2) }, backend: 'cpu' });
  assert.equal(r.pinv.data[0], 0.5);
});

test('killing the helper mid-job fails that job clearly; the next request starts a fresh helper', async () => {
  const client = newClient();
  const job = client.start({ type: 'pinv', matrix: bigMatrix(1024), backend: 'cpu' });
  await untilRunning(client, job.id);
  const pid = client.helperPid;
  assert.ok(pid);
  process.kill(pid, 'SIGKILL');
  const killed = await job.result.then(() => assert.fail('the job finished'), (error: unknown) => error);
  assert.ok(isCode('helperExited', /compute helper was killed by SIGKILL while pinv job \d+ was running, so there is no result; the next request starts a new helper/)(killed));
  assert.match(translated((killed as ComputeRequestError).words, zh), /^计算助手进程在 pinv 任务 \d+ 运行时被 SIGKILL 终止，因此没有结果；下一个请求会启动新的助手进程$/);
  const r = await client.request({ type: 'pinv', matrix: { rows: 1, cols: 2, data: Float64Array.of(3, 4) }, backend: 'cpu' });
  assert.deepEqual(Array.from(r.pinv.data, (v) => Math.round(v * 25 * 1e12) / 1e12), [3, 4]);
  assert.notEqual(client.helperPid, pid);
});

test('limits and malformed input are refused by the helper with their own codes', async () => {
  const client = newClient();
  await assert.rejects(client.request({ type: 'hippo', measure: 'legs', n: 0, backend: 'cpu' }), isCode('limit', /N must be at least 1/));
  await assert.rejects(client.request({ type: 'pinv', matrix: { rows: 100_000, cols: 100_000, data: new Float64Array(0) }, backend: 'cpu' }), isCode('limit', /above the limit of 2048/));
  await assert.rejects(client.request({ type: 'pinv', matrix: { rows: 1, cols: 2, data: Float64Array.of(1, NaN) }, backend: 'cpu' }), isCode('invalid', /NaN/));
  await assert.rejects(client.request({ type: 'hippo', measure: 'legs', n: 4, kernelLength: 5, backend: 'cpu' }), isCode('invalid', /needs a discretization/));
});

test("a refusal crosses the helper as words: English for the CLI, the reader's language in the extension", async () => {
  const client = newClient();
  const refusal = (request: Parameters<ComputeClient['request']>[0]) =>
    client.request(request).then(
      () => assert.fail(`${request.type} was not refused`),
      (error: unknown) => {
        assert.ok(error instanceof ComputeRequestError);
        return error;
      },
    );
  // Core's own words (NotPositiveDefiniteError), wrapped by the job's, through the CPU worker thread and IPC.
  const notSpd = await refusal({ type: 'matfun', fn: 'sqrt', matrix: { rows: 2, cols: 2, data: Float64Array.of(1, 2, 2, 1) }, backend: 'cpu' });
  assert.equal(notSpd.code, 'invalid');
  assert.equal(
    notSpd.message,
    'the matrix is not positive definite (Cholesky pivot 2 is -3.00): the square root needs every eigenvalue > 0 (the matrix square root takes a symmetric positive definite matrix)',
  );
  assert.equal(translated(notSpd.words, zh), '矩阵不是正定的（Cholesky 第 2 个主元为 -3.00）：平方根要求所有特征值 > 0（矩阵平方根需要对称正定矩阵）');
  // A limit (core LimitError) and a job's own refusal (ComputeError) in the helper's main thread.
  const limit = await refusal({ type: 'hippo', measure: 'legs', n: 0, backend: 'cpu' });
  assert.equal(limit.code, 'limit');
  assert.equal(limit.message, 'N must be at least 1, got 0');
  assert.equal(translated(limit.words, zh), 'N 至少为 1，而这里是 0');
  const noKernel = await refusal({ type: 'hippo', measure: 'legs', n: 4, kernelLength: 5, backend: 'cpu' });
  assert.equal(translated(noKernel.words, zh), '卷积核需要离散化（方法和 Δ）');
  assert.equal(noKernel.message, 'the kernel needs a discretization (method and Δ)');
});

test('a missing helper bundle is a clear error, not a hang', async () => {
  const client = new ComputeClient({ helperPath: '/nonexistent/helper.mjs', requestTimeoutMs: 60_000 });
  await assert.rejects(client.request({ type: 'info' }), isCode('helperExited', /could not start the compute helper: \/nonexistent\/helper.mjs does not exist/));
  client.dispose();
});

test('dispose rejects pending requests and stops the helper', async () => {
  const client = new ComputeClient({ helperPath: helperPath() });
  const job = client.start({ type: 'pinv', matrix: bigMatrix(512), backend: 'cpu' });
  await untilRunning(client, job.id);
  const pid = client.helperPid;
  assert.ok(pid);
  client.dispose();
  await assert.rejects(job.result, isCode('helperExited', /disposed/));
  await untilGone(pid);
  await assert.rejects(client.request({ type: 'info' }), isCode('helperExited'));
});
