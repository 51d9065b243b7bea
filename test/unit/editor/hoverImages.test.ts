import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HoverImageCache, type FormulaRequest } from '../../../src/editor/hoverMath/hoverImages';
import { MathJaxSvgRenderer } from '../../../src/editor/hoverMath/mathJaxSvg';
import { sharedMathJax } from '../../../src/core/render/mathJax';

const renderer = new MathJaxSvgRenderer();

function request(tex: string, extra: Partial<FormulaRequest> = {}): FormulaRequest {
  return { tex, display: true, userMacros: {}, documentMacros: {}, colour: '#d4d4d4', ...extra };
}

function svgOf(markdown: string | undefined): string {
  const match = /^!\[eq\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)$/.exec(markdown ?? '');
  assert.ok(match, `a data-URL image, got ${markdown?.slice(0, 60)}`);
  return Buffer.from(match[1], 'base64').toString('utf8');
}

describe('HoverImageCache with MathJax', () => {
  test('MathJax is not loaded until something is rendered', () => {
    assert.equal(new MathJaxSvgRenderer().isReady, false);
  });

  test('loading MathJax gives the event loop several turns instead of one long stall', async () => {
    const fresh = new MathJaxSvgRenderer();
    let turns = 0;
    let loading = true;
    const spin = () => {
      if (!loading) return;
      turns++;
      setImmediate(spin);
    };
    setImmediate(spin);
    await fresh.ready();
    loading = false;
    assert.ok(fresh.isReady);
    assert.ok(turns >= 4, `the loader yielded ${turns} times`);
  });

  test("a hover's SVG carries none of the preview's symbol marks (they only made the image bigger)", async () => {
    await renderer.ready();
    const outcome = renderer.renderNow('\\boldsymbol{W}_k^2 + x_t', true, {});
    assert.ok('svg' in outcome, 'rendered');
    assert.match(outcome.svg, /<svg /);
    assert.doesNotMatch(outcome.svg, /data-kx-/);
  });

  test("a hover's SVG draws each glyph once and uses it again; the preview's MathJax keeps a path per glyph and its marks", async () => {
    await renderer.ready();
    const tex = 'x_t + x_{t-1} + \\boldsymbol{W}_k x_t';
    const hover = renderer.renderNow(tex, true, {});
    assert.ok('svg' in hover);
    // x appears three times: one path in <defs>, three uses.
    assert.ok((hover.svg.match(/<use /g) ?? []).length >= 3, hover.svg.slice(0, 200));
    assert.match(hover.svg, /<defs>/);
    // The same MathJax as the preview's fallback renders it (every glyph a path of its own, marked symbols).
    const preview = sharedMathJax().renderNow(tex, true, {}, '');
    assert.ok('svg' in preview);
    assert.doesNotMatch(preview.svg, /<use /);
    assert.match(preview.svg, /data-kx-symbol="x_t"/);
    assert.ok(hover.svg.length < preview.svg.length * 0.8, `${hover.svg.length} vs ${preview.svg.length}`);
  });

  test('renders TeX to an SVG data URL painted in the theme colour, sized in px', async () => {
    const cache = new HoverImageCache(renderer);
    const image = await cache.image(request('\\begin{equation*}x\'(t) = Ax(t)+Bu(t)\\end{equation*}'));
    const svg = svgOf(image.markdown);
    assert.match(svg, /^<svg /);
    assert.ok(!svg.includes('currentColor'));
    assert.ok(svg.includes('#d4d4d4'));
    assert.match(svg, / width="[\d.]+px"/);
    const light = await cache.image(request('\\begin{equation*}x\'(t) = Ax(t)+Bu(t)\\end{equation*}', { colour: '#1f1f1f' }));
    assert.ok(svgOf(light.markdown).includes('#1f1f1f'), 'another theme, another image');
  });

  test('a TeX error gives the message, not an image', async () => {
    const image = await new HoverImageCache(renderer).image(request('\\frac{1}{2'));
    assert.equal(image.markdown, undefined);
    assert.match(image.error ?? '', /close brace/i);
    const undefinedMacro = await new HoverImageCache(renderer).image(request('\\nosuchmacro x'));
    assert.match(undefinedMacro.error ?? '', /Undefined control sequence \\nosuchmacro/);
  });

  test('user macros are applied, and dropped (with a note) when they break a formula', async () => {
    const cache = new HoverImageCache(renderer);
    const good = await cache.image(request('\\R^n', { userMacros: { R: { body: '\\mathbb{R}', arguments: 0 } } }));
    assert.ok(good.markdown && !good.userMacrosDropped);
    const breaking = { frac: { body: '\\undefinedthing', arguments: 0 } };
    const rescued = await cache.image(request('\\frac{a}{b}', { userMacros: breaking }));
    assert.ok(rescued.markdown, 'rendered without the user macros');
    assert.match(rescued.userMacrosDropped ?? '', /Undefined control sequence/);
  });

  test('document macros are kept', async () => {
    const image = await new HoverImageCache(renderer).image(request('\\V', { documentMacros: { V: { body: '\\mathbf{v}', arguments: 0 } } }));
    assert.ok(image.markdown, image.error);
  });

  test('a second request for the same formula, macros and colour is a cache hit', async () => {
    const cache = new HoverImageCache(renderer);
    const first = await cache.image(request('a+b'));
    assert.equal(cache.misses, 1);
    const again = cache.peek(request('a+b'));
    assert.equal(again, first);
    assert.equal(cache.hits, 1);
    assert.equal(cache.peek(request('a+b', { display: false })), undefined, 'inline is another key');
  });

  test('the cache stays within its byte budget, dropping the least recently used first', async () => {
    const probe = new HoverImageCache(renderer);
    await probe.image(request('a_{1}'));
    const budget = Math.round(probe.heldBytes * 4.5);
    const cache = new HoverImageCache(renderer, budget);
    await cache.image(request('a_{1}'));
    await cache.image(request('a_{2}'));
    cache.peek(request('a_{1}'));
    for (let k = 3; k < 12; k++) await cache.image(request(`a_{${k}}`));
    assert.ok(cache.heldBytes <= budget, `${cache.heldBytes} bytes held, budget ${budget}`);
    assert.ok(cache.size >= 3 && cache.size <= 5, `about four images kept, not ${cache.size}`);
    assert.ok(cache.peek(request('a_{11}')), 'the newest is kept');
    assert.equal(cache.peek(request('a_{2}')), undefined, 'the least recently used went first');
  });
});
