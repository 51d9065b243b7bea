// The reader's annotations in the W3C Web Annotation data model (https://www.w3.org/TR/annotation-model/),
// as stored in `.kexue/annotations/<post>.json`. Pure data; no vscode, no DOM, no file system.
//
// A target names the post by its identity (never its path) and carries two selectors over the post's
// source text: a TextQuoteSelector (exact + ≈ 32 characters of context either side), which is what
// re-anchoring trusts, and a TextPositionSelector (UTF-16 offsets), which is only a hint of where to look.

export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export const MOTIVATIONS = ['highlighting', 'commenting', 'bookmarking', 'tagging', 'describing'] as const;
export type Motivation = (typeof MOTIVATIONS)[number];

/** Highlight colours the toolbar and the commands offer (any CSS-safe name is accepted from the CLI). */
export const COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export const DEFAULT_COLOR = 'yellow';

/** Characters of context stored on either side of the quote, as Hypothesis does. */
export const CONTEXT_LENGTH = 32;

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export type Selector = TextQuoteSelector | TextPositionSelector;

/** For a note on a display equation: its \label and the number the page shows, when it has them. */
export interface EquationRef {
  label: string | null;
  number: string | null;
}

export interface AnnotationTarget {
  /** The post's identity as a URI: its blog address, or `urn:kexue:post:<key>`. */
  source: string;
  selector: [TextQuoteSelector, TextPositionSelector];
  equation?: EquationRef;
}

/** A Markdown note (may hold `$…$` math) or a tag. */
export interface TextualBody {
  type: 'TextualBody';
  purpose: 'commenting' | 'tagging' | 'describing';
  value: string;
  format?: 'text/markdown';
}

export interface Annotation {
  '@context': typeof W3C_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: Motivation;
  created: string;
  modified: string;
  body: TextualBody[];
  target: AnnotationTarget;
  /** Highlight colour (a name from COLORS, or another simple CSS colour word). */
  color: string;
}

/** Everything we know that identifies a post, and the key its notes are filed under. */
export interface PostIdentity {
  key: string;
  /** The URI written as every annotation's target source. */
  source: string;
  url: string | null;
  slug: string | null;
  title: string | null;
  date: string | null;
}

/** One post's file: who the post is, and its annotations in the order they were made. */
export interface AnnotationFile {
  version: 1;
  post: Omit<PostIdentity, 'source'>;
  annotations: Annotation[];
}

export type AnchorStatus = 'anchored' | 'moved' | 'orphan';

/** Where an annotation is in the post's current text. */
export interface Anchor {
  status: AnchorStatus;
  /** UTF-16 offsets into the current text; for an orphan, the last known offsets (not in the text). */
  start: number;
  end: number;
  /** The text found there now; for an orphan, the stored quote. */
  exact: string;
}

export const quoteOf = (annotation: Annotation): TextQuoteSelector => annotation.target.selector[0];
export const positionOf = (annotation: Annotation): TextPositionSelector => annotation.target.selector[1];
export const noteOf = (annotation: Annotation): string =>
  annotation.body.filter((b) => b.purpose === 'commenting').map((b) => b.value).join('\n\n');
export const tagsOf = (annotation: Annotation): string[] => annotation.body.filter((b) => b.purpose === 'tagging').map((b) => b.value);
