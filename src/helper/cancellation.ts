// Per-job cancellation that also reaches a worker thread busy in synchronous numerics: a shared
// Int32 flag the job polls at its checkpoints (between sweeps, iterations, kernel blocks).
import { CancelledError } from '../computeJobs/errors';

export class CancelFlag {
  readonly buffer: SharedArrayBuffer;
  private readonly cell: Int32Array;

  constructor(buffer?: SharedArrayBuffer) {
    this.buffer = buffer ?? new SharedArrayBuffer(4);
    this.cell = new Int32Array(this.buffer);
  }

  cancel(): void {
    Atomics.store(this.cell, 0, 1);
  }

  get cancelled(): boolean {
    return Atomics.load(this.cell, 0) === 1;
  }

  /** A checkpoint for job `id`: throws CancelledError once cancel() was called. */
  checkpointFor(id: number): () => void {
    return () => {
      if (this.cancelled) throw new CancelledError(id);
    };
  }
}
