// Property tests: mutated corpus/fixture text, inserted garbage and random strings never make the
// parsers throw or stall, and the library's invariants hold whatever comes in.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { isLocalizable } from '../../../src/core/l10n/localizable';
import { buildLibrary, parseFile, parseSeriesTitle, type ParsedFile } from '../../../src/core/library/index';
import { checkInvariants, listTextFiles, repoRoot, utf8 } from './helpers';

const root = repoRoot();
const corpusDir = resolve(process.env.KEXUE_CORPUS ?? join(root, '..', 'shared', 'corpus'));
const fixturesDir = join(root, 'test', 'fixtures', 'library');

function readTexts(dir: string): { name: string; text: string }[] {
  if (!existsSync(dir)) return [];
  return listTextFiles(dir).map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}
const seeds = [...readTexts(fixturesDir), ...readTexts(corpusDir)].filter((s) => s.text.length > 0);

/** Pieces that steer random text towards the layouts' own markers, where the parsers branch. */
const markers = [
  '\n', '\n\n', '---\n', 'title: ', 'date: 2021-02-29', '# ', '**原文链接**: https://x/archives/1', '12 Jan\n\n',
  '29 Feb\n\n', '点击阅读全文...\n', 'By 苏剑林 | 2022-09-28 | 1位读者 | 引用', '最近评论\n', '上一篇文章《', '》中,笔者',
  '(十一):', '（二十三）：', ':16、', '(上)', '(下)', '《', '》', '\\begin{equation}', '\\end{equation}', '$', '((((', '\u0000',
];

const garbage = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...markers),
  fc.array(fc.constantFrom(...markers), { maxLength: 8 }).map((parts) => parts.join('')),
);

/** A seed text cut to a random slice, with garbage inserted at a random place. */
const mutatedText = fc
  .record({
    seed: fc.nat({ max: Math.max(0, seeds.length - 1) }),
    a: fc.double({ min: 0, max: 1, noNaN: true }),
    b: fc.double({ min: 0, max: 1, noNaN: true }),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    insert: garbage,
  })
  .map(({ seed, a, b, at, insert }) => {
    const text = seeds[seed]?.text ?? '';
    const [from, to] = [Math.floor(Math.min(a, b) * text.length), Math.floor(Math.max(a, b) * text.length)];
    const slice = text.slice(from, to);
    const cut = Math.floor(at * slice.length);
    return { name: seeds[seed]?.name ?? 'none', text: slice.slice(0, cut) + insert + slice.slice(cut) };
  });

const anyFile = fc.oneof(
  mutatedText.map(({ name, text }) => ({ name, bytes: utf8(text) })),
  fc.string({ unit: 'binary', maxLength: 400 }).map((text) => ({ name: 'random.txt', bytes: utf8(text) })),
  fc.uint8Array({ maxLength: 400 }).map((bytes) => ({ name: 'bytes.bin', bytes })),
);

describe('properties', () => {
  test('there are seed texts to mutate (fixtures always; corpus when present)', () => {
    assert.ok(seeds.length >= 5, `only ${seeds.length} seeds`);
  });

  test('parseFile never throws on mutated text or random bytes', () => {
    fc.assert(
      fc.property(anyFile, ({ name, bytes }) => {
        const value = parseFile(name, bytes);
        assert.ok(Array.isArray(value.entries));
        assert.ok(value.entries.length > 0 || isLocalizable(value.problem), 'no entries means a problem');
        for (const entry of value.entries) {
          assert.ok(entry.source.line >= 1, 'lines are 1-based');
          assert.ok(Array.from(entry.summary).length <= 300);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('buildLibrary on several mutated files: never throws, invariants hold', () => {
    fc.assert(
      fc.property(fc.array(anyFile, { minLength: 1, maxLength: 8 }), (files) => {
        const parsed: ParsedFile[] = files.map(({ name, bytes }, i) => parseFile(`${i}/${name}`, bytes));
        const library = buildLibrary(parsed);
        checkInvariants(library);
        const withProblems = parsed.filter((p) => p.problem).length;
        assert.equal(library.problems.length, withProblems, 'one problem per file that has one');
      }),
      { numRuns: 150 },
    );
  });

  test('the real files plus mutated copies of them: still consistent', () => {
    const originals = seeds.map((s) => parseFile(s.name, utf8(s.text)));
    fc.assert(
      fc.property(fc.array(mutatedText, { maxLength: 4 }), (mutants) => {
        const library = buildLibrary([...originals, ...mutants.map((m, i) => parseFile(`mutant${i}/${m.name}`, utf8(m.text)))]);
        checkInvariants(library);
      }),
      { numRuns: 60 },
    );
  });

  test('parseSeriesTitle never throws; a result always has a name and a part in 1…999', () => {
    const titles = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.array(fc.constantFrom('S', '(', ')', '（', '）', ':', '：', '、', '十', '一', '百', '零', '上', '下', '9', ' '), { maxLength: 30 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(titles, (title) => {
        const parsed = parseSeriesTitle(title);
        if (parsed) {
          assert.ok(parsed.series.length > 0);
          assert.ok(Number.isInteger(parsed.part) && parsed.part >= 1 && parsed.part <= 999);
          assert.ok([0, 1, 2, 3].includes(parsed.subPart));
        }
      }),
      { numRuns: 500 },
    );
  });

  // No wall clock: at 200,000 characters a quadratic pattern would run for minutes (4·10¹⁰ steps),
  // so the timeout is a hang guard a linear parser never comes near, whatever the machine's load.
  test('adversarial long inputs stay linear (no catastrophic backtracking)', { timeout: 120_000 }, () => {
    const patterns = ['(', '《', 'By 苏剑林 | ', '上一篇文章《', '[', '![', '**', '\\begin{', '1 Jan\n\n', 'a:', '、'];
    for (const piece of patterns) {
      const text = piece.repeat(Math.ceil(200_000 / piece.length));
      const library = buildLibrary([parseFile('long.txt', utf8(text)), parseFile('long.md', utf8(`---\ntitle: ${text}\n---\n${text}`))]);
      assert.equal(library.posts.length + library.problems.length >= 1, true, JSON.stringify(piece));
    }
  });
});
