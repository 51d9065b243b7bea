// Which documents are posts or digests, and their analysis cached per version, so hover,
// navigation, symbols and diagnostics share one pass over the text.

import * as vscode from 'vscode';
import { analysePost, type PostAnalysis } from '../core/editor/postAnalysis';
import { isLibraryText } from '../core/library/parseFile';

export const DIGEST_LANGUAGE = 'kexue-digest';

/**
 * Where the providers are registered: Markdown, digests with their language, and .txt files not yet
 * recognised as digests. Each provider then answers only for post documents (isPostDocument).
 */
export const POST_SELECTOR: vscode.DocumentSelector = [
  { language: 'markdown' },
  { language: DIGEST_LANGUAGE },
  { language: 'plaintext', pattern: '**/*.txt' },
];

const recognised = new WeakMap<vscode.TextDocument, { version: number; isPost: boolean }>();

/**
 * Whether the library recognises the document as a post or a listing page (by its text, as the
 * indexer does, so an unsaved or not-yet-indexed post counts too). Any other Markdown file — a
 * README.md — gets VS Code's own features only. Cached per document version.
 */
export function isPostDocument(document: vscode.TextDocument): boolean {
  const candidate =
    document.languageId === 'markdown' || document.languageId === DIGEST_LANGUAGE || (document.languageId === 'plaintext' && document.uri.path.endsWith('.txt'));
  if (!candidate) return false;
  const known = recognised.get(document);
  if (known?.version === document.version) return known.isPost;
  const isPost = isLibraryText(document.getText());
  recognised.set(document, { version: document.version, isPost });
  return isPost;
}

/** What a document that is not a post analyses to: nothing to hover, outline, complete or fix. */
const NOT_A_POST: PostAnalysis = analysePost('');

/** A small set of analyses: the documents one is working in, not the whole workspace. */
const KEPT = 16;

export class PostAnalyses {
  private readonly byUri = new Map<string, { version: number; analysis: PostAnalysis }>();

  get(document: vscode.TextDocument): PostAnalysis {
    if (!isPostDocument(document)) return NOT_A_POST;
    const key = document.uri.toString();
    const known = this.byUri.get(key);
    if (known && known.version === document.version) return known.analysis;
    const analysis = analysePost(document.getText());
    this.byUri.delete(key);
    this.byUri.set(key, { version: document.version, analysis });
    if (this.byUri.size > KEPT) {
      const oldest = this.byUri.keys().next().value;
      if (oldest !== undefined) this.byUri.delete(oldest);
    }
    return analysis;
  }

  forget(document: vscode.TextDocument): void {
    this.byUri.delete(document.uri.toString());
  }
}

export function rangeOf(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}
