// The graph model: nodes from the library, edges from 《title》 citations and series reading order.
// Fixtures written here (small posts), then the real shared corpus, whose citations were read by hand.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { buildLibraryGraph, citedTitles, truncateLabel, type LibraryGraph } from '../../../src/core/graph/libraryGraph';
import { buildLibrary, parseFile, type Library, type Post } from '../../../src/core/library/index';
import { parseFolder, repoRoot, utf8 } from '../library/helpers';

function post(file: string, title: string, date: string, body: string): { file: string; text: string } {
  return { file, text: `---\ntitle: ${title}\ndate: ${date}\n---\n\n# ${title}\n\n${body}\n` };
}

const FILES = [
  post('a1.md', '测试系列（一）：开端', '2024-01-01', '本文开始一个系列。'),
  post('a2.md', '测试系列（二）：继续', '2024-02-01', '在上一篇《测试系列（一）：开端》中，我们讨论了开端；又见《测试系列(一):开端》。还可参考《一个独立的小文章》与《不存在的文章》。'),
  post('a3.md', '测试系列（三）：结束', '2024-03-01', '转载请注明《测试系列（三）：结束 》。前文《测试系列（二）：继续》。'),
  post('b.md', '一个独立的小文章', '2023-05-05', '没有引用。'),
];

function library(): { library: Library; texts: Map<string, string> } {
  const parsed = FILES.map((f) => parseFile(f.file, utf8(f.text)));
  const lib = buildLibrary(parsed);
  const texts = new Map<string, string>();
  for (const p of lib.posts) texts.set(p.id, FILES.find((f) => f.file === p.sources[0].file)?.text ?? '');
  return { library: lib, texts };
}

const titleOf = (lib: Library, id: string): string | null => lib.posts.find((p) => p.id === id)?.title ?? null;
const edgesAsTitles = (lib: Library, graph: LibraryGraph, kind: 'cites' | 'series'): string[] =>
  graph.edges.filter((e) => e.kind === kind).map((e) => `${titleOf(lib, e.source)} → ${titleOf(lib, e.target)}`).sort();

describe('citedTitles', () => {
  test('lists each 《title》 once, in order, and ignores ones spanning lines', () => {
    assert.deepEqual(citedTitles('见《甲》和《乙》，再见《甲》。《跨\n行》'), ['甲', '乙']);
    assert.deepEqual(citedTitles('no citations'), []);
  });
});

describe('truncateLabel', () => {
  test('keeps short titles and cuts long ones by code point, with an ellipsis', () => {
    assert.equal(truncateLabel('短标题'), '短标题');
    assert.equal(truncateLabel('一二三四五六七八九十', 5), '一二三四…');
    assert.equal([...truncateLabel('𝔸𝔹ℂ𝔻𝔼𝔽', 4)].length, 4);
    assert.equal(truncateLabel('𝔸𝔹ℂ𝔻𝔼𝔽', 4), '𝔸𝔹ℂ…');
  });
});

describe('buildLibraryGraph on fixtures', () => {
  const { library: lib, texts } = library();
  const graph = buildLibraryGraph(lib, (p: Post) => texts.get(p.id) ?? '');

  test('one node per post, coloured by its series', () => {
    assert.equal(graph.nodes.length, 4);
    assert.deepEqual(graph.series, ['测试系列']);
    const standalone = graph.nodes.find((n) => n.title === '一个独立的小文章');
    assert.equal(standalone?.seriesIndex, -1);
    assert.equal(standalone?.series, null);
    for (const n of graph.nodes.filter((n) => n.title.startsWith('测试系列'))) assert.equal(n.seriesIndex, 0);
  });

  test('series order gives part k → part k+1 edges', () => {
    assert.deepEqual(edgesAsTitles(lib, graph, 'series'), ['测试系列（一）：开端 → 测试系列（二）：继续', '测试系列（二）：继续 → 测试系列（三）：结束']);
  });

  test('citations resolve full- and half-width titles once, skip self-citations and unknown titles', () => {
    assert.deepEqual(edgesAsTitles(lib, graph, 'cites'), [
      '测试系列（三）：结束 → 测试系列（二）：继续',
      '测试系列（二）：继续 → 一个独立的小文章',
      '测试系列（二）：继续 → 测试系列（一）：开端',
    ]);
  });

  test('every edge joins two nodes of the graph', () => {
    const ids = new Set(graph.nodes.map((n) => n.id));
    for (const e of graph.edges) assert.ok(ids.has(e.source) && ids.has(e.target), JSON.stringify(e));
  });

  test('an empty library is an empty graph', () => {
    assert.deepEqual(buildLibraryGraph({ posts: [], series: [], problems: [] }, () => ''), { nodes: [], edges: [], series: [] });
  });
});

const corpusDir = resolve(process.env.KEXUE_CORPUS ?? join(repoRoot(), '..', 'shared', 'corpus'));
const present = existsSync(join(corpusDir, 'posts'));
if (!present) console.log(`graph corpus suite SKIPPED: no corpus at ${corpusDir}`);
const corpusTest = (name: string, fn: (t: TestContext) => void): void => {
  test(name, (t) => (present ? fn(t) : t.skip('no corpus')));
};

describe('buildLibraryGraph on the shared corpus', () => {
  const load = (): { lib: Library; graph: LibraryGraph } => {
    const lib = buildLibrary(parseFolder(corpusDir));
    const textOf = (p: Post): string => {
      const full = p.sources.find((s) => s.kind === 'post');
      return full ? readFileSync(join(corpusDir, full.file), 'utf8') : p.summary;
    };
    return { lib, graph: buildLibraryGraph(lib, textOf) };
  };

  corpusTest('every post is a node; 重温SSM parts 1–4 are chained in reading order', () => {
    const { lib, graph } = load();
    assert.equal(graph.nodes.length, lib.posts.length);
    const ssm = lib.series.find((s) => s.name === '重温SSM');
    assert.ok(ssm, 'series 重温SSM');
    const chain = graph.edges.filter((e) => e.kind === 'series' && ssm.parts.some((p) => p.postId === e.source)).map((e) => `${titleOf(lib, e.source)} → ${titleOf(lib, e.target)}`);
    assert.ok(chain.includes('重温SSM（一）：线性系统和HiPPO矩阵 → 重温SSM（二）：HiPPO的一些遗留问题'), chain.join('\n'));
    assert.ok(chain.includes('重温SSM（三）：HiPPO的高效计算（S4） → 重温SSM（四）：有理生成函数的新视角'), chain.join('\n'));
  });

  corpusTest('citations read by hand from the posts are edges', () => {
    const { lib, graph } = load();
    const cites = edgesAsTitles(lib, graph, 'cites');
    // 重温SSM（二） cites part 一; 重温SSM（三） cites parts 一 and 二 (read in the files).
    for (const expected of [
      '重温SSM（二）：HiPPO的一些遗留问题 → 重温SSM（一）：线性系统和HiPPO矩阵',
      '重温SSM（三）：HiPPO的高效计算（S4） → 重温SSM（一）：线性系统和HiPPO矩阵',
      '重温SSM（三）：HiPPO的高效计算（S4） → 重温SSM（二）：HiPPO的一些遗留问题',
    ]) assert.ok(cites.includes(expected), `${expected}\nhave:\n${cites.join('\n')}`);
    // The reprint notice at the end of every post cites the post itself: never an edge.
    for (const e of graph.edges) assert.notEqual(e.source, e.target);
  });
});
