// Hover latency over every display equation of the corpus posts: cold (first hover: locate the
// formula, MathJax → SVG, colour, base64) and warm (the same hover again, from the cache), next to
// MathJax's raw conversion time for the same TeX. MathJax's one-off load is reported on its own.
// Targets (issue "Editor: equation hovers…"): p95 ≤ 10 ms cold, ≤ 1 ms warm.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { documentMacrosBefore, formulaAt, analysePost } from '../../src/core/editor/postAnalysis';
import { HoverImageCache, type FormulaRequest } from '../../src/editor/hoverMath/hoverImages';
import { MathJaxSvgRenderer } from '../../src/editor/hoverMath/mathJaxSvg';

const COLOUR = '#d4d4d4';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function line(name: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((sum, x) => sum + x, 0) / Math.max(1, samples.length);
  return `${name.padEnd(26)} n=${String(samples.length).padStart(5)}  p50 ${percentile(sorted, 50).toFixed(3)} ms  p95 ${percentile(sorted, 95).toFixed(3)} ms  max ${sorted[sorted.length - 1]?.toFixed(2)} ms  mean ${mean.toFixed(3)} ms`;
}

export async function run(): Promise<void> {
  const corpus = resolve(process.env.KEXUE_CORPUS ?? join(__dirname, '..', '..', '..', '..', 'shared', 'corpus'));
  const postsDir = join(corpus, 'posts');
  if (!existsSync(postsDir)) {
    console.log(`hover bench SKIPPED: no corpus at ${corpus}`);
    return;
  }
  const renderer = new MathJaxSvgRenderer();
  const loadStart = performance.now();
  await renderer.ready();
  renderer.renderNow('x', false, {});
  console.log(`MathJax load + first formula: ${(performance.now() - loadStart).toFixed(1)} ms (once, lazily)`);

  const images = new HoverImageCache(renderer);
  const raw: number[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  const inlineCold: number[] = [];
  let errors = 0;
  for (const file of readdirSync(postsDir).filter((name) => name.endsWith('.md')).sort()) {
    const analysis = analysePost(readFileSync(join(postsDir, file), 'utf8'));
    const hoverAt = (offset: number): number => {
      const started = performance.now();
      const formula = formulaAt(analysis, offset);
      if (!formula) throw new Error(`no formula at ${offset} in ${file}`);
      const request: FormulaRequest = {
        tex: formula.renderTex,
        display: formula.region.display,
        userMacros: {},
        documentMacros: documentMacrosBefore(analysis, formula.region.start),
        colour: COLOUR,
      };
      const image = images.imageNow(request);
      if (!image.markdown) errors++;
      return performance.now() - started;
    };
    for (const formula of analysis.formulas) {
      const middle = (formula.region.start + formula.region.end) >> 1;
      if (!formula.region.display) {
        inlineCold.push(hoverAt(middle));
        continue;
      }
      const rawStart = performance.now();
      renderer.renderNow(formula.renderTex, true, {});
      raw.push(performance.now() - rawStart);
      cold.push(hoverAt(middle));
      warm.push(hoverAt(middle));
    }
  }
  console.log(line('MathJax raw (display)', raw));
  console.log(line('hover cold (display)', cold));
  console.log(line('hover warm (display)', warm));
  console.log(line('hover cold (inline $…$)', inlineCold));
  console.log(`formulas that failed to render: ${errors}; cache ${images.size} entries`);
  const coldP95 = percentile([...cold].sort((a, b) => a - b), 95);
  const warmP95 = percentile([...warm].sort((a, b) => a - b), 95);
  console.log(`targets: cold p95 ${coldP95.toFixed(2)} ≤ 10 ms ${coldP95 <= 10 ? 'MET' : 'MISSED'}; warm p95 ${warmP95.toFixed(3)} ≤ 1 ms ${warmP95 <= 1 ? 'MET' : 'MISSED'}`);
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
