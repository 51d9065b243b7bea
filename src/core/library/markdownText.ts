// Turns the Markdown of a post body into the plain paragraphs a summary is made of. The posts come from
// html2text, so besides prose they hold headings ending in ` #`, bare display math, html blocks and
// quoted notes; none of those is "a real paragraph".

/** Inline Markdown → plain text: links keep their text, images vanish, emphasis markers go. */
export function plainInline(line: string): string {
  return line
    .replace(/!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)/g, '')
    .replace(/\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)/g, '$1')
    .replace(/<(https?:\/\/[^>\s]{1,2000})>/g, '$1')
    .replace(/\*\*|__/g, '')
    .trim();
}

function isDisplayMathStart(line: string): boolean {
  return /^\\begin\{|^\$\$|^\\\[/.test(line);
}

function isNonProse(line: string): boolean {
  return (
    /^#{1,6}\s/.test(line) || // heading
    /^(?:-{3,}|\*{3,}|_{3,})$/.test(line) || // rule
    line.startsWith('>') || // quoted note
    line.startsWith('<') || // html block
    line.startsWith('|') || // table
    /^\*\*(?:原文链接|发布日期)\*\*/.test(line)
  );
}

/**
 * The prose paragraphs at the start of a body, in order, stopping at the first heading that follows
 * some prose (what comes after it is a section, not the opening). Display math ends a paragraph.
 */
export function openingParagraphs(lines: readonly string[], maxParagraphs = 4): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  let inMath = false;
  const flush = (): void => {
    if (current.length) paragraphs.push(current.join(''));
    current = [];
  };
  for (const raw of lines) {
    if (paragraphs.length >= maxParagraphs) break;
    const line = raw.trim();
    if (inMath) {
      if (/^\\end\{|\\end\{[^}]{0,40}\}\s*$|\$\$\s*$|\\\]\s*$/.test(line)) inMath = false;
      continue;
    }
    if (line === '') {
      flush();
      continue;
    }
    if (isDisplayMathStart(line)) {
      flush();
      inMath = !/\\end\{[^}]{0,40}\}\s*$|.\$\$\s*$|.\\\]\s*$/.test(line);
      continue;
    }
    if (isNonProse(line)) {
      flush();
      if (/^#{1,6}\s/.test(line) && paragraphs.length > 0) break;
      continue;
    }
    const text = plainInline(line);
    if (text) current.push(text);
  }
  flush();
  return paragraphs.slice(0, maxParagraphs);
}
