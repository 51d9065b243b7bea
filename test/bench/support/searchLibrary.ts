// The libraries the search bench indexes, written at bench time into a temp folder (never into the
// project): the shared corpus — its full posts AND its digest listing pages, as a real library of the
// blog holds both — copied to the scale, and a smaller library of the same posts made distinct.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseFile } from '../../../src/core/library';

interface CorpusFile {
  name: string;
  text: string;
  /** Posts the library finds in the file (1 for a post, the entries of a listing page). */
  entries: number;
  /** Titles as written in the file, with the offset to search for them from (the entry's line); null: an entry without one. */
  titles: { title: string | null; from: number }[];
}

export interface WrittenLibrary {
  files: number;
  bytes: number;
  postFiles: number;
  digestFiles: number;
}

function readCorpus(corpus: string, folder: string): CorpusFile[] {
  const dir = path.join(corpus, folder);
  return readdirSync(dir)
    .filter((f) => /\.(md|txt)$/.test(f))
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name));
      const text = bytes.toString('utf8');
      const lineStarts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
      const parsed = parseFile(name, bytes);
      const titles = parsed.entries.map((entry) => ({ title: entry.title, from: lineStarts[entry.source.line - 1] ?? 0 }));
      return { name, text, entries: parsed.entries.length, titles };
    });
}

/** The file as copy `k`: each entry's title made its own (`… 副本k`), so each copy holds posts of its own. */
function retitled(file: CorpusFile, k: number): string {
  let text = file.text;
  // From the last title back, so earlier offsets stay valid.
  for (const { title, from } of [...file.titles].reverse()) {
    if (title === null) {
      // An entry without a title line (its date, then its summary) is merged with its copies by its
      // opening text, however marked: the copy gets a title line of its own after the date.
      const at = /\n\s*\n/g;
      at.lastIndex = from;
      const found = at.exec(text);
      if (found) text = `${text.slice(0, found.index + found[0].length)}无题 副本${k}\n\n${text.slice(found.index + found[0].length)}`;
      continue;
    }
    const at = text.indexOf(title, from);
    if (at >= 0) text = `${text.slice(0, at + title.length)} 副本${k}${text.slice(at + title.length)}`;
  }
  // A post's `# title #` heading too (its front matter title is the entry's title).
  return text.replace(/^# (.*?) #$/m, `# $1 副本${k} #`);
}

function average(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

/**
 * The corpus copied to ≈ `posts` posts in ≈ `bytes` bytes: whole post files and whole listing pages,
 * mixed in the proportion that gives both figures (a listing page holds ~8 short entries, a post is one
 * long one), every copy retitled. `transform` (the distinct library) rewrites each copy's text.
 */
export function writeCorpusCopies(
  corpus: string,
  dir: string,
  posts: number,
  bytes: number,
  transform: (text: string, k: number) => string = (text) => text,
): WrittenLibrary {
  const full = readCorpus(corpus, 'posts');
  const digests = readCorpus(corpus, 'digests');
  const postBytes = average(full.map((f) => Buffer.byteLength(f.text)));
  const digestBytes = average(digests.map((f) => Buffer.byteLength(f.text)));
  const perDigest = average(digests.map((f) => f.entries));
  // f full posts + g listing pages: f + perDigest·g = posts, postBytes·f + digestBytes·g = bytes.
  let g = digests.length > 0 ? (postBytes * posts - bytes) / (postBytes * perDigest - digestBytes) : 0;
  g = Math.max(0, Math.min(Math.round(g), Math.floor(posts / Math.max(1, perDigest))));
  const f = Math.max(0, Math.round(posts - perDigest * g));
  let written = 0;
  let files = 0;
  const write = (file: CorpusFile, k: number, ext: string) => {
    const text = transform(retitled(file, k), k);
    const sub = path.join(dir, String(files % 50));
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `copy${files}${ext}`), text);
    written += Buffer.byteLength(text);
    files++;
  };
  for (let k = 0; k < f; k++) write(full[k % full.length], k, '.md');
  // Listing pages are numbered on from the posts: copy k of a page and copy k of a post it lists would merge.
  for (let k = 0; k < g; k++) write(digests[k % digests.length], f + k, '.txt');
  return { files, bytes: written, postFiles: f, digestFiles: g };
}

/**
 * Copy `k` of a text made distinct, for a throughput figure on text that is not repeated: in every
 * prose line (not front matter, headings or display math) the sentences are rotated by k (lines
 * without inline math) and the line is marked with the copy's number, so no paragraph of one copy is a paragraph of another, while the
 * words (what the segmenter and the index work on) stay the blog's own.
 */
export function distinctCopy(text: string, k: number): string {
  let inFrontMatter = text.startsWith('---\n');
  let inMath = false;
  return text
    .split('\n')
    .map((line, n) => {
      if (inFrontMatter) {
        if (n > 0 && line === '---') inFrontMatter = false;
        return line;
      }
      if (/\\begin\{|\$\$/.test(line)) inMath = !/\\end\{|\$\$.*\$\$/.test(line);
      else if (inMath) {
        if (/\\end\{|\$\$/.test(line)) inMath = false;
        return line;
      }
      if (inMath || line.length < 20 || /^(#|\*\*|By |\d+ [A-Z][a-z]{2}$)/.test(line)) return line;
      // A line with inline math is only marked (rotating could pair its dollars differently).
      if (/[$\\]/.test(line)) return `（稿${k}）${line}`;
      const sentences = line.split(/(?<=[。，；！？])/);
      const r = k % sentences.length;
      return `（稿${k}）${sentences.slice(r).join('')}${sentences.slice(0, r).join('')}`;
    })
    .join('\n');
}
