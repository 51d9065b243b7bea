// `kexue notes add|list|export`: the reader's annotations from the command line (tests and power users).
// The JSON shapes are a fixed contract (README, "CLI"). `file` is the post's path as it is named from the
// current directory (the argument, or the folder argument joined with the file's place in it).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  AnnotationStore,
  anchorAnnotations,
  createAnnotation,
  findOccurrence,
  countOccurrences,
  noteOf,
  notesToMarkdown,
  notesToW3c,
  postIdentity,
  refreshSelectors,
  stableStringify,
  tagsOf,
  type AnchoredAnnotation,
  type CorruptFile,
  type ExportedPost,
  type PostIdentity,
} from '../core/annotations/index';
import { AnnotationFilesOnDisk, findLibraryRoot } from '../notes/annotationFilesOnDisk';
import { bodyOffset } from '../core/text/frontMatter';
import { type CliIo, HelpRequested, numberOption, parseCli, processIo, reportFailure, reportUsageError, UsageError, wantsJson } from './cliArgs';
import { listPostFiles } from './postFiles';
import { writeFileAtomic } from '../fileSystem/atomicWrite';

const USAGE = `usage:
  kexue notes add <post> --quote "<text of the post's source>" [--occurrence N] [--note "…"] [--color C] [--tag T]... [--json]
  kexue notes list <post|dir> [--json]
  kexue notes export <post|dir> [--format md|w3c] [--out FILE [--force]]`;

const COLOR_WORD = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,20})$/;

interface PostNotes {
  file: string;
  text: string;
  identity: PostIdentity;
  entries: AnchoredAnnotation[];
  corrupt?: CorruptFile;
}

async function readPost(file: string, store: AnnotationStore): Promise<PostNotes | { file: string; skipped: string }> {
  const text = await fs.readFile(file, 'utf8');
  const identity = postIdentity(text);
  if (!identity) return { file, skipped: 'no source address, slug or title to identify the post by' };
  const loaded = await store.load(identity);
  return { file, text, identity, entries: anchorAnnotations(text, loaded.annotations), ...(loaded.corrupt ? { corrupt: loaded.corrupt } : {}) };
}

/**
 * The notes of a post live in the nearest `.kexue/` above it — where `notes add` put them — so a
 * folder listed whole may hold posts of several such roots (a note added to `lib/a/post.md` before
 * `lib/.kexue` existed is in `lib/a/.kexue`). One store per root.
 */
const rootOfFolder = new Map<string, Promise<string>>();
const storeOfRoot = new Map<string, AnnotationStore>();
async function storeFor(post: string): Promise<AnnotationStore> {
  const folder = path.dirname(path.resolve(post));
  let root = rootOfFolder.get(folder);
  if (!root) rootOfFolder.set(folder, (root = findLibraryRoot(folder)));
  const dir = await root;
  let store = storeOfRoot.get(dir);
  if (!store) storeOfRoot.set(dir, (store = new AnnotationStore(new AnnotationFilesOnDisk(), dir)));
  return store;
}

/** The posts named by `target` (one file, or every post under a folder), each with its notes. */
async function readTarget(target: string): Promise<{ posts: PostNotes[]; single: boolean }> {
  const stat = await fs.stat(target);
  if (stat.isFile()) {
    const post = await readPost(target, await storeFor(target));
    if ('skipped' in post) throw new Error(`${target}: ${post.skipped}`);
    return { posts: [post], single: true };
  }
  const posts: PostNotes[] = [];
  const seen = new Map<string, string>();
  const { files, problems } = await listPostFiles(target);
  for (const problem of problems) process.stderr.write(`kexue notes: skipped ${problem.file}: ${problem.message}\n`);
  for (const full of files) {
    const file = path.join(target, path.relative(target, full));
    const post = await readPost(file, await storeFor(file));
    if ('skipped' in post) continue;
    const earlier = seen.get(post.identity.key);
    if (earlier !== undefined) {
      if (post.entries.length > 0) process.stderr.write(`kexue notes: ${post.file} is the same post as ${earlier}; its notes are listed once, with ${earlier}\n`);
      continue;
    }
    seen.set(post.identity.key, post.file);
    posts.push(post);
  }
  return { posts, single: false };
}

function reportCorrupt(posts: readonly PostNotes[]): CorruptFile[] {
  const corrupt = posts.flatMap((p) => (p.corrupt ? [p.corrupt] : []));
  for (const c of corrupt) process.stderr.write(`kexue notes: ${c.file} is not a valid annotation file (${c.message}); left untouched\n`);
  return corrupt;
}

async function add(args: string[]): Promise<number> {
  const { values, positionals } = parseCli(
    args,
    {
      quote: { type: 'string' },
      occurrence: { type: 'string' },
      note: { type: 'string' },
      color: { type: 'string' },
      tag: { type: 'string', multiple: true },
      json: { type: 'boolean' },
    },
    { positionals: 1 },
  );
  if (positionals.length !== 1) throw new UsageError('notes add takes one post file');
  if (values.quote === undefined || values.quote === '') throw new UsageError('notes add needs --quote "<text of the post>"');
  const occurrence = numberOption('occurrence', values.occurrence, { integer: true, min: 1 }) ?? 1;
  if (values.color !== undefined && !COLOR_WORD.test(values.color)) throw new UsageError(`--color must be a colour name or #hex, not ${JSON.stringify(values.color)}`);
  const file = positionals[0];
  if (!(await fs.stat(file)).isFile()) throw new UsageError(`${file} is not a file`);
  const store = new AnnotationStore(new AnnotationFilesOnDisk(), await findLibraryRoot(file));
  const text = await fs.readFile(file, 'utf8');
  const identity = postIdentity(text);
  if (!identity) throw new Error(`${file}: no source address, slug or title to identify the post by`);
  const body = bodyOffset(text);
  const range = findOccurrence(text, values.quote, occurrence, body);
  if ('error' in range) throw new Error(`${file}: ${range.error}`);
  const annotation = createAnnotation({ identity, text, ...range, note: values.note, color: values.color, tags: values.tag, now: new Date().toISOString() });
  // The same write brings every moved note's selectors up to date.
  await store.add(identity, annotation, (current) => refreshSelectors(text, current, anchorAnnotations(text, current).map((e) => e.anchor)));
  // A quote that occurs more than once took its first occurrence unless told otherwise: say so.
  const occurrences = countOccurrences(text, values.quote, body);
  const which = occurrences > 1 ? ` (occurrence ${occurrence} of ${occurrences}${values.occurrence === undefined ? '; --occurrence N picks another' : ''})` : '';
  process.stdout.write(values.json ? stableStringify(annotation) : `added ${annotation.id} at ${range.start}–${range.end} of ${file}${which}\n`);
  return 0;
}

function listEntry(post: PostNotes, { annotation, anchor }: AnchoredAnnotation): object {
  return {
    id: annotation.id,
    post: post.identity.key,
    file: post.file,
    status: anchor.status,
    start: anchor.start,
    end: anchor.end,
    exact: anchor.exact,
    note: noteOf(annotation),
    color: annotation.color,
    tags: tagsOf(annotation),
  };
}

async function list(args: string[]): Promise<number> {
  const { values, positionals } = parseCli(args, { json: { type: 'boolean' } }, { positionals: 1 });
  if (positionals.length !== 1) throw new UsageError('notes list takes one post file or folder');
  const { posts, single } = await readTarget(positionals[0]);
  const corrupt = reportCorrupt(posts);
  const ordered = posts.map((post) => ({ post, entries: [...post.entries].sort((a, b) => a.anchor.start - b.anchor.start) }));
  if (values.json) {
    const annotations = ordered.flatMap(({ post, entries }) => entries.map((e) => listEntry(post, e)));
    process.stdout.write(`${JSON.stringify({ annotations, ...(corrupt.length ? { problems: corrupt } : {}) }, null, 2)}\n`);
  } else {
    const lines: string[] = [];
    for (const { post, entries } of ordered) {
      if (entries.length === 0) continue;
      lines.push(`${post.file}  (${post.identity.title ?? post.identity.key})`);
      for (const { annotation, anchor } of entries) {
        const quote = anchor.exact.replace(/\s+/g, ' ');
        lines.push(`  ${anchor.status.padEnd(8)} ${String(anchor.start).padStart(6)}  “${quote.length > 50 ? `${quote.slice(0, 50)}…` : quote}”  ${noteOf(annotation).replace(/\s+/g, ' ').slice(0, 60)}`);
      }
    }
    process.stdout.write(lines.length ? `${lines.join('\n')}\n` : 'no notes\n');
  }
  return single && corrupt.length > 0 ? 1 : 0;
}

async function exportNotes(args: string[]): Promise<number> {
  const { values, positionals } = parseCli(args, { format: { type: 'string', default: 'md' }, out: { type: 'string' }, force: { type: 'boolean' } }, { positionals: 1 });
  if (positionals.length !== 1) throw new UsageError('notes export takes one post file or folder');
  if (values.force && !values.out) throw new UsageError('--force goes with --out FILE');
  if (values.format !== 'md' && values.format !== 'w3c') throw new UsageError(`--format is md or w3c, not ${JSON.stringify(values.format)}`);
  const target = positionals[0];
  const { posts, single } = await readTarget(target);
  if (values.out) await refuseToOverwrite(values.out, posts, values.force === true);
  const corrupt = reportCorrupt(posts);
  const outDir = path.resolve(values.out ? path.dirname(values.out) : '.');
  const exported: ExportedPost[] = posts.map((post) => ({
    title: post.identity.title ?? post.identity.key,
    url: post.identity.url,
    file: path.relative(outDir, path.resolve(post.file)).split(path.sep).join('/'),
    text: post.text,
    entries: post.entries.map((e) => ({ annotation: refreshSelectors(post.text, [e.annotation], [e.anchor])[0], anchor: e.anchor })),
  }));
  const heading = single ? undefined : `Notes: ${path.basename(path.resolve(target))}`;
  const output = values.format === 'w3c' ? notesToW3c(exported) : notesToMarkdown(exported, heading);
  if (values.out) await writeFileAtomic(values.out, output);
  else process.stdout.write(output);
  return single && corrupt.length > 0 ? 1 : 0;
}

/**
 * An export never replaces a post (`--out post.md` once wrote the notes over the post itself), nor
 * any other file unless --force says so: a Markdown export and a post look alike.
 */
async function refuseToOverwrite(out: string, posts: readonly PostNotes[], force: boolean): Promise<void> {
  const stat = await fs.stat(out).catch(() => undefined);
  if (!stat) return;
  if (stat.isDirectory()) throw new UsageError(`--out ${out} is a folder`);
  const target = path.resolve(out);
  if (posts.some((post) => path.resolve(post.file) === target)) throw new UsageError(`--out ${out} is a post being exported: refusing to replace it with its notes`);
  if (!force) throw new UsageError(`--out ${out} exists: refusing to overwrite it without --force`);
}

export async function notesCommand(args: string[], io: CliIo = processIo): Promise<number> {
  const [sub, ...rest] = args;
  const json = wantsJson(rest);
  try {
    switch (sub) {
      case 'add':
        return await add(rest);
      case 'list':
        return await list(rest);
      case 'export':
        return await exportNotes(rest);
      case '--help':
      case '-h':
        throw new HelpRequested();
      default:
        throw new UsageError(sub ? `unknown notes subcommand ${JSON.stringify(sub)}` : 'notes needs a subcommand: add, list or export');
    }
  } catch (error) {
    if (error instanceof UsageError) return reportUsageError('kexue notes', error, { json, usage: USAGE }, io);
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? `no such file or folder: ${(error as NodeJS.ErrnoException).path ?? ''}` : (error as Error).message;
    reportFailure('kexue notes', message, { json }, io);
    return 1;
  }
}
