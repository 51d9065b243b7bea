// A square pinv's U_B formed by the helper thread of parallelProduct.ts while this thread bidiagonalises:
// the reflectors go over in blocks as they are made (blockReflector's RowParallel.startRowProduct).
import type { Worker } from 'node:worker_threads';
import { productOfReflectorsByRows, reflectorKernel, rowProductBlockSize, type RowProductInProgress } from '../core/numerics/blockReflector';
import type { Reflector } from '../core/numerics/householder';
import type { RowProductTask } from './helperTasks';

/**
 * productOfReflectorsByRows of n reflectors into `data` (zeroed, shared), its blocks applied by the
 * helper thread as they fill — the same blocks and kernel as on one thread, so the same bits — and its
 * e_i rows written by that thread with the first block (its page faults, not this thread's). A square
 * pinv's U_B, 10⁹ multiply-adds at 1024², is then formed while this thread bidiagonalises, on a core
 * that would otherwise wait. `waitForHelper` waits while flags[index] is value (and gives up on a stalled thread).
 */
export function rowProductOnHelper(worker: Worker, n: number, data: Float64Array, waitForHelper: (flags: Int32Array, index: number, value: number) => void): RowProductInProgress {
  const control = new Int32Array(new SharedArrayBuffer(8));
  const wasm = reflectorKernel(n, n, n) !== undefined, size = rowProductBlockSize(n, n);
  const all: Reflector[] = [];
  // The v's, each written once into shared memory as it is pushed (n + n−1 + … + 1 doubles for U_B's):
  // a block's task then carries a view of them, not a copy made here and another made by postMessage.
  const store = new Float64Array(new SharedArrayBuffer(4 * n * (n + 1)));
  let from = 0, stored = 0, blockStart = 0, posted = 0;
  const post = () => {
    const block = all.slice(from, all.length);
    from = all.length;
    const values = stored >= 0 ? store.subarray(blockStart, stored) : Float64Array.from(block.flatMap((h) => [...h.v]));
    blockStart = stored;
    const task: RowProductTask = { kind: 'rowProduct', data: data.buffer as SharedArrayBuffer, n, first: posted === 0, control: control.buffer, offsets: Int32Array.from(block, (h) => h.offset), taus: Float64Array.from(block, (h) => h.tau), lengths: Int32Array.from(block, (h) => h.v.length), values, wasm };
    worker.postMessage(task);
    posted++;
  };
  return {
    push(reflector) {
      all.push(reflector);
      // Longer v's than U_B's (never, from the bidiagonalisation) would not fit: copies from then on.
      if (stored >= 0 && stored + reflector.v.length <= store.length) {
        store.set(reflector.v, stored);
        stored += reflector.v.length;
      } else stored = -1;
      if (all.length - from === size) post();
    },
    finish() {
      if (all.length > from) post();
      for (let done = Atomics.load(control, 0); done < posted; done = Atomics.load(control, 0)) waitForHelper(control, 0, done);
      // A helper thread without the kernel this job takes formed nothing: this thread does it all.
      return Atomics.load(control, 1) === 2 ? productOfReflectorsByRows(all, n, data.fill(0)) : data;
    },
    abandon() {
      // Its memory is left to the collector: the helper thread may be inside a block.
      Atomics.store(control, 1, 1);
    },
  };
}
