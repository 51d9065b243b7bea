// On the shared corpus (skipped where it is absent): every post that contains a query as written is
// found — substrings cut anywhere in a post's paragraphs and formulas, across word and token boundaries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { extractDocuments, postEntriesByFile, SearchIndex, type SearchDocument } from '../../../src/core/search';
import { scanLibrary } from '../../../src/cli/scanLibrary';
import { fixtureDir } from './support';

const corpus = path.join(fixtureDir(), '..', '..', '..', '..', 'shared', 'corpus');

test('a post containing the query as written is always found (160 substrings of the corpus)', { skip: !existsSync(corpus) && 'no shared corpus' }, async () => {
  const library = await scanLibrary(corpus);
  const index = new SearchIndex();
  const byFile = new Map<string, SearchDocument[]>();
  for (const [file, entries] of postEntriesByFile(library)) {
    const documents = extractDocuments(file, readFileSync(file, 'utf8'), entries);
    byFile.set(file, documents);
    index.setFile(file, documents);
  }
  let seed = 12345;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  let checked = 0;
  for (const [file, documents] of byFile) {
    if (!file.endsWith('.md')) continue;
    const bodies = documents.filter((d) => d.kind !== 'title' && d.text.length > 12);
    for (let k = 0; k < 20; k++) {
      const body = bodies[random(bodies.length)].text;
      const length = 2 + random(9);
      const start = random(body.length - length);
      const query = body.slice(start, start + length);
      if (query.trim().length === 0) continue;
      const hits = index.search(query, 100_000);
      assert.ok(hits.some((h) => h.file === file), `${JSON.stringify(query)} not found in ${path.basename(file)}`);
      checked++;
    }
  }
  assert.ok(checked >= 140, `${checked} queries checked`);
});
