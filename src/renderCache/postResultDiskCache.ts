// Whole rendered posts on disk, one file per post (so opening one post reads one file): a second
// `kexue render` of unchanged posts runs no Markdown, numbering or math at all. Keys hold the engine
// versions, the post's text and every option that changes the result (the engine builds them); file
// names are their hashes. Past `maxFiles` the least recently written go. Anything unreadable is a
// miss, never an error.

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FormulaStore } from '../core/render/katexCache';

export class PostResultDiskCache implements FormulaStore {
  private written = 0;

  constructor(
    readonly dir: string,
    private readonly maxFiles = 400,
  ) {}

  get(key: string): string | undefined {
    try {
      const text = readFileSync(this.fileOf(key), 'utf8');
      // The key is stored on the first line: a hash collision or a stray file is a miss.
      const newline = text.indexOf('\n');
      return newline >= 0 && text.slice(0, newline) === JSON.stringify(key).slice(0, 4096) ? text.slice(newline + 1) : undefined;
    } catch {
      return undefined;
    }
  }

  set(key: string, value: string): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      const file = this.fileOf(key);
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, `${JSON.stringify(key).slice(0, 4096)}\n${value}`);
      renameSync(temp, file);
      if (++this.written % 50 === 1) this.evict();
    } catch {
      // Read-only or full disk: the post is rendered again next time.
    }
  }

  private evict(): void {
    const files = readdirSync(this.dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => ({ name, mtime: statSync(path.join(this.dir, name)).mtimeMs }));
    if (files.length <= this.maxFiles) return;
    files.sort((a, b) => a.mtime - b.mtime);
    for (const { name } of files.slice(0, files.length - this.maxFiles)) rmSync(path.join(this.dir, name), { force: true });
  }

  private fileOf(key: string): string {
    return path.join(this.dir, `${createHash('sha1').update(key).digest('hex')}.json`);
  }
}
