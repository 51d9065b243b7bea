// The demo library in sample/ (used by `npm start` and the UI tests) must index the way its README says.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildLibrary } from '../../../src/core/library/index';
import { checkInvariants, parseFolder, postByTitle, repoRoot, sourcesOf } from './helpers';

test('sample/: two series, a duplicate, an inferred title and year, README reported as no layout', () => {
  const library = buildLibrary(parseFolder(join(repoRoot(), 'sample')));
  checkInvariants(library);
  assert.deepEqual(
    library.series.map((s) => [s.name, s.parts.map((p) => `${p.part}.${p.subPart}`).join(' ')]),
    [
      ['矩阵漫谈', '1.0 2.0 3.1 3.3'],
      ['状态空间漫谈', '1.0 2.0 3.0'],
    ],
  );
  assert.equal(library.posts.length, 9);
  const two = postByTitle(library, '矩阵漫谈（二）：幂迭代与最大奇异值');
  assert.deepEqual([two.year, two.yearInferred, two.month, two.day], [2024, true, 3, 25]);
  assert.equal(sourcesOf(two).length, 2);
  assert.deepEqual(sourcesOf(postByTitle(library, '矩阵漫谈（三）：最优低秩近似（下）')), [
    'posts/矩阵漫谈三低秩近似下.md:1',
    'digests/listing-dated.txt:7',
  ]);
  const three = postByTitle(library, '状态空间漫谈(三)');
  assert.deepEqual([three.titleInferred, three.year], [true, null]);
  assert.deepEqual(library.problems.map((p) => p.file), ['README.md']);
});
