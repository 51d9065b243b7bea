// Which documents are posts or digests, and their analysis cached per version, so hover,
// navigation, symbols and diagnostics share one pass over the text.

import * as vscode from 'vscode';
import { isDigestText } from '../core/editor/digestText';
import { analysePost, type PostAnalysis } from '../core/editor/postAnalysis';

export const DIGEST_LANGUAGE = 'kexue-digest';

/** Markdown posts, digests with their language, and .txt files not yet recognised as digests. */
export const POST_SELECTOR: vscode.DocumentSelector = [
  { language: 'markdown' },
  { language: DIGEST_LANGUAGE },
  { language: 'plaintext', pattern: '**/*.txt' },
];

export function isPostDocument(document: vscode.TextDocument): boolean {
  if (document.languageId === 'markdown' || document.languageId === DIGEST_LANGUAGE) return true;
  return document.languageId === 'plaintext' && document.uri.path.endsWith('.txt') && isDigestText(document.getText());
}

/** A small set of analyses: the documents one is working in, not the whole workspace. */
const KEPT = 16;

export class PostAnalyses {
  private readonly byUri = new Map<string, { version: number; analysis: PostAnalysis }>();

  get(document: vscode.TextDocument): PostAnalysis {
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
