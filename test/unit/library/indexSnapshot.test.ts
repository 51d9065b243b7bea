// The library index's snapshot between sessions: what it restores must build the same library as
// the files it was made from, and anything else on the disk (another build, a cut or edited file)
// must restore nothing rather than a wrong library.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildLibrary } from '../../../src/core/library/index';
import { parseSnapshot, serialiseSnapshot, type SnapshotFile } from '../../../src/core/library/indexSnapshot';
import { parseFolder, repoRoot } from './helpers';

function sampleFiles(): SnapshotFile[] {
  return parseFolder(join(repoRoot(), 'sample')).map((parsed, i) => ({
    uri: `file:///sample/${parsed.file}`,
    stamp: { mtime: 1_700_000_000_000 + i, size: 1000 + i },
    parsed,
  }));
}

test('a snapshot read back builds the same library, problems included', () => {
  const files = sampleFiles();
  assert.ok(files.some((file) => file.parsed.problem), 'the sample has a file with a problem (README.md)');
  const restored = parseSnapshot(serialiseSnapshot('build-1|maxBytes=8', files), 'build-1|maxBytes=8');
  assert.ok(restored);
  assert.deepEqual(restored, files);
  assert.deepEqual(buildLibrary(restored.map((file) => file.parsed)), buildLibrary(files.map((file) => file.parsed)));
});

test('a snapshot of another build or settings restores nothing', () => {
  const text = serialiseSnapshot('build-1|maxBytes=8', sampleFiles());
  assert.equal(parseSnapshot(text, 'build-2|maxBytes=8'), undefined);
  assert.equal(parseSnapshot(text, 'build-1|maxBytes=1'), undefined);
});

test('a cut, edited or foreign file restores nothing', () => {
  const build = 'b';
  const text = serialiseSnapshot(build, sampleFiles());
  assert.equal(parseSnapshot(text.slice(0, text.length - 10), build), undefined, 'cut short');
  assert.equal(parseSnapshot('', build), undefined, 'empty');
  assert.equal(parseSnapshot('[]', build), undefined, 'not an object');
  const edited = (change: (files: Record<string, unknown>[]) => void): string => {
    const data = JSON.parse(text) as { files: Record<string, unknown>[] };
    change(data.files);
    return JSON.stringify(data);
  };
  const firstEntry = (files: Record<string, unknown>[]): Record<string, unknown> => {
    const withEntries = files.find((f) => ((f.parsed as { entries: unknown[] }).entries.length ?? 0) > 0);
    assert.ok(withEntries);
    return (withEntries.parsed as { entries: Record<string, unknown>[] }).entries[0];
  };
  const cases: [string, (files: Record<string, unknown>[]) => void][] = [
    ['a stamp that is not a number', (files) => ((files[0].stamp as Record<string, unknown>).mtime = 'yesterday')],
    ['no uri', (files) => delete files[0].uri],
    ['a title that is a number', (files) => (firstEntry(files).title = 42)],
    ['a year with a fraction', (files) => (firstEntry(files).year = 2024.5)],
    ['an unknown source kind', (files) => ((firstEntry(files).source as Record<string, unknown>).kind = 'html')],
    ['a tag that is not text', (files) => (firstEntry(files).tags = [null])],
    ['entries that are not a list', (files) => ((files[0].parsed as Record<string, unknown>).entries = {})],
  ];
  for (const [what, change] of cases) assert.equal(parseSnapshot(edited(change), build), undefined, what);
  // The same edit machinery, changing nothing, restores: the cases above fail for their edit alone.
  assert.ok(parseSnapshot(edited(() => undefined), build));
});
