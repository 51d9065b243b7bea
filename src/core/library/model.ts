// The one model of the post library that every consumer (tree, CLI, preview, hovers) reads.
// Pure data: built by `buildLibrary` from parsed files, never mutated afterwards.
import type { Localizable } from '../l10n/localizable';

/** Where a post was found: the file and the 1-based line its entry starts on. */
export interface PostSource {
  file: string;
  line: number;
  /** Which layout the entry came from. */
  kind: 'post' | 'digest-dated' | 'digest-undated';
}

/** Why a title or year was inferred, shown to the user as evidence (tooltip, JSON). */
export interface Inference {
  /** A short sentence in the source language of the evidence, e.g. the quoted citation. */
  evidence: string;
}

export interface Post {
  /** Stable id: derived from the normalised title, or from date + opening text when there is no title. */
  id: string;
  /** null when the entry has no title line and none could be inferred. */
  title: string | null;
  titleInferred: boolean;
  titleEvidence?: Inference;
  /** null when unknown (never guessed). */
  year: number | null;
  yearInferred: boolean;
  yearEvidence?: Inference;
  month: number | null;
  day: number | null;
  /** Series name (normalised, half-width punctuation) and part number; null for standalone posts. */
  series: string | null;
  part: number | null;
  /** 0 for no suffix, 1/2/3 for (上)/(中)/(下): orders posts within one part. */
  subPart: number;
  /** First paragraph(s) of the text, plain, at most ~300 characters. */
  summary: string;
  /** True when only an excerpt (digest entry) is known, not the full text. */
  excerptOnly: boolean;
  /** Every place the post appears, full posts first. */
  sources: PostSource[];
  tags: string[];
  /** The blog's own address, when a full post names it. */
  url: string | null;
}

export interface SeriesPart {
  part: number;
  subPart: number;
  postId: string;
}

export interface Series {
  name: string;
  /** Reading order: by part, then (上)/(中)/(下). */
  parts: SeriesPart[];
  /** Smallest and largest known year among the parts, null when none is known. */
  firstYear: number | null;
  lastYear: number | null;
}

/** A file that could not be read as posts, or a post read despite a flaw; reported once in the output channel, never thrown. */
export interface FileProblem {
  file: string;
  /** What is wrong, as words: in the reader's language in the extension, in English (englishText) in the CLI. */
  words: Localizable;
  /** No post was read from the file; false for a post that is listed all the same (a date it could not read). */
  skipped: boolean;
}

export interface Library {
  /** Series posts in reading order first, then standalone posts by date (unknown last). */
  posts: Post[];
  series: Series[];
  problems: FileProblem[];
}

/** One entry as a parser saw it in one file, before duplicates are merged. */
export interface RawEntry {
  source: PostSource;
  title: string | null;
  year: number | null;
  month: number | null;
  day: number | null;
  summary: string;
  excerptOnly: boolean;
  tags: string[];
  url: string | null;
  /** The start of the body text, used to match an untitled digest entry with its full post. */
  opening: string;
}

/** Result of parsing one file: its entries, or why it holds none. */
export interface ParsedFile {
  file: string;
  entries: RawEntry[];
  problem?: Localizable;
}
