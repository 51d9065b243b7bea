// A cold build of a library folder's search index, as `kexue search` runs it (and the bench times
// it): the library scan, each file cut into documents, the documents indexed, MiniSearch built at
// once. The cutting runs in a worker thread beside the scan where one can run (src/searchWorker/).

import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { AnnotationStore, postIdentity } from '../core/annotations';
import type { FileProblem, Library } from '../core/library/model';
import { SearchIndex, documentsOfSpans, noteDocuments, postEntriesByFile, searchNotesOf } from '../core/search';
import { AnnotationFilesOnDisk, findLibraryRoot } from '../notes/annotationFilesOnDisk';
import { scanLibrary } from './scanLibrary';
import { DocumentSpanner } from '../searchWorker/documentSpanner';

/** Wall and CPU milliseconds (CPU: the whole process, worker included). */
export interface StageTime {
  wall: number;
  cpu: number;
}

export interface BuildTimings {
  /** Library scan (reading, decoding, parsing; texts handed to the worker as they are decoded). */
  scan: StageTime;
  /** Documents: waiting for the worker's last spans, then documents made from them (or cut here, without a worker). */
  documents: StageTime;
  /** Documents indexed, then MiniSearch built from the distinct texts. */
  indexing: StageTime;
  /** Whether a worker thread cut the files, how many, and its own milliseconds on them. */
  worker: { used: boolean; files: number; ms: number };
}

export interface BuildOptions {
  /** The worker's bundle; default dist/searchSpansWorker.js beside this bundle. `null`: no worker. */
  workerScript?: string | null;
  /** Index the reader's notes (`kexue notes add`) too; default true. */
  notes?: boolean;
  /** Filled with each stage's time when given. */
  timings?: BuildTimings;
}

const UNTIMED = (): StageTime => ({ wall: 0, cpu: 0 });

/** A stage's clock; none without `timings` (process.cpuUsage is a system call, four per file). */
function stageClock(timings: BuildTimings | undefined): () => StageTime {
  if (!timings) return UNTIMED;
  const cpu = process.cpuUsage();
  const started = performance.now();
  return () => {
    const used = process.cpuUsage(cpu);
    return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
  };
}

function add(into: StageTime, time: StageTime): void {
  into.wall += time.wall;
  into.cpu += time.cpu;
}

/** The index of every post file under `root` (file paths as given; the caller makes them relative). */
export async function buildLibrarySearchIndex(root: string, options: BuildOptions = {}): Promise<{ index: SearchIndex; library: Library; problems: FileProblem[] }> {
  const script = options.workerScript === undefined ? path.join(__dirname, 'searchSpansWorker.js') : (options.workerScript ?? undefined);
  const spanner = DocumentSpanner.start(script);
  const timings = options.timings;
  try {
    // The scan's decoded texts are indexed as they are (reading and decoding every file twice was a
    // sixth of a cold build), and each goes to the worker the moment it is decoded.
    const texts = new Map<string, string>();
    let clock = stageClock(timings);
    const library = await scanLibrary(root, undefined, (file, text) => {
      texts.set(file, text);
      spanner.submit(file, text);
    });
    if (timings) timings.scan = clock();
    const entries = postEntriesByFile(library);
    const index = new SearchIndex();
    const store = options.notes === false ? undefined : new AnnotationStore(new AnnotationFilesOnDisk(), await findLibraryRoot(root));
    const documents: StageTime = { wall: 0, cpu: 0 };
    const indexing: StageTime = { wall: 0, cpu: 0 };
    for (const [file, refs] of entries) {
      clock = stageClock(timings);
      const text = texts.get(file) ?? (await fs.readFile(file, 'utf8'));
      // Dropped once indexed: the index keeps its own copies of what it needs.
      texts.delete(file);
      const found = documentsOfSpans(file, text, await spanner.spansOf(file, text), refs);
      add(documents, clock());
      clock = stageClock(timings);
      index.setFile(file, found);
      add(indexing, clock());
      if (!store) continue;
      // The reader's notes are searched too; a damaged annotation file only loses its own notes.
      const identity = postIdentity(text);
      const annotations = identity ? (await store.load(identity).catch(() => ({ annotations: [] }))).annotations : [];
      if (annotations.length > 0) index.setFile(`note:${file}`, noteDocuments(searchNotesOf(file, text, annotations), refs));
    }
    // MiniSearch from all the texts at once, as part of indexing (not of the first query's time).
    clock = stageClock(timings);
    index.prepare();
    add(indexing, clock());
    if (timings) Object.assign(timings, { documents, indexing, worker: { used: spanner.workerFiles > 0, files: spanner.workerFiles, ms: spanner.workerMs } });
    // Files not searched; a post listed with a flaw of its front matter is searched like any other.
    return { index, library, problems: library.problems.filter((p) => p.skipped) };
  } finally {
    await spanner.close();
  }
}
