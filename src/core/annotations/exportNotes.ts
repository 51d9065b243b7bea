// Exports of the reader's notes: Markdown (one section per post, each note with its quote and a link
// back; `$…$` left exactly as written so any KaTeX/MathJax viewer renders it) and a W3C
// AnnotationCollection (the stored annotations, selectors brought up to date).
import { stableStringify } from './annotationFile';
import { W3C_CONTEXT, noteOf, tagsOf, type Anchor, type Annotation } from './model';

export interface ExportedPost {
  title: string;
  /** The blog's address, when known. */
  url: string | null;
  /** The post's file, relative to where the export is written (for a link back to our copy). */
  file: string;
  text: string;
  entries: { annotation: Annotation; anchor: Anchor }[];
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** A URL text fragment (https://wicg.github.io/scroll-to-text-fragment/) that finds the quote on the blog. */
function textFragment(quote: string): string {
  const oneLine = quote.replace(/\s+/g, ' ').trim();
  const words = oneLine.length > 60 ? `${encode(oneLine.slice(0, 30))},${encode(oneLine.slice(-30))}` : encode(oneLine);
  return `#:~:text=${words}`;
}

const encode = (s: string): string => encodeURIComponent(s).replace(/-/g, '%2D').replace(/,/g, '%2C');

const blockquote = (text: string): string =>
  text
    .replace(/\r/g, '')
    .split('\n')
    .map((line) => (line.trim() === '' ? '>' : `> ${line}`))
    .join('\n');

export function notesToMarkdown(posts: readonly ExportedPost[], heading?: string): string {
  const out: string[] = [];
  if (heading) out.push(`# ${heading}`, '');
  const level = heading ? '##' : '#';
  for (const post of posts) {
    const entries = [...post.entries].sort((a, b) => a.anchor.start - b.anchor.start);
    if (entries.length === 0) continue;
    out.push(`${level} ${post.title}`, '');
    if (post.url) out.push(`<${post.url}>`, '');
    for (const { annotation, anchor } of entries) {
      const line = lineOf(post.text, anchor.start);
      const links = [`[${post.file}:${line}](${encodeURI(post.file)}#L${line})`];
      if (post.url) links.push(`[原文](${post.url}${textFragment(anchor.exact)})`);
      const equation = annotation.target.equation;
      const where = equation?.number ? ` · (${equation.number})` : '';
      const state = anchor.status === 'orphan' ? ' · **orphan** (the quote is no longer in the post)' : '';
      out.push(blockquote(anchor.exact), '');
      const note = noteOf(annotation);
      if (note) out.push(note, '');
      const tags = tagsOf(annotation);
      out.push(`${tags.map((t) => `#${t.replace(/\s+/g, '-')}`).join(' ')}${tags.length ? ' · ' : ''}${annotation.color}${where}${state} · ${links.join(' · ')}`, '');
    }
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/** A W3C AnnotationCollection of every annotation given, in post order then document order. */
export function notesToW3c(posts: readonly ExportedPost[], label = 'Kexue Reader notes'): string {
  const items = posts.flatMap((post) => [...post.entries].sort((a, b) => a.anchor.start - b.anchor.start).map((e) => e.annotation));
  return stableStringify({
    '@context': W3C_CONTEXT,
    type: 'AnnotationCollection',
    label,
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  });
}
