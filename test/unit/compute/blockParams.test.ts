// The ```kexue-compute block parser: what it accepts, and the message for each way a block can be wrong.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BlockParamsError, parseBlockParams, parseSamples, sampleColumns, selectionSignals } from '../../../src/core/compute/blockParams';
import { findComputeBlocks } from '../../../src/core/compute/computeBlocks';
import { englishText, translated } from '../../../src/core/l10n/localizable';
import { zh } from '../l10n/zhTranslate';

const refuses = (source: string, pattern: RegExp) =>
  assert.throws(() => parseBlockParams(source), (e: unknown) => e instanceof BlockParamsError && pattern.test(e.message), `refuses ${JSON.stringify(source)} with ${pattern}`);

test('hippo: measure, N, discretisation and kernel length', () => {
  assert.deepEqual(parseBlockParams('hippo measure=legs N=16 dt=0.01 kernel=1024'), {
    kind: 'hippo', measure: 'legs', n: 16, discretization: { method: 'bilinear', dt: 0.01 }, kernelLength: 1024, backend: undefined,
  });
  assert.deepEqual(parseBlockParams('\n  hippo measure=LegT n=8 method=zoh dt=0.5 backend=gpu\n'), {
    kind: 'hippo', measure: 'legt', n: 8, discretization: { method: 'zoh', dt: 0.5 }, kernelLength: undefined, backend: 'gpu',
  });
  assert.equal((parseBlockParams('hippo measure=legt-post N=4') as { measure: string }).measure, 'legt-post');
  // LegS's time-varying Ā_k, B̄_k: Δ cancels, so dt may be left out.
  assert.deepEqual(parseBlockParams('hippo measure=legs N=8 step=100'), {
    kind: 'hippo', measure: 'legs', n: 8, discretization: { method: 'bilinear', dt: 1, step: 100 }, backend: undefined,
  });
});

test('hippo: each wrong parameter is refused with what to write instead', () => {
  refuses('hippo N=16', /hippo needs measure=…: one of legs, legt, lagt, fout, legt-post/);
  refuses('hippo measure=legs', /state size N=…/);
  refuses('hippo measure=legs N=0', /N=0 must be at least 1/);
  refuses('hippo measure=legs N=2.5', /N=2.5 must be a whole number/);
  refuses('hippo measure=cheb N=4', /measure=cheb is not allowed: use one of legs, legt/);
  refuses('hippo measure=fout N=5', /N must be even; got N=5/);
  refuses('hippo measure=legs N=4 kernel=64', /kernel=… needs a discretisation: add dt=…/);
  refuses('hippo measure=legs N=4 method=zoh', /method=zoh needs a step dt=…/);
  refuses('hippo measure=legs N=4 dt=-1', /dt=-1 must be a number greater than 0/);
  refuses('hippo measure=legs N=4 dt=abc', /dt=abc must be a number greater than 0/);
  refuses('rope dim=64 base=1e400', /base=1e400 is beyond double precision/);
  refuses('hippo measure=legs N=4 colour=red', /unknown parameter "colour" for hippo: use measure, N, method, dt, step, kernel, backend/);
  refuses('hippo measure=legt N=4 step=3', /step=3 is for measure=legs, the time-varying measure \(A\/t, B\/t\); legt is time-invariant/);
  refuses('hippo measure=legs N=4 step=3 dt=0.1 kernel=64', /a time-varying LegS has no convolution kernel/);
  refuses('hippo measure=legs N=4 step=0', /step=0 must be at least 1/);
  refuses('hippo measure=legs N=4 N=5', /N is given twice/);
  refuses('hippo measure=legs N=4 backend=tpu', /backend=tpu is not allowed: use one of auto, cpu, gpu/);
  refuses('hippo measure=legs N', /"N" is not key=value/);
  refuses('hippo measure=legs N=4\n1 2 3', /first line only/);
});

test('pinv: the matrix on the following lines, options on the first', () => {
  const block = parseBlockParams('pinv rcond=1e-10 backend=cpu\n\\begin{pmatrix}1 & 2\\\\ 2 & 4\\end{pmatrix}');
  assert.deepEqual(block, { kind: 'pinv', matrixText: '\\begin{pmatrix}1 & 2\\\\ 2 & 4\\end{pmatrix}', backend: 'cpu', tolerance: 1e-10, exact: undefined });
  assert.equal((parseBlockParams('pinv rcond=maxDimEps exact=false\n[[1]]') as { tolerance: unknown }).tolerance, 'maxDimEps');
  assert.equal((parseBlockParams('pinv routes=false\n[[1]]') as { routes: unknown }).routes, false);
  refuses('pinv routes=some\n[[1]]', /routes=some is not allowed: use one of true, false/);
  assert.equal((parseBlockParams('pinv exact=false\n[[1]]') as { exact: unknown }).exact, false);
  refuses('pinv', /a pinv block needs a matrix on the lines after "pinv"/);
  refuses('pinv rcond=-1\n[[1]]', /rcond=-1 must be a number ≥ 0 or maxDimEps/);
  refuses('pinv N=3\n[[1]]', /unknown parameter "N" for pinv/);
});

test('approximate: defaults, generated signals and pasted samples', () => {
  assert.deepEqual(parseBlockParams('approximate'), {
    kind: 'approximate', measure: 'legs', n: 32, signal: { kind: 'sine', length: 1000 }, dt: undefined, window: undefined, method: undefined, backend: undefined,
  });
  const step = parseBlockParams('approximate measure=legt N=16 signal=step length=200 window=0.5');
  assert.deepEqual({ ...step }, { kind: 'approximate', measure: 'legt', n: 16, signal: { kind: 'step', length: 200 }, dt: undefined, window: 0.5, method: undefined, backend: undefined });
  const data = parseBlockParams('approximate N=4\n1, 2, 3\n4 5 −6');
  assert.deepEqual(data.kind === 'approximate' && data.signal, { kind: 'data', values: [1, 2, 3, 4, 5, -6] });
  refuses('approximate measure=lagt', /measure=lagt is not allowed: use one of legs, legt/);
  refuses('approximate signal=data', /signal=data needs the samples/);
  refuses('approximate signal=sine\n1 2 3', /signal=sine is generated: remove the lines/);
  refuses('approximate signal=data length=5\n1 2', /length=… is for generated signals/);
  refuses('approximate length=1', /length=1 must be at least 2/);
  refuses('approximate N=4\n1 2 x', /sample 3: cannot read "x"/);
});

test('approximate: channels for generated signals, and a table of samples with one column a channel', () => {
  const noise = parseBlockParams('approximate measure=legs N=16 signal=noise length=500 channels=64');
  assert.deepEqual(noise.kind === 'approximate' && noise.signal, { kind: 'noise', length: 500, channels: 64 });
  // One time step a line; spaces, commas or a Markdown table's bars between the columns; its rule skipped.
  const table = parseBlockParams('approximate N=4 signal=data channels=2\n|---|---|\n| 1 | 10 |\n2, 20\n3  −30');
  // Returned channel after channel: the first column, then the second.
  assert.deepEqual(table.kind === 'approximate' && table.signal, { kind: 'data', values: [1, 2, 3, 10, 20, -30], channels: 2 });
  refuses('approximate signal=data channels=2\n1 2\n3', /line 3: 1 numbers where channels=2 needs 2 \(one column per channel\)/);
  refuses('approximate signal=data channels=2\n| t | u |\n1 2\n3 4', /line 2, column 1: cannot read "t" as a finite number/);
  refuses('approximate signal=data channels=2\n1 2', /at least 2 samples \(lines\), got 1/);
  refuses('approximate signal=sine channels=0', /channels=0 must be at least 1/);
  assert.equal(sampleColumns('1 2 3\n4 5 6'), 3);
  assert.equal(sampleColumns('1\n2\n3'), undefined, 'one column is one signal');
  assert.equal(sampleColumns('1 2 3\n4 5'), undefined, 'ragged lines are numbers wrapped over lines, not a table');
  assert.equal(sampleColumns('1, 2, 3, 4'), undefined, 'a single line is one signal');
});

test('the first word names the job', () => {
  refuses('', /the block is empty/);
  refuses('   \n  ', /the block is empty/);
  refuses('svd [[1]]', /line 1: unknown job "svd": the first word must be one of pinv, hippo, approximate, msign, matfun, schedule, rope, argmax/);
  refuses('\n\nrm -rf /', /line 3: unknown job "rm"/);
});

test('parseSamples reads JSON-ish arrays and refuses a single sample', () => {
  assert.deepEqual(parseSamples('[0.5, -1, 2e-3]'), [0.5, -1, 0.002]);
  assert.throws(() => parseSamples('7'), /at least 2 samples, got 1/);
});

test('findComputeBlocks finds only kexue-compute fences, with their lines and source', () => {
  const text = ['# t', '```js', '```kexue-compute', '```', '```kexue-compute', 'hippo measure=legs N=4', '```', '', '~~~~ kexue-compute', 'pinv', '[[1,2]]', '~~~~', '```kexue-compute', 'approximate'].join('\n');
  assert.deepEqual(findComputeBlocks(text), [
    { startLine: 4, endLine: 6, source: 'hippo measure=legs N=4' },
    { startLine: 8, endLine: 11, source: 'pinv\n[[1,2]]' },
    { startLine: 12, endLine: 13, source: 'approximate' },
  ]);
  assert.deepEqual(findComputeBlocks('```kexue-computer\nx\n```'), []);
});

test('a selection that is not a signal is explained, not thrown: a matrix left selected for the pseudo-inverse', () => {
  for (const matrix of ['\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}', '[[1,2],[3,4]]', 'A = 3']) {
    const r = selectionSignals(matrix);
    assert.ok('notASignal' in r, matrix);
    assert.match(englishText(r.notASignal), /sample|number/);
  }
  const numbers = selectionSignals('1 2 3 4');
  assert.ok('flat' in numbers && numbers.table === undefined);
  const table = selectionSignals('1,2\n3,4\n5,6');
  assert.ok('flat' in table && table.columns === 2 && table.table?.kind === 'data');
});

test('a block that cannot run is explained in the reader\'s language too (the host translates its words)', () => {
  assert.throws(
    () => parseBlockParams('hippo measure=legs N=3 size=4'),
    (e: unknown) => e instanceof BlockParamsError && /^line 1: unknown parameter "size" for hippo: use /.test(e.message) && /^第 1 行：hippo 没有参数 "size"：可用的有 /.test(translated(e.words, zh)),
  );
  const notSignal = selectionSignals('[[1,2],[3,4]]');
  assert.ok('notASignal' in notSignal);
  assert.equal(translated(notSignal.notASignal, zh), '第 1 个采样：无法把 "[1" 读作有限数');
});
