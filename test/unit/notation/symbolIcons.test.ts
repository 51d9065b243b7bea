// The Notation view's symbol icons: MathJax's SVG of a symbol (real MathJax) made square and coloured.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iconSvg } from '../../../src/core/notation/symbolIconSvg';
import { sharedMathJax } from '../../../src/core/render/mathJax';

test('a symbol drawn by MathJax becomes a square 16 px icon in one colour, nothing else changed', async () => {
  for (const tex of ['W_k', 'L_{avg}', '\\boldsymbol{A}^{\\dagger}', '\\mathcal{L}', '\\hat{y}']) {
    const outcome = await sharedMathJax().render(tex, false, {}, '');
    assert.ok('svg' in outcome, tex);
    const icon = iconSvg(outcome.svg, '#424242');
    assert.ok(icon, tex);
    const box = /viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(icon);
    assert.ok(box);
    assert.equal(box[3], box[4], `${tex}: square`);
    assert.match(icon, /^<svg[^>]* width="16" height="16"/);
    assert.doesNotMatch(icon, /currentColor|style=/);
    assert.match(icon, /#424242/);
    // The drawing itself (paths) is MathJax's, untouched.
    assert.equal(icon.match(/<path/g)?.length, outcome.svg.match(/<path/g)?.length);
    assert.doesNotMatch(icon, /<script|on\w+=/i);
  }
  assert.equal(iconSvg('<div>not svg</div>', '#000'), undefined);
});
