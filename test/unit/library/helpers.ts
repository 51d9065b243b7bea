// Shared by the library tests: find the repository and the corpus, read a folder into ParsedFiles.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { parseFile } from '../../../src/core/library/index';
import type { Library, ParsedFile, Post } from '../../../src/core/library/index';

/** The repository root: the nearest folder above this (bundled) test that holds package.json. */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
}

/** Every .md and .txt file under `dir`, as paths relative to it with `/` separators, sorted. */
export function listTextFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(md|txt)$/.test(name)) out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export function parseFolder(dir: string): ParsedFile[] {
  return listTextFiles(dir).map((file) => parseFile(file, readFileSync(join(dir, file))));
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function postByTitle(library: Library, title: string): Post {
  const post = library.posts.find((p) => p.title === title);
  if (!post) throw new Error(`no post titled ${title}; have: ${library.posts.map((p) => p.title).join(' | ')}`);
  return post;
}

export function sourcesOf(post: Post): string[] {
  return post.sources.map((s) => `${s.file}:${s.line}`);
}

/** Invariants every library must satisfy, whatever the input. Throws with a reason when one fails. */
export function checkInvariants(library: Library): void {
  const ids = new Set<string>();
  for (const post of library.posts) {
    if (post.sources.length < 1) throw new Error(`post ${post.id} has no source`);
    if (ids.has(post.id)) throw new Error(`duplicate id ${post.id}`);
    ids.add(post.id);
    const kinds = post.sources.map((s) => s.kind === 'post');
    if (kinds.indexOf(false) >= 0 && kinds.lastIndexOf(true) > kinds.indexOf(false)) {
      throw new Error(`post ${post.id}: full posts must come first among sources`);
    }
  }
  const byId = new Map(library.posts.map((p) => [p.id, p]));
  let seriesPosts = 0;
  for (const series of library.series) {
    if (series.parts.length === 0) throw new Error(`series ${series.name} has no parts`);
    for (let i = 1; i < series.parts.length; i++) {
      const [a, b] = [series.parts[i - 1], series.parts[i]];
      if (a.part > b.part || (a.part === b.part && a.subPart > b.subPart)) {
        throw new Error(`series ${series.name}: parts out of order at ${i}`);
      }
    }
    for (const part of series.parts) {
      const inSeries = byId.get(part.postId)?.series?.toLowerCase() === series.name.toLowerCase();
      if (!inSeries) {
        throw new Error(`series ${series.name}: part ${part.postId} missing or in another series`);
      }
    }
    seriesPosts += series.parts.length;
  }
  const standalone = library.posts.filter((p) => p.part === null).length;
  if (seriesPosts + standalone !== library.posts.length) throw new Error('series parts + standalone ≠ posts');
  for (const post of library.posts) {
    if (post.year !== null && !Number.isInteger(post.year)) throw new Error(`post ${post.id}: bad year`);
    if (post.yearInferred && !post.yearEvidence) throw new Error(`post ${post.id}: inferred year without evidence`);
    if (post.titleInferred && !post.titleEvidence) throw new Error(`post ${post.id}: inferred title without evidence`);
  }
  const files = library.problems.map((p) => p.file);
  if (new Set(files).size !== files.length) throw new Error('more than one problem for a file');
}
