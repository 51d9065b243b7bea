// Reader definitions: a `describing` annotation pins what a symbol means; the notation core shows it
// with kind `reader`, first, re-anchored after edits; `kexue symbols` shows it too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AnnotationStore, createAnnotation, postIdentity, type Annotation } from '../../../src/core/annotations';
import { carryOver, definitionAt, postNotation, readerDefinitionBody, readerDefinitions, withReaderDefinitions } from '../../../src/core/notation';
import { symbolsCommand } from '../../../src/cli/symbolsCommand';
import { AnnotationFilesOnDisk } from '../../../src/notes/annotationFilesOnDisk';
import { fixtureText } from '../search/support';

const NOW = '2026-12-03T18:00:00.000Z';

function pin(text: string, quote: string, body: string | undefined, motivation: Annotation['motivation'] = 'describing'): Annotation {
  const identity = postIdentity(text);
  assert.ok(identity);
  const start = text.indexOf(quote);
  assert.ok(start >= 0, `quote ${quote} not in text`);
  const annotation = createAnnotation({ identity, text, start, end: start + quote.length, motivation, now: NOW });
  if (body !== undefined) annotation.body = [{ type: 'TextualBody', purpose: 'describing', format: 'text/markdown', value: body }];
  return annotation;
}

test('a pinned definition has kind reader, comes first and is the one shown at every line', () => {
  const text = fixtureText('notation.md');
  const annotation = pin(text, '\\hat{y} := \\boldsymbol{M} x_t + b', readerDefinitionBody('\\boldsymbol{M}', '状态转移矩阵（读者更正）'));
  const readers = readerDefinitions(text, [annotation]);
  assert.deepEqual(readers, [{ tex: '\\boldsymbol{M}', text: '状态转移矩阵（读者更正）', line: 13, annotationId: annotation.id }]);
  const symbols = withReaderDefinitions(postNotation(text), readers);
  const m = symbols.find((s) => s.tex === '\\boldsymbol{M}');
  assert.ok(m);
  assert.deepEqual(m.definitions.map((d) => [d.kind, d.line]), [['reader', 13], ['pattern', 8]]);
  assert.equal(definitionAt(m, 8)?.kind, 'reader');
  assert.equal(definitionAt(m, 20)?.text, '状态转移矩阵（读者更正）');
  // Other symbols are untouched.
  assert.deepEqual(symbols.find((s) => s.tex === 'x_t')?.definitions.map((d) => d.kind), ['pattern', 'pattern']);
});

test('without the `$tex$:` form the symbol is the quote\'s first symbol; other motivations are not definitions', () => {
  const text = fixtureText('notation.md');
  const plain = pin(text, '$L_{avg}$', '平均损失');
  const comment = pin(text, '$\\mathcal{L}$', undefined, 'commenting');
  const readers = readerDefinitions(text, [plain, comment]);
  assert.deepEqual(readers.map((r) => [r.tex, r.text, r.line]), [['L_{avg}', '平均损失', 10]]);
});

test('a pin survives edits (re-anchored to its new line); an orphan keeps its text', () => {
  const text = fixtureText('notation.md');
  const annotation = pin(text, '后来我们令 $x_t$ 为归一化后的状态', readerDefinitionBody('x_t', '归一化状态'));
  const edited = text.replace('# 记号测试 #\n', '# 记号测试 #\n\n新加的一段话，挪动了后面的行。\n\n');
  assert.deepEqual(readerDefinitions(edited, [annotation]).map((r) => [r.tex, r.line]), [['x_t', 21]]);
  const symbols = withReaderDefinitions(postNotation(edited), readerDefinitions(edited, [annotation]));
  const x = symbols.find((s) => s.tex === 'x_t');
  assert.deepEqual(x?.definitions[0], { line: 21, text: '归一化状态', kind: 'reader', source: 'this post' });
  const gone = text.replace('后来我们令 $x_t$ 为归一化后的状态。', '全部改写了。');
  const orphan = readerDefinitions(gone, [annotation]);
  assert.equal(orphan.length, 1);
  assert.equal(orphan[0].line, undefined);
  assert.equal(withReaderDefinitions(postNotation(gone), orphan).find((s) => s.tex === 'x_t')?.definitions[0].kind, 'reader');
});

test('a reader definition is carried over to later parts like the post\'s own', () => {
  const text = fixtureText('notation.md');
  const earlier = withReaderDefinitions(postNotation(text), readerDefinitions(text, [pin(text, 'x_t + b', readerDefinitionBody('b', '偏置'))]));
  const later = postNotation('# 后篇 #\n\n再次出现 $b + c$。\n');
  const b = carryOver(later, [{ title: '记号测试', symbols: earlier }]).find((s) => s.tex === 'b');
  assert.deepEqual(b?.definitions.map((d) => [d.kind, d.source]), [['reader', '记号测试']]);
});

test('kexue symbols --json lists the reader definition first, from the notes on disk', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kexue-notation-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'notation.md');
  const text = fixtureText('notation.md');
  writeFileSync(file, text);
  const identity = postIdentity(text);
  assert.ok(identity);
  const store = new AnnotationStore(new AnnotationFilesOnDisk(), dir);
  await store.add(identity, pin(text, '$\\mathcal{L}$', readerDefinitionBody('\\mathcal{L}', '交叉熵损失')));
  const out: string[] = [];
  const code = await symbolsCommand([file, '--json'], { stdout: (t) => out.push(t), stderr: () => undefined });
  assert.equal(code, 0);
  const result = JSON.parse(out.join('')) as { symbols: { tex: string; definitions: { line: number; text: string; kind: string; source: string }[] }[] };
  const loss = result.symbols.find((s) => s.tex === '\\mathcal{L}');
  assert.deepEqual(loss?.definitions[0], { line: 10, text: '交叉熵损失', kind: 'reader', source: 'this post' });
  assert.equal(loss?.definitions[1]?.kind, 'pattern');
});
