// Which labels of the Library Graph are shown: pure geometry in screen pixels, no DOM, so that it is
// tested on its own. A label is a box below its node's circle; it is shown when it fits in the view's
// width and covers no label already shown and no other node's circle. The current post's label is
// always shown and placed first; then the labels of the posts with the most links.

export interface LabelledNode {
  id: string;
  /** The node's centre on screen. */
  x: number;
  y: number;
  /** Its circle's radius on screen. */
  radius: number;
  /** Its label's width and height on screen, the label drawn centred below the circle. */
  labelWidth: number;
  labelHeight: number;
  /** Links to other posts: the better-linked keep their labels first. */
  degree: number;
  current: boolean;
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const overlaps = (a: Box, b: Box): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The ids of the nodes whose labels are shown; `gap` is kept around each label. */
export function placeLabels(nodes: readonly LabelledNode[], viewWidth: number, gap: number): Set<string> {
  const circles = nodes.map((node) => ({ id: node.id, box: { left: node.x - node.radius, right: node.x + node.radius, top: node.y - node.radius, bottom: node.y + node.radius } }));
  const order = [...nodes].sort((a, b) => Number(b.current) - Number(a.current) || b.degree - a.degree);
  const placed: Box[] = [];
  const shown = new Set<string>();
  for (const node of order) {
    const half = node.labelWidth / 2 + gap;
    const top = node.y + node.radius;
    const box = { left: node.x - half, right: node.x + half, top, bottom: top + node.labelHeight + gap };
    const fits =
      node.current ||
      (box.left >= 0 && box.right <= viewWidth && !placed.some((other) => overlaps(other, box)) && !circles.some((circle) => circle.id !== node.id && overlaps(circle.box, box)));
    if (!fits) continue;
    placed.push(box);
    shown.add(node.id);
  }
  return shown;
}
