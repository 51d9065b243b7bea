// The text a post's citations are read from: its full post's file, else (a listing entry, or a file
// that cannot be read) the entry's excerpt. Shared by "Cited by" and the Library Graph.
import * as vscode from 'vscode';
import type { Post } from '../core/library/model';

export async function readPostText(post: Post): Promise<string> {
  const full = post.sources.find((s) => s.kind === 'post');
  if (!full) return post.summary;
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(full.file)));
  } catch {
    return post.summary;
  }
}
