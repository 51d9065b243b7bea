// Cuts a document into independently parseable blocks so an edit re-parses one block, not the post.
//
// A blank line ends a block unless something is still open across it: a code fence, `$$`, `\[`,
// a math environment, an HTML comment begun at a line's start, or a continuation indented under a
// list item. Parsing each block alone gives the same tokens as parsing the whole text, except where
// Markdown links blocks through reference definitions (`[x]: url`); such documents are kept whole.

export interface SourceBlock {
  /** 0-based line of the block's first line in the full text. */
  startLine: number;
  text: string;
}

const REFERENCE_DEFINITION = /^ {0,3}\[[^\]\n]+\]:\s*\S/m;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const COMMENT_START = /^ {0,3}<!--/;
const ENV_EDGE = /\\(begin|end)\s*\{([A-Za-z]+\*?)\}/g;

export function splitIntoBlocks(text: string): SourceBlock[] {
  if (REFERENCE_DEFINITION.test(text)) return [{ startLine: 0, text }];
  const lines = text.split('\n');
  const blocks: SourceBlock[] = [];
  let start = 0;
  let fence: string | undefined;
  // Open environments by name: the parser pairs \begin{X} only with \end{X}, so a stray \end{Y} closes
  // nothing (a count of all names split `\begin{align*}\end{equation}` + blank line + `\end{align*}`).
  const openEnvironments = new OpenEnvironments();
  let dollarsOpen = false;
  let bracketOpen = false;
  let commentOpen = false;
  // Blank lines after the last text stay with the last block: an unclosed fence inside a list item
  // runs to the end of the document and holds them (`- \`\`\`` then a blank line), which a fence
  // tracker that knows only top-level fences cannot see.
  let lastText = lines.length - 1;
  while (lastText >= 0 && lines[lastText].trim().length === 0) lastText--;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fenceMatch = FENCE.exec(line);
    if (fence !== undefined) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      continue;
    }
    if (commentOpen) {
      if (line.includes('-->')) commentOpen = false;
      continue;
    }
    if (COMMENT_START.test(line) && !line.slice(line.indexOf('<!--') + 4).includes('-->')) {
      commentOpen = true;
      continue;
    }
    if (line.trim().length === 0) {
      const mathOpen = openEnvironments.hasOpen() || dollarsOpen || bracketOpen;
      const next = lines[i + 1];
      const continues = next !== undefined && /^\s+\S/.test(next);
      if (!mathOpen && !continues && i >= start && i < lastText) {
        if (i > start) blocks.push({ startLine: start, text: lines.slice(start, i).join('\n') });
        start = i + 1;
      }
      continue;
    }
    // `\\[5pt]` is a row break with spacing, not `\[`: drop escaped backslashes before counting.
    const bare = line.includes('\\\\') ? line.replace(/\\\\/g, '  ') : line;
    if (countOccurrences(bare, '$$') % 2 === 1) dollarsOpen = !dollarsOpen;
    if (bare.includes('\\[') || bare.includes('\\]')) {
      const opens = countOccurrences(bare, '\\[');
      const closes = countOccurrences(bare, '\\]');
      bracketOpen = opens > closes || (bracketOpen && closes === 0);
    }
    if (line.includes('\\begin') || line.includes('\\end')) openEnvironments.read(line);
  }
  if (start < lines.length) blocks.push({ startLine: start, text: lines.slice(start).join('\n') });
  return blocks;
}

function countOccurrences(line: string, needle: string): number {
  let count = 0;
  for (let at = line.indexOf(needle); at >= 0; at = line.indexOf(needle, at + needle.length)) count++;
  return count;
}

class OpenEnvironments {
  private readonly open = new Map<string, number>();

  read(line: string): void {
    ENV_EDGE.lastIndex = 0;
    for (let m = ENV_EDGE.exec(line); m; m = ENV_EDGE.exec(line)) {
      const count = this.open.get(m[2]) ?? 0;
      if (m[1] === 'begin') this.open.set(m[2], count + 1);
      else if (count > 1) this.open.set(m[2], count - 1);
      else this.open.delete(m[2]);
    }
  }

  hasOpen(): boolean {
    return this.open.size > 0;
  }
}
