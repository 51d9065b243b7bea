// What a hover on a 《title》 needs from the library. The library implements it; the editor only
// asks, so it never depends on how posts are indexed.

import type * as vscode from 'vscode';

export interface PostInfo {
  title: string;
  /** As the library knows it, e.g. `2022-09-28`; may be partial for undated digests. */
  date?: string;
  series?: string;
  /** Part within the series, e.g. `十二` or `2`. */
  part?: string;
  summary?: string;
  uri: vscode.Uri;
  /** 0-based line where the post (or its digest entry) starts in `uri`. */
  line: number;
}

export interface PostInfoProvider {
  /** The post a 《title》 names, or undefined when the library has none. */
  findByTitle(title: string): PostInfo | undefined;
}
