import * as vscode from 'vscode';
import type { PostInfo, PostInfoProvider } from '../editor/postInfo';
import type { LibraryIndex } from './libraryIndex';
import { PostLookup } from './postLookup';
import { displayTitle, formatDate } from './postPresentation';

/** Answers the editor's 《title》 hovers from the library as it is indexed right now. */
export class LibraryPostInfo implements PostInfoProvider {
  private lookup: PostLookup | undefined;

  constructor(private readonly index: LibraryIndex) {}

  findByTitle(title: string): PostInfo | undefined {
    const library = this.index.current();
    if (this.lookup?.library !== library) this.lookup = new PostLookup(library);
    const post = this.lookup.title(title);
    const source = post && (post.sources.find((s) => s.kind === 'post') ?? post.sources[0]);
    if (!post || !source) return undefined;
    return {
      title: displayTitle(post),
      date: formatDate(post),
      series: post.series ?? undefined,
      part: post.part === null ? undefined : String(post.part),
      summary: post.summary,
      uri: vscode.Uri.file(source.file),
      line: source.line - 1,
    };
  }
}
