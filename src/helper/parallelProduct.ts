// Matrix products on two cores: this thread and one helper thread share the rows of C. The caller stays
// synchronous (the CPU jobs are): A, B and C live in SharedArrayBuffers, both threads claim blocks of
// rows from one atomic counter, and this thread waits (Atomics.wait) only for a block the other thread
// is still finishing. A helper thread that is slow to start, busy or gone costs nothing but the copy:
// this thread then claims every block itself. Worth it from ~10⁷ multiply-adds: the four Penrose
// residual products of a 1024² pinv are 8.6·10⁹ flops, half the one-shot's computing.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type Matrix, multiply, multiplyRowsInto, PRODUCT_KERNEL } from '../core/numerics/matrix';

/** Rows of C per claimed block: small enough to balance two threads, large enough to reuse B's panels. */
const BLOCK_ROWS = 32;
/** Below this many multiply-adds a product runs in this thread alone (copying and waking cost more). */
const PARALLEL_MIN_PRODUCT = 1 << 22;
/**
 * A helper thread is started for jobs of at least this many multiply-adds in their products. Its start
 * and warm-up cost ~130 ms of CPU (measured: one-shot 512×256 pinv, 720 → 850 ms of CPU), more than
 * half of the 512×256 residuals' ~170·10⁶ multiply-adds would save; a 1024² pinv's 4.3·10⁹ pay for it.
 */
const PARALLEL_MIN_JOB = 1 << 28;
/** 64³ products the helper thread runs on start, until its kernel is optimised. */
const WARM_UP_ROUNDS = 40;

interface ProductTask {
  readonly a: SharedArrayBuffer;
  readonly b: SharedArrayBuffer;
  readonly c: SharedArrayBuffer;
  /** [next block to claim, blocks finished] */
  readonly control: SharedArrayBuffer;
  readonly m: number;
  readonly n: number;
  readonly p: number;
}

/**
 * The helper thread's program, as source: the row-block kernel of matrix.ts (multiplyRowsInto and the
 * leaves it calls, written out by Function.prototype.toString so both threads run the same code) and
 * the claiming loop. Evaluated, not a file: it works from every bundle and from the tests alike.
 */
function workerSource(): string {
  return `'use strict';
const { parentPort } = require('node:worker_threads');
${kernelSource()}
// Warm the kernel up while this thread is otherwise idle (a pinv's SVD runs meanwhile): its first
// block of a large product, run by the interpreter, took seconds while the other thread waited.
{
  const n = 64, a = new Float64Array(n * n).fill(1), c = new Float64Array(n * n);
  for (let r = 0; r < ${WARM_UP_ROUNDS}; r++) ${multiplyRowsInto.name}(a, a, c, 0, n, n, n);
}
parentPort.postMessage('ready');
parentPort.on('message', (task) => {
  const A = new Float64Array(task.a), B = new Float64Array(task.b), C = new Float64Array(task.c);
  const control = new Int32Array(task.control);
  const blocks = Math.ceil(task.m / ${BLOCK_ROWS});
  for (;;) {
    const block = Atomics.add(control, 0, 1);
    if (block >= blocks) break;
    const i0 = block * ${BLOCK_ROWS}, i1 = Math.min(task.m, i0 + ${BLOCK_ROWS});
    ${multiplyRowsInto.name}(A, B, C, i0, i1, task.n, task.p);
    Atomics.add(control, 1, 1);
    Atomics.notify(control, 1);
  }
});
`;
}

let kernel: string | undefined;
function kernelSource(): string {
  kernel ??= PRODUCT_KERNEL.map((f) => f.toString()).join('\n');
  return kernel;
}

/** One helper thread per thread that multiplies (started on demand, never keeps the process alive). */
let helper: Worker | undefined | null;
let ready: Promise<boolean> = Promise.resolve(false);

/** Resolves when the helper thread has started and warmed up (true), or cannot (false). For tests. */
export function parallelHelperReady(): Promise<boolean> {
  return ready;
}

function helperThread(): Worker | undefined {
  if (helper === undefined) {
    helper = null;
    if (availableParallelism() < 2) return undefined;
    try {
      const worker = new Worker(workerSource(), { eval: true });
      worker.unref();
      ready = new Promise((resolve) => {
        worker.once('message', () => resolve(true));
        worker.once('error', () => resolve(false));
      });
      // A thread that fails is simply not used again: this thread does all the blocks.
      worker.on('error', () => {
        if (helper === worker) helper = null;
      });
      worker.on('exit', () => {
        if (helper === worker) helper = null;
      });
      helper = worker;
    } catch {
      helper = null;
    }
  }
  return helper ?? undefined;
}

/**
 * Starts the helper thread now when products of this many multiply-adds are coming (a pinv passes
 * m·n·max(m, n)), so that it has booted and warmed up by the time the first one comes: a pinv calls
 * this before its SVD and multiplies only in the residuals. Smaller jobs stay on one thread.
 */
export function prepareParallelProducts(multiplyAdds: number): void {
  if (multiplyAdds >= PARALLEL_MIN_JOB) helperThread();
}

/** C = A·B, on two threads when the product is large and a second core is there. */
export function parallelMultiply(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new Error(`cannot multiply ${a.rows}×${a.cols} by ${b.rows}×${b.cols}`);
  const m = a.rows, n = b.cols, p = a.cols;
  // Only a helper thread already started (prepareParallelProducts): one started here would boot and
  // warm up while this product runs, costing more than it takes over.
  const worker = m * n * p >= PARALLEL_MIN_PRODUCT && m >= 2 * BLOCK_ROWS ? (helper ?? undefined) : undefined;
  if (!worker) return multiply(a, b);
  const shared = (data: Float64Array) => {
    const buffer = new SharedArrayBuffer(data.length * 8);
    new Float64Array(buffer).set(data);
    return buffer;
  };
  const task: ProductTask = { a: shared(a.data), b: shared(b.data), c: new SharedArrayBuffer(m * n * 8), control: new SharedArrayBuffer(8), m, n, p };
  worker.postMessage(task);
  const A = new Float64Array(task.a), B = new Float64Array(task.b), C = new Float64Array(task.c);
  const control = new Int32Array(task.control);
  const blocks = Math.ceil(m / BLOCK_ROWS);
  for (;;) {
    const block = Atomics.add(control, 0, 1);
    if (block >= blocks) break;
    multiplyRowsInto(A, B, C, block * BLOCK_ROWS, Math.min(m, (block + 1) * BLOCK_ROWS), n, p);
    Atomics.add(control, 1, 1);
  }
  // Wait for the blocks the helper thread claimed and is still finishing.
  for (let done = Atomics.load(control, 1); done < blocks; done = Atomics.load(control, 1)) Atomics.wait(control, 1, done, 1000);
  return { rows: m, cols: n, data: new Float64Array(C) };
}
