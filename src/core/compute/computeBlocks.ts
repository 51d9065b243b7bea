// Finds ```kexue-compute fenced blocks in a Markdown text, for the CodeLens and the preview card.
import { COMPUTE_BLOCK_LANGUAGE } from './blockParams';

export interface ComputeBlockLocation {
  /** Line of the opening fence (0-based). */
  readonly startLine: number;
  /** Line of the closing fence, or the last line when the block is never closed. */
  readonly endLine: number;
  /** The text between the fences. */
  readonly source: string;
}

const OPENING = /^( {0,3})(`{3,}|~{3,})\s*([^\s`]*)/;

export function findComputeBlocks(text: string): ComputeBlockLocation[] {
  const lines = text.split(/\r?\n/);
  const blocks: ComputeBlockLocation[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPENING.exec(lines[i]);
    if (!open) continue;
    const fence = open[2];
    // CommonMark: the closing fence uses the same character, at least as long, with nothing after it.
    const closing = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !closing.test(lines[end])) end++;
    if (open[3] === COMPUTE_BLOCK_LANGUAGE) {
      blocks.push({ startLine: i, endLine: Math.min(end, lines.length - 1), source: lines.slice(i + 1, end).join('\n') });
    }
    i = end;
  }
  return blocks;
}
