// The matrix reader: the forms it accepts, and refusals that name the cell.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatRationalMatrix } from '../../../src/core/numerics/exactPinv';
import { LimitError } from '../../../src/core/numerics/limits';
import { MatrixParseError, parseMatrix, parsePlainCsvBytes } from '../../../src/core/numerics/parseMatrix';
import { nonBlankLines } from '../../../src/core/numerics/plainCsv';
import { translated } from '../../../src/core/l10n/localizable';
import { zh } from '../l10n/zhTranslate';

const values = (text: string) => {
  const p = parseMatrix(text);
  return Array.from({ length: p.matrix.rows }, (_, i) => Array.from(p.matrix.data.subarray(i * p.matrix.cols, (i + 1) * p.matrix.cols)));
};

test('LaTeX environments: pmatrix, bmatrix, vmatrix, matrix, array with \\hline', () => {
  assert.deepEqual(values('\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}'), [[1, 2], [3, 4]]);
  assert.deepEqual(values('$$A = \\begin{bmatrix}1&-2\\\\-3&+4\\\\\\end{bmatrix}$$'), [[1, -2], [-3, 4]]);
  assert.deepEqual(values('\\begin{vmatrix}0.5 & 1e-3\\\\ -2.5E2 & .25\\end{vmatrix}'), [[0.5, 0.001], [-250, 0.25]]);
  assert.deepEqual(values('\\begin{matrix}1 & 0\\\\0 & 1\\end{matrix}'), [[1, 0], [0, 1]]);
  assert.deepEqual(values('\\begin{array}{cc}1 & 2\\\\ \\hline 3 & 4\\end{array}'), [[1, 2], [3, 4]]);
});

test('LaTeX cells: \\frac, \\tfrac, \\dfrac, signs, \\times 10^{k}, html2text row breaks', () => {
  assert.deepEqual(values('\\begin{pmatrix}\\frac{1}{2} & -\\tfrac{3}{4}\\\\ \\dfrac{-1}{8} & \\frac12\\end{pmatrix}'), [[0.5, -0.75], [-0.125, 0.5]]);
  assert.deepEqual(values('\\begin{pmatrix}2\\times10^{3} & 1\\end{pmatrix}'), [[2000, 1]]);
  assert.deepEqual(values('\\begin{pmatrix}1.5 \\cdot 10^{-2} & \u22123\\end{pmatrix}'), [[0.015, -3]]);
  // html2text turns LaTeX's `\\` into `\\\`.
  assert.deepEqual(values('\\begin{pmatrix}1 & 2 \\\\\\ 3 & 4\\end{pmatrix}'), [[1, 2], [3, 4]]);
});

test('JSON, CSV and Markdown tables', () => {
  assert.deepEqual(values('[[1, 2.5], [-3, 4e2]]'), [[1, 2.5], [-3, 400]]);
  assert.deepEqual(values('[1, 2, 3]'), [[1, 2, 3]]);
  assert.deepEqual(values('[["1/3", 2]]'), [[1 / 3, 2]]);
  assert.deepEqual(values('1, 2\n3, 4\n'), [[1, 2], [3, 4]]);
  assert.deepEqual(values('1\t2\n3\t4'), [[1, 2], [3, 4]]);
  assert.deepEqual(values('| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |'), [[1, 2], [3, 4]]);
  assert.deepEqual(values('| 1 | 2 |\n|:-:|--:|\n| 3 | 4 |'), [[1, 2], [3, 4]]);
});

test('exact rationals are kept when every cell is rational, dropped otherwise', () => {
  const p = parseMatrix('\\begin{pmatrix}\\frac{1}{3} & 0.25\\\\ -2 & 1e-2\\end{pmatrix}');
  assert.ok(p.rational);
  assert.deepEqual(formatRationalMatrix(p.rational), [['1/3', '1/4'], ['-2', '1/100']]);
  assert.deepEqual(formatRationalMatrix(parseMatrix('[["2/6", 0]]').rational ?? []), [['1/3', '0']]);
});

test('JSON numbers are exact as written, not as the double JSON.parse makes of them', () => {
  // 1e-400 is 0 as a double (the float computation sees 0) but 10⁻⁴⁰⁰ as written; a long decimal keeps all its digits.
  const r = parseMatrix('[[1e-400, 0.1000000000000000055511151231257827], ["1/3", -2E1]]', undefined, { exact: true });
  assert.deepEqual(Array.from(r.matrix.data), [0, 0.1, 1 / 3, -20]);
  assert.deepEqual(formatRationalMatrix(r.rational!), [[`1/1${'0'.repeat(400)}`, '1000000000000000055511151231257827/10000000000000000000000000000000000'], ['1/3', '-20']]);
});

test('refusals name the row, the column and the text', () => {
  const refuses = (text: string, pattern: RegExp) => assert.throws(() => parseMatrix(text), (e: unknown) => e instanceof MatrixParseError && pattern.test(e.message));
  refuses('[[1, 2], [3, "abc"]]', /row 2, column 2: cannot read "abc"/);
  refuses('\\begin{pmatrix}1 & x\\\\ 3 & 4\\end{pmatrix}', /row 1, column 2: cannot read "x"/);
  refuses('[[1, 2], [3]]', /row 2 has 1 entry but row 1 has 2/);
  // The same words in the reader's language, as the host shows them.
  assert.throws(() => parseMatrix('[[1, 2], [3, "abc"]]'), (e: unknown) => e instanceof MatrixParseError && translated(e.words, zh) === '第 2 行第 2 列：无法把 "abc" 读作数字（请用整数、小数、1e-3、a/b 或 \\frac{a}{b}）');
  assert.throws(() => parseMatrix('\\begin{pmatrix}1 & 2'), (e: unknown) => e instanceof MatrixParseError && e.message === '\\begin{pmatrix} has no \\end{pmatrix}' && translated(e.words, zh) === '\\begin{pmatrix} 没有对应的 \\end{pmatrix}');
  refuses('1,2\n3,NaN', /row 2, column 2: "NaN" is not a finite number/);
  refuses('1,Inf', /row 1, column 2: "Inf" is not a finite number/);
  refuses('1,1e999', /row 1, column 2: "1e999" is not a finite number/);
  refuses('[[1, null]]', /row 1, column 2: null is not a number/);
  refuses('1,,2', /row 1, column 2: the cell is empty/);
  refuses('', /empty/);
  refuses('[[1,2]', /not valid JSON/);
  refuses('\\begin{foo}1\\end{foo}', /pmatrix, bmatrix/);
  refuses('\\begin{pmatrix}\\frac{1}{0}\\end{pmatrix}', /row 1, column 1/);
});

test('oversized input is refused from its shape, before the numbers are converted', () => {
  const wide = Array.from({ length: 2049 }, () => '1').join(',');
  assert.throws(() => parseMatrix(wide), (e: unknown) => e instanceof LimitError && /columns is 2049, above the limit of 2048/.test(e.message));
  assert.throws(() => parseMatrix('1,2\n3,4', { maxRows: 1, maxCols: 10, maxN: 1, maxL: 1, maxChannels: 1 }), /rows is 2, above the limit of 1/);
});

test('hostile matrices are refused in linear time with short messages (issue 11)', () => {
  const refuses = (text: string, pattern: RegExp) => assert.throws(() => parseMatrix(text), (e: unknown) => e instanceof MatrixParseError && pattern.test(e.message) && e.message.length < 300);
  // 100k digits then a letter: the old pattern backtracked quadratically (18.8 s) and echoed every digit.
  refuses(`1,${'9'.repeat(100_000)}x`, /row 1, column 2: "9{40}…" \(100001 characters\) is too long/);
  refuses(`${'1'.repeat(150)}x`, /cannot read "1{40}…" \(151 characters\)/);
  // 10⁵ nested [ (and {) overflowed the stack.
  refuses('['.repeat(100_000), /nested more than two levels deep/);
  refuses(`[[${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}]]`, /nested more than two levels deep/);
  // 200k unclosed \begin{pmatrix}: one indexOf, not a lazy regex per start.
  refuses('\\begin{pmatrix}1'.repeat(200_000), /\\begin\{pmatrix\} has no \\end\{pmatrix\}/);
});

test('the shape is refused before cells are split or made exact: 2049 rows, 2049 JSON rows, --exact on 9×9', () => {
  assert.throws(() => parseMatrix(Array.from({ length: 2049 }, () => '1').join('\n')), (e: unknown) => e instanceof LimitError && /rows is 2049/.test(e.message));
  assert.throws(() => parseMatrix(JSON.stringify(Array.from({ length: 2049 }, () => [1]))), (e: unknown) => e instanceof LimitError && /rows is 2049/.test(e.message));
  assert.throws(() => parseMatrix(`[${Array(2049).fill(1).join(',')}]`), (e: unknown) => e instanceof LimitError && /columns is 2049/.test(e.message));
  assert.throws(() => parseMatrix(JSON.stringify(Array.from({ length: 9 }, () => Array<string>(9).fill('1/3'))), undefined, { exact: true }), (e: unknown) => e instanceof LimitError && /exact arithmetic is limited to 8×8/.test(e.message));
  // Exact rationals are kept up to 8×8 only (nothing needs them beyond).
  assert.ok(parseMatrix('[[1,2],[3,4]]').rational);
  assert.equal(parseMatrix(JSON.stringify(Array.from({ length: 9 }, () => Array<number>(9).fill(1)))).rational, undefined);
  // A plain decimal and the general path agree.
  const p = parseMatrix('0.1, -2.5e-3, +7, .5\n1e2, 3., -0, 12345678901234567890');
  assert.deepEqual(Array.from(p.matrix.data), [0.1, -2.5e-3, 7, 0.5, 100, 3, -0, Number('12345678901234567890')]);
});

test('a large CSV read in one pass gives the same numbers as the general reader, and falls back to it on anything unusual', () => {
  // 12×10 (beyond exact rationals): the one-pass reader; the same cells as JSON go through the general one.
  let s = 7;
  const rows = Array.from({ length: 12 }, () =>
    Array.from({ length: 10 }, () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return (s / 2 ** 32 - 0.5) * 10 ** ((s % 9) - 4);
    }),
  );
  const expected = values(JSON.stringify(rows));
  const forms = [
    rows.map((r) => r.join(',')).join('\n'),
    `\n${rows.map((r) => ` ${r.join(' , ')} `).join('\r\n\r\n')}\r\n`,
    rows.map((r) => r.join(';')).join('\n'),
    rows.map((r) => r.join('\t')).join('\n'),
    rows.map((r) => r.join('   ')).join('\n'),
    rows.map((r) => r.map((v) => v.toExponential(20).replace('e', 'E')).join(',')).join('\n'),
  ];
  for (const form of forms) assert.deepEqual(values(form), expected);
  // Plain decimals in every written shape, read exactly as Number() reads them.
  const cells = ['+1', '-2.', '.5', '1e3', '-1.25E-2', '007', '1.7976931348623157e308', '5e-324', '0', '-0'];
  const grid = Array.from({ length: 10 }, (_, i) => cells.map((c, j) => cells[(i + j) % cells.length]));
  const parsed = values(grid.map((r) => r.join(',')).join('\n'));
  assert.deepEqual(parsed, grid.map((r) => r.map(Number)));
  // What the one-pass reader does not take goes through the general path: the same numbers or the same errors.
  const big = rows.map((r) => r.map(String));
  const edited = (i: number, j: number, cell: string) => big.map((r, ri) => r.map((c, ci) => (ri === i && ci === j ? cell : c)).join(',')).join('\n');
  assert.equal(values(edited(3, 4, '1/4'))[3][4], 0.25);
  assert.equal(values(edited(3, 4, '\u22122'))[3][4], -2);
  assert.throws(() => parseMatrix(edited(5, 2, '')), /row 6, column 3: the cell is empty/);
  assert.throws(() => parseMatrix(edited(5, 2, 'x')), /row 6, column 3: cannot read "x"/);
  assert.throws(() => parseMatrix(edited(5, 2, '1e999')), /row 6, column 3: "1e999" is not a finite number/);
  assert.throws(() => parseMatrix(`${big.map((r) => r.join(',')).join('\n')},1`), /row 12 has 11 entries but row 1 has 10/);
});

test('the one-pass reader computes short decimals itself (Clinger fast path) and gets every bit Number() gets', () => {
  // Cells around every edge of the fast path: 15–17 significant digits (the mantissa just below and
  // above 2^53), powers of ten up to and past 10^±22, leading zeros, signed zeros, exponent forms.
  let s = 11;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const cells: string[] = ['9007199254740991', '9007199254740992', '9007199254740993', '-900719925474099.3', '0.9007199254740993',
    '1e22', '1e23', '1.5e-22', '15e-23', '-0.000', '-0e5', '000123.4500', '123456789012345678e-10', '4.35679e+21', '7e-1'];
  while (cells.length < 60 * 40) {
    const v = (next() - 0.5) * 10 ** Math.floor(next() * 60 - 30);
    const form = Math.floor(next() * 5);
    cells.push(form === 0 ? String(v) : form === 1 ? v.toPrecision(15) : form === 2 ? v.toPrecision(17) : form === 3 ? v.toExponential(Math.floor(next() * 18)) : v.toFixed(Math.floor(next() * 20)));
  }
  const grid = Array.from({ length: 60 }, (_, i) => cells.slice(i * 40, (i + 1) * 40));
  assert.deepEqual(values(grid.map((r) => r.join(',')).join('\n')), grid.map((r) => r.map(Number)));
});

test('cells of 16–19 significant digits (doubles written in full) are read without Number() and get every bit it gets, near-ties included', () => {
  let s = 5;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const f64 = new Float64Array(1), u64 = new BigUint64Array(f64.buffer);
  // The exact midpoint between d and the next double up, cut to `digits` significant digits, and the
  // decimals one unit in the last digit around it: the cells a rounding error would turn the wrong way.
  const nearTies = (d: number, digits: number): string[] => {
    f64[0] = d;
    const e = Number((u64[0] >> 52n) & 0x7ffn), m = (u64[0] & ((1n << 52n) - 1n)) | (1n << 52n);
    const k = 1076 - e; // midpoint = (2m + 1)·2^(e − 1076) = (2m + 1)·5^k / 10^k
    const digitsOf = ((2n * m + 1n) * 5n ** BigInt(k)).toString();
    const cut = BigInt(digitsOf.slice(0, digits)), exponent = digitsOf.length - digits - k;
    return [cut - 1n, cut, cut + 1n, cut + 2n].map((v) => `${v}e${exponent}`);
  };
  const cells: string[] = ['0.12345678901234567', '-0.012443563954472736', '9007199254740993e-5', '1.000000000000000111', '0.9999999999999999445', '4503599627370497.5e-3'];
  while (cells.length < 80 * 50) {
    const v = (next() - 0.5) * 10 ** Math.floor(next() * 12 - 6);
    const form = Math.floor(next() * 4);
    if (form === 3) cells.push(...nearTies(Math.abs(v) + 1e-9, 16 + Math.floor(next() * 4)).map((c) => (v < 0 ? `-${c}` : c)));
    else cells.push(form === 0 ? String(v) : form === 1 ? v.toPrecision(17) : v.toPrecision(18 + Math.floor(next() * 3)));
  }
  const grid = Array.from({ length: 80 }, (_, i) => cells.slice(i * 50, (i + 1) * 50));
  const read = values(grid.map((r) => r.join(',')).join('\n'));
  grid.forEach((row, i) => row.forEach((cell, j) => assert.ok(Object.is(read[i][j], Number(cell)), `${cell}: ${read[i][j]} ≠ ${Number(cell)}`)));
});

test('a plain CSV read from its bytes gives what parseMatrix gives its text; anything else is left to parseMatrix', () => {
  let s = 9;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const rows = Array.from({ length: 12 }, () => Array.from({ length: 10 }, () => (next() - 0.5) * 10 ** Math.floor(next() * 8 - 4)));
  const bytes = (text: string) => new TextEncoder().encode(text);
  // Read whole, and through buffers that cut lines (the file is read a buffer at a time).
  const same = (text: string) => {
    for (const chunk of [undefined, 400, 517, 1000]) {
      const fromBytes = parsePlainCsvBytes(bytes(text), undefined, chunk);
      assert.ok(fromBytes, `${chunk}: ${JSON.stringify(text.slice(0, 60))}`);
      assert.deepEqual(fromBytes, parseMatrix(text));
    }
  };
  for (const form of [
    rows.map((r) => r.join(',')).join('\n'),
    `\n\t ${rows.map((r) => ` ${r.join(' , ')} `).join('\r\n\r\n')}\r\n\t `,
    `${rows.map((r) => r.join(',')).join('\n')}\n\f`,
    rows.map((r) => r.join(';')).join('\n'),
    rows.map((r) => r.join('\t')).join('\n'),
    rows.map((r) => r.join('  \v ')).join('\n'),
    rows.map((r) => r.map((v) => v.toExponential(20).replace('e', 'E')).join(',')).join('\n'),
    rows.map((r) => r.map((v) => v.toPrecision(25)).join(',')).join('\n'),
  ]) {
    // VT and FF (trimmed at the ends, counted as content by the line count) are left to parseMatrix.
    if (/[\v\f]/.test(form)) assert.equal(parsePlainCsvBytes(bytes(form)), undefined);
    else same(form);
  }
  // Not for the bytes reader: other formats, small or malformed matrices, non-ASCII text anywhere.
  const csv = rows.map((r) => r.join(',')).join('\n');
  for (const text of ['', ' \n ', '1,2\n3,4', JSON.stringify(rows), `\\begin{pmatrix}${rows.map((r) => r.join('&')).join('\\\\')}\\end{pmatrix}`,
    `| a |\n|---|\n${csv}`, `${csv},1`, csv.replace(',', ',,'), csv.replace('-', '\u2212'), `\ufeff${csv}`, `${csv}\u00a0`, `${csv}\n1e999${',1'.repeat(9)}`,
    Array.from({ length: 2049 }, () => '1,2,3,4,5,6,7,8,9').join('\n')])
    assert.equal(parsePlainCsvBytes(bytes(text)), undefined, JSON.stringify(text.slice(0, 60)));
  // Random edits of a CSV: whenever the bytes reader answers, parseMatrix answers the same.
  const alphabet = ['', ' ', '\t', '\r', '\n', ',', ';', '.', '-', '+', 'e', 'E', '0', '5', 'x', '|', '\u00a0', '\\'];
  for (let k = 0; k < 400; k++) {
    const at = Math.floor(next() * csv.length), cut = Math.floor(next() * 3);
    const text = csv.slice(0, at) + alphabet[Math.floor(next() * alphabet.length)] + csv.slice(at + cut);
    const fromBytes = parsePlainCsvBytes(bytes(text), undefined, k % 2 === 0 ? undefined : 450);
    if (fromBytes) assert.deepEqual(fromBytes, parseMatrix(text), JSON.stringify(text.slice(Math.max(0, at - 20), at + 20)));
  }
});

test('non-blank lines are counted as splitting would count them', () => {
  const reference = (text: string) => text.split('\n').filter((line) => /[^ \t\r]/.test(line)).length;
  for (const text of ['', '\n', ' \t\r\n', 'a', 'a\n', '\n\na\n \nb', '  x  \r\n\r\n', '1,2\r\n3,4', `${' '.repeat(1000)}\n\t\t7`, '\u00a0\n\r\r\n x'])
    assert.equal(nonBlankLines(text), reference(text), JSON.stringify(text));
});
