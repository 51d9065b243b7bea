// C = A·B through gemm.wat, the product kernel in WebAssembly SIMD (f64x2). Plain JS has no SIMD and no
// fused multiply-add: its best blocked product (matrix.ts) runs ~5 GFLOP/s warm and far less on a
// fresh process's first call, which runs interpreted until V8 optimises it; the WebAssembly kernel is
// compiled before its first call (Liftoff, then TurboFan in the background) and does two multiply-adds
// per instruction. No maintained package ships an f64 GEMM for WebAssembly SIMD small enough to embed,
// so the kernel is ~70 lines of WAT (gemm.wat), compiled by WABT into gemmWasm.ts. The module also
// exports the bidiagonalisation's and the QR's row updates (bidiagonalize.ts, blockedQr.ts).
//
// The functions below are self-contained (no module state, no imports inside them): the helper thread
// of computeJobs/parallelProduct evaluates their source (WASM_PRODUCT_KERNEL) to run the same kernel.
import { GEMM_WASM_BASE64 } from './gemmWasm';

/** What the kernel needs of the WebAssembly API (lib ES2022 without DOM declares none of it). */
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: object };
}

interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** One thread's instance of the kernel and the B it has packed. */
export interface WasmKernel {
  readonly memory: WasmMemory;
  readonly gemm: (ap: number, bp: number, c: number, m4: number, n4: number, p: number) => void;
  readonly packRows: (src: number, dst: number, rows: number, cols: number, rows4: number) => void;
  readonly packColumns: (src: number, dst: number, p: number, n: number, n4: number) => void;
  /** The bidiagonalisation's fused row update (bidiagonalize.ts; byte offsets into memory). */
  readonly reduceRows: (a: number, n: number, c0: number, r0: number, r1: number, fl: number, w: number, vR: number, tauR: number, col: number, s: number, useS: number) => void;
  /** The QR's trailing update (blockedQr.ts, householderQr; byte offsets into memory). */
  readonly panelRows: (a: number, cols: number, c0: number, width: number, start: number, length: number, vt: number, k: number, z: number, toZ: number) => void;
  /** The packed B's shape (n4: n rounded up to 4), and where the blocks of A and C and the row-major copies to pack go (in doubles). */
  n: number;
  p: number;
  n4: number;
  aAt: number;
  cAt: number;
  stageAt: number;
  /** Working rows that callers (blockReflector's applyCompactWYWasm) reuse from call to call. */
  scratch?: Float64Array;
}

/** An instance of the kernel, or undefined where WebAssembly SIMD is not available. */
export function createWasmKernel(base64: string): WasmKernel | undefined {
  try {
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (!api) return undefined;
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    // Synchronous: the module is under 1 KB, and the CPU jobs are synchronous.
    const instance = new api.Instance(new api.Module(bytes), {});
    const exports = instance.exports as Pick<WasmKernel, 'memory' | 'gemm' | 'packRows' | 'packColumns' | 'reduceRows' | 'panelRows'>;
    const { memory, gemm, packRows, packColumns, reduceRows, panelRows } = exports;
    return { memory, gemm, packRows, packColumns, reduceRows, panelRows, n: 0, p: 0, n4: 0, aAt: 0, cAt: 0, stageAt: 0 };
  } catch {
    return undefined;
  }
}

/**
 * Copies B (p×n, row-major) into the kernel's memory as strips of four columns, each k-major, and
 * makes room after it for a block of A's rows and one of C's (growing the memory as needed).
 */
export function wasmPackB(kernel: WasmKernel, B: Float64Array, p: number, n: number): void {
  // Rows per block of A and C: must equal wasmMultiplyRows' (each function stands alone).
  const ROWS = 64;
  const n4 = (n + 3) & ~3;
  const bDoubles = p * n4, aDoubles = ROWS * p, cDoubles = ROWS * n4, stageDoubles = Math.max(p * n, ROWS * p);
  const bytes = (bDoubles + aDoubles + cDoubles + stageDoubles) * 8;
  const have = kernel.memory.buffer.byteLength;
  if (bytes > have) kernel.memory.grow(Math.ceil((bytes - have) / 65536));
  kernel.n = n;
  kernel.p = p;
  kernel.n4 = n4;
  kernel.aAt = bDoubles;
  kernel.cAt = bDoubles + aDoubles;
  kernel.stageAt = bDoubles + aDoubles + cDoubles;
  // A plain copy, then the kernel's own packing loop (a JS loop would run interpreted on a cold start).
  new Float64Array(kernel.memory.buffer).set(B.subarray(0, p * n), kernel.stageAt);
  kernel.packColumns(kernel.stageAt * 8, 0, p, n, n4);
}

/**
 * Rows i0…i1−1 of C = A·B, B packed by wasmPackB (A m×p and C m×n row-major; C's rows are
 * overwritten, or added to when `accumulate`). Rows go in blocks of 64, packed into strips of four;
 * C's entries are each summed in k order, so how the rows are split between calls does not change a bit.
 */
export function wasmMultiplyRows(kernel: WasmKernel, A: Float64Array, C: Float64Array, i0: number, i1: number, accumulate = false): void {
  const ROWS = 64;
  const { n, p, n4, aAt, cAt, stageAt } = kernel;
  const mem = new Float64Array(kernel.memory.buffer);
  for (let r0 = i0; r0 < i1; r0 += ROWS) {
    const rows = Math.min(ROWS, i1 - r0), m4 = (rows + 3) & ~3;
    mem.set(A.subarray(r0 * p, (r0 + rows) * p), stageAt);
    kernel.packRows(stageAt * 8, aAt * 8, rows, p, m4);
    mem.fill(0, cAt, cAt + m4 * n4);
    if (accumulate) for (let u = 0; u < rows; u++) mem.set(C.subarray((r0 + u) * n, (r0 + u + 1) * n), cAt + u * n4);
    kernel.gemm(aAt * 8, 0, cAt * 8, m4, n4, p);
    for (let u = 0; u < rows; u++) C.set(mem.subarray(cAt + u * n4, cAt + u * n4 + n), (r0 + u) * n);
  }
}

/** The functions another thread evaluates (Function.prototype.toString) with GEMM_WASM_BASE64. */
export const WASM_PRODUCT_KERNEL: readonly ((...args: never[]) => unknown)[] = [createWasmKernel, wasmPackB, wasmMultiplyRows];

export { GEMM_WASM_BASE64 };

let own: WasmKernel | undefined | null;

/** This thread's kernel (made on first use), or undefined without WebAssembly SIMD. */
export function wasmKernel(): WasmKernel | undefined {
  if (own === undefined) own = createWasmKernel(GEMM_WASM_BASE64) ?? null;
  return own ?? undefined;
}
