// `kexue index` and `kexue render <dir>` through the built CLI (dist/cli.js) on folders that hold one bad
// entry of each kind: every bad entry is reported once with its path, every other post is processed,
// the JSON is printed and the exit code is 0. spawnSync's timeout is a hang guard (a FIFO named x.md
// used to block render forever), not a timing assertion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cliPath } from '../helper/helperEnv';

const HANG_GUARD_MS = 120_000;

function post(title: string, day: number, body = '正文 $x^2$ 与 $$y=1\\tag{1}$$'): string {
  return `---\ntitle: ${title}\ndate: 2020-01-${String(day).padStart(2, '0')}\n---\n\n# ${title}\n\n${body}\n`;
}

function runCli(args: string[], options: { cwd?: string; shell?: string; asNobody?: boolean } = {}): SpawnSyncReturns<string> {
  const base = [cliPath(), ...args];
  if (options.shell) return spawnSync('bash', ['-c', options.shell, 'kexue', process.execPath, ...base], { encoding: 'utf8', timeout: HANG_GUARD_MS, cwd: options.cwd });
  if (options.asNobody) {
    return spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, ...base], { encoding: 'utf8', timeout: HANG_GUARD_MS, cwd: options.cwd });
  }
  return spawnSync(process.execPath, base, { encoding: 'utf8', timeout: HANG_GUARD_MS, cwd: options.cwd });
}

/** GNU rm removes a tree deeper than PATH_MAX (Node's rmSync cannot). */
function removeTree(root: string): void {
  spawnSync('rm', ['-rf', root]);
}

interface Problem {
  file: string;
  message: string;
}

/** A folder with two good posts and one entry of every kind that used to stop or hang a run. */
function hostileFolder(): { root: string; bad: Record<string, RegExp> } {
  const root = mkdtempSync(path.join(tmpdir(), 'kexue-hostile-'));
  mkdirSync(path.join(root, 'good'));
  writeFileSync(path.join(root, 'good', 'one.md'), post('第一篇', 1));
  writeFileSync(path.join(root, 'two.md'), post('第二篇', 2));
  // A FIFO named like a post: opening it for reading would wait for a writer forever.
  assert.equal(spawnSync('mkfifo', [path.join(root, 'fifo.md')]).status, 0);
  symlinkSync(path.join(root, 'missing-target.md'), path.join(root, 'dangling.md'));
  symlinkSync('loop.md', path.join(root, 'loop.md'));
  mkdirSync(path.join(root, 'realdir'));
  symlinkSync(path.join(root, 'realdir'), path.join(root, 'folder-link.md'));
  mkdirSync(path.join(root, 'folder.md'));
  // Not text: render once drew a binary .md as formulas of garbage (index skipped it).
  writeFileSync(path.join(root, 'binary.md'), Buffer.from([0x24, 0x78, 0x00, 0x01, 0x24, 0x0a]));
  writeFileSync(path.join(root, 'latin1.md'), Buffer.from('$x$ caf\xe9\n', 'latin1'));
  symlinkSync('..', path.join(root, 'good', 'up'));
  // EACCES is no obstacle to root; a path through a file (ENOTDIR) is unreadable for everyone.
  writeFileSync(path.join(root, 'plain'), 'not a folder');
  symlinkSync(path.join(root, 'plain', 'x.md'), path.join(root, 'through-file.md'));
  // A path too long for the kernel (ENAMETOOLONG) with a post at its end, built by relative steps.
  mkdirSync(path.join(root, 'deep'));
  const segment = 'd'.repeat(200);
  const made = spawnSync('bash', ['-c', `cd "$1" && for i in $(seq 24); do mkdir ${segment} && cd ${segment} || exit 1; done && printf -- '---\ntitle: 太深\n---\n' > deep.md`, 'mk', path.join(root, 'deep')]);
  assert.equal(made.status, 0, String(made.stderr));
  return {
    root,
    bad: {
      'fifo.md': /FIFO/,
      'dangling.md': /dangling/,
      'loop.md': /symlink loop/,
      'folder-link.md': /folder/,
      'folder.md': /folder/,
      'binary.md': /binary file/,
      'latin1.md': /not valid UTF-8/,
      'good/up': /symlink loop/,
      'through-file.md': /path through a file/,
      deep: /path too long/,
    },
  };
}

function checkProblems(problems: Problem[], stderr: string, bad: Record<string, RegExp>): void {
  for (const [name, message] of Object.entries(bad)) {
    const matching = problems.filter((p) => (name === 'deep' ? p.file.includes(`${name}/ddd`) : p.file === name || p.file.endsWith(`/${name}`)));
    assert.equal(matching.length, 1, `${name} reported once: ${JSON.stringify(matching.map((p) => p.message))}`);
    assert.match(matching[0].message, message, name);
    assert.ok(stderr.includes(name), `${name} named on stderr`);
  }
}

test('index: every bad entry is one problem with its path, both posts are indexed, exit 0', () => {
  const { root, bad } = hostileFolder();
  try {
    const run = runCli(['index', root, '--json']);
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { posts: { title: string }[]; problems: Problem[] };
    assert.deepEqual(json.posts.map((p) => p.title).sort(), ['第一篇', '第二篇']);
    checkProblems(json.problems, run.stderr, bad);
  } finally {
    removeTree(root);
  }
});

test('index: a post listed despite a flaw is not called skipped (stderr and the summary line); search does not name it', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kexue-flawed-'));
  try {
    writeFileSync(path.join(root, 'good.md'), post('好的', 1));
    writeFileSync(path.join(root, 'flawed.md'), '---\ntitle: 有瑕疵\ndate: someday\n---\n\n正文。\n');
    writeFileSync(path.join(root, 'binary.md'), Buffer.from([0x24, 0x00, 0x24]));
    const run = runCli(['index', root]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /^kexue index: listed flawed\.md, but: date "someday" is not YYYY-MM-DD$/m);
    assert.match(run.stderr, /^kexue index: skipped binary\.md: binary file/m);
    assert.match(run.stdout, /2 posts, 0 series, 1 file skipped, 1 file listed with problems\n$/);
    const search = runCli(['search', root, '有瑕疵']);
    assert.equal(search.status, 0, search.stderr);
    assert.match(search.stdout, /flawed\.md/);
    assert.equal(search.stderr.trim(), 'kexue search: skipped binary.md: binary file (contains NUL bytes)');
  } finally {
    removeTree(root);
  }
});

test('render <dir>: the FIFO no longer blocks; every bad entry is one problem, both posts rendered, exit 0', () => {
  const { root, bad } = hostileFolder();
  try {
    const run = runCli(['render', root, '--json'], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { files: { file: string; mathNodes: number }[]; problems: Problem[] };
    assert.deepEqual(json.files.map((f) => f.file).sort(), ['good/one.md', 'two.md']);
    assert.ok(json.files.every((f) => f.mathNodes === 2));
    checkProblems(json.problems, run.stderr, bad);
  } finally {
    removeTree(root);
  }
});

test('an unreadable folder (EACCES) is one problem, the rest is indexed (run as nobody when the test runs as root)', (t) => {
  const isRoot = process.getuid?.() === 0;
  if (isRoot && spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', 'true']).status !== 0) {
    t.skip('root, and setpriv cannot drop to nobody here');
    return;
  }
  const root = mkdtempSync(path.join(tmpdir(), 'kexue-eacces-'));
  try {
    chmodSync(root, 0o755);
    writeFileSync(path.join(root, 'open.md'), post('看得见', 3));
    mkdirSync(path.join(root, 'locked'));
    writeFileSync(path.join(root, 'locked', 'hidden.md'), post('看不见', 4));
    chmodSync(path.join(root, 'locked'), 0o000);
    const run = runCli(['index', root, '--json'], { asNobody: isRoot });
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { posts: { title: string }[]; problems: Problem[] };
    assert.deepEqual(json.posts.map((p) => p.title), ['看得见']);
    assert.deepEqual(json.problems, [{ file: 'locked', message: 'folder not read: permission denied' }]);
  } finally {
    chmodSync(path.join(root, 'locked'), 0o755);
    rmSync(root, { recursive: true, force: true });
  }
});

test('ulimit -n 256: 1,100 posts are all indexed (bounded reads, EMFILE retried)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kexue-emfile-'));
  try {
    for (let i = 0; i < 1100; i++) {
      const dir = path.join(root, `d${Math.floor(i / 100)}`);
      if (i % 100 === 0) mkdirSync(dir);
      writeFileSync(path.join(dir, `p${i}.md`), `---\ntitle: 第${i}篇\ndate: 2021-01-01\n---\n\n正文 ${i}\n`);
    }
    const run = runCli(['index', root, '--json'], { shell: 'ulimit -n 256 && exec "$@"' });
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { posts: unknown[]; problems: Problem[] };
    assert.deepEqual(json.problems, []);
    assert.equal(json.posts.length, 1100);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('an unknown flag is an error with exit 2, as JSON under --json; it swallows nothing', () => {
  for (const command of ['index', 'render']) {
    const run = runCli([command, '--bogus', 'x', '--json']);
    assert.equal(run.status, 2, command);
    assert.deepEqual(JSON.parse(run.stdout), { error: 'unknown option --bogus' }, command);
  }
  const missing = runCli(['render', '--out', '--json', 'post.md']);
  assert.equal(missing.status, 2);
  assert.deepEqual(JSON.parse(missing.stdout), { error: '--out needs a value (write --out=VALUE when the value starts with -)' });
});
