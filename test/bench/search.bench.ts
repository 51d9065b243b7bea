// Search: (A) MiniSearch vs FlexSearch vs Orama on the corpus's documents with our tokens, and (B) the
// chosen index on the corpus (posts and listing pages) copied (at bench time, in a temp folder) to
// ≈ 3,500 posts (≈ 80 MB): cold build with the library scan, disk cache save/load, query p50/p95,
// one-file update, memory; and (C) the cold build on distinct text (MB/s), which copies cannot show.
// Goals (issue 14): build ≤ 3 s cold and ≤ 0.5 s from the disk cache, query p95 ≤ 20 ms, update ≤ 10 ms.
// KEXUE_SEARCH_POSTS and KEXUE_SEARCH_MB set the number of copies and their total size (default 3500, 80);
// KEXUE_SEARCH_COPIES the corpus replication of the library comparison (default 10, 0 skips it);
// KEXUE_SEARCH_DISTINCT_MB the size of the distinct-text library (default 8, 0 skips it).

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { buildLibrarySearchIndex, type BuildTimings } from '../../src/cli/librarySearchBuild';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { extractDocuments, postEntriesByFile, SearchIndex, tokenize, tokenizeQuery, type PostEntryRef } from '../../src/core/search';
import { scanLibrary } from '../../src/cli/scanLibrary';
import { repoRoot } from './support/corpusPosts';
import { distinctCopy, writeCorpusCopies } from './support/searchLibrary';
import { flexSearchCandidate, miniSearchCandidate, oramaCandidate, type Candidate, type TokenDoc } from './support/searchLibraries';

export const QUERIES = [
  '伪逆', 'HiPPO矩阵', '\\boldsymbol{A}^{\\dagger}', 'W_k', '奇异值分解', 'SVD', 'Legendre', '线性系统', '\\msign', '旋转式位置编码',
  'RoPE', '扩散模型', 'ODE', '低秩近似', '特征值', '\\mathcal{L}', 'x_t', '矩阵', '秩', 'Newton', 'Eckart-Young', '复数',
  '卷积核', '\\alpha', '生成函数', '离散化', '双线性', 'ZOH', 'Cauchy', 'Woodbury', '位置编码 外推', 'Transformer', '正交多项式',
  '投影', '梯度', '损失函数', '不存在的词语组合', 'ippo', '的', '相对位置', 'Moore-Penrose', '\\frac{d}{dt}', '传递函数', 'S4',
];

const gc: () => void = (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

function heapMB(): number {
  gc();
  return process.memoryUsage().heapUsed / 1048576;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const f1 = (x: number) => x.toFixed(1);

async function timed<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
}

/** (A) The three libraries on the same token documents: the corpus's documents, `copies` times over. */
async function compareLibraries(corpus: string, copies: number): Promise<void> {
  const library = await scanLibrary(corpus);
  const base: string[] = [];
  const [, tokenMs] = await timed(() => {
    for (const [file, entries] of postEntriesByFile(library)) {
      for (const doc of extractDocuments(file, readFileSync(file, 'utf8'), entries)) base.push(tokenize(doc.text).join(' '));
    }
  });
  const docs: TokenDoc[] = [];
  for (let c = 0; c < copies; c++) for (const body of base) docs.push({ id: docs.length + 1, body });
  const queries = QUERIES.map((q) => tokenizeQuery(q).required).filter((t) => t.length > 0);
  console.log(`libraries: ${base.length} corpus documents ×${copies} = ${docs.length} (our tokenizer: ${f1(tokenMs)} ms for the corpus once, not counted below)`);
  for (const make of [miniSearchCandidate, flexSearchCandidate, oramaCandidate]) {
    const candidate: Candidate = make();
    const before = heapMB();
    const [, buildMs] = await timed(() => candidate.build(docs));
    const heap = heapMB() - before;
    const times: number[] = [];
    let found = 0;
    for (let round = 0; round < 3; round++) {
      for (const tokens of queries) {
        const [count, ms] = await timed(() => candidate.query(tokens));
        times.push(ms);
        if (round === 0) found += count;
      }
    }
    const [serialised, saveMs] = await timed(() => candidate.serialise());
    const [, loadMs] = await timed(() => candidate.load(serialised));
    console.log(
      `  ${candidate.name.padEnd(15)} build ${f1(buildMs).padStart(7)} ms  query p50 ${percentile(times, 50).toFixed(2)} ms p95 ${percentile(times, 95).toFixed(2)} ms  heap ${f1(heap)} MB  serialised ${f1(serialised.length / 1048576)} MB (save ${f1(saveMs)} ms, load ${f1(loadMs)} ms)  hits ${found}`,
    );
  }
}

/** Wall and CPU milliseconds of `work` (CPU: this process, all threads — the figure a shared machine does not inflate). */
async function measured<T>(work: () => Promise<T> | T): Promise<[T, { wall: number; cpu: number }]> {
  const cpu = process.cpuUsage();
  const [value, wall] = await timed(work);
  const used = process.cpuUsage(cpu);
  return [value, { wall, cpu: (used.user + used.system) / 1000 }];
}

const ms = (t: { wall: number; cpu: number }) => `${f1(t.wall)} ms (CPU ${f1(t.cpu)})`;

/** CPU ms of this process's main thread alone (Linux /proc; NaN elsewhere): a worker's share left out. */
function mainThreadCpu(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    // utime and stime, fields 14 and 15 of stat (11 and 12 after the name), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

interface Built {
  /** The main thread's CPU over the whole build (the critical path when a worker cuts the files). */
  mainCpu: number;
  index: SearchIndex;
  entries: Map<string, PostEntryRef[]>;
  posts: number;
  timings: BuildTimings;
}

/**
 * A cold build as `kexue search` does it (buildLibrarySearchIndex, notes left out): the library scan,
 * each file cut into documents — in a worker thread beside the scan (KEXUE_SEARCH_WORKER=0: in this
 * thread, which gives each stage's CPU alone) — then indexed.
 */
async function coldBuild(dir: string): Promise<Built> {
  const timings = {} as BuildTimings;
  const workerScript = process.env.KEXUE_SEARCH_WORKER === '0' ? null : path.join(repoRoot(), 'dist', 'searchSpansWorker.js');
  if (workerScript && !existsSync(workerScript)) throw new Error(`${workerScript} missing: run node esbuild.mjs first`);
  const mainBefore = mainThreadCpu();
  const { index, library } = await buildLibrarySearchIndex(dir, { workerScript, notes: false, timings });
  return { index, entries: postEntriesByFile(library), posts: library.posts.length, timings, mainCpu: mainThreadCpu() - mainBefore };
}

function buildLines(built: Built): string {
  const { scan, documents, indexing, worker } = built.timings;
  const search = { wall: documents.wall + indexing.wall, cpu: documents.cpu + indexing.cpu };
  const total = { wall: scan.wall + search.wall, cpu: scan.cpu + search.cpu };
  const where = worker.used
    ? `documents cut in a worker thread during the scan (${worker.files} files, ${f1(worker.ms)} ms of its thread; CPU figures are the whole process, worker included; the main thread's own CPU ${f1(built.mainCpu)} ms)`
    : `documents cut in this thread (no worker; the main thread's own CPU ${f1(built.mainCpu)} ms, GC helper threads left out)`;
  return (
    `  cold build, library scan included ${ms(total)} (goal ≤ 3000) = library scan ${ms(scan)} (the Series view waits for it too)` +
    ` + search ${ms(search)}: documents (analysePost, paragraphs; after the scan: what is left) ${ms(documents)}, tokens and MiniSearch ${ms(indexing)}; ${where}`
  );
}

/** (B) The real pipeline at library scale: the corpus (posts and listing pages) copied to ≈ `count` posts, ≈ `megabytes` MB. */
async function scale(corpus: string, count: number, megabytes: number): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kexue-search-bench-'));
  try {
    const written = writeCorpusCopies(corpus, dir, count, megabytes * 1024 * 1024);
    const heapBefore = heapMB();
    const built = await coldBuild(dir);
    const { index, entries } = built;
    const heap = heapMB() - heapBefore;
    console.log(
      `scale: ${built.posts} posts in ${written.files} files (${written.postFiles} post copies + ${written.digestFiles} listing-page copies), ${f1(written.bytes / 1048576)} MB, ${index.documentCount} documents, ${index.bodyCount} distinct texts indexed`,
    );
    console.log(buildLines(built));
    console.log(`  memory: heap the index holds (documents, their texts, MiniSearch) ${f1(heap)} MB, process RSS ${f1(process.memoryUsage().rss / 1048576)} MB`);

    const cacheFile = path.join(dir, 'search-index.bin');
    const [, save] = await measured(async () => writeFile(cacheFile, v8.serialize(index.serialize())));
    const [restored, load] = await measured(async () => SearchIndex.deserialize(v8.deserialize(await readFile(cacheFile))));
    if (!restored) throw new Error('the cache did not load');
    // MiniSearch is restored from its JSON when first needed: in the extension, in the background right after the load.
    const [, prepare] = await measured(() => restored.prepare());
    const [, firstQuery] = await measured(() => restored.search(QUERIES[0], 20));
    const { size } = statSync(cacheFile);
    const ready = { wall: load.wall + prepare.wall, cpu: load.cpu + prepare.cpu };
    console.log(
      `  disk cache: v8 ${f1(size / 1048576)} MB, save ${ms(save)}; load ${ms(load)} + MiniSearch restored ${ms(prepare)} = ready to answer ${ms(ready)} (goal ≤ 500); then first query ${ms(firstQuery)}`,
    );

    const first: number[] = [];
    const all: number[] = [];
    let hits = 0;
    for (let round = 0; round < 3; round++) {
      for (const query of QUERIES) {
        const [found, ms] = await timed(() => index.search(query, 20));
        all.push(ms);
        if (round === 0) {
          first.push(ms);
          hits += found.length;
        }
      }
    }
    console.log(`  queries (${QUERIES.length} × 3, limit 20): p50 ${percentile(all, 50).toFixed(2)} ms, p95 ${percentile(all, 95).toFixed(2)} ms (goal ≤ 20), first round p95 ${percentile(first, 95).toFixed(2)} ms, max ${f1(Math.max(...all))} ms; ${hits} hits`);
    const slowest = QUERIES.map((q, k) => [q, first[k]] as const).sort((a, b) => b[1] - a[1]).slice(0, 3);
    console.log(`  slowest: ${slowest.map(([q, ms]) => `${q} ${f1(ms)} ms`).join(', ')}`);

    const updates: number[] = [];
    const files = [...entries.keys()];
    for (let k = 0; k < 10; k++) {
      const file = files[(k * 331) % files.length];
      const text = readFileSync(file, 'utf8');
      const at = text.indexOf('\n\n', Math.floor(text.length / 2));
      const edited = `${text.slice(0, at)}补充一句：第${k}次修改。${text.slice(at)}`;
      const [, ms] = await timed(() => index.setFile(file, extractDocuments(file, edited, entries.get(file) ?? [])));
      updates.push(ms);
    }
    console.log(`  one-file update (edit one paragraph, re-extract, re-index): median ${f1(percentile(updates, 50))} ms, max ${f1(Math.max(...updates))} ms (goal ≤ 10); paragraphs re-tokenized ${index.lastTokenized}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * (C) What distinct text costs: the scale library's copies share most paragraphs (each distinct text
 * is indexed once), so its build says little about a library of different posts. The same mix of
 * posts and listing pages, each copy's prose made its own (`distinctCopy`), at `megabytes` MB.
 */
async function distinct(corpus: string, megabytes: number): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kexue-search-distinct-'));
  try {
    const postsPerMB = 3500 / 80;
    const written = writeCorpusCopies(corpus, dir, Math.round(postsPerMB * megabytes), megabytes * 1024 * 1024, distinctCopy);
    const built = await coldBuild(dir);
    const mb = written.bytes / 1048576;
    const searchCpu = built.timings.documents.cpu + built.timings.indexing.cpu;
    const totalCpu = built.timings.scan.cpu + searchCpu;
    console.log(
      `distinct text: ${built.posts} posts, ${f1(mb)} MB, ${built.index.documentCount} documents, ${built.index.bodyCount} distinct texts (copies' prose rotated and marked; display math still shared)`,
    );
    console.log(buildLines(built));
    console.log(
      `  throughput on distinct text (CPU): ${f1(mb / (totalCpu / 1000))} MB/s scan included (search alone ${f1(mb / (searchCpu / 1000))} MB/s) → an 80 MB library of distinct posts ≈ ${f1((totalCpu / mb) * 80 / 1000)} s of CPU cold (one core)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const corpus = path.resolve(process.env.KEXUE_CORPUS ?? path.join(repoRoot(), '..', 'shared', 'corpus'));
  if (!existsSync(path.join(corpus, 'posts'))) {
    console.log(`search bench SKIPPED: no corpus at ${corpus}`);
    return;
  }
  const copies = Number(process.env.KEXUE_SEARCH_COPIES ?? 10);
  if (copies > 0) await compareLibraries(corpus, copies);
  await scale(corpus, Number(process.env.KEXUE_SEARCH_POSTS ?? 3500), Number(process.env.KEXUE_SEARCH_MB ?? 80));
  const distinctMB = Number(process.env.KEXUE_SEARCH_DISTINCT_MB ?? 8);
  if (distinctMB > 0) await distinct(corpus, distinctMB);
}
