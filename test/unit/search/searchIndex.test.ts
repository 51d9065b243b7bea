// The index on our fixture posts: ranking, grouping, snippets, equation numbers, the literal
// fallback, one-file updates that re-tokenize only what changed, and the serialised cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import { SearchIndex, extractDocuments, miniSearchTerm, noteDocuments } from '../../../src/core/search';
import { BodyIndex } from '../../../src/core/search/miniSearchIndex';
import type { Indexed } from '../../../src/core/search/searchBodies';
import { entry, fixtureIndex, fixtureText } from './support';

test('a Chinese query finds the title first, then text, grouped by post, with the hit marked', () => {
  const hits = fixtureIndex().search('伪逆');
  assert.equal(hits[0].kind, 'title');
  assert.equal(hits[0].postId, 'pinv');
  assert.equal(hits[0].snippet, '矩阵之路（一）：**伪逆**');
  const posts = hits.map((h) => h.postId);
  // Grouped: once the other post starts, the first never comes back.
  assert.deepEqual(posts, [...posts].sort((a, b) => posts.indexOf(a) - posts.indexOf(b)));
  assert.ok(posts.includes('lowrank'));
  // Short paragraphs are indexed together; the hit names the line it is on.
  const text = fixtureIndex().search('权重矩阵的伪逆')[0];
  assert.equal(text.kind, 'text');
  assert.equal(text.line, 12);
  assert.match(text.snippet, /本文讨论\*\*权重矩阵的伪逆\*\*，/);
});

test('a formula hit names the number of the row it is in', () => {
  const hits = fixtureIndex().search('(\\boldsymbol{A}\\boldsymbol{A}^{\\dagger})^{\\top}');
  const math = hits.find((h) => h.kind === 'math');
  assert.ok(math);
  // Rows: (1), unnumbered, (2).
  assert.equal(math.equation, '2');
  assert.equal(math.line, 18);
  const msign = fixtureIndex().search('\\msign');
  assert.equal(msign[0].kind, 'math');
  assert.equal(msign[0].equation, '3');
});

test('\\boldsymbol{A} also matches a plain A, and the bold form ranks first', () => {
  const hits = fixtureIndex().search('\\boldsymbol{A}');
  assert.equal(hits[0].postId, 'pinv');
  assert.ok(hits.some((h) => h.postId === 'lowrank' && h.kind === 'math'), JSON.stringify(hits));
  const plain = fixtureIndex().search('A');
  assert.ok(plain.some((h) => h.postId === 'pinv' && h.kind === 'math'));
});

test('full-width query finds half-width text and back', () => {
  const wide = fixtureIndex().search('ＳＶＤ');
  const narrow = fixtureIndex().search('svd');
  assert.ok(wide.length >= 1 && narrow.length >= 1);
  assert.deepEqual(wide.map((h) => h.line), narrow.map((h) => h.line));
  assert.ok(fixtureIndex().search('W_k').some((h) => h.line === 12));
  assert.ok(fixtureIndex().search('L_{avg}').some((h) => h.line === 21));
});

test('text the tokens miss is found as written: one Han character, part of a word', () => {
  const one = fixtureIndex().search('秩');
  assert.ok(one.some((h) => h.postId === 'lowrank' && h.kind === 'text'), JSON.stringify(one));
  const part = fixtureIndex().search('ippo');
  assert.equal(part[0].postId, 'lowrank');
  assert.match(part[0].snippet, /H\*\*iPPO\*\*/);
  assert.deepEqual(fixtureIndex().search('这个词不在任何文章里'), []);
  assert.deepEqual(fixtureIndex().search('   '), []);
});

test('a one-paragraph edit re-tokenizes one paragraph and moves the lines below it', () => {
  const index = fixtureIndex();
  const text = fixtureText('plain.md');
  const edited = text.replace('HiPPO是一种记忆框架。', '第一行\n\nHiPPO是一种记忆框架，也叫 LegS。');
  index.setFile('plain.md', extractDocuments('plain.md', edited, [entry('lowrank', '矩阵之路（二）：低秩')]));
  // The two new short paragraphs are one document: one tokenized, everything else kept.
  assert.equal(index.lastTokenized, 1);
  assert.equal(index.search('LegS')[0].line, 17);
  assert.equal(index.search('记忆框架')[0].line, 17);
  // The unchanged formula (above the edit) keeps its entry and its line.
  assert.equal(index.search('U \\Sigma V^{\\top}')[0].line, 12);
  index.removeFile('plain.md');
  assert.ok(index.search('LegS').length === 0);
  assert.ok(!index.search('伪逆').some((h) => h.postId === 'lowrank'));
});

test('the serialised index answers like the live one', () => {
  const index = fixtureIndex();
  const restored = SearchIndex.deserialize(v8.deserialize(v8.serialize(index.serialize())));
  assert.ok(restored);
  for (const q of ['伪逆', '\\boldsymbol{A}^{\\dagger}', '秩', 'SVD']) assert.deepEqual(restored.search(q), index.search(q), q);
  assert.equal(SearchIndex.deserialize({ format: 999 }), undefined);
  assert.equal(SearchIndex.deserialize('garbage'), undefined);
  // Columns that do not add up (a truncated or foreign cache) are refused, not half loaded.
  const damaged = index.serialize();
  damaged.bodies.count[0] += 1_000_000;
  assert.equal(SearchIndex.deserialize(damaged), undefined);
});

test('a cache whose MiniSearch part is damaged still answers: MiniSearch is rebuilt from the stored texts', () => {
  const index = fixtureIndex();
  const data = index.serialize();
  // Postings whose counts overrun their columns (a foreign or truncated cache).
  const restored = SearchIndex.deserialize({ ...data, postings: { ...data.postings, count: data.postings.count.map(() => 1_000_000) } });
  assert.ok(restored);
  for (const q of ['伪逆', '\\boldsymbol{A}^{\\dagger}', 'SVD']) assert.deepEqual(restored.search(q), index.search(q), q);
});

test('MiniSearch is given Han tokens re-spelt one-to-one, ASCII as is', () => {
  assert.equal(miniSearchTerm('\\alpha_t'), '\\alpha_t');
  assert.equal(miniSearchTerm('伪逆'), '\u0084\u009f\u00a2\u00ba\u0089\u0090\u00a0\u00b6');
  const spelt = new Set(['伪逆', '伪', '逆伪', 'a伪', '伪a', 'x_{伪}', '°', 'ab'].map(miniSearchTerm));
  assert.equal(spelt.size, 8);
});

test('MiniSearch built at once from the bodies is what adding them one by one builds, and its postings restore it', () => {
  const bodies: Indexed[] = fixtureIndex()
    .serialize()
    .bodies.text.map((text, k) => ({ id: 10 * k + 3, kind: 'text', text }));
  bodies.push({ id: 7, kind: 'math', text: '' }, { id: 9, kind: 'note', text: '伪逆 伪逆 伪逆 \\alpha_t' });
  // Added one by one, as MiniSearch itself does it.
  const added = new BodyIndex();
  added.addAll(bodies);
  // Terms in order (the term tree may list them in another order: lookups do not depend on it).
  const plain = (index: BodyIndex) => {
    const js = index.toJSON();
    return { ...js, index: js.index.sort((a, b) => (a[0] < b[0] ? -1 : 1)) };
  };
  const built = BodyIndex.build(bodies);
  assert.deepEqual(plain(built), plain(added));
  assert.deepEqual(plain(BodyIndex.restore(built.postings())), plain(added));
  const query = { combineWith: 'OR' as const, queries: ['伪逆', '矩阵', '\\alpha_t', 'svd'] };
  assert.deepEqual(built.search(query), added.search(query));
  assert.ok(added.search(query).length > 2);
  // After a discard (dirt) too: the postings keep what MiniSearch keeps.
  added.discard(bodies[0].id);
  assert.deepEqual(plain(BodyIndex.restore(added.postings())), plain(added));
  assert.deepEqual(BodyIndex.restore(added.postings()).search(query), added.search(query));
});

test('notes are one more source of documents', () => {
  const index = fixtureIndex();
  index.setFile('notes:pinv.md', noteDocuments([{ file: 'pinv.md', line: 11, text: '这里的 Moore–Penrose 条件要记住', quote: '伪逆' }], [entry('pinv', '矩阵之路（一）：伪逆')]));
  const hits = index.search('Penrose');
  assert.equal(hits.length, 1);
  assert.equal(hits[0].kind, 'note');
  assert.equal(hits[0].file, 'pinv.md');
  assert.equal(hits[0].line, 11);
});

test('a text repeated in another file is tokenized once and found in both, until both are gone', () => {
  const index = fixtureIndex();
  const text = fixtureText('plain.md');
  const before = index.bodyCount;
  // A listing page that repeats the post word for word (another post id, another path).
  index.setFile('listing.md', extractDocuments('listing.md', text, [entry('lowrank-copy', '矩阵之路（二）：低秩')]));
  assert.equal(index.lastTokenized, 0);
  assert.equal(index.bodyCount, before);
  const files = index.search('记忆框架').map((h) => h.file);
  assert.ok(files.includes('plain.md') && files.includes('listing.md'), files.join(','));
  // The serialised cache keeps the sharing, and a restored index still tells the copies apart.
  const restored = SearchIndex.deserialize(v8.deserialize(v8.serialize(index.serialize())));
  assert.ok(restored);
  assert.deepEqual(restored.search('记忆框架'), index.search('记忆框架'));
  index.removeFile('plain.md');
  assert.deepEqual(index.search('记忆框架').map((h) => h.file), ['listing.md']);
  index.removeFile('listing.md');
  assert.deepEqual(index.search('记忆框架'), []);
  assert.ok(index.bodyCount < before);
});

test('a restored index follows edits like the live one (its documents leave the cache columns as they are needed)', () => {
  const live = fixtureIndex();
  const restored = SearchIndex.deserialize(v8.deserialize(v8.serialize(live.serialize())));
  assert.ok(restored);
  assert.equal(restored.documentCount, live.documentCount);
  const queries = ['LegS', '记忆框架', 'U \\Sigma V^{\\top}', '伪逆', '秩'];
  const edited = fixtureText('plain.md').replace('HiPPO是一种记忆框架。', '第一行\n\nHiPPO是一种记忆框架，也叫 LegS。');
  for (const index of [live, restored]) index.setFile('plain.md', extractDocuments('plain.md', edited, [entry('lowrank', '矩阵之路（二）：低秩')]));
  assert.equal(restored.lastTokenized, 1);
  assert.equal(restored.documentCount, live.documentCount);
  for (const q of queries) assert.deepEqual(restored.search(q), live.search(q), q);
  // Saved again with some documents out of the columns and some still in them.
  const again = SearchIndex.deserialize(v8.deserialize(v8.serialize(restored.serialize())));
  assert.ok(again);
  for (const q of queries) assert.deepEqual(again.search(q), live.search(q), q);
  for (const index of [live, restored, again]) index.removeFile('plain.md');
  // Scores left out here: MiniSearch drops a discarded document's postings when a query meets them,
  // so after removals a score depends on which queries each index has answered since.
  const unscored = (index: SearchIndex, q: string) => index.search(q).map(({ score: _score, ...hit }) => hit);
  for (const q of queries) {
    assert.deepEqual(unscored(restored, q), unscored(live, q), q);
    assert.deepEqual(unscored(again, q), unscored(live, q), q);
  }
  assert.equal(again.documentCount, live.documentCount);
});

test('lines of HTML tags only (the preview shows nothing of them) are no document, and no text joins across them', () => {
  const text = ['前言一段。', '', '<div class="theorem-box">', '', '#### 公理：热传导', '', '正文。', '', '</div>', '<!-- 注 -->', '', '后文。', ''].join('\n');
  const documents = extractDocuments('box.md', text, [entry('box', '盒子')]).filter((d) => d.kind === 'text');
  assert.deepEqual(documents.map((d) => [d.line, d.text]), [
    [1, '前言一段。'],
    [5, '#### 公理：热传导\n\n正文。'],
    [12, '后文。'],
  ]);
  const index = new SearchIndex();
  index.setFile('box.md', extractDocuments('box.md', text, [entry('box', '盒子')]));
  assert.equal(index.search('theorem').length, 0, 'the class name is not searchable text');
});

test("a post's `# title` heading is not a second hit for its title: the text after it starts its document", () => {
  const text = ['---', 'title: 矩阵漫谈（二）：幂迭代', '---', '', '# 矩阵漫谈（二）：幂迭代', '', '**原文链接**: [x](https://example.org/1)', '', '## 幂迭代的收敛', '', '正文讲幂迭代。', ''].join('\n');
  const documents = extractDocuments('power.md', text, [entry('power', '矩阵漫谈（二）：幂迭代')]);
  assert.deepEqual(documents.filter((d) => d.kind === 'text').map((d) => [d.line, d.text.split('\n')[0]]), [[7, '**原文链接**: [x](https://example.org/1)']]);
  const index = new SearchIndex();
  index.setFile('power.md', documents);
  const hits = index.search('矩阵漫谈');
  assert.deepEqual(hits.map((h) => h.kind), ['title'], 'the title once, not again as its heading');
  // Another heading (a section's) stays text, on its own line.
  assert.deepEqual(index.search('收敛').map((h) => [h.kind, h.line]), [['text', 9]]);
});

test("a snippet's only ** pair marks the hit: the post's own bold marks are dropped from it", () => {
  const index = new SearchIndex();
  index.setFile('bold.md', extractDocuments('bold.md', ['**原文链接**: 见下。这里讨论**加粗**的谱间隙。', ''].join('\n'), [entry('bold', '加粗')]));
  const hit = index.search('谱间隙')[0];
  assert.equal(hit.snippet, '原文链接: 见下。这里讨论加粗的**谱间隙**。');
});

test('a phrase the post words a little differently is found as a near miss, after every full hit', () => {
  const index = new SearchIndex();
  const docs = (file: string, postId: string, title: string, body: string) =>
    index.setFile(file, extractDocuments(file, `# ${title}\n\n${body}\n`, [entry(postId, title)]));
  docs('rope.md', 'rope', 'Transformer升级之路：2、博采众长的旋转式位置编码', '本文介绍旋转式位置编码（RoPE）。');
  docs('ode.md', 'ode', '生成扩散模型漫谈（十二）：“硬刚”扩散ODE', '直接从ODE出发。');
  docs('six.md', 'six', 'Transformer升级之路：6、旋转位置编码的完备性分析', '完备性。');
  docs('pinv.md', 'pinv', '低秩近似之路（一）：伪逆', '误差是它们的平方和的平方根。');
  // The post about it, though it writes 旋转式: after the post holding the phrase.
  const rope = index.search('旋转位置编码').map((h) => h.postId);
  assert.deepEqual([...new Set(rope)], ['six', 'rope']);
  // A title typed without its quotes.
  assert.equal(index.search('硬刚扩散ODE')[0]?.postId, 'ode');
  // One wrong character.
  assert.equal(index.search('旋转式位置编吗')[0]?.postId, 'rope');
  // Two of four bigrams missing is no near miss; nor is a two-bigram query missing one.
  assert.deepEqual(index.search('矩阵平方根'), []);
  assert.deepEqual(index.search('伪拟'), []);
});

test('a query in quotes finds the words between them as written, and nothing else', () => {
  const index = new SearchIndex();
  index.setFile('a.md', extractDocuments('a.md', '# 伪逆\n\n前面我们通过特征值分解给出了伪逆，但更常用的是基于奇异值分解（SVD）。\n', [entry('a', '伪逆')]));
  index.setFile('b.md', extractDocuments('b.md', '# 秩\n\n设$\\sigma_i$是非零奇异值，其值分布与秩有关，这一分解唯一。\n', [entry('b', '秩')]));
  // Unquoted, b's paragraph holds every bigram of the phrase, apart: a hit.
  assert.deepEqual(index.search('奇异值分解').map((h) => h.postId).sort(), ['a', 'b']);
  for (const query of ['"奇异值分解"', '“奇异值分解”', ' "奇异值分解" ']) {
    const hits = index.search(query);
    assert.deepEqual(hits.map((h) => h.postId), ['a'], query);
    assert.match(hits[0].snippet, /\*\*奇异值分解\*\*/);
  }
  // A lone quote is no phrase: searched as typed.
  assert.deepEqual(index.search('"'), []);
});

test('a TeX query ranks its own case first: \\Sigma before \\sigma, W_k before w_k, and marks it there', () => {
  const index = new SearchIndex();
  index.setFile('a.md', extractDocuments('a.md', '# 噪声\n\n其中$w_k$是噪声，$\\sigma$是其标准差，$\\sigma$很小。\n', [entry('a', '噪声')]));
  index.setFile('b.md', extractDocuments('b.md', '# SVD\n\n设$\\sigma_1$为最大奇异值，$\\boldsymbol{\\Sigma}$是对角矩阵，$W_k$是权重。\n', [entry('b', 'SVD')]));
  const sigma = index.search('\\Sigma');
  assert.equal(sigma[0].postId, 'b');
  assert.match(sigma[0].snippet, /\*\*\\Sigma\*\*/);
  assert.equal(index.search('W_k')[0].postId, 'b');
  assert.equal(index.search('w_k')[0].postId, 'a');
  // Words are case-blind as before: the text's own order.
  assert.deepEqual(index.search('svd').map((h) => h.postId), index.search('SVD').map((h) => h.postId));
});
