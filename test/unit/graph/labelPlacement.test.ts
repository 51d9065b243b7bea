// The Library Graph's label placement (src/pages/graph/labelPlacement.ts): which titles are shown in a
// view of a given width — none over another, none over another node, none cut off at the sides, the
// current post's always, the better-linked first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeLabels, type LabelledNode } from '../../../src/pages/graph/labelPlacement';

const node = (id: string, x: number, y: number, extra: Partial<LabelledNode> = {}): LabelledNode => ({
  id, x, y, radius: 5, labelWidth: 80, labelHeight: 15, degree: 0, current: false, ...extra,
});

test('labels far apart are all shown', () => {
  assert.deepEqual([...placeLabels([node('a', 60, 20), node('b', 60, 80), node('c', 200, 20)], 300, 3)].sort(), ['a', 'b', 'c']);
});

test('of two labels that would overlap, the better-linked post keeps its label', () => {
  const shown = placeLabels([node('few', 100, 50, { degree: 1 }), node('many', 130, 52, { degree: 4 })], 300, 3);
  assert.deepEqual([...shown], ['many']);
});

test("the current post's label is shown even where it overlaps, and the others make room for it", () => {
  const shown = placeLabels([node('linked', 100, 50, { degree: 9 }), node('here', 120, 50, { current: true }), node('far', 100, 200)], 300, 3);
  assert.deepEqual([...shown].sort(), ['far', 'here']);
});

test('a label that would run past a side of the view, or over another node, is hidden', () => {
  assert.deepEqual([...placeLabels([node('edge', 20, 50)], 300, 3)], [], 'left edge');
  assert.deepEqual([...placeLabels([node('edge', 280, 50)], 300, 3)], [], 'right edge');
  // The second node sits right under the first one's label.
  const shown = placeLabels([node('top', 150, 50, { degree: 2 }), node('under', 170, 62, { labelWidth: 10 })], 300, 3);
  assert.deepEqual([...shown], ['under'], "the first node's label would cover the second node's circle");
});
