// The invented fixtures in test/fixtures/library (two small series, an untitled entry with a citation,
// glued By-lines, a malformed post, an empty file) plus bad input generated here. Always runs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { englishText, translated } from '../../../src/core/l10n/localizable';
import { zh } from '../l10n/zhTranslate';
import { buildLibrary, parseFile, type ParsedFile } from '../../../src/core/library/index';
import { checkInvariants, parseFolder, postByTitle, repoRoot, sourcesOf, utf8 } from './helpers';

const fixtures = join(repoRoot(), 'test', 'fixtures', 'library');
const parsed = (): ParsedFile[] => parseFolder(fixtures);
const library = () => buildLibrary(parsed());
const file = (name: string): ParsedFile => parsed().find((p) => p.file === name)!;
/** A file's problem in English, as the CLI prints it; '' when it has none. */
const problemText = (p: ParsedFile): string => (p.problem ? englishText(p.problem) : '');

describe('fixtures: parsing', () => {
  test('entries per file, and a problem for each file that holds none', () => {
    const counts = Object.fromEntries(parsed().map((p) => [p.file, [p.entries.length, problemText(p)]]));
    assert.deepEqual(Object.keys(counts), [
      'digests/listing-dated.txt', 'digests/listing-undated.txt', 'empty.txt', 'notes.txt',
      'posts/cauchy.md', 'posts/malformed.md', 'posts/no-title.md', 'posts/norms-1.md', 'posts/norms-3.md',
    ]);
    assert.deepEqual(counts['digests/listing-dated.txt'], [5, '']);
    assert.deepEqual(counts['digests/listing-undated.txt'], [7, '']);
    assert.equal(counts['empty.txt'][0], 0);
    assert.match(String(counts['empty.txt'][1]), /empty/);
    assert.match(String(counts['notes.txt'][1]), /no known layout/);
    assert.match(String(counts['posts/no-title.md'][1]), /no title/);
  });

  test('glued By-lines: the text after 引用 titles the next entry; the sidebar after 最近评论 is dropped', () => {
    const entries = file('digests/listing-dated.txt').entries;
    assert.deepEqual(
      entries.map((e) => [e.source.line, e.title, e.summary === '']),
      [
        [1, '范数漫谈(五):核范数与低秩', false],
        [5, '随机矩阵之旅:2、圆律', true],
        [6, '随机矩阵之旅:3、半圆律的证明(上)', false],
        [10, '随机矩阵之旅:3、半圆律的证明(下)', false],
        [12, 'Counting lattice paths with a reflection', false],
      ],
    );
    assert.ok(entries[2].summary.startsWith('这一篇给出半圆律'));
    assert.ok(!entries[2].summary.includes('矩方法\n'), 'a scraped heading does not continue the summary');
    assert.ok(entries.every((e) => e.year !== null && e.year < 2030), 'nothing from the sidebar');
  });

  test('undated layout: entries with and without a title line', () => {
    const entries = file('digests/listing-undated.txt').entries;
    assert.deepEqual(
      entries.map((e) => [e.source.line, e.month, e.day, e.title]),
      [
        [1, 3, 2, '范数漫谈(一):从向量到矩阵'],
        [9, 4, 5, '范数漫谈(二):对偶范数(上)'],
        [17, 4, 28, '范数漫谈(二):对偶范数(下)'],
        [25, 10, 12, null],
        [35, 6, 3, null],
        [41, 1, 9, '随机矩阵之旅:1、为什么是半圆'],
        [49, 11, 14, 'An unplanned detour through the Gamma function'],
      ],
    );
  });

  test('undated layout: a 最近评论 sidebar ends the entries too', () => {
    const text = readFileSync(join(fixtures, 'digests/listing-undated.txt'), 'utf8');
    const withSidebar = parseFile('u.txt', utf8(`${text}\n最近评论\n\n1 Jan\n\n侧栏:不是文章\n\n一条评论。\n`));
    assert.equal(withSidebar.entries.length, 7);
  });

  test('a malformed post still lists (it has a title) and reports what is wrong', () => {
    const malformed = file('posts/malformed.md');
    assert.equal(malformed.entries.length, 1);
    assert.equal(malformed.entries[0].title, '半成品：关于行列式的随想');
    assert.match(problemText(malformed), /not closed/);
    assert.match(problemText(malformed), /someday/);
    assert.deepEqual(malformed.entries[0].tags, ['行列式']);
  });

  test('what is wrong with a file reads in the reader\'s language (the log of a 简体中文 UI)', () => {
    const malformed = file('posts/malformed.md').problem;
    assert.ok(malformed);
    const chinese = translated(malformed, zh);
    assert.match(chinese, /front matter 没有以 `---` 结束；日期“someday”不是 YYYY-MM-DD 格式/);
    assert.doesNotMatch(chinese, /not closed|is not/);
    const binary = parseFile('bin.md', new Uint8Array([0x41, 0, 0x42])).problem;
    assert.equal(binary && translated(binary, zh), '二进制文件（含 NUL 字节）');
    assert.equal(binary && englishText(binary), 'binary file (contains NUL bytes)');
  });

  test('CRLF line endings read the same as LF', () => {
    const text = readFileSync(join(fixtures, 'digests/listing-dated.txt'), 'utf8');
    const crlf = parseFile('crlf.txt', utf8(text.replace(/\n/g, '\r\n')));
    const lf = parseFile('crlf.txt', utf8(text));
    assert.deepEqual(crlf, lf);
  });
});

describe('fixtures: bad input never stops the index', () => {
  test('binary, invalid UTF-8, empty, whitespace-only, too large, no layout: one problem per file', () => {
    const binary = new Uint8Array(4096).map((_, i) => (i * 37) % 256); // contains NUL bytes
    const invalid = Uint8Array.from([0x41, 0xe4, 0xb8, 0x0a, 0xff, 0xfe, 0x42]);
    const huge = new Uint8Array(50 * 1024 * 1024).fill(0x41);
    // Count the bytes decoded (not the time taken): a file over the limit must be refused unread.
    // eslint-disable-next-line @typescript-eslint/unbound-method -- put back below; always called with apply(this)
    const decode = TextDecoder.prototype.decode;
    let decodedBytes = 0;
    TextDecoder.prototype.decode = function (this: InstanceType<typeof TextDecoder>, ...args: Parameters<typeof decode>): string {
      decodedBytes += args[0]?.byteLength ?? 0;
      return decode.apply(this, args);
    };
    const hugeDecoded = (): number => {
      const before = decodedBytes;
      parseFile('huge.txt', huge);
      return decodedBytes - before;
    };
    const bad = [
      parseFile('bin.md', binary),
      parseFile('bad.txt', invalid),
      parseFile('zero.txt', new Uint8Array(0)),
      parseFile('blank.md', utf8('  \n\n\t\n')),
      parseFile('huge.txt', huge),
      parseFile('small-limit.md', utf8(readFileSync(join(fixtures, 'posts/norms-1.md'), 'utf8')), { maxBytes: 100 }),
      parseFile('prose.txt', utf8('Just a paragraph about eigenvalues.\n')),
    ];
    const decodedOfHuge = hugeDecoded();
    TextDecoder.prototype.decode = decode;
    assert.equal(decodedOfHuge, 0, 'refusing a 50 MB file must not decode it');
    assert.ok(decodedBytes > 0, 'the others were decoded (the count works)');
    const problems = bad.map((p) => [p.file, p.entries.length, problemText(p)]);
    assert.deepEqual(problems.map((p) => p[1]), [0, 0, 0, 0, 0, 0, 0]);
    assert.match(String(problems[0][2]), /binary/);
    assert.match(String(problems[1][2]), /UTF-8/);
    assert.match(String(problems[2][2]), /empty/);
    assert.match(String(problems[3][2]), /empty/);
    assert.match(String(problems[4][2]), /too large: 50\.0 MB/);
    assert.match(String(problems[5][2]), /too large/);
    assert.match(String(problems[6][2]), /no known layout/);

    const lib = buildLibrary([...parsed(), ...bad]);
    assert.equal(lib.posts.length, library().posts.length, 'the good files still index');
    assert.deepEqual(
      lib.problems.map((p) => p.file).sort(),
      ['bad.txt', 'bin.md', 'blank.md', 'empty.txt', 'huge.txt', 'notes.txt', 'posts/malformed.md', 'posts/no-title.md', 'prose.txt', 'small-limit.md', 'zero.txt'],
    );
  });

  test('a NUL past the first 8 KB still marks the file binary', () => {
    const bytes = utf8(`${'a'.repeat(10000)}\u0000tail`);
    assert.match(problemText(parseFile('late-nul.txt', bytes)), /binary/);
  });
});

describe('fixtures: the library', () => {
  test('duplicates merge: full post first, full- and half-width titles agree', () => {
    const lib = library();
    checkInvariants(lib);
    assert.equal(lib.posts.length, 14);
    const first = postByTitle(lib, '范数漫谈（一）：从向量到矩阵');
    assert.deepEqual(sourcesOf(first), ['posts/norms-1.md:1', 'digests/listing-undated.txt:1']);
    assert.deepEqual([first.year, first.excerptOnly, first.url], [2021, false, 'https://example.org/archives/101']);
    assert.deepEqual(first.tags, ['范数', '矩阵', '不等式']);
  });

  test('an untitled entry joins the full post whose opening it repeats; the post takes its month/day', () => {
    const cauchy = postByTitle(library(), '柯西不等式的一个几何证明');
    assert.deepEqual(sourcesOf(cauchy), ['posts/cauchy.md:1', 'digests/listing-undated.txt:35']);
    assert.deepEqual([cauchy.year, cauchy.month, cauchy.day], [null, 6, 3]);
  });

  test('an untitled entry citing the previous part becomes the next part, with the citation as evidence', () => {
    const four = postByTitle(library(), '范数漫谈(四)');
    assert.equal(four.titleInferred, true);
    assert.equal(four.titleEvidence?.evidence, '上一篇文章《范数漫谈(三):谱范数的计算》中');
    assert.deepEqual([four.series, four.part, four.id], ['范数漫谈', 4, '范数漫谈-四']);
  });

  test('series in reading order, (上) before (下), same-day parts allowed', () => {
    const lib = library();
    assert.deepEqual(
      lib.series.map((s) => [s.name, s.parts.map((p) => `${p.part}.${p.subPart}`).join(' '), s.firstYear, s.lastYear]),
      [
        ['范数漫谈', '1.0 2.1 2.3 3.0 4.0 5.0', 2021, 2022],
        ['随机矩阵之旅', '1.0 2.0 3.1 3.3', 2022, 2022],
      ],
    );
    const order = lib.posts.map((p) => p.title);
    assert.deepEqual(order.slice(0, 10), [
      '范数漫谈（一）：从向量到矩阵', '范数漫谈(二):对偶范数(上)', '范数漫谈(二):对偶范数(下)', '范数漫谈（三）：谱范数的计算',
      '范数漫谈(四)', '范数漫谈(五):核范数与低秩',
      '随机矩阵之旅:1、为什么是半圆', '随机矩阵之旅:2、圆律', '随机矩阵之旅:3、半圆律的证明(上)', '随机矩阵之旅:3、半圆律的证明(下)',
    ]);
    assert.deepEqual(order.slice(10), [
      'Counting lattice paths with a reflection', // fully dated
      '柯西不等式的一个几何证明', // 3 Jun, year unknown
      'An unplanned detour through the Gamma function', // 14 Nov, year unknown
      '半成品：关于行列式的随想', // no date at all
    ]);
  });

  test('years: fixed between dated neighbours, left null with only one bound', () => {
    const lib = library();
    const upper = postByTitle(lib, '范数漫谈(二):对偶范数(上)');
    assert.deepEqual([upper.year, upper.yearInferred], [2021, true]);
    assert.match(upper.yearEvidence?.evidence ?? '', /范数漫谈（一）.*2021-03-02.*范数漫谈（三）.*2021-09-10/);
    const four = postByTitle(lib, '范数漫谈(四)');
    assert.deepEqual([four.year, four.yearInferred], [2021, true]);
    assert.match(four.yearEvidence?.evidence ?? '', /2021-09-10.*2022-01-05/);
    const walkOne = postByTitle(lib, '随机矩阵之旅:1、为什么是半圆');
    assert.deepEqual([walkOne.year, walkOne.yearInferred, walkOne.yearEvidence], [null, false, undefined]);
    assert.equal(postByTitle(lib, 'An unplanned detour through the Gamma function').year, null);
  });

  test('a year contradicted by the neighbours is not forced', () => {
    // Part 2 on 5 Jan cannot lie between 2021-03-02 and 2021-09-10: no year is invented.
    const post = (title: string, date: string): string => `---\ntitle: ${title}\ndate: ${date}\n---\n\n正文。\n`;
    const files = [
      parseFile('a.md', utf8(post('测试系列(一):甲', '2021-03-02'))),
      parseFile('c.md', utf8(post('测试系列(三):丙', '2021-09-10'))),
      parseFile('b.txt', utf8('5 Jan\n\n测试系列(二):乙\n\n乙的正文在这里，足够长。\n\n点击阅读全文...\n')),
    ];
    const two = postByTitle(buildLibrary(files), '测试系列(二):乙');
    assert.deepEqual([two.year, two.yearInferred, two.month, two.day], [null, false, 1, 5]);
  });

  test('a full post with an empty date takes the full date a dated listing states (not inferred)', () => {
    const files = [
      parseFile('p.md', utf8('---\ntitle: 迹的循环性\ndate: \n---\n\n# 迹的循环性\n\n迹满足tr(AB)=tr(BA)，即使AB与BA大小不同。\n')),
      parseFile('d.txt', utf8('迹的循环性\nBy 测试作者 | 2023-05-17 | 3位读者 | 引用迹满足tr(AB)=tr(BA)。\n')),
    ];
    const post = postByTitle(buildLibrary(files), '迹的循环性');
    assert.deepEqual([post.year, post.month, post.day, post.yearInferred], [2023, 5, 17, false]);
    assert.deepEqual(sourcesOf(post), ['p.md:1', 'd.txt:1']);
  });

  test('ids are stable: the same files in another order give the same ids', () => {
    const ids = (files: ParsedFile[]) => buildLibrary(files).posts.map((p) => p.id).sort();
    assert.deepEqual(ids(parsed()), ids([...parsed()].reverse()));
    assert.ok(library().posts.every((p) => /^[\p{L}\p{N}-]+$/u.test(p.id)), 'ids are slugs');
  });
});

describe('fixtures: text in other encodings', () => {
  const post = '---\ntitle: 编码测试\n---\n# 编码测试\n\n这是一篇文章，$x^2$。\n';

  test('UTF-16 with its byte-order mark (Notepad\'s "Unicode") is read as the text it is', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(post, 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    for (const bytes of [le, Buffer.concat([Buffer.from([0xfe, 0xff]), be])]) {
      const parsed = parseFile('utf16.md', new Uint8Array(bytes));
      assert.equal(parsed.problem, undefined);
      assert.equal(parsed.entries[0]?.title, '编码测试');
    }
  });

  test('a GBK post is left out with the reason and the command that converts it; Latin-1 is not called Chinese', () => {
    // 这是一篇文章 in GBK, as an older Windows editor saves it.
    const gbk = Uint8Array.from([0xd5, 0xe2, 0xca, 0xc7, 0xd2, 0xbb, 0xc6, 0xaa, 0xce, 0xc4, 0xd5, 0xc2, 0x0a]);
    const problem = parseFile('gbk.md', gbk).problem;
    assert.ok(problem);
    assert.equal(englishText(problem), 'not valid UTF-8: it reads as Chinese in GBK/GB18030; save it as UTF-8 (iconv -f GB18030 -t UTF-8)');
    assert.match(translated(problem, zh), /另存为 UTF-8/);
    const latin1 = parseFile('latin1.md', new Uint8Array(Buffer.from('Un résumé très détaillé de la méthode.\n', 'latin1'))).problem;
    assert.equal(latin1 && englishText(latin1), 'not valid UTF-8');
  });
});
