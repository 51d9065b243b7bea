// A render worker thread of `kexue render <dir>` (bundled as dist/renderWorker.js): renders its share
// of the files and answers once with their reports and the formulas it added to the disk cache.
import { parentPort, workerData } from 'node:worker_threads';
import { FormulaDiskCache } from '../renderCache/formulaDiskCache';
import { renderJobComplete, type RenderJob } from './renderFiles';

const job = workerData as RenderJob;
const cache = job.cacheDir === undefined ? undefined : new FormulaDiskCache(job.cacheDir, { trackAdded: true });
renderJobComplete(job, cache).then(
  (result) => parentPort?.postMessage(result),
  (error: unknown) => {
    throw error;
  },
);
