// The series neighbours' first screens a preview page holds ahead of a click: the host shows one from
// the page only while it was rendered from the post's current text, macros, library and landing line
// (an edited post is never shown stale), and the host's record of what the page holds and the page's
// own store (src/pages/preview/heldScreens.ts) drop the same entries, so the host never names screens
// the page has let go.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as fc from 'fast-check';
import { PRELOADS_KEPT, type RenderBody } from '../../../src/core/protocol/preview';
import { PostRenderer } from '../../../src/core/render/postRenderer';
import { firstScreen } from '../../../src/core/render/firstScreen';
import { HeldScreens } from '../../../src/pages/preview/heldScreens';
import { PreloadedScreens, type PreloadKey } from '../../../src/preview/preloadedScreens';

function bodyOf(text: string, line?: number): RenderBody {
  const result = new PostRenderer({ fallback: false }).render(text, { lines: firstScreen(text, line) });
  return { title: result.meta.title ?? '', html: result.html, headings: result.headings, equations: result.equations, errors: result.errors, series: null, citedBy: [], header: {}, line };
}

const text = ['# 预载测试', '', '设 $\\alpha_1 = \\frac{1}{2}$，则', '', '\\begin{equation}', 'x^2 + y^2 = 1 \\label{eq:c}', '\\end{equation}', ''].join('\n');
const library = {};
const key = (overrides: Partial<PreloadKey> = {}): PreloadKey => ({ text, macros: { '\\R': '\\mathbb{R}' }, library, line: 0, ...overrides });

test('a preload is shown only while text, macros, library and landing line are the ones it was rendered from', () => {
  const body = bodyOf(text);
  assert.match(body.html, /class="katex"/);
  const stale: Array<[string, Partial<PreloadKey>]> = [
    ['the post edited', { text: text.replace('\\frac{1}{2}', '\\frac{1}{3}') }],
    ['a macro changed', { macros: { '\\R': '\\mathbf{R}' } }],
    ['the library indexed again', { library: {} }],
    ['another landing line', { line: 40 }],
  ];
  for (const [what, change] of stale) {
    const screens = new PreloadedScreens();
    screens.add('file:///a.md', key(), body);
    assert.ok(screens.holdsCurrent('file:///a.md', key()));
    assert.equal(screens.take('file:///a.md', key(change)), undefined, what);
    // Taken or not, the page drops it on showPost, and so does the record.
    assert.equal(screens.holds('file:///a.md'), false, what);
  }
  const screens = new PreloadedScreens();
  const id = screens.add('file:///a.md', key(), body);
  const taken = screens.take('file:///a.md', key());
  assert.equal(taken?.id, id);
  assert.equal(taken?.body.html, body.html);
  assert.equal(screens.take('file:///a.md', key()), undefined, 'handed over once');
});

test('the host\'s record and the page\'s store hold the same preloads through any sequence of sends and shows', () => {
  const uris = ['file:///1.md', 'file:///2.md', 'file:///3.md', 'file:///4.md', 'file:///5.md'];
  const body = bodyOf(text);
  const step = fc.oneof(
    fc.record({ kind: fc.constant('preload' as const), uri: fc.constantFrom(...uris) }),
    fc.record({ kind: fc.constant('show' as const), uri: fc.constantFrom(...uris), edited: fc.boolean() }),
  );
  fc.assert(
    fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
      const host = new PreloadedScreens();
      const page = new HeldScreens();
      for (const s of steps) {
        if (s.kind === 'preload') {
          const id = host.add(s.uri, key(), body);
          page.add(s.uri, id, body); // the preload message
        } else {
          const held = host.take(s.uri, key(s.edited ? { text: `${text}\n改` } : {}));
          // The showPost message names the preload only when the host found it current.
          const shown = page.take(s.uri, held?.id);
          assert.equal(shown !== undefined, held !== undefined, 'the page holds what the host names');
        }
        assert.ok(host.size <= PRELOADS_KEPT);
      }
      // At the end too: whatever the host would still name, the page still holds.
      for (const uri of uris) {
        const held = host.take(uri, key());
        assert.equal(page.take(uri, held?.id) !== undefined, held !== undefined, uri);
      }
    }),
  );
});
