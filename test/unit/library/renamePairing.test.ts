// A rename outside VS Code arrives as a delete and a create: RenamePairing tells a post moved from one
// deleted, by the post's identity or its very text, within the window and in either order.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { postFingerprint, RenamePairing, sameness } from '../../../src/core/library/renamePairing';

const WINDOW = 5000;

const post = (title: string, archive?: number, body = '正文。') =>
  `---\ntitle: ${title}\ndate: 2025-04-02\n---\n\n# ${title}\n\n${archive ? `**原文链接**: [https://kexue.fm/archives/${archive}](https://kexue.fm/archives/${archive})\n\n` : ''}${body}\n`;

describe('sameness', () => {
  test('the same text, the same post, or not the same file', () => {
    const a = postFingerprint(post('矩阵范数', 90004));
    assert.equal(sameness(a, postFingerprint(post('矩阵范数', 90004))), 2, 'the very text');
    assert.equal(sameness(a, postFingerprint(post('矩阵范数', 90004, '改过的正文。'))), 1, 'edited, same blog address');
    assert.equal(sameness(a, postFingerprint(post('矩阵范数（修订）', 90004))), 1, 'retitled, same blog address');
    assert.equal(sameness(a, postFingerprint(post('矩阵范数', 90005))), 0, 'the same title, another blog address: another post');
    assert.equal(sameness(a, postFingerprint(post('谱范数', 90006))), 0);
  });

  test('a post without a blog address is known by its title and date; a text that names no post only by itself', () => {
    assert.equal(sameness(postFingerprint(post('随笔')), postFingerprint(post('随笔', undefined, '另一段正文。'))), 1);
    assert.equal(sameness(postFingerprint(post('随笔')), postFingerprint(post('随笔', 90010))), 1, 'a re-scrape that gained its 原文链接 line');
    const plain = 'just some notes\nwithout a heading\n';
    assert.equal(sameness(postFingerprint(plain), postFingerprint(plain)), 2);
    assert.equal(sameness(postFingerprint(plain), postFingerprint('other notes\n')), 0);
    assert.equal(sameness(postFingerprint(''), postFingerprint('')), 0, 'an empty file says nothing of which file it was');
  });
});

describe('RenamePairing', () => {
  const a = post('矩阵范数', 90004);

  test('a delete, then a create of the same post within the window: moved', () => {
    const pairing = new RenamePairing(WINDOW);
    assert.equal(pairing.went('/w/a.md', postFingerprint(a), 1000), undefined);
    assert.equal(pairing.arrived('/w/other.md', postFingerprint(post('谱范数', 90006)), 1100), undefined, 'another post arrived meanwhile');
    assert.deepEqual(pairing.arrived('/w/sub/b.md', postFingerprint(a), 1200), { kind: 'moved', from: '/w/a.md', to: '/w/sub/b.md' });
    assert.deepEqual(pairing.goneFiles(), [], 'paired, no longer waiting');
    assert.deepEqual(pairing.expired(1000 + WINDOW), []);
  });

  test('a create before the delete (a copy, then a delete): moved as well', () => {
    const pairing = new RenamePairing(WINDOW);
    assert.equal(pairing.arrived('/w/b.md', postFingerprint(a), 1000), undefined);
    assert.deepEqual(pairing.went('/w/a.md', postFingerprint(a), 1500), { kind: 'moved', from: '/w/a.md', to: '/w/b.md' });
  });

  test('the same text wins over the same post', () => {
    const pairing = new RenamePairing(WINDOW);
    pairing.arrived('/w/edited.md', postFingerprint(post('矩阵范数', 90004, '改过的正文。')), 1000);
    pairing.arrived('/w/copy.md', postFingerprint(a), 1001);
    assert.deepEqual(pairing.went('/w/a.md', postFingerprint(a), 1002), { kind: 'moved', from: '/w/a.md', to: '/w/copy.md' });
  });

  test('no new name within the window: deleted, reported once; its own name coming back later still counts', () => {
    const pairing = new RenamePairing(WINDOW);
    pairing.went('/w/a.md', postFingerprint(a), 1000);
    assert.equal(pairing.nextDeadline(), 1000 + WINDOW);
    assert.deepEqual(pairing.expired(1000 + WINDOW - 1), [], 'not yet');
    assert.deepEqual(pairing.expired(1000 + WINDOW), ['/w/a.md']);
    assert.deepEqual(pairing.expired(1000 + 2 * WINDOW), [], 'once');
    assert.equal(pairing.nextDeadline(), undefined);
    assert.equal(pairing.arrived('/w/late.md', postFingerprint(a), 1000 + WINDOW + 1), undefined, 'too late to be its new name');
    assert.deepEqual(pairing.arrived('/w/a.md', postFingerprint(post('别的', 1)), 60_000), { kind: 'back', path: '/w/a.md' });
    assert.deepEqual(pairing.goneFiles(), []);
  });

  test('an arrival older than the window is no new name for a file that goes now', () => {
    const pairing = new RenamePairing(WINDOW);
    pairing.arrived('/w/b.md', postFingerprint(a), 1000);
    assert.equal(pairing.went('/w/a.md', postFingerprint(a), 1000 + WINDOW), undefined);
  });

  test('a file deleted and written again under its own name is back, whatever it holds now', () => {
    const pairing = new RenamePairing(WINDOW);
    pairing.went('/w/a.md', postFingerprint(a), 1000);
    assert.deepEqual(pairing.arrived('/w/a.md', postFingerprint(post('改写', 2)), 1100), { kind: 'back', path: '/w/a.md' });
  });

  test('a file whose text was never known comes back only under its own name; a duplicate delete changes nothing', () => {
    const pairing = new RenamePairing(WINDOW);
    pairing.went('/w/a.md', undefined, 1000);
    assert.equal(pairing.went('/w/a.md', postFingerprint(a), 1001), undefined);
    assert.equal(pairing.arrived('/w/b.md', postFingerprint(a), 1100), undefined);
    assert.deepEqual(pairing.goneFiles(), ['/w/a.md']);
    pairing.forget('/w/a.md');
    assert.equal(pairing.arrived('/w/a.md', postFingerprint(a), 1200), undefined, 'forgotten: nobody watches it');
  });

  test('two posts moved at once each find their own new name', () => {
    const pairing = new RenamePairing(WINDOW);
    const b = post('谱范数', 90006);
    pairing.went('/w/a.md', postFingerprint(a), 1000);
    pairing.went('/w/b.md', postFingerprint(b), 1000);
    assert.deepEqual(pairing.arrived('/w/new/b.md', postFingerprint(b), 1100), { kind: 'moved', from: '/w/b.md', to: '/w/new/b.md' });
    assert.deepEqual(pairing.arrived('/w/new/a.md', postFingerprint(a), 1100), { kind: 'moved', from: '/w/a.md', to: '/w/new/a.md' });
  });
});
