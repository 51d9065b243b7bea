// What the helper thread of parallelProduct.ts is sent (the task shapes) and the self-contained
// functions both threads run on them (their source is evaluated in the helper thread). Apart from
// parallelProduct.ts, which starts the thread and shares the work, so that each file stays one concern.
import type { CompactWY } from '../core/numerics/blockReflector';

/** A product C = A·B (m×p by p×n), rows of C claimed in blocks. */
export interface ProductTask {
  readonly kind: 'product';
  readonly a: SharedArrayBuffer;
  readonly b: SharedArrayBuffer;
  readonly c: SharedArrayBuffer;
  /** [next block to claim, blocks finished] */
  readonly control: SharedArrayBuffer;
  readonly m: number;
  readonly n: number;
  readonly p: number;
  /** Through the WebAssembly kernel (as this thread does): a helper thread without it claims no block. */
  readonly wasm: boolean;
}

/** Compact-WY blocks applied to the rows of data (blockReflector's RowParallel), rows claimed in chunks. */
export interface ReflectorTask {
  readonly kind: 'reflectors';
  /** packBlocks' two buffers. */
  readonly meta: SharedArrayBuffer;
  readonly values: SharedArrayBuffer;
  readonly data: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
  readonly rowCount: number;
  readonly rowLength: number;
  readonly fromStart: boolean;
  /** Rows per claimed chunk. */
  readonly chunk: number;
  /** Through the WebAssembly kernel (as this thread does): a helper thread without it claims no chunk. */
  readonly wasm: boolean;
}

/**
 * The next block of a product of reflectors formed by rows (blockReflector's productOfReflectorsByRows),
 * applied by the helper thread alone, in the order the blocks come, while this thread makes the next.
 */
export interface RowProductTask {
  readonly kind: 'rowProduct';
  /** The n×n rows, zeros until the first block's task makes them e_i. */
  readonly data: SharedArrayBuffer;
  readonly n: number;
  readonly first: boolean;
  /** [blocks finished, 1 when abandoned (blocks not begun are skipped) or 2 when the helper could not form them] */
  readonly control: SharedArrayBuffer;
  /** The block's reflectors in order: offsets, τ, v's lengths, the v's one after another. */
  readonly offsets: Int32Array;
  readonly taus: Float64Array;
  readonly lengths: Int32Array;
  readonly values: Float64Array;
  /** Through the WebAssembly kernel (as this thread would, for the same bits). */
  readonly wasm: boolean;
}

/**
 * Rows of a matrix as JSON text (each row JSON.stringify's, rows joined by ','), in pieces of rows
 * claimed by both threads: the helper thread writes its pieces' bytes (ASCII) into their slots of
 * `out` and their lengths + 1 into `lengths`.
 */
export interface JsonRowsTask {
  readonly kind: 'jsonRows';
  readonly data: SharedArrayBuffer;
  readonly rows: number;
  readonly cols: number;
  readonly out: SharedArrayBuffer;
  readonly lengths: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
}

/** Rows per piece of JSON text (~20 KB of text per row of 1024: young-generation strings). */
export const JSON_PIECE_ROWS = 4;
/** Bytes a double can take in JSON (-1.2345678901234567e-308), with its comma. */
export const JSON_NUMBER_BYTES = 25;

/** The text of rows r0…r1−1, as writeJson writes them (run by both threads: self-contained). */
export function jsonRowsText(data: Float64Array, cols: number, r0: number, r1: number): string {
  const parts: string[] = [];
  for (let r = r0; r < r1; r++) parts.push(JSON.stringify(Array.from(data.subarray(r * cols, (r + 1) * cols))));
  return parts.join(',');
}

/** The blocks in two shared buffers: meta = [count, then per block start, length, k, vt at, t at, firstNonzero at, …, the firstNonzero arrays]. */
export function packBlocks(blocks: readonly CompactWY[]): { meta: SharedArrayBuffer; values: SharedArrayBuffer } {
  const header = 1 + 6 * blocks.length;
  let ints = header, doubles = 0;
  for (const b of blocks) {
    ints += b.k;
    doubles += b.k * b.length + b.k * b.k;
  }
  const meta = new Int32Array(new SharedArrayBuffer(ints * 4)), values = new Float64Array(new SharedArrayBuffer(doubles * 8));
  meta[0] = blocks.length;
  let intAt = header, at = 0;
  blocks.forEach((b, i) => {
    const o = 1 + 6 * i;
    meta.set([b.start, b.length, b.k, at, at + b.k * b.length, intAt], o);
    values.set(b.vt, at);
    values.set(b.t, at + b.k * b.length);
    at += b.k * b.length + b.k * b.k;
    meta.set(b.firstNonzero, intAt);
    intAt += b.k;
  });
  return { meta: meta.buffer, values: values.buffer };
}

/** packBlocks undone, as views on the shared buffers (run by the helper thread from its source). */
export function unpackBlocks(metaBuffer: SharedArrayBuffer, valuesBuffer: SharedArrayBuffer): CompactWY[] {
  const meta = new Int32Array(metaBuffer), values = new Float64Array(valuesBuffer);
  const blocks: CompactWY[] = [];
  for (let b = 0; b < meta[0]; b++) {
    const o = 1 + 6 * b;
    const start = meta[o], length = meta[o + 1], k = meta[o + 2], vtAt = meta[o + 3], tAt = meta[o + 4], fnzAt = meta[o + 5];
    blocks.push({ start, length, k, vt: values.subarray(vtAt, vtAt + k * length), firstNonzero: meta.subarray(fnzAt, fnzAt + k), t: values.subarray(tAt, tAt + k * k) });
  }
  return blocks;
}
