// Where a long post's HTML is cut into the parts the page takes one at a time. No vscode: unit-tested.

/** About how much HTML one part holds: a task of some tens of ms for the page to parse. */
export const PART_CHARS = 256 * 1024;

/**
 * Offsets to cut `html` at, at block ends (so each part is whole elements), parts of about
 * `partChars`; none when the render has no block ends (a digest) or is short.
 */
export function cutsAt(blockEnds: readonly number[] | undefined, partChars = PART_CHARS): number[] {
  const cuts: number[] = [];
  if (!blockEnds) return cuts;
  let start = 0;
  for (const end of blockEnds.slice(0, -1)) {
    if (end - start < partChars) continue;
    cuts.push(end);
    start = end;
  }
  return cuts;
}
