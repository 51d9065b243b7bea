import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analysePost } from '../../../src/core/editor/postAnalysis';
import { buildOutline, summariseTex, type OutlineNode } from '../../../src/core/editor/postOutline';
import { renderPost } from '../../../src/core/render/index';
import { corpusFiles, corpusTest, fixture } from './files';

const flatten = (nodes: OutlineNode[]): OutlineNode[] => nodes.flatMap((node) => [node, ...flatten(node.children)]);

describe('buildOutline for a post', () => {
  const text = fixture('post.md');
  const outline = buildOutline(analysePost(text));

  test('nests headings by level, without html2text’s closing " #"', () => {
    assert.equal(outline.length, 1);
    const [title] = outline;
    assert.equal(title.name, '状态空间练习（一）：连续与离散');
    const sections = title.children.filter((node) => node.kind === 'heading').map((node) => node.name);
    assert.deepEqual(sections, ['连续形式', '离散化']);
    const discretisation = title.children.find((node) => node.name === '离散化');
    assert.deepEqual(discretisation?.children.filter((node) => node.kind === 'heading').map((node) => node.name), ['错误示例']);
  });

  test('puts numbered equations under their heading as "(n) TeX"', () => {
    const continuous = outline[0].children.find((node) => node.name === '连续形式');
    assert.deepEqual(
      continuous?.children.map((node) => node.name),
      ["(1) x'(t) = Ax(t)+Bu(t)", '(2) x(t) = e^{tA}x(0) + \\int_0^t e^{(t-s)A}Bu(s)ds'],
    );
    const all = flatten(outline).filter((node) => node.kind === 'equation');
    assert.deepEqual(all.map((node) => node.name.split(' ')[0]), ['(1)', '(2)', '(3)', '(4)', '(5)']);
    for (const node of all) assert.ok(text.slice(node.start, node.end).startsWith('\\begin{'), node.name);
  });

  test('ignores "#" lines inside fenced code', () => {
    assert.ok(!flatten(outline).some((node) => node.name.includes('not a heading')));
  });

  test('heading ranges contain their children', () => {
    for (const node of flatten(outline)) {
      for (const child of node.children) assert.ok(child.start >= node.start && child.end <= node.end, `${child.name} inside ${node.name}`);
    }
  });
});

describe('buildOutline for digests', () => {
  test('one entry per post, named by date and title', () => {
    const names = buildOutline(analysePost(fixture('digest-undated.txt'))).map((node) => node.name);
    assert.equal(names.length, 2);
    assert.equal(names[0], '3 Mar 矩阵练习(一):迹的性质');
    assert.ok(names[1].startsWith('17 Apr '), 'an untitled entry still gets its date');
    const dated = buildOutline(analysePost(fixture('digest-dated.txt'))).map((node) => node.name);
    assert.deepEqual(dated, ['2026-02-03 矩阵练习(二):行列式', '2026-03-04 矩阵练习(三):特征值']);
  });
});

test('summariseTex drops environments, labels and tags and shortens long TeX', () => {
  // A spaced row break's length is layout, not the row: `\\\\[8pt]` as the SSM posts write it.
  assert.equal(summariseTex('\\begin{equation}\\begin{aligned}x =&\\, A\\\\[8pt]\nB_n =&\\, 1\\end{aligned}\\label{x}\\end{equation}'), 'x = \\, A ; B_n = \\, 1');
  assert.equal(summariseTex('\\begin{equation}a = b\\label{x}\\tag{3}\\end{equation}'), 'a = b');
  // An inner environment stays TeX; the display's own layout (& and \\\\ of an align) goes, rows joined by " ; ".
  assert.equal(
    summariseTex('\\begin{equation}\\boldsymbol{D}=\\begin{pmatrix} 2 & 0 \\\\ 0 & 5 \\end{pmatrix}\\label{eq:diag}\\end{equation}'),
    '\\boldsymbol{D}=\\begin{pmatrix} 2 & 0 \\\\ 0 & 5 \\end{pmatrix}',
  );
  assert.equal(summariseTex('\\begin{align}a &= b \\label{p}\\\\\nc &= \\begin{cases} 1 & x \\\\ 0 & y \\end{cases}\\\\\n\\end{align}'), 'a = b ; c = \\begin{cases} 1 & x \\\\ 0 & y \\end{cases}');
  assert.equal(summariseTex('\\begin{alignat}{2} x &= 1 &\\quad y &= 2 \\end{alignat}'), 'x = 1 \\quad y = 2');
  assert.equal(summariseTex('a \\& b'), 'a \\& b', 'an escaped ampersand is text');
  assert.ok(summariseTex('x'.repeat(200)).endsWith('…'));
});

describe('buildOutline on the corpus', () => {
  corpusTest('as many equation nodes as the engine numbers, and no heading ends in "#"', () => {
    for (const { name, text } of corpusFiles('posts')) {
      const nodes = flatten(buildOutline(analysePost(text)));
      const equations = nodes.filter((node) => node.kind === 'equation');
      for (const node of equations) assert.ok(node.name.startsWith(`${(node.numbers ?? []).map((n) => `(${n})`).join(' ')} `), node.name);
      const numbers = equations.flatMap((node) => node.numbers ?? []);
      assert.deepEqual(numbers, renderPost(text).equations.map((equation) => equation.number), name);
      const headings = nodes.filter((node) => node.kind === 'heading');
      let inFence = false;
      const headingLines = text.split('\n').filter((line) => {
        if (/^```/.test(line)) inFence = !inFence;
        return !inFence && /^#{1,6} /.test(line);
      }).length;
      assert.equal(headings.length, headingLines, `${name}: one node per heading line`);
      for (const heading of headings) assert.ok(!/#\s*$/.test(heading.name), `${name}: ${heading.name}`);
    }
  });

  corpusTest('digest entries match the engine’s parse', () => {
    for (const { name, text } of corpusFiles('digests')) {
      const analysis = analysePost(text);
      const nodes = buildOutline(analysis);
      assert.equal(nodes.length, analysis.digestEntries.length, name);
      for (const node of nodes) assert.match(node.name, /^(\d{1,2} [A-Z][a-z]{2}|\d{4}-\d{2}-\d{2}) \S/, name);
    }
  });
});
