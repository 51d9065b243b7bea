// Builds the bundles (extension, CLI with its launcher parts and render worker, the webview pages, compute helper) and, with --tests, the test files.
// Type checking is a separate step (`npm run typecheck`): esbuild only strips types.
import * as esbuild from 'esbuild';
import { globSync } from 'glob';
import { chmodSync, existsSync, rmSync } from 'node:fs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', target: 'node20' };
// The Node bundles load MathJax (2.5 MB, needed only for a formula KaTeX refuses and for hovers) from
// dist/mathjax.js at run time instead of each carrying it (src/core/render/mathJax.ts).
const node = { ...common, platform: 'node', define: { KEXUE_MATHJAX_BUNDLE: '"mathjax.js"' } };

/** @type {esbuild.BuildOptions[]} */
const builds = [
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', format: 'cjs', external: ['vscode'] },
  // The CLI: a small launcher that loads, at run time, the compute commands alone or the rest. Its first
  // line asks glibc (≥ 2.35; others ignore it) to back large allocations with transparent huge pages: a
  // 1024² one-shot pinv touches ~230 MB for the first time, ~60k page faults of ~12 µs each on our VMs
  // without them (~0.1 s more). glibc reads it only at process start, so the launcher line is where it
  // can go; `env -S` splits the line (coreutils ≥ 8.30, macOS; npm's Windows shims turn it into `set`).
  { ...node, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', format: 'cjs', banner: { js: '#!/usr/bin/env -S GLIBC_TUNABLES=glibc.malloc.hugetlb=1 node' } },
  { ...node, entryPoints: ['src/cli/computeCommand.ts'], outfile: 'dist/cliCompute.js', format: 'cjs' },
  { ...node, entryPoints: ['src/cli/commands.ts'], outfile: 'dist/cliCommands.js', format: 'cjs' },
  // `kexue render <dir>`'s worker threads, beside the CLI.
  { ...node, entryPoints: ['src/cli/renderWorker.ts'], outfile: 'dist/renderWorker.js', format: 'cjs' },
  // MathJax for all of the above, loaded on its first use.
  { ...node, entryPoints: ['src/core/render/mathJaxModules.ts'], outfile: 'dist/mathjax.js', format: 'cjs' },
  // The search build's worker thread (`kexue search` and the extension): cuts files into documents off the main thread.
  { ...node, entryPoints: ['src/searchWorker/spansWorker.ts'], outfile: 'dist/searchSpansWorker.js', format: 'cjs' },
  // The webview pages (browser code, src/pages/ with its own tsconfig).
  { ...common, entryPoints: ['src/pages/preview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
  // What draws a compute result in the preview (KaTeX, uPlot and uPlot's CSS → dist/presentation.css):
  // loaded by the page only when it draws one, so a post's first screens wait for ≈ 130 KB of script, not 800.
  { ...common, entryPoints: ['src/pages/preview/presentationChunk.ts'], outfile: 'dist/presentation.js', platform: 'browser', format: 'iife', target: 'es2022', globalName: 'kexuePresentation' },
  { ...common, entryPoints: ['src/pages/results/main.ts'], outfile: 'dist/computeWebview.js', platform: 'browser', format: 'iife', target: 'es2022' },
  { ...common, entryPoints: ['src/pages/graph/main.ts'], outfile: 'dist/graphWebview.js', platform: 'browser', format: 'iife', target: 'es2022' },
  // `webgpu` carries a native Dawn binary and `highs` its highs.wasm, each loaded relative to itself: they stay in node_modules.
  { ...common, entryPoints: ['src/helper/main.ts'], outfile: 'dist/helper.mjs', platform: 'node', format: 'esm', external: ['webgpu', 'highs'] },
];
// A missing entry is an error, never a silently skipped bundle.
for (const build of builds) {
  for (const entry of /** @type {string[]} */ (build.entryPoints)) {
    if (!existsSync(entry)) throw new Error(`esbuild.mjs: the entry ${entry} does not exist`);
  }
}
if (args.has('--tests')) {
  // A deleted test must not run from a stale file: the test output is rebuilt from nothing.
  rmSync('out', { recursive: true, force: true });
  const entries = globSync('test/{unit,integration,e2e,bench}/**/*.ts').filter((f) => !f.endsWith('.d.ts'));
  // Tests keep their packages external (mocha, playwright-core, vscode are resolved at run time).
  builds.push({ ...common, entryPoints: entries, outdir: 'out/test', outbase: 'test', platform: 'node', format: 'cjs', packages: 'external', bundle: true });
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
}
