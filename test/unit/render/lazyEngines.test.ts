// KaTeX and markdown-it are loaded on the first render that needs them, not on import: a post served
// whole from the disk cache (a second `kexue render`, the bench's warm process) loads neither. Checked
// in a fresh Node process, where nothing else has loaded them yet. This file imports neither itself.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { PostRenderer } from '../../../src/core/render';
import { KATEX_VERSION } from '../../../src/core/render/katexModule';
import { MATHJAX_VERSION } from '../../../src/core/render/mathJax';
import { PostResultDiskCache } from '../../../src/renderCache/postResultDiskCache';
import { readFixture, repoRoot } from './support';

const CHILD = 'KEXUE_LAZY_ENGINES_STORE';

/** Which of the two packages this process has loaded so far. */
function loadedEngines(): string[] {
  const files = Object.keys(require.cache);
  return ['katex', 'markdown-it'].filter((name) => files.some((file) => file.includes(`${path.sep}node_modules${path.sep}${name}${path.sep}`)));
}

interface ChildReport {
  afterImport: string[];
  afterStoredRender: string[];
  storedHtml: string;
  afterNewRender: string[];
}

/** In the child: import (done above), render the stored post, then a post the store does not have. */
function child(dir: string): void {
  const report: Partial<ChildReport> = { afterImport: loadedEngines() };
  const renderer = new PostRenderer({ fallback: false, resultStore: new PostResultDiskCache(dir) });
  report.storedHtml = renderer.render(readFixture('numbering.md')).html;
  report.afterStoredRender = loadedEngines();
  renderer.render('A new post: $x^2$.');
  report.afterNewRender = loadedEngines();
  process.stdout.write(JSON.stringify(report));
}

if (process.env[CHILD]) {
  child(process.env[CHILD]);
} else {
  test('a post read back from the disk cache loads neither KaTeX nor markdown-it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kexue-lazy-engines-'));
    try {
      const text = readFixture('numbering.md');
      const fresh = new PostRenderer({ fallback: false, resultStore: new PostResultDiskCache(dir) }).render(text);
      assert.ok(fresh.stats.mathNodes > 5, 'the fixture has math to render');
      const run = spawnSync(process.execPath, [__filename], { env: { ...process.env, [CHILD]: dir }, encoding: 'utf8', cwd: repoRoot() });
      assert.equal(run.status, 0, run.stderr);
      const report = JSON.parse(run.stdout) as ChildReport;
      assert.deepEqual(report.afterImport, [], 'importing the render engine loads no engine');
      assert.equal(report.storedHtml, fresh.html, 'the stored post is the same post');
      assert.deepEqual(report.afterStoredRender, [], 'a stored post needs no engine');
      assert.deepEqual(report.afterNewRender, ['katex', 'markdown-it'], 'a new post loads both (so the check above can fail)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the engine versions in cache keys are the installed ones', () => {
    const version = (name: string) => (JSON.parse(readFileSync(path.join(repoRoot(), 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    assert.equal(KATEX_VERSION, version('katex'));
    assert.equal(MATHJAX_VERSION, version('mathjax-full'));
  });
}
