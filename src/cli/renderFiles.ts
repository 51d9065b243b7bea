// Renders many files for `kexue render <dir>`: on worker threads when there are enough files to pay
// for starting them (each loads KaTeX and markdown-it, ≈ 0.1 s), else in this thread. Reports come
// back in the order of the files whatever thread made them. Workers read the disk cache but do not
// write it: they hand their new formulas back and this thread saves the file once.

import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PostRenderer } from '../core/render';
import type { FormulaDiskCache } from '../renderCache/formulaDiskCache';
import { PostResultDiskCache } from '../renderCache/postResultDiskCache';
import { readPostFile } from './postFiles';
import { reportOf, type FileReport } from './renderReport';

/** A file's outcome: its report, or why it was not read (missing, a FIFO, over the size limit…). */
export type FileOutcome = { report: FileReport } | { problem: string };

/** What a worker is given. */
export interface RenderJob {
  files: string[];
  /** Paths in reports are relative to this folder. */
  cwd: string;
  cacheDir?: string;
  maxBytes: number;
}

/** What a worker answers. */
export interface RenderJobResult {
  outcomes: FileOutcome[];
  /** New disk cache entries, already hashed. */
  added: [string, string][];
}

export interface RenderFilesOptions {
  /** Worker threads; 1 renders in this thread. Default: one per core when there are ≥ 4 files. */
  jobs?: number;
  /** The worker bundle (dist/renderWorker.js); without it everything renders in this thread. */
  workerScript?: string;
  /** The disk cache, or undefined for none. */
  cache?: FormulaDiskCache;
  /** Larger files are not read (reported as a problem). */
  maxBytes: number;
}

/** Files needed before workers are worth their start-up. */
const FILES_FOR_WORKERS = 4;

export function defaultJobs(files: number): number {
  return files >= FILES_FOR_WORKERS ? Math.min(files, os.availableParallelism()) : 1;
}

export async function renderFiles(files: string[], options: RenderFilesOptions): Promise<FileOutcome[]> {
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(files.length), files.length));
  const job = (share: string[]): RenderJob => ({ files: share, cwd: process.cwd(), cacheDir: options.cache?.dir, maxBytes: options.maxBytes });
  if (jobs === 1 || !options.workerScript) return (await renderJobComplete(job(files), options.cache)).outcomes;
  // Round-robin: neighbouring files (often parts of one series, similar in size) go to different threads.
  const shares = Array.from({ length: jobs }, (_, worker) => files.filter((_file, i) => i % jobs === worker));
  const script = options.workerScript;
  const results = await Promise.all(shares.map((share) => runWorker(script, job(share))));
  const byFile = new Map<string, FileOutcome>();
  results.forEach((result, worker) => result.outcomes.forEach((outcome, i) => byFile.set(shares[worker][i], outcome)));
  for (const result of results) options.cache?.merge(result.added);
  return files.map((file) => byFile.get(file) ?? { problem: 'not rendered (a worker lost it)' });
}

/** Renders one share of the files in this thread (the worker's body, and the single-thread path). */
export async function renderJobComplete(job: RenderJob, cache?: FormulaDiskCache): Promise<RenderJobResult> {
  // Beside the formulas, whole posts: an unchanged post is read back, not rendered.
  const resultStore = cache && new PostResultDiskCache(path.join(cache.dir, 'posts'));
  const renderer = new PostRenderer({ store: cache, resultStore });
  const outcomes: FileOutcome[] = [];
  for (const file of job.files) {
    const read = await readPostFile(file, job.maxBytes);
    if (!read.ok) {
      outcomes.push({ problem: read.problem });
      continue;
    }
    const result = await renderer.renderComplete(read.bytes.toString('utf8'));
    outcomes.push({ report: reportOf(path.relative(job.cwd, file) || file, result) });
  }
  return { outcomes, added: cache?.added ?? [] };
}

function runWorker(script: string, job: RenderJob): Promise<RenderJobResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: job });
    let answered = false;
    worker.once('message', (result: RenderJobResult) => {
      answered = true;
      resolve(result);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`render worker stopped (exit code ${code}) before answering`));
    });
  });
}
