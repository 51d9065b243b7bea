// Notation on the shared posts: symbols and definitions found per post, and recall on the definitions
// checked by reading the posts (test/unit/notation/checkedDefinitions.ts). Precision needs every found
// definition judged by a reader; the README gives the figure from one such reading. Then the preview's
// symbol hover: what the host does after a render (the post's notation, each formula's symbols, the
// symbols drawn and their signatures) in CPU time, cold and again, and the size of the message.

import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { mathJaxFallback, PreviewNotationBuilder, postMacros, postNotation } from '../../src/core/notation';
import { PostRenderer } from '../../src/core/render/postRenderer';
import { CHECKED_DEFINITIONS } from '../unit/notation/checkedDefinitions';
import { BLOG_STYLE_DEFINITIONS, BLOG_STYLE_FIXTURE, blogStyleRecall } from '../unit/notation/blogStyleDefinitions';
import { repoRoot } from './support/corpusPosts';

export async function run(): Promise<void> {
  // As `kexue symbols`, the Notation view and the hovers read posts: formulas KaTeX refuses from MathJax's tree.
  const fallback = await mathJaxFallback();
  // Independent of the corpus: our own blog-style fixture, its list written before any pattern ran on it.
  const fixture = readFileSync(path.join(repoRoot(), BLOG_STYLE_FIXTURE), 'utf8');
  const blog = blogStyleRecall(fixture, postNotation(fixture, fallback));
  console.log(
    `notation recall, independent blog-style fixture (${BLOG_STYLE_DEFINITIONS.length} definitions written before running the patterns; 20/34 before they were fixed): ${blog.found}/${blog.total} = ${((100 * blog.found) / blog.total).toFixed(1)}%; missed: ${blog.missed.join(', ') || 'none'}; found with the other kind: ${blog.otherKind.length}; false definitions on its non-defining lines: ${blog.falseDefinitions.length}`,
  );
  const posts = path.resolve(process.env.KEXUE_CORPUS ?? path.join(repoRoot(), '..', 'shared', 'corpus'), 'posts');
  if (!existsSync(posts)) {
    console.log(`notation bench SKIPPED: no corpus at ${posts}`);
    return;
  }
  const names = [...new Set(CHECKED_DEFINITIONS.map((d) => d.post))];
  let found = 0;
  for (const name of names) {
    const started = performance.now();
    const symbols = postNotation(readFileSync(path.join(posts, name), 'utf8'), fallback);
    const ms = performance.now() - started;
    const definitions = symbols.flatMap((s) => s.definitions);
    const checked = CHECKED_DEFINITIONS.filter((d) => d.post === name);
    const hits = checked.filter((d) => symbols.find((s) => s.tex === d.tex)?.definitions.some((x) => x.line === d.line && x.kind === d.kind)).length;
    found += hits;
    console.log(
      `${name}: ${symbols.length} symbols, ${definitions.length} definitions (${definitions.filter((d) => d.kind === 'pattern').length} by pattern), ${symbols.filter((s) => s.definitions.length > 0).length} symbols defined; checked ${hits}/${checked.length}; ${ms.toFixed(0)} ms`,
    );
  }
  console.log(`recall on ${CHECKED_DEFINITIONS.length} checked definitions (a regression set picked from the tool's output, not independent): ${((100 * found) / CHECKED_DEFINITIONS.length).toFixed(1)}%`);
  const strings = { occurrences: '', occursOnce: '', goToDefinition: '', back: '', notDefined: '', definedIn: '', line: '', pinned: '', formulaSymbols: '' };
  for (const name of names) {
    const text = readFileSync(path.join(posts, name), 'utf8');
    const html = new PostRenderer({}).render(text, {}).html;
    const cpuMs = (since: NodeJS.CpuUsage): number => {
      const used = process.cpuUsage(since);
      return (used.user + used.system) / 1000;
    };
    const builder = new PreviewNotationBuilder();
    let started = process.cpuUsage();
    const notation = builder.build(html, postNotation(text, fallback), postMacros(text), strings, { fallbackCounted: true });
    const cold = cpuMs(started);
    started = process.cpuUsage();
    builder.build(html, postNotation(text, fallback), postMacros(text), strings, { fallbackCounted: true });
    const again = cpuMs(started);
    console.log(
      `symbol hover, ${name}: host work after a render ${cold.toFixed(0)} ms CPU cold, ${again.toFixed(0)} ms again (formulas cached); message ${(JSON.stringify(notation).length / 1024).toFixed(0)} KiB for ${notation.symbols.length} symbols, ${Object.keys(notation.formulas).length} distinct formulas`,
    );
  }
}
