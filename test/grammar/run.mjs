// Grammar tests: `node test/grammar/run.mjs`. Runs vscode-tmgrammar-test over
//   - test/grammar/*.test.md and *.test.txt (invented lines in the corpus's shapes), and
//   - lines taken from the real corpus at run time (written to a temp dir, never committed):
//     every one-line `\begin{equation}…\label{…}\end{equation}` and every `$\eqref{…}$`,
//     each asserted to scope the label name specially.
// Also fails when syntaxes/*.json differ from what syntaxes/generate.mjs writes.
// Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GRAMMARS, grammarText } from '../../syntaxes/generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
let failed = false;

for (const name of Object.keys(GRAMMARS)) {
  const committed = readFileSync(join(root, 'syntaxes', name), 'utf8');
  if (committed !== grammarText(name)) {
    console.error(`syntaxes/${name} is stale: run node syntaxes/generate.mjs`);
    failed = true;
  }
}

/** VS Code's own Markdown grammar when code-server is installed for the integration tests (KEXUE_GRAMMAR_STUB=1: the stand-in). */
function markdownGrammar() {
  const cache = join(root, '.vscode-test');
  if (existsSync(cache) && !process.env.KEXUE_GRAMMAR_STUB) {
    for (const entry of readdirSync(cache)) {
      const candidate = join(cache, entry, 'node_modules/code-server/lib/vscode/extensions/markdown-basics/syntaxes/markdown.tmLanguage.json');
      if (existsSync(candidate)) return candidate;
    }
  }
  return join(here, 'markdown-stub.tmLanguage.json');
}

const work = mkdtempSync(join(tmpdir(), 'kexue-grammar-'));
const markdown = markdownGrammar();
console.log(`grammar tests: Markdown grammar from ${relative(root, markdown)}`);
// The `contributes.grammars` the extension declares, with paths relative to this config file.
const config = {
  contributes: {
    grammars: [
      { scopeName: 'text.html.markdown', path: relative(work, markdown) },
      { scopeName: 'kexue.math.markdown.injection', path: relative(work, join(root, 'syntaxes/kexue-math.injection.tmLanguage.json')), injectTo: ['text.html.markdown'] },
      { language: 'kexue-digest', scopeName: 'text.kexue.digest', path: relative(work, join(root, 'syntaxes/kexue-digest.tmLanguage.json')) },
    ],
  },
};
const configPath = join(work, 'package.json');
writeFileSync(configPath, JSON.stringify(config));

const cases = readdirSync(here).filter((f) => /\.test\.(md|txt)$/.test(f)).map((f) => join(here, f));
const corpusCase = corpusCases();
if (corpusCase) cases.push(corpusCase);

const cli = join(root, 'node_modules/vscode-tmgrammar-test/dist/unit.js');
const result = spawnSync(process.execPath, [cli, '--config', configPath, ...cases], { encoding: 'utf8' });
// The real Markdown grammar embeds ~40 languages that are not installed here; that is not a failure.
const quiet = (text) => text.split('\n').filter((line) => !/^grammar not found for /.test(line)).join('\n');
process.stdout.write(quiet(result.stdout));
process.stderr.write(quiet(result.stderr));
if (result.status !== 0) failed = true;
const passedFiles = (result.stdout.match(/✓/g) ?? []).length;
// The summary line scripts/test-all.mjs reads (one count per grammar test file).
console.log(`grammar: ${passedFiles} passed, ${cases.length - passedFiles + (failed && passedFiles === cases.length ? 1 : 0)} failed`);
rmSync(work, { recursive: true, force: true });
process.exit(failed ? 1 : 0);

/** Assertions over real corpus lines, generated into the temp dir; undefined when there is no corpus. */
function corpusCases() {
  const corpus = resolve(process.env.KEXUE_CORPUS ?? join(root, '..', 'shared', 'corpus'));
  const posts = join(corpus, 'posts');
  if (!existsSync(posts)) {
    console.log(`grammar corpus lines SKIPPED: no corpus at ${corpus}`);
    return undefined;
  }
  const TOKEN = '<!--';
  const out = ['<!-- SYNTAX TEST "text.html.markdown" "labels and references on real corpus lines"'];
  let labels = 0;
  let references = 0;
  const assertAt = (column, length, scope) => `${TOKEN}${' '.repeat(column - TOKEN.length)}${'^'.repeat(length)} ${scope}`;
  for (const file of readdirSync(posts).filter((f) => f.endsWith('.md')).sort()) {
    for (const line of readFileSync(join(posts, file), 'utf8').split('\n')) {
      const label = /^\\begin\{equation\}.*\\label\{([^{}]+)\}.*\\end\{equation\}\s*$/.exec(line);
      const reference = /(?<![\\$])\$\\eqref\{([^{}]+)\}\$/.exec(line);
      if (!label && !reference) continue;
      const asserts = [];
      if (label) {
        const at = line.indexOf(`\\label{${label[1]}}`) + 7;
        if (at > TOKEN.length) asserts.push(assertAt(at, label[1].length, 'meta.math.block.kexue meta.label.kexue entity.name.label.kexue'));
        labels++;
      }
      if (reference && !line.slice(0, reference.index).includes('$')) {
        // Only a reference that opens the line's first `$`: an earlier `$` may close wrapped math.
        const at = reference.index + '$\\eqref{'.length;
        if (at > TOKEN.length) asserts.push(assertAt(at, reference[1].length, 'meta.math.inline.kexue meta.reference.kexue markup.underline.link.eqref.kexue'));
        references++;
      }
      if (asserts.length === 0) continue;
      out.push('', line, ...asserts);
    }
  }
  console.log(`grammar corpus lines: ${labels} labelled equations, ${references} references`);
  if (labels === 0 || references === 0) {
    console.error('grammar corpus lines: expected both labels and references in the corpus');
    failed = true;
  }
  const path = join(work, 'corpus.test.md');
  writeFileSync(path, `${out.join('\n')}\n`);
  return path;
}
