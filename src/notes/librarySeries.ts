// The library's answer to "which series is this post file in, and where": the Notes view groups
// posts by it. A post file is matched by its full-post source (a listing page holds many posts).
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { SeriesPlace } from '../core/annotations/index';
import type { Library } from '../core/library/model';
import type { SeriesOfFile } from './notesTree';

export class LibrarySeries implements SeriesOfFile {
  constructor(private readonly library: () => Library) {}

  placeOf(uri: vscode.Uri): SeriesPlace | undefined {
    const library = this.library();
    const file = path.normalize(uri.fsPath);
    const post = library.posts.find((p) => p.sources.some((s) => s.kind === 'post' && path.normalize(s.file) === file));
    if (!post?.series) return undefined;
    const series = library.series.find((s) => s.name === post.series);
    const index = series?.parts.findIndex((part) => part.postId === post.id) ?? -1;
    return { series: post.series, index: index < 0 ? Number.MAX_SAFE_INTEGER : index };
  }
}
