import { readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { SearchIndex, extractDocuments, type PostEntryRef } from '../../../src/core/search';

/** test/fixtures/search, found from out/test/unit/search or test/unit/search. */
export function fixtureDir(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  if (!existsSync(path.join(dir, 'package.json'))) dir = process.cwd();
  return path.join(dir, 'test', 'fixtures', 'search');
}

export function fixtureText(name: string): string {
  return readFileSync(path.join(fixtureDir(), name), 'utf8');
}

export function entry(postId: string, title: string, line = 1): PostEntryRef {
  return { line, postId, title, primary: true };
}

/** The two fixture posts in one index. */
export function fixtureIndex(): SearchIndex {
  const index = new SearchIndex();
  index.setFile('pinv.md', extractDocuments('pinv.md', fixtureText('pinv.md'), [entry('pinv', '矩阵之路（一）：伪逆')]));
  index.setFile('plain.md', extractDocuments('plain.md', fixtureText('plain.md'), [entry('lowrank', '矩阵之路（二）：低秩')]));
  return index;
}
