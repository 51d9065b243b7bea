// One fresh process's first render of every corpus post, for the render bench's cold and warm
// figures: `node renderOnce.js ours|baseline|ours-cache <cacheDir>`. Prints one JSON line
// {ms, storeHits, misses, mathJaxRuns}. The clock starts before the renderer's modules are loaded,
// so each side pays its own imports and a cold JIT, as a user's first render does.
import { performance } from 'node:perf_hooks';
import { corpusPosts } from './corpusPosts';

async function main(): Promise<void> {
  const [mode, cacheDir] = process.argv.slice(2);
  const posts = corpusPosts();
  const started = performance.now();
  if (mode === 'baseline') {
    const { default: katex } = await import('katex');
    const { default: MarkdownIt } = await import('markdown-it');
    // markdown-it-texmath ships no types: require it and state the one signature we use.
    const texmath = require('markdown-it-texmath') as (md: InstanceType<typeof MarkdownIt>, options: unknown) => void;
    const md = new MarkdownIt({ html: false, linkify: true });
    md.use(texmath, { engine: katex, delimiters: ['dollars', 'beg_end'], katexOptions: { throwOnError: false, strict: false } });
    for (const post of posts) md.render(post.text);
    process.stdout.write(`${JSON.stringify({ ms: performance.now() - started })}\n`);
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
  store?.save();
  const { storeHits, misses, mathJaxRuns } = renderer.cacheStats;
  process.stdout.write(`${JSON.stringify({ ms, storeHits, misses, mathJaxRuns })}\n`);
}

void main();
