// One file → its raw entries. The layout is recognised from the content, not the extension: a digest
// saved as .md or a post saved as .txt still reads. Never throws: every failure becomes `problem`.
import { localizable } from '../l10n/localizable';
import { decodeFile, DEFAULT_MAX_BYTES } from './decodeFile';
import type { ParsedFile } from './model';
import { parseDatedDigest } from './parseDatedDigest';
import { looksLikePost, parsePost } from './parsePost';
import { parseUndatedDigest } from './parseUndatedDigest';
import { splitLines } from './text';

export interface ParseOptions {
  /** Files larger than this are refused before decoding (default 8 MB). */
  maxBytes?: number;
  /** Given the decoded text, so that a caller that needs it too (the search index) need not read the file again. */
  onText?: (text: string) => void;
}

export const NO_LAYOUT_PROBLEM = localizable('matches no known layout (a post with front matter, or a digest with `D Mon` or `By … | YYYY-MM-DD |` entries)');

function parseText(file: string, text: string): ParsedFile {
  const lines = splitLines(text);
  if (looksLikePost(lines)) return parsePost(file, lines);
  const dated = parseDatedDigest(file, lines);
  if (dated.length) return { file, entries: dated };
  const undated = parseUndatedDigest(file, lines);
  if (undated.length) return { file, entries: undated };
  return { file, entries: [], problem: NO_LAYOUT_PROBLEM };
}

/**
 * Whether the library reads this text as a post or a listing page. The editor features (outline,
 * hovers, diagnostics, CodeLens) apply only to such files: a README.md beside the posts is not one.
 */
export function isLibraryText(text: string): boolean {
  return parseText('', text).entries.length > 0;
}

/** Decodes and parses one file of the library. */
export function parseFile(file: string, bytes: Uint8Array, opts: ParseOptions = {}): ParsedFile {
  try {
    const decoded = decodeFile(bytes, opts.maxBytes ?? DEFAULT_MAX_BYTES);
    if (!decoded.ok) return { file, entries: [], problem: decoded.problem };
    opts.onText?.(decoded.text);
    return parseText(file, decoded.text);
  } catch (error) {
    // The parsers are meant to be total; this is the last guard so one odd file cannot stop an index.
    return { file, entries: [], problem: localizable('could not be parsed: {0}', error instanceof Error ? error.message : String(error)) };
  }
}
