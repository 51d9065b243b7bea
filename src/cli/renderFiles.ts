// Renders many files for `kexue render <dir>`: on worker threads when there are enough files to pay
// for starting them (see FILES_PER_WORKER), else in this thread. Workers take files one at a time from a queue, largest first, so a thread that drew
// short posts takes more of them (a fixed share per thread left one core idle while the other
// finished the longest posts). Reports come back in the order of the files whatever thread made
// them. Workers read the disk cache but do not write it: they hand their new formulas back and this
// thread saves the file once.

import { statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PostRenderer, type RenderResult } from '../core/render';
import type { FormulaDiskCache } from '../renderCache/formulaDiskCache';
import { PostResultDiskCache } from '../renderCache/postResultDiskCache';
import { readPostText } from './postFiles';
import { reportOf, type FileReport } from './renderReport';

/** A file's outcome: its report, or why it was not read (missing, a FIFO, over the size limit…). */
export type FileOutcome = { report: FileReport } | { problem: string };

/** What a thread renders with: the same for every file it takes. */
export interface RenderSetup {
  /** Paths in reports are relative to this folder. */
  cwd: string;
  cacheDir?: string;
  maxBytes: number;
}

/** A share of the files rendered in one thread (the single-thread path and the tests). */
export interface RenderJob extends RenderSetup {
  files: string[];
}

export interface RenderJobResult {
  outcomes: FileOutcome[];
  /** New disk cache entries, already hashed. */
  added: [string, string][];
}

/** This thread → a worker: render one file, or hand back the cache entries and stop. */
export type ToRenderWorker = { type: 'render'; index: number; file: string } | { type: 'finish' };

/** A worker → this thread: one file's outcome, or (after `finish`) its new cache entries. */
export type FromRenderWorker = { type: 'outcome'; index: number; outcome: FileOutcome } | { type: 'finished'; added: [string, string][] };

export interface RenderFilesOptions {
  /** Worker threads; 1 renders in this thread. Default: one per 8 files to render, at most one per core. */
  jobs?: number;
  /** The worker bundle (dist/renderWorker.js); without it everything renders in this thread. */
  workerScript?: string;
  /** The disk cache, or undefined for none. */
  cache?: FormulaDiskCache;
  /** Larger files are not read (reported as a problem). */
  maxBytes: number;
  /** Filled in: how many files each thread rendered (one entry when everything ran in this thread). */
  filesPerThread?: number[];
}

/**
 * Files each worker needs before workers are worth it. A worker is a V8 isolate of its own: it loads
 * KaTeX and markdown-it and warms its own JIT, and KaTeX's first few hundred formulas run about
 * twice as slow as later ones. On the corpus's 8 posts (2 cores, shared machine) two workers cost
 * 1.3–1.7× the CPU of one thread and were no faster; below 8 files a thread, one thread renders.
 */
const FILES_PER_WORKER = 8;

export function defaultJobs(files: number): number {
  return Math.max(1, Math.min(Math.floor(files / FILES_PER_WORKER), os.availableParallelism()));
}

export async function renderFiles(files: string[], options: RenderFilesOptions): Promise<FileOutcome[]> {
  const setup: RenderSetup = { cwd: process.cwd(), cacheDir: options.cache?.dir, maxBytes: options.maxBytes };
  const here = new FileRenderer(setup, options.cache);
  const outcomes: (FileOutcome | undefined)[] = files.map(() => undefined);
  // Posts the disk cache holds whole, and files that cannot be read, are answered here: a worker
  // would only start, load its engines and read the same file (a second run started two for nothing).
  let toRender = files.map((file, index) => ({ file, index }));
  if (options.cache && options.workerScript && options.jobs !== 1) {
    const left: typeof toRender = [];
    for (const item of toRender) {
      const known = await here.known(item.file);
      if (known) outcomes[item.index] = known;
      else left.push(item);
    }
    toRender = left;
  }
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(toRender.length), toRender.length));
  if (jobs === 1 || !options.workerScript) {
    options.filesPerThread?.push(files.length);
    for (const { file, index } of toRender) outcomes[index] = await here.render(file);
  } else {
    // Longest first: the last files to start are short, so the threads finish close together.
    const queue = toRender.map((item) => ({ ...item, size: sizeOf(item.file) })).sort((a, b) => b.size - a.size || a.index - b.index);
    const script = options.workerScript;
    const results = await Promise.all(Array.from({ length: jobs }, () => runWorker(script, setup, queue, outcomes)));
    results.forEach((result) => {
      options.cache?.merge(result.added);
      options.filesPerThread?.push(result.files);
    });
  }
  return outcomes.map((outcome) => outcome ?? { problem: 'not rendered (a worker lost it)' });
}

/** The file's size for the queue's order; one that cannot be read goes last (it fails fast). */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Renders files one after another in one thread, one renderer (and its caches) for all of them. */
export class FileRenderer {
  private readonly renderer: PostRenderer;

  constructor(
    private readonly setup: RenderSetup,
    cache?: FormulaDiskCache,
  ) {
    // Beside the formulas, whole posts: an unchanged post is read back, not rendered.
    const resultStore = cache && new PostResultDiskCache(path.join(cache.dir, 'posts'));
    this.renderer = new PostRenderer({ store: cache, resultStore });
  }

  async render(file: string): Promise<FileOutcome> {
    const read = await readPostText(file, this.setup.maxBytes);
    if (!read.ok) return { problem: read.problem };
    const result = await this.renderer.renderComplete(read.text);
    return { report: this.reportOf(file, result) };
  }

  /** The outcome without rendering — the post as the disk cache holds it, or why it cannot be read — else undefined. */
  async known(file: string): Promise<FileOutcome | undefined> {
    const read = await readPostText(file, this.setup.maxBytes);
    if (!read.ok) return { problem: read.problem };
    const result = this.renderer.stored(read.text);
    return result && { report: this.reportOf(file, result) };
  }

  private reportOf(file: string, result: RenderResult): FileReport {
    return reportOf(path.relative(this.setup.cwd, file) || file, result);
  }
}

/** Renders one share of the files in this thread (the single-thread path and the tests). */
export async function renderJobComplete(job: RenderJob, cache?: FormulaDiskCache): Promise<RenderJobResult> {
  const renderer = new FileRenderer(job, cache);
  const outcomes: FileOutcome[] = [];
  for (const file of job.files) outcomes.push(await renderer.render(file));
  return { outcomes, added: cache?.added ?? [] };
}

/** One worker taking files from the shared queue until it is empty; resolves with its cache entries. */
function runWorker(
  script: string,
  setup: RenderSetup,
  queue: { file: string; index: number }[],
  outcomes: (FileOutcome | undefined)[],
): Promise<{ added: [string, string][]; files: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: setup });
    let files = 0;
    let finished = false;
    const next = () => {
      const item = queue.shift();
      const message: ToRenderWorker = item ? { type: 'render', index: item.index, file: item.file } : { type: 'finish' };
      worker.postMessage(message);
    };
    worker.on('message', (message: FromRenderWorker) => {
      switch (message.type) {
        case 'outcome':
          outcomes[message.index] = message.outcome;
          files++;
          next();
          break;
        case 'finished':
          finished = true;
          resolve({ added: message.added, files });
          break;
        default:
          assertNever(message);
      }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!finished) reject(new Error(`render worker stopped (exit code ${code}) before answering`));
    });
    next();
  });
}

function assertNever(value: never): never {
  throw new Error(`unexpected message from a render worker: ${JSON.stringify(value)}`);
}
