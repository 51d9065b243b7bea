// The notes commands that export a library's notes (Markdown, W3C Web Annotation JSON) and import
// W3C annotations — apart from the commands on one note or one selection (noteCommands.ts). Each
// accepts optional arguments so tests can call it without the prompts.
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { CommandIds } from '../commands/commandIds';
import type { Command } from '../commands/commandManager';
import { AnnotationFileError, annotationsFromW3c, groupBySeries, notesToMarkdown, notesToW3c, refreshSelectors, type Annotation, type ExportedPost } from '../core/annotations/index';
import type { NotesService, PostNotes } from './notesService';
import type { SeriesOfFile } from './notesTree';
import { reportErrors } from './reportErrors';

function exported(posts: readonly PostNotes[], text: (post: PostNotes) => string, relativeTo: string): ExportedPost[] {
  return posts.map((post) => {
    const body = text(post);
    return {
      title: post.identity.title ?? post.identity.key,
      url: post.identity.url,
      file: path.relative(relativeTo, post.uri.fsPath).split(path.sep).join('/'),
      text: body,
      entries: post.entries.map((e) => ({ annotation: refreshSelectors(body, [e.annotation], [e.anchor])[0], anchor: e.anchor })),
    };
  });
}

/** What an export covers: `'post'`, `'all'`, or `{ series }` (tests and scripted use); else asked. */
type ExportScope = 'post' | 'all' | { series: string };

function scopeOf(value: unknown): ExportScope | undefined {
  if (value === 'post' || value === 'all') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { series?: unknown }).series === 'string') return { series: (value as { series: string }).series };
  return undefined;
}

/** Which posts an export covers: the active post, every post with notes, or one series' in reading order. */
async function postsToExport(notes: NotesService, seriesOf: SeriesOfFile, scope: unknown): Promise<{ posts: PostNotes[]; heading?: string } | undefined> {
  const editor = vscode.window.activeTextEditor;
  const current = editor ? await notes.notesOf(editor.document) : undefined;
  const all = await notes.allNotes();
  const series = groupBySeries(all, (post) => seriesOf.placeOf(post.uri), (post) => post.identity.title ?? post.identity.key).filter(
    (group): group is { series: string; items: PostNotes[] } => group.series !== null,
  );
  let choice = scopeOf(scope);
  if (!choice) {
    const items: Array<vscode.QuickPickItem & { value: ExportScope }> = [
      ...(current ? [{ label: vscode.l10n.t('This post'), value: 'post' as const }] : []),
      { label: vscode.l10n.t('Every post with notes'), value: 'all' },
      ...series.map((group) => ({
        label: vscode.l10n.t('Series: {0}', group.series),
        description: group.items.length === 1 ? vscode.l10n.t('1 post with notes') : vscode.l10n.t('{0} posts with notes', group.items.length),
        value: { series: group.series },
      })),
    ];
    choice = (await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Export the notes of…') }))?.value;
  }
  if (choice === undefined) return undefined;
  if (choice === 'post') return current ? { posts: [current] } : undefined;
  if (choice === 'all') return { posts: all, heading: vscode.l10n.t('Notes') };
  const name = choice.series;
  const group = series.find((g) => g.series === name);
  return group ? { posts: group.items, heading: name } : undefined;
}

/** Markdown: one section per post, each note with its quote and a link back; `$…$` untouched. */
export class ExportNotesCommand implements Command {
  readonly id = CommandIds.exportNotes;
  constructor(
    private readonly notes: NotesService,
    private readonly seriesOf: SeriesOfFile,
  ) {}
  execute(scope?: unknown): unknown {
    return reportErrors(async () => {
      const chosen = await postsToExport(this.notes, this.seriesOf, scope);
      if (!chosen) return undefined;
      const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? path.dirname(chosen.posts[0]?.uri.fsPath ?? '.');
      // Each post's text is the one its notes were anchored in (PostNotes.text), not read again.
      const markdown = notesToMarkdown(exported(chosen.posts, (p) => p.text, root), chosen.heading);
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
      await vscode.window.showTextDocument(document, { preview: false });
      return markdown;
    });
  }
}

export class ExportNotesW3cCommand implements Command {
  readonly id = CommandIds.exportNotesW3c;
  constructor(
    private readonly notes: NotesService,
    private readonly seriesOf: SeriesOfFile,
  ) {}
  execute(scope?: unknown): unknown {
    return reportErrors(async () => {
      const chosen = await postsToExport(this.notes, this.seriesOf, scope ?? 'all');
      if (!chosen) return undefined;
      const json = notesToW3c(exported(chosen.posts, (p) => p.text, '.'));
      const document = await vscode.workspace.openTextDocument({ language: 'json', content: json });
      await vscode.window.showTextDocument(document, { preview: false });
      return json;
    });
  }
}

export class ImportNotesW3cCommand implements Command {
  readonly id = CommandIds.importNotesW3c;
  constructor(private readonly notes: NotesService) {}
  execute(file?: unknown): unknown {
    return reportErrors(async () => {
      const uri = file instanceof vscode.Uri ? file : (await vscode.window.showOpenDialog({ filters: { JSON: ['json', 'jsonld'] }, canSelectMany: false }))?.[0];
      if (!uri) return undefined;
      let annotations: Annotation[];
      try {
        annotations = annotationsFromW3c(await fs.readFile(uri.fsPath, 'utf8'));
      } catch (error) {
        const reason = error instanceof AnnotationFileError || error instanceof SyntaxError ? error.message : String(error);
        throw new Error(vscode.l10n.t('{0} is not W3C annotation JSON: {1}', uri.fsPath, reason));
      }
      // Each annotation goes to the post its target names (the blog address or urn:kexue:post:<key>).
      const posts = await this.allPosts();
      let imported = 0;
      let unmatched = 0;
      for (const [source, group] of groupBy(annotations, (a) => a.target.source)) {
        const post = posts.find((p) => p.identity.source === source || `urn:kexue:post:${p.identity.key}` === source);
        if (!post) {
          unmatched += group.length;
          continue;
        }
        imported += await this.notes.importInto(await vscode.workspace.openTextDocument(post.uri), group);
      }
      const notes = (count: number) => (count === 1 ? vscode.l10n.t('1 note') : vscode.l10n.t('{0} notes', count));
      void vscode.window.showInformationMessage(
        unmatched === 0
          ? vscode.l10n.t('Imported {0}.', notes(imported))
          : vscode.l10n.t('Imported {0}; {1} not imported: their post is not in this workspace.', notes(imported), notes(unmatched)),
      );
      return { imported, unmatched };
    });
  }

  /** Every post of the workspace (with or without notes), by identity. */
  private async allPosts(): Promise<PostNotes[]> {
    const uris = await vscode.workspace.findFiles('**/*.md', '**/{node_modules,.git,.vscode-test,dist,out}/**');
    const out: PostNotes[] = [];
    for (const uri of uris) {
      const post = await this.notes.notesOfText(uri, await fs.readFile(uri.fsPath, 'utf8'));
      if (post) out.push(post);
    }
    return out;
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
