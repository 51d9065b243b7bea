// One fresh process's first render of every corpus post, for the render bench's cold and warm
// figures: `node renderOnce.js ours|baseline|baseline-helped|ours-cache <cacheDir>`, or `katex-floor <calls.json>`
// (KaTeX alone on the (TeX, options) our renderer handed it: the least a cold first render of the
// same math can cost). `baseline-helped` is the baseline given blank lines around every
// `\begin…\end` first (before the clock starts), so its beg_end rule finds the displays that follow
// a line of text — most of the corpus's numbered equations, which the plain baseline leaves as
// text; it adds `displays` (katex-display blocks, counted after the clock stops) to its line.
// Prints one JSON line {ms, cpuMs, storeHits, misses, mathJaxRuns}. The clock
// starts before the renderer's modules are loaded, so each side pays its own imports and a cold JIT,
// as a user's first render does. cpuMs is the process's CPU time over the same span (JIT and GC
// threads included): on a loaded machine it moves less than the wall clock.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { corpusPosts, findableDisplays } from './corpusPosts';

let cpuStart = process.cpuUsage();
const cpuMs = () => {
  const used = process.cpuUsage(cpuStart);
  return (used.user + used.system) / 1000;
};

async function main(): Promise<void> {
  const [mode, cacheDir] = process.argv.slice(2);
  const posts = corpusPosts();
  const texts = posts.map((post) => (mode === 'baseline-helped' ? findableDisplays(post.text) : post.text));
  const calls = mode === 'katex-floor' ? (JSON.parse(readFileSync(cacheDir, 'utf8')) as [string, object][]) : [];
  cpuStart = process.cpuUsage();
  const started = performance.now();
  if (mode === 'katex-floor') {
    const { default: katex } = await import('katex');
    for (const [tex, options] of calls) {
      try {
        katex.renderToString(tex, options);
      } catch {
        // A formula KaTeX refuses costs its parse up to the error, as in our renderer.
      }
    }
    process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, cpuMs: cpuMs() })}\n`);
    return;
  }
  if (mode === 'baseline' || mode === 'baseline-helped') {
    const { default: katex } = await import('katex');
    const { default: MarkdownIt } = await import('markdown-it');
    // markdown-it-texmath ships no types: require it and state the one signature we use.
    const texmath = require('markdown-it-texmath') as (md: InstanceType<typeof MarkdownIt>, options: unknown) => void;
    const md = new MarkdownIt({ html: false, linkify: true });
    md.use(texmath, { engine: katex, delimiters: ['dollars', 'beg_end'], katexOptions: { throwOnError: false, strict: false } });
    for (const text of texts) md.render(text);
    const ms = performance.now() - started;
    const cpu = cpuMs();
    if (mode === 'baseline') {
      process.stdout.write(`${JSON.stringify({ ms, cpuMs: cpu })}\n`);
      return;
    }
    const displays = texts.reduce((sum, text) => sum + (md.render(text).match(/class="katex-display"/g) ?? []).length, 0);
    process.stdout.write(`${JSON.stringify({ ms, cpuMs: cpu, displays })}\n`);
    return;
  }
  const { PostRenderer } = await import('../../../src/core/render');
  const { FormulaDiskCache } = await import('../../../src/renderCache/formulaDiskCache');
  const { PostResultDiskCache } = await import('../../../src/renderCache/postResultDiskCache');
  // As `kexue render` keeps them: formulas in one file, whole posts one file each.
  const store = mode === 'ours-cache' ? new FormulaDiskCache(cacheDir) : undefined;
  const resultStore = mode === 'ours-cache' ? new PostResultDiskCache(`${cacheDir}/posts`) : undefined;
  const renderer = new PostRenderer({ store, resultStore });
  for (const post of posts) await renderer.renderComplete(post.text);
  const ms = performance.now() - started;
  const cpu = cpuMs();
  store?.save();
  const { storeHits, misses, mathJaxRuns } = renderer.cacheStats;
  process.stdout.write(`${JSON.stringify({ ms, cpuMs: cpu, storeHits, misses, mathJaxRuns })}\n`);
}

void main();
