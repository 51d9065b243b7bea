// Work of a large CPU job on two cores: this thread and one helper thread share the rows of a matrix
// product, or the rows that a pinv's Householder reflectors transform (each row on its own). The caller
// stays synchronous (the CPU jobs are): the matrices live in SharedArrayBuffers, both threads claim
// blocks of rows from one atomic counter, and this thread waits (Atomics.wait) only for a block the
// other thread is still finishing. A helper thread that is slow to start, busy or gone costs nothing
// but the copies: this thread then claims every block itself (one that stops inside a block fails the
// job after HELPER_STALL_MS instead of holding it for ever). Started only for jobs that pay for its
// start (a 1024² pinv: 8.6·10⁹ flops of Penrose residuals and ~3.5·10⁹ of reflectors).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { applyBlocksToRowRange, applyReflectorsForward, reflectorKernel, ROW_KERNEL, type RowParallel } from '../core/numerics/blockReflector';
import { type Matrix, multiply, multiplyRowsInto, PRODUCT_KERNEL, WASM_MIN_PRODUCT } from '../core/numerics/matrix';
import { createWasmKernel, GEMM_WASM_BASE64, WASM_PRODUCT_KERNEL, wasmKernel, wasmMultiplyRows, wasmPackB } from '../core/numerics/wasmProduct';
import { JSON_NUMBER_BYTES, JSON_PIECE_ROWS, jsonRowsText, type JsonRowsTask, packBlocks, type ProductTask, type ReflectorTask, unpackBlocks } from './helperTasks';
import { rowProductOnHelper } from './rowProductOnHelper';

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

/** Rows of a reflector job per claimed block (a multiple of 4: applyCompactWY takes rows four at a time). */
const ROW_CHUNK = 32;
/** The same through the WebAssembly kernel, which packs each block's operands once per chunk. */
const WASM_ROW_CHUNK = 128;
/** Below this many row entries × reflectors a reflector job stays in this thread. */
const PARALLEL_MIN_ROWS_WORK = 1 << 24;


/**
 * The helper thread's program, as source: the kernels of matrix.ts and blockReflector.ts (written out
 * by Function.prototype.toString, so both threads run the very same code) and the claiming loops.
 * Evaluated, not a file: it works from every bundle and from the tests alike.
 */
function workerSource(): string {
  return `'use strict';
const { parentPort } = require('node:worker_threads');
${kernelSource()}
const wasm = ${createWasmKernel.name}('${GEMM_WASM_BASE64}');
${jsonRowsText.toString()}
// Warm the kernels up while this thread is otherwise idle (a pinv's SVD runs meanwhile): the first
// block of a large product, run by the interpreter, is many times slower than the others.
{
  const n = 64, a = new Float64Array(n * n).fill(1), c = new Float64Array(n * n);
  if (wasm) {
    ${wasmPackB.name}(wasm, a, n, n);
    ${wasmMultiplyRows.name}(wasm, a, c, 0, n);
  } else {
    for (let r = 0; r < ${WARM_UP_ROUNDS}; r++) ${multiplyRowsInto.name}(a, a, c, 0, n, n, n);
  }
  const k = 8, vt = new Float64Array(k * n).fill(0.125), t = new Float64Array(k * k), firstNonzero = new Int32Array(k);
  const block = { start: 0, length: n, k, vt, firstNonzero, t };
  // Both ways a reflector job may come: the JS loops (smaller jobs) and the WebAssembly products.
  for (let r = 0; r < ${WARM_UP_ROUNDS}; r++) ${applyBlocksToRowRange.name}([block], c, 0, n, n, false, undefined);
  if (wasm) ${applyBlocksToRowRange.name}([block], c, 0, n, n, false, wasm);
}
parentPort.postMessage('ready');
parentPort.on('message', (task) => {
  const control = new Int32Array(task.control);
  let run, count;
  if (task.kind === 'jsonRows') {
    const data = new Float64Array(task.data), out = Buffer.from(task.out), lengths = new Int32Array(task.lengths);
    const slot = ${JSON_PIECE_ROWS} * (task.cols * ${JSON_NUMBER_BYTES} + 2);
    count = Math.ceil(task.rows / ${JSON_PIECE_ROWS});
    run = (i) => {
      const text = ${jsonRowsText.name}(data, task.cols, i * ${JSON_PIECE_ROWS}, Math.min(task.rows, (i + 1) * ${JSON_PIECE_ROWS}));
      Atomics.store(lengths, i, out.write(text, i * slot, 'latin1') + 1);
      Atomics.notify(lengths, i);
    };
  } else if (task.kind === 'rowProduct') {
    const flags = new Int32Array(task.control);
    if (task.wasm && !wasm) Atomics.store(flags, 1, 2);
    if (Atomics.load(flags, 1) === 0) {
      const rows = new Float64Array(task.data);
      if (task.first) for (let i = 0; i < task.n; i++) rows[i * task.n + i] = 1;
      const reflectors = [];
      for (let i = 0, at = 0; i < task.offsets.length; at += task.lengths[i], i++) reflectors.push({ offset: task.offsets[i], tau: task.taus[i], v: task.values.subarray(at, at + task.lengths[i]) });
      ${applyReflectorsForward.name}(reflectors, rows, task.n, task.n, task.wasm ? wasm : undefined);
    }
    Atomics.add(flags, 0, 1);
    Atomics.notify(flags, 0);
    return;
  } else if (task.kind === 'product') {
    const A = new Float64Array(task.a), B = new Float64Array(task.b), C = new Float64Array(task.c);
    count = Math.ceil(task.m / ${BLOCK_ROWS});
    if (task.wasm && !wasm) return;
    if (task.wasm) {
      ${wasmPackB.name}(wasm, B, task.p, task.n);
      run = (i) => ${wasmMultiplyRows.name}(wasm, A, C, i * ${BLOCK_ROWS}, Math.min(task.m, (i + 1) * ${BLOCK_ROWS}));
    } else {
      run = (i) => ${multiplyRowsInto.name}(A, B, C, i * ${BLOCK_ROWS}, Math.min(task.m, (i + 1) * ${BLOCK_ROWS}), task.n, task.p);
    }
  } else {
    const blocks = ${unpackBlocks.name}(task.meta, task.values), data = new Float64Array(task.data);
    const chunk = task.chunk;
    count = Math.ceil(task.rowCount / chunk);
    if (task.wasm && !wasm) return;
    const kernel = task.wasm ? wasm : undefined;
    run = (i) => ${applyBlocksToRowRange.name}(blocks, data, i * chunk, Math.min(task.rowCount, (i + 1) * chunk), task.rowLength, task.fromStart, kernel);
  }
  for (;;) {
    const i = Atomics.add(control, 0, 1);
    if (i >= count) break;
    run(i);
    Atomics.add(control, 1, 1);
    Atomics.notify(control, 1);
  }
});
`;
}

/**
 * A helper thread that finished no share of a task for this long is taken for gone (an exception or a
 * kill inside it): this thread cannot see its `exit` event while it waits synchronously, and a share it
 * left half done (rows transformed in place) cannot be redone, so the job fails with a message instead
 * of waiting for ever. A share is a few ms of work; a minute covers any load.
 */
export const HELPER_STALL_MS = 60_000;

/** Waits for `flags[index]` to leave `value`; throws (and drops the helper thread) after `stallMs` without a change. */
function waitForHelper(flags: Int32Array, index: number, value: number, stallMs: number): void {
  const since = Date.now();
  while (Atomics.load(flags, index) === value) {
    if (Date.now() - since > stallMs) {
      const gone = helper;
      helper = null;
      void gone?.terminate();
      throw new Error(`the helper thread stopped working (no progress in ${Math.round(stallMs / 1000)} s); the job was abandoned — run it again (it will use one thread)`);
    }
    Atomics.wait(flags, index, value, Math.min(1000, stallMs));
  }
}

/** Claims shares 0…count−1 with the helper thread (already sent its task), then waits for its last ones. */
export function shareWork(control: Int32Array, count: number, run: (share: number) => void, stallMs = HELPER_STALL_MS): void {
  for (;;) {
    const i = Atomics.add(control, 0, 1);
    if (i >= count) break;
    run(i);
    Atomics.add(control, 1, 1);
  }
  for (let done = Atomics.load(control, 1); done < count; done = Atomics.load(control, 1)) waitForHelper(control, 1, done, stallMs);
}

let kernel: string | undefined;
function kernelSource(): string {
  kernel ??= [...PRODUCT_KERNEL, ...WASM_PRODUCT_KERNEL, ...ROW_KERNEL, unpackBlocks].map((f) => f.toString()).join('\n');
  return kernel;
}

/**
 * Writes the rows of m as JSON text (what jsonRowsText gives for all rows), in order, the pieces formatted
 * by both threads when the helper thread is running and m is in shared memory and large (a 1024² A⁺:
 * ~150 ms of number formatting on one thread). Returns false, having written nothing, otherwise.
 */
export function writeJsonRowsOnTwoThreads(m: Matrix, write: (text: string | Uint8Array) => void): boolean {
  const worker = m.rows * m.cols >= PARALLEL_MIN_JSON && m.rows >= 4 * JSON_PIECE_ROWS ? (helper ?? undefined) : undefined;
  if (!worker || !wholeShared(m.data)) return false;
  const count = Math.ceil(m.rows / JSON_PIECE_ROWS), slot = JSON_PIECE_ROWS * (m.cols * JSON_NUMBER_BYTES + 2);
  // Pages of `out` are touched only where the helper thread writes (its share, ~half).
  const task: JsonRowsTask = { kind: 'jsonRows', data: m.data.buffer as SharedArrayBuffer, rows: m.rows, cols: m.cols, out: new SharedArrayBuffer(count * slot), lengths: new SharedArrayBuffer(count * 4), control: new SharedArrayBuffer(8), };
  worker.postMessage(task);
  const out = new Uint8Array(task.out), lengths = new Int32Array(task.lengths), control = new Int32Array(task.control);
  const mine = new Map<number, string>();
  let next = 0;
  // Writes the pieces that are ready, in order; `wait`: until all are written.
  const flush = (wait: boolean) => {
    while (next < count) {
      const own = mine.get(next);
      let text: string | Uint8Array | undefined = own;
      if (own !== undefined) mine.delete(next);
      else {
        if (Atomics.load(lengths, next) === 0 && !wait) return;
        waitForHelper(lengths, next, 0, HELPER_STALL_MS);
        const length = Atomics.load(lengths, next);
        text = out.subarray(next * slot, next * slot + length - 1);
      }
      if (next > 0) write(',');
      write(text as string | Uint8Array);
      next++;
    }
  };
  for (;;) {
    const i = Atomics.add(control, 0, 1);
    if (i >= count) break;
    mine.set(i, jsonRowsText(m.data, m.cols, i * JSON_PIECE_ROWS, Math.min(m.rows, (i + 1) * JSON_PIECE_ROWS)));
    flush(false);
  }
  flush(true);
  return true;
}

/** Below this many entries a matrix's JSON is formatted by this thread alone. */
const PARALLEL_MIN_JSON = 1 << 18;

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

/**
 * C = A·B, on two threads when the product is large and a second core is there; C in `into`'s shared
 * memory when it is a whole SharedArrayBuffer long enough (and not an operand), else in new memory.
 */
export function parallelMultiply(a: Matrix, b: Matrix, into?: Float64Array): Matrix {
  if (a.cols !== b.rows) throw new Error(`cannot multiply ${a.rows}×${a.cols} by ${b.rows}×${b.cols}`);
  const m = a.rows, n = b.cols, p = a.cols;
  // Only a helper thread already started (prepareParallelProducts): one started here would boot and
  // warm up while this product runs, costing more than it takes over.
  const worker = m * n * p >= PARALLEL_MIN_PRODUCT && m >= 2 * BLOCK_ROWS ? (helper ?? undefined) : undefined;
  if (!worker) return multiply(a, b);
  // Both threads through the WebAssembly kernel, or both through the JS one: the same numbers either way.
  const wasm = m * n * p >= WASM_MIN_PRODUCT ? wasmKernel() : undefined;
  const reuse = into !== undefined && wholeShared(into) && into.length >= m * n && into.buffer !== a.data.buffer && into.buffer !== b.data.buffer;
  const task: ProductTask = { kind: 'product', a: shared(a.data), b: shared(b.data), c: reuse ? (into.buffer as SharedArrayBuffer) : sharedMemory(m * n).buffer as SharedArrayBuffer, control: new SharedArrayBuffer(8), m, n, p, wasm: wasm !== undefined };
  const A = new Float64Array(task.a), B = new Float64Array(task.b), C = new Float64Array(task.c, 0, m * n);
  // The JS kernel adds into C (the WebAssembly one overwrites it): reused memory starts from zero as new memory does.
  if (reuse && !wasm) C.fill(0);
  worker.postMessage(task);
  const count = Math.ceil(m / BLOCK_ROWS);
  if (wasm) {
    wasmPackB(wasm, B, p, n);
    shareWork(new Int32Array(task.control), count, (i) => wasmMultiplyRows(wasm, A, C, i * BLOCK_ROWS, Math.min(m, (i + 1) * BLOCK_ROWS)));
  } else {
    shareWork(new Int32Array(task.control), count, (i) => multiplyRowsInto(A, B, C, i * BLOCK_ROWS, Math.min(m, (i + 1) * BLOCK_ROWS), n, p));
  }
  // C stays in shared memory: the next product it enters (AX, XA in the residuals) needs no copy.
  return { rows: m, cols: n, data: C };
}

/** Whether data is a view of all of a SharedArrayBuffer. */
function wholeShared(data: Float64Array): boolean {
  return data.buffer instanceof SharedArrayBuffer && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
}

/** data's memory when it is a whole SharedArrayBuffer already (no copy), else a shared copy of it. */
function shared(data: Float64Array): SharedArrayBuffer {
  const own = data.buffer;
  if (own instanceof SharedArrayBuffer && wholeShared(data)) return own;
  const copy = sharedMemory(data.length);
  copy.set(data);
  return copy.buffer as SharedArrayBuffer;
}

/** A zeroed whole SharedArrayBuffer of `length` doubles. */
function sharedMemory(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * 8));
}

/**
 * The matrix in shared memory when the helper thread is running and the matrix is large (a copy, made
 * once: each product would otherwise copy its operands), else the matrix itself. The copies and their
 * page faults were ~0.3 s of a 1024² one-shot pinv.
 */
export function inSharedMemory(m: Matrix): Matrix {
  if (!helper || m.data.length < SHARED_MIN_ENTRIES) return m;
  return { rows: m.rows, cols: m.cols, data: new Float64Array(shared(m.data)) };
}

/** Matrices smaller than this are not worth a shared copy (their products stay on one thread). */
const SHARED_MIN_ENTRIES = 1 << 14;

/**
 * Memory for a matrix read from a file (the CLI's CSV reader): shared when it is large and a second core
 * is there, so that inSharedMemory takes it as it is — no 8 MB copy of a 1024² A to fault in.
 */
export function matrixMemory(length: number): Float64Array {
  return length >= SHARED_MIN_ENTRIES && availableParallelism() >= 2 ? sharedMemory(length) : new Float64Array(length);
}

/**
 * blockReflector's RowParallel on two threads: the rows (each transformed on its own) in chunks of
 * ROW_CHUNK claimed by both. Used when the helper thread is running and the job is large; a pinv's
 * explicit Q₁ᵀ / U_Bᵀ and V_B·Z (1024²: ~3.5·10⁹ flops, half of its SVD) are such jobs.
 */
export const parallelRows: RowParallel = {
  applyBlocks(blocks, data, rowCount, rowLength, fromStart) {
    const reflectors = blocks.reduce((sum, b) => sum + b.k, 0);
    const worker = rowCount * rowLength * reflectors >= PARALLEL_MIN_ROWS_WORK && rowCount >= 2 * ROW_CHUNK ? (helper ?? undefined) : undefined;
    if (!worker) return false;
    const { meta, values } = packBlocks(blocks);
    // The kernel the one-thread path would take for this job (the same bits on either path).
    const kernel = reflectorKernel(rowCount, rowLength, reflectors);
    const chunk = kernel ? WASM_ROW_CHUNK : ROW_CHUNK;
    const task: ReflectorTask = { kind: 'reflectors', meta, values, data: shared(data.subarray(0, rowCount * rowLength)), control: new SharedArrayBuffer(8), rowCount, rowLength, fromStart, chunk, wasm: kernel !== undefined };
    worker.postMessage(task);
    const rows = new Float64Array(task.data);
    shareWork(new Int32Array(task.control), Math.ceil(rowCount / chunk), (i) => applyBlocksToRowRange(blocks, rows, i * chunk, Math.min(rowCount, (i + 1) * chunk), rowLength, fromStart, kernel));
    if (rows.buffer !== data.buffer) data.set(rows);
    return true;
  },
  allocate(length) {
    // Shared from the start when the helper thread will share its rows: no copy in, none out.
    return helper && length >= SHARED_MIN_ENTRIES ? sharedMemory(length) : new Float64Array(length);
  },
  startRowProduct(n) {
    const worker = n * n * n >= PARALLEL_MIN_ROWS_WORK && n >= 2 * ROW_CHUNK ? (helper ?? undefined) : undefined;
    return worker ? rowProductOnHelper(worker, n, sharedMemory(n * n), (flags, index, value) => waitForHelper(flags, index, value, HELPER_STALL_MS)) : undefined;
  },
};
