// Notation on the shared posts: symbols and definitions found per post, and recall on the definitions
// checked by reading the posts (test/unit/notation/checkedDefinitions.ts). Precision needs every found
// definition judged by a reader; the README gives the figure from one such reading.

import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { postNotation } from '../../src/core/notation';
import { CHECKED_DEFINITIONS } from '../unit/notation/checkedDefinitions';
import { repoRoot } from './support/corpusPosts';

export async function run(): Promise<void> {
  const posts = path.resolve(process.env.KEXUE_CORPUS ?? path.join(repoRoot(), '..', 'shared', 'corpus'), 'posts');
  if (!existsSync(posts)) {
    console.log(`notation bench SKIPPED: no corpus at ${posts}`);
    return;
  }
  const names = [...new Set(CHECKED_DEFINITIONS.map((d) => d.post))];
  let found = 0;
  for (const name of names) {
    const started = performance.now();
    const symbols = postNotation(readFileSync(path.join(posts, name), 'utf8'));
    const ms = performance.now() - started;
    const definitions = symbols.flatMap((s) => s.definitions);
    const checked = CHECKED_DEFINITIONS.filter((d) => d.post === name);
    const hits = checked.filter((d) => symbols.find((s) => s.tex === d.tex)?.definitions.some((x) => x.line === d.line && x.kind === d.kind)).length;
    found += hits;
    console.log(
      `${name}: ${symbols.length} symbols, ${definitions.length} definitions (${definitions.filter((d) => d.kind === 'pattern').length} by pattern), ${symbols.filter((s) => s.definitions.length > 0).length} symbols defined; checked ${hits}/${checked.length}; ${ms.toFixed(0)} ms`,
    );
  }
  console.log(`recall on ${CHECKED_DEFINITIONS.length} checked definitions: ${((100 * found) / CHECKED_DEFINITIONS.length).toFixed(1)}%`);
}
