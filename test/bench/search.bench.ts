// Search: (A) MiniSearch vs FlexSearch vs Orama on the corpus's documents with our tokens, and (B) the
// chosen index on the corpus posts copied (at bench time, in a temp folder) to ≈ 3,500 posts (≈ 80 MB):
// cold build, disk cache save/load, query p50/p95, one-file update, heap.
// Goals (issue 14): build ≤ 3 s cold and ≤ 0.5 s from the disk cache, query p95 ≤ 20 ms, update ≤ 10 ms.
// KEXUE_SEARCH_POSTS and KEXUE_SEARCH_MB set the number of copies and their total size (default 3500, 80);
// KEXUE_SEARCH_COPIES the corpus replication of the library comparison (default 10, 0 skips it).

import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { extractDocuments, postEntriesByFile, SearchIndex, tokenize, tokenizeQuery } from '../../src/core/search';
import { scanLibrary } from '../../src/cli/scanLibrary';
import { repoRoot } from './support/corpusPosts';
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

/** The corpus posts copied to `count` posts of ≈ `targetBytes` in all, each with its own title. */
function writeCopies(corpus: string, dir: string, count: number, targetBytes: number): number {
  const postsDir = path.join(corpus, 'posts');
  const posts = readdirSync(postsDir).filter((f) => f.endsWith('.md')).sort().map((f) => readFileSync(path.join(postsDir, f), 'utf8'));
  const perPost = targetBytes / count;
  let bytes = 0;
  for (let k = 0; k < count; k++) {
    const text = posts[k % posts.length];
    // Cut at a paragraph so each copy is about the average size; vary the cut so copies differ.
    const want = Math.round(perPost * (0.5 + ((k * 7919) % 1000) / 1000));
    const cut = text.indexOf('\n\n', Math.min(text.length, Math.floor(want / 2.2)));
    let copy = cut < 0 ? text : text.slice(0, cut + 1);
    copy = copy.replace(/^title: (.*)$/m, `title: $1 副本${k}`).replace(/^# (.*?) #$/m, `# $1 副本${k} #`);
    const sub = path.join(dir, String(k % 50));
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `copy${k}.md`), copy);
    bytes += Buffer.byteLength(copy);
  }
  return bytes;
}

/** (B) The real pipeline at library scale. */
async function scale(corpus: string, count: number, megabytes: number): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kexue-search-bench-'));
  try {
    const bytes = writeCopies(corpus, dir, count, megabytes * 1024 * 1024);
    const heapBefore = heapMB();
    const [library, scanMs] = await timed(() => scanLibrary(dir));
    const entries = postEntriesByFile(library);
    const texts = new Map<string, string>();
    for (const file of entries.keys()) texts.set(file, await readFile(file, 'utf8'));
    const index = new SearchIndex();
    let extractMs = 0;
    let indexMs = 0;
    for (const [file, refs] of entries) {
      const [documents, e] = await timed(() => extractDocuments(file, texts.get(file) ?? '', refs));
      const [, i] = await timed(() => index.setFile(file, documents));
      extractMs += e;
      indexMs += i;
    }
    const heap = heapMB() - heapBefore;
    console.log(`scale: ${library.posts.length} posts, ${f1(bytes / 1048576)} MB, ${index.documentCount} documents, ${index.bodyCount} distinct texts indexed`);
    console.log(`  cold build ${f1(extractMs + indexMs)} ms (goal ≤ 3000): documents (analysePost, paragraphs) ${f1(extractMs)} ms + tokens and MiniSearch ${f1(indexMs)} ms; library scan ${f1(scanMs)} ms apart`);
    console.log(`  heap: index + documents + texts ${f1(heap)} MB`);

    const cacheFile = path.join(dir, 'search-index.bin');
    const [, saveMs] = await timed(async () => writeFile(cacheFile, v8.serialize(index.serialize())));
    const [restored, loadMs] = await timed(async () => SearchIndex.deserialize(v8.deserialize(await readFile(cacheFile))));
    const [, jsonSaveMs] = await timed(async () => writeFile(`${cacheFile}.json`, JSON.stringify(index.serialize())));
    const [, jsonLoadMs] = await timed(async () => SearchIndex.deserialize(JSON.parse(await readFile(`${cacheFile}.json`, 'utf8'))));
    const { size } = statSync(cacheFile);
    console.log(`  disk cache: v8 ${f1(size / 1048576)} MB, save ${f1(saveMs)} ms, load ${f1(loadMs)} ms (goal ≤ 500); as JSON save ${f1(jsonSaveMs)} ms, load ${f1(jsonLoadMs)} ms`);
    if (!restored) throw new Error('the cache did not load');

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
      const text = texts.get(file) ?? '';
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

export async function run(): Promise<void> {
  const corpus = path.resolve(process.env.KEXUE_CORPUS ?? path.join(repoRoot(), '..', 'shared', 'corpus'));
  if (!existsSync(path.join(corpus, 'posts'))) {
    console.log(`search bench SKIPPED: no corpus at ${corpus}`);
    return;
  }
  const copies = Number(process.env.KEXUE_SEARCH_COPIES ?? 10);
  if (copies > 0) await compareLibraries(corpus, copies);
  await scale(corpus, Number(process.env.KEXUE_SEARCH_POSTS ?? 3500), Number(process.env.KEXUE_SEARCH_MB ?? 80));
}
