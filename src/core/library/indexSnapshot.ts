// The parsed files of a workspace as the last session left them, so that the Series view can show
// the library the moment the extension starts, before file search and the reads of every post have
// answered (0.3–1.6 s on a fresh window, while VS Code's other extensions start), and so that the
// first indexing re-reads only the files whose size or modification time changed since.
// Pure data in, text out: no file system here (src/library/libraryIndexCache.ts keeps the file).
import { isLocalizable } from '../l10n/localizable';
import type { ParsedFile, PostSource, RawEntry } from './model';

/** What a file was when it was parsed: the same size and modification time mean the same parse. */
export interface FileStamp {
  mtime: number;
  size: number;
}

export interface SnapshotFile {
  /** The file's URI as text (the index's key). */
  uri: string;
  stamp: FileStamp;
  parsed: ParsedFile;
}

const FORMAT = 1;

/**
 * `build` names the parser that made the entries (the extension's build and the settings that shape a
 * parse): a snapshot from another build is not used, since the same file may now parse differently.
 */
export function serialiseSnapshot(build: string, files: readonly SnapshotFile[]): string {
  return JSON.stringify({ format: FORMAT, build, files });
}

/**
 * The files of a snapshot written by `serialiseSnapshot` for the same `build`, or undefined for
 * anything else — another build, another format, a truncated or edited file: the disk may hold
 * anything, so every field is checked before an entry reaches the library.
 */
export function parseSnapshot(text: string, build: string): SnapshotFile[] | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(data) || data.format !== FORMAT || data.build !== build || !Array.isArray(data.files)) return undefined;
  const files: SnapshotFile[] = [];
  for (const file of data.files as unknown[]) {
    if (!isSnapshotFile(file)) return undefined;
    files.push(file);
  }
  return files;
}

function isSnapshotFile(value: unknown): value is SnapshotFile {
  if (!isRecord(value) || typeof value.uri !== 'string') return false;
  const { stamp, parsed } = value;
  if (!isRecord(stamp) || !isFiniteNumber(stamp.mtime) || !isFiniteNumber(stamp.size)) return false;
  if (!isRecord(parsed) || typeof parsed.file !== 'string' || !Array.isArray(parsed.entries)) return false;
  if (parsed.problem !== undefined && !isLocalizable(parsed.problem)) return false;
  return (parsed.entries as unknown[]).every(isRawEntry);
}

function isRawEntry(value: unknown): value is RawEntry {
  if (!isRecord(value) || !isSource(value.source)) return false;
  return (
    isStringOrNull(value.title) &&
    isIntegerOrNull(value.year) &&
    isIntegerOrNull(value.month) &&
    isIntegerOrNull(value.day) &&
    typeof value.summary === 'string' &&
    typeof value.excerptOnly === 'boolean' &&
    Array.isArray(value.tags) &&
    (value.tags as unknown[]).every((tag) => typeof tag === 'string') &&
    isStringOrNull(value.url) &&
    typeof value.opening === 'string'
  );
}

const SOURCE_KINDS: readonly PostSource['kind'][] = ['post', 'digest-dated', 'digest-undated'];

function isSource(value: unknown): value is PostSource {
  return (
    isRecord(value) &&
    typeof value.file === 'string' &&
    Number.isInteger(value.line) &&
    SOURCE_KINDS.includes(value.kind as PostSource['kind'])
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isStringOrNull(value: unknown): boolean {
  return value === null || typeof value === 'string';
}

function isIntegerOrNull(value: unknown): boolean {
  return value === null || Number.isInteger(value);
}
