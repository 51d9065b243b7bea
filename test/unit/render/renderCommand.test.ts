// `kexue render` end to end, in process: JSON stats over a folder and a self-contained export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { renderCommand } from '../../../src/cli/renderCommand';
import { previewContentSecurityPolicy } from '../../../src/webviewPanels/contentSecurityPolicy';
import { fixturePath } from './support';

// The command keeps rendered formulas in the user cache folder: the tests use a folder of their own.
process.env.KEXUE_CACHE_DIR = mkdtempSync(path.join(tmpdir(), 'kexue-render-cache-'));

async function capture(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await renderCommand(args, { stdout: (text) => void out.push(text), stderr: (text) => void err.push(text) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

interface FileStats {
  file: string;
  mathNodes: number;
  errors: { line: number; column: number; message: string; tex: string; engine: string }[];
  numbered: number;
  eqrefs: number;
  unresolvedEqrefs: number;
  fallbacks: number;
  ms: number;
}

test('render <dir> --stats --json reports every file and sums them', async () => {
  const { code, stdout } = await capture([path.dirname(fixturePath('numbering.md')), '--stats', '--json']);
  assert.equal(code, 0);
  const report = JSON.parse(stdout) as { files: FileStats[]; total: Omit<FileStats, 'file' | 'errors'> & { errors: (FileStats['errors'][number] & { file: string })[] } };
  const names = report.files.map((file) => path.basename(file.file));
  assert.deepEqual(names, ['digest-dated.txt', 'digest-undated.txt', 'hostile.md', 'html2text.md', 'links.md', 'macros.md', 'mathjax-dialect.md', 'numbering.md']);
  const numbering = report.files.find((file) => file.file.endsWith('numbering.md'));
  assert.deepEqual(
    numbering && { ...numbering, ms: 0, file: '' },
    { file: '', mathNodes: 17, errors: [], numbered: 9, eqrefs: 8, unresolvedEqrefs: 1, fallbacks: 0, ms: 0 },
  );
  // Formulas KaTeX refuses are drawn by MathJax and counted; only what both refuse is an error,
  // with the TeX the engines saw and the engine that refused it last.
  const dialect = report.files.find((file) => file.file.endsWith('mathjax-dialect.md'));
  assert.equal(dialect?.fallbacks, 5);
  assert.deepEqual(dialect?.errors.map((error) => [error.line, error.tex, error.engine]), [[44, '\\frac{1}{2}\\undefinedcommand', 'mathjax']]);
  assert.equal(report.total.fallbacks, report.files.reduce((sum, file) => sum + file.fallbacks, 0));
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

test('render x.md --out x.md refuses to replace the post; --out onto another non-HTML file needs --force', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kexue-render-'));
  try {
    const postFile = path.join(dir, 'post.md');
    const original = readFileSync(fixturePath('numbering.md'), 'utf8');
    writeFileSync(postFile, original);
    const self = await capture([postFile, '--out', postFile, '--force', '--json']);
    assert.equal(self.code, 2);
    assert.match((JSON.parse(self.stdout) as { error: string }).error, /is the post being rendered/);
    assert.equal(readFileSync(postFile, 'utf8'), original, 'the post is untouched');

    const other = path.join(dir, 'notes.txt');
    writeFileSync(other, 'my notes');
    const refused = await capture([postFile, '--out', other]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /not an \.html file .*--force/);
    assert.equal(readFileSync(other, 'utf8'), 'my notes');
    const forced = await capture([postFile, '--out', other, '--force']);
    assert.equal(forced.code, 0);
    assert.match(readFileSync(other, 'utf8'), /^<!DOCTYPE html>/);

    const html = path.join(dir, 'post.html');
    writeFileSync(html, 'old export');
    assert.equal((await capture([postFile, '--out', html])).code, 0, 'an existing .html export is replaced without --force');
    assert.match(readFileSync(html, 'utf8'), /^<!DOCTYPE html>/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('render has a size limit (--max-file-size-mb, default 8 MB): an oversized post is reported, not rendered', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kexue-render-'));
  try {
    writeFileSync(path.join(dir, 'small.md'), '# 小\n\n$x$\n');
    writeFileSync(path.join(dir, 'big.md'), `# 大\n\n${'$x$ '.repeat(300_000)}\n`); // 1.2 MB
    const run = await capture([dir, '--json', '--max-file-size-mb', '1']);
    assert.equal(run.code, 0);
    const report = JSON.parse(run.stdout) as { files: { file: string }[]; problems: { file: string; message: string }[] };
    assert.deepEqual(report.files.map((f) => path.basename(f.file)), ['small.md']);
    assert.equal(report.problems.length, 1);
    assert.match(report.problems[0].message, /1\.1 MB, over the 1\.0 MB limit/);
    const out = path.join(dir, 'big.html');
    const refused = await capture([path.join(dir, 'big.md'), '--out', out, '--max-file-size-mb', '1']);
    assert.equal(refused.code, 1);
    assert.equal(existsSync(out), false);
    assert.equal((await capture([dir, '--max-file-size-mb', 'lots'])).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the export loads no remote image (a link instead, CSP without https:) unless --remote-images', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kexue-render-'));
  try {
    const postFile = path.join(dir, 'img.md');
    writeFileSync(postFile, '# 图\n\n![示意图](https://example.org/track.png) 与 ![](/usr/uploads/a.png)\n');
    const out = path.join(dir, 'img.html');
    assert.equal((await capture([postFile, '--out', out])).code, 0);
    const page = readFileSync(out, 'utf8');
    assert.doesNotMatch(page, /<img[^>]+src="https?:/);
    assert.match(page, /<a class="remote-image" href="https:\/\/example.org\/track.png"[^>]*>\[示意图\]<\/a>/);
    assert.match(page, /<a class="remote-image" href="https:\/\/spaces.ac.cn\/usr\/uploads\/a.png"/);
    assert.doesNotMatch(page, /<img/);
    const csp = /Content-Security-Policy" content="([^"]*)"/.exec(page)?.[1] ?? '';
    assert.match(csp, /img-src data:/);
    assert.doesNotMatch(csp, /https:/);

    assert.equal((await capture([postFile, '--out', out, '--remote-images'])).code, 0);
    const opted = readFileSync(out, 'utf8');
    assert.match(opted, /<img src="https:\/\/example.org\/track.png" alt="示意图">/);
    assert.match(/Content-Security-Policy" content="([^"]*)"/.exec(opted)?.[1] ?? '', /img-src https: data:/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the export inlines the images beside the post; one missing is named on stderr and shows its alt text', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kexue-render-images-'));
  try {
    mkdirSync(path.join(dir, 'figs'));
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="red"/></svg>';
    writeFileSync(path.join(dir, 'figs', 'a b.svg'), svg);
    const postFile = path.join(dir, 'post.md');
    writeFileSync(postFile, '# 图\n\n![示意](figs/a%20b.svg) 与 <img src="figs/gone.png" alt="不在"> 与 ![外](../outside.png)\n');
    const out = path.join(dir, 'post.html');
    const { code, stderr } = await capture([postFile, '--out', out]);
    assert.equal(code, 0);
    const page = readFileSync(out, 'utf8');
    assert.ok(page.includes(`src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"`), 'the SVG inlined');
    assert.match(page, /<img alt="不在" data-kx-src="figs\/gone.png" title="figs\/gone.png: not found beside the post" class="local-image">/);
    assert.match(stderr, /figs\/gone.png beside post.md cannot be read \(ENOENT\)/);
    // The post is not under the current folder (the repository): its images come from its own folder only.
    assert.match(stderr, /\.\.\/outside.png is outside the post’s folder/);
    assert.match(page, /<img alt="外" data-kx-src="..\/outside.png" title="[^"]*" class="local-image">/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the preview page allows no remote image (img-src without https:)', () => {
  const csp = previewContentSecurityPolicy({ cspSource: 'vscode-webview://abc' }, 'n0nce');
  const imgSrc = csp.split('; ').find((d) => d.startsWith('img-src')) ?? '';
  assert.equal(imgSrc, 'img-src vscode-webview://abc data:');
  assert.doesNotMatch(csp, /https:/);
});
