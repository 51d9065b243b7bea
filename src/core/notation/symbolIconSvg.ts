// A symbol drawn by MathJax (SVG) made into a tree item's icon: a square viewBox, one colour. Pure.

/** MathJax's SVG as a square icon in one colour; undefined when it is not an SVG with a viewBox. */
export function iconSvg(svg: string, colour: string): string | undefined {
  const open = /^<svg\b[^>]*>/.exec(svg);
  const box = open && /\bviewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(open[0]);
  if (!open || !box) return undefined;
  const [x, y, w, h] = box.slice(1).map(Number);
  const side = Math.max(w, h);
  const square = `${round(x - (side - w) / 2)} ${round(y - (side - h) / 2)} ${round(side)} ${round(side)}`;
  const tag = open[0]
    .replace(/\s(?:width|height|style)="[^"]*"/g, '')
    .replace(/\bviewBox="[^"]*"/, `viewBox="${square}" width="16" height="16"`);
  return (tag + svg.slice(open[0].length)).replace(/currentColor/g, colour);
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}
