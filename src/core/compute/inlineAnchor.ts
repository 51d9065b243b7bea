// Where the editor shows a result's one line. An `after` decoration does not wrap with its line: at the
// end of a long line (a post's one-line equation runs to 200 characters) it starts past the right edge
// of an editor split beside the results panel and is cut off, or never seen. So it goes at the end of
// the input's last line when that line is short, else on the first blank line below the input's
// paragraph (column 0: seen at any width), else back at the end of the input.

/** A line at most this long leaves room for the result after it in a half-width editor (≈ 100 columns). */
export const SHORT_LINE = 60;
/** How far below the input a blank line is looked for (one paragraph; posts keep them short). */
export const BLANK_LINE_SEARCH = 12;

/** The line (0-based) to decorate, given the document's lines through `lineAt` and the input's last line. */
export function inlineAnchorLine(lineAt: (line: number) => string, lineCount: number, endLine: number): number {
  const last = Math.min(endLine, lineCount - 1);
  if (lineAt(last).length <= SHORT_LINE) return last;
  for (let line = last + 1; line < lineCount && line <= last + BLANK_LINE_SEARCH; line++) {
    if (lineAt(line).trim() === '') return line;
  }
  return last;
}
