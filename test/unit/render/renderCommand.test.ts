// `kexue render` end to end, in process: JSON stats over a folder and a self-contained export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { renderCommand } from '../../../src/cli/renderCommand';
import { fixturePath } from './support';

async function capture(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0);
  process.stderr.write = ((chunk: string) => err.push(String(chunk)) > 0);
  try {
    const code = await renderCommand(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
  }
}

interface FileStats {
  file: string;
  mathNodes: number;
  errors: { line: number; column: number; message: string }[];
  numbered: number;
  eqrefs: number;
  unresolvedEqrefs: number;
  ms: number;
}

test('render <dir> --stats --json reports every file and sums them', async () => {
  const { code, stdout } = await capture([path.dirname(fixturePath('numbering.md')), '--stats', '--json']);
  assert.equal(code, 0);
  const report = JSON.parse(stdout) as { files: FileStats[]; total: Omit<FileStats, 'file' | 'errors'> & { errors: (FileStats['errors'][number] & { file: string })[] } };
  const names = report.files.map((file) => path.basename(file.file));
  assert.deepEqual(names, ['digest-dated.txt', 'digest-undated.txt', 'hostile.md', 'html2text.md', 'links.md', 'macros.md', 'numbering.md']);
  const numbering = report.files.find((file) => file.file.endsWith('numbering.md'));
  assert.deepEqual(
    numbering && { ...numbering, ms: 0, file: '' },
    { file: '', mathNodes: 17, errors: [], numbered: 9, eqrefs: 8, unresolvedEqrefs: 1, ms: 0 },
  );
  const html2text = report.files.find((file) => file.file.endsWith('html2text.md'));
  assert.equal(html2text?.errors[0]?.line, 27);
  assert.equal(report.total.mathNodes, report.files.reduce((sum, file) => sum + file.mathNodes, 0));
  assert.equal(report.total.numbered, report.files.reduce((sum, file) => sum + file.numbered, 0));
  assert.equal(report.total.errors.length, report.files.reduce((sum, file) => sum + file.errors.length, 0));
  assert.ok(report.total.errors.every((error) => typeof error.file === 'string' && error.line > 0));
});

test('render <file> --out writes one self-contained page with KaTeX fonts inlined', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kexue-render-'));
  try {
    const out = path.join(dir, 'post.html');
    const { code } = await capture([fixturePath('numbering.md'), '--out', out]);
    assert.equal(code, 0);
    const page = readFileSync(out, 'utf8');
    assert.match(page, /^<!DOCTYPE html>/);
    assert.match(page, /<title>编号测试：AMS 风格<\/title>/);
    assert.match(page, /src:url\(data:font\/woff2;base64,[A-Za-z0-9+/=]{100,}\) format\("woff2"\)/);
    assert.doesNotMatch(page, /url\(fonts\//, 'no font is left pointing at a file');
    assert.doesNotMatch(page, /<script/i);
    assert.match(page, /<a class="eqref" href="#eq-eq:first"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usage errors exit 2, a missing file exits 1', async () => {
  assert.equal((await capture([])).code, 2);
  assert.equal((await capture(['--bogus'])).code, 2);
  assert.equal((await capture([path.join(tmpdir(), 'no-such-kexue-file.md')])).code, 1);
  assert.equal((await capture([path.dirname(fixturePath('numbering.md')), '--out', 'x.html'])).code, 2);
});
