// The disk cache: a round trip answers like the live index; a damaged or foreign file is ignored
// (never trusted, never thrown); a save leaves no temporary file behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SearchIndexCache } from '../../../src/search/searchIndexCache';
import { fixtureIndex } from './support';

test('the cache saves and loads the index and the file signatures', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kexue-cache-'));
  try {
    const cache = new SearchIndexCache(dir, 'file:///workspace');
    assert.equal(await cache.load(), undefined, 'no cache yet');
    const index = fixtureIndex();
    await cache.save(index, new Map([['pinv.md', { mtime: 1, size: 2, entries: '[]' }]]));
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
    const loaded = await cache.load();
    assert.ok(loaded);
    assert.deepEqual(loaded.signatures.get('pinv.md'), { mtime: 1, size: 2, entries: '[]' });
    assert.deepEqual(loaded.index.search('\\boldsymbol{A}^{\\dagger}'), index.search('\\boldsymbol{A}^{\\dagger}'));
    // Another workspace has its own file.
    assert.equal(await new SearchIndexCache(dir, 'file:///other').load(), undefined);
    // A damaged file is ignored.
    for (const name of readdirSync(dir)) writeFileSync(path.join(dir, name), 'not a cache');
    assert.equal(await cache.load(), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
