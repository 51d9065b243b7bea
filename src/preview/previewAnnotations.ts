// The preview's annotation layer, host side. Everything goes through the one NotesService the editor's
// comment threads, highlights and the Notes view use: a note made in the page shows there, and every
// change anywhere (NotesService.onDidChange) is sent to the page again.
//
// The page and the source are matched as core/annotations/previewText.ts describes: the page sends a
// selection as its blocks' source lines plus its text (formulas as one unit each); the host finds the
// source range and creates the annotation with createAnnotation (through NotesService.add), so the
// selectors are built as everywhere else. For drawing, each annotation goes to the page as its source
// lines and the quote in loose form with its context; the page finds it among its blocks.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COLORS, noteOf } from '../core/annotations/model';
import { noteHtml } from '../core/annotations/noteHtml';
import { postIdentity } from '../core/annotations/postIdentity';
import { pageQuoteOf, readableQuote, sourceRangeOfSelection } from '../core/annotations/previewText';
import { assertNever } from '../core/protocol/assertNever';
import type { AnnotationStrings, HostToWebview, PageSelection, PreviewAnnotation, WebviewToHost } from '../core/protocol/preview';
import { colourName } from '../notes/colourPick';
import { corruptNotesMessage, type NotesService } from '../notes/notesService';
import { previewLink } from '../core/annotations/previewLink';

export type AnnotationRequest = Extract<WebviewToHost, { type: 'annotate' | 'changeAnnotation' | 'deleteAnnotation' | 'copyAnnotationLink' }>;

/** What the layer needs of a preview panel. */
export interface AnnotatedPreview {
  readonly documentUri: vscode.Uri;
  readonly onDidRender: vscode.Event<unknown>;
  post(message: Extract<HostToWebview, { type: 'annotations' | 'annotationError' }>): void;
}

/** The notes the layer reads and writes: the NotesService's own methods. */
export type PreviewNotes = Pick<NotesService, 'notesOf' | 'add' | 'update' | 'remove' | 'onDidChange'>;

export function annotationStrings(): AnnotationStrings {
  return {
    highlight: vscode.l10n.t('Highlight'),
    addNote: vscode.l10n.t('Add Note'),
    editNote: vscode.l10n.t('Edit Note'),
    deleteNote: vscode.l10n.t('Delete'),
    copyLink: vscode.l10n.t('Copy Link to Here'),
    copyTex: vscode.l10n.t('Copy LaTeX'),
    save: vscode.l10n.t('Save'),
    cancel: vscode.l10n.t('Cancel'),
    notes: vscode.l10n.t('Notes'),
    notePlaceholder: vscode.l10n.t('A note (Markdown, $…$ for math)'),
    linkCopied: vscode.l10n.t('Link copied'),
    orphan: vscode.l10n.t('Its words are no longer in the post'),
    sectionNote: vscode.l10n.t('1 note in this section'),
    sectionNotes: vscode.l10n.t('{0} notes in this section'),
    colors: Object.fromEntries(COLORS.map((color) => [color, colourName(color)])),
  };
}

/** One line, at most `max` characters: how a quote shows in a copied link. */
function shortQuote(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export class PreviewAnnotations {
  /** Note HTML by macros + note text: KaTeX runs once per note, not once per redraw. */
  private readonly noteCache = new Map<string, string>();

  constructor(
    private readonly notes: PreviewNotes,
    private readonly macros: () => Record<string, string>,
    private readonly extensionId: string,
    private readonly log: (message: string) => void,
  ) {}

  /** Keeps one preview's page supplied with the post's annotations; disposed with the preview. */
  attach(preview: AnnotatedPreview): vscode.Disposable {
    const send = (): void => {
      this.send(preview).catch((error: unknown) => this.log(vscode.l10n.t('The notes of {0} could not be shown in the preview: {1}', preview.documentUri.fsPath, messageOf(error))));
    };
    return vscode.Disposable.from(
      preview.onDidRender(send),
      this.notes.onDidChange((uri) => {
        if (!uri || uri.toString() === preview.documentUri.toString()) send();
      }),
    );
  }

  /** The post's annotations, as the page draws them. */
  async annotationsOf(document: vscode.TextDocument): Promise<PreviewAnnotation[]> {
    return (await this.notesForPage(document)).annotations;
  }

  /** The post's annotations as the page draws them, and why none can be shown (an unreadable notes file). */
  private async notesForPage(document: vscode.TextDocument): Promise<{ annotations: PreviewAnnotation[]; problem?: string }> {
    const post = await this.notes.notesOf(document);
    if (!post) return { annotations: [] };
    if (post.corrupt) return { annotations: [], problem: corruptNotesMessage(post.corrupt) };
    const text = document.getText();
    const macros = this.macros();
    const macrosKey = JSON.stringify(macros);
    const annotations = post.entries.map(({ annotation, anchor }): PreviewAnnotation => {
      const note = noteOf(annotation);
      const place = anchor.status === 'orphan' ? { line: 0, endLine: 0, quote: '', prefix: '', suffix: '' } : pageQuoteOf(text, anchor.start, anchor.end);
      const number = annotation.target.equation?.number ?? undefined;
      return {
        id: annotation.id,
        color: annotation.color,
        status: anchor.status,
        ...place,
        exact: anchor.status === 'orphan' ? anchor.exact.replace(/\$+/g, '') : readableQuote(text, anchor.start, anchor.end),
        note,
        noteHtml: note === '' ? '' : this.noteHtml(note, macros, macrosKey),
        ...(number ? { equation: number } : {}),
      };
    });
    return { annotations };
  }

  private noteHtml(note: string, macros: Record<string, string>, macrosKey: string): string {
    const key = `${macrosKey}\u0000${note}`;
    let html = this.noteCache.get(key);
    if (html === undefined) {
      html = noteHtml(note, macros);
      if (this.noteCache.size > 2000) this.noteCache.clear();
      this.noteCache.set(key, html);
    }
    return html;
  }

  async send(preview: AnnotatedPreview): Promise<void> {
    const uri = preview.documentUri;
    const document = await vscode.workspace.openTextDocument(uri);
    const { annotations, problem } = await this.notesForPage(document);
    // The panel may show another post by now: its own render sends that post's notes.
    if (preview.documentUri.toString() !== uri.toString()) return;
    preview.post({ type: 'annotations', uri: uri.toString(), annotations, colors: [...COLORS], strings: annotationStrings(), ...(problem ? { problem } : {}) });
  }

  /** What the page asked of an annotation. A failure is said in the page and in a message, never lost. */
  async handle(preview: AnnotatedPreview, request: AnnotationRequest): Promise<void> {
    try {
      await this.serve(preview, request);
    } catch (error) {
      const message = messageOf(error);
      preview.post({ type: 'annotationError', message });
      void vscode.window.showErrorMessage(message);
    }
  }

  private async serve(preview: AnnotatedPreview, request: AnnotationRequest): Promise<void> {
    const document = await vscode.workspace.openTextDocument(preview.documentUri);
    switch (request.type) {
      case 'annotate': {
        const range = this.rangeOf(document, request.selection);
        const color = request.color && (COLORS as readonly string[]).includes(request.color) ? request.color : undefined;
        await this.notes.add(document, range, { ...(color ? { color } : {}), ...(request.note?.trim() ? { note: request.note } : {}) });
        return;
      }
      case 'changeAnnotation': {
        const color = request.color && (COLORS as readonly string[]).includes(request.color) ? request.color : undefined;
        if (!(await this.notes.update(document, request.id, { ...(color ? { color } : {}), ...(request.note !== undefined ? { note: request.note } : {}) }))) throw new Error(vscode.l10n.t('That note is no longer in this post.'));
        return;
      }
      case 'deleteAnnotation':
        if (!(await this.notes.remove(document, request.id))) throw new Error(vscode.l10n.t('That note is no longer in this post.'));
        return;
      case 'copyAnnotationLink': {
        const place = request.id ? await this.placeOfAnnotation(document, request.id) : request.selection ? this.placeOfSelection(document, request.selection) : undefined;
        if (!place) throw new Error(vscode.l10n.t('That note is no longer in this post.'));
        await vscode.env.clipboard.writeText(this.linkText(document, place));
        return;
      }
      default:
        assertNever(request, 'annotation request');
    }
  }

  /** `<post title> — “<quote>”` and, on the next line, the link that opens the preview there. */
  linkText(document: vscode.TextDocument, place: { start: number; exact: string }): string {
    const title = postIdentity(document.getText())?.title ?? path.basename(document.uri.fsPath);
    const link = previewLink(vscode.env.uriScheme, this.extensionId, document.uri.fsPath, document.positionAt(place.start).line);
    return `${title} — “${shortQuote(place.exact)}”\n${link}`;
  }

  private rangeOf(document: vscode.TextDocument, selection: PageSelection): vscode.Range {
    const found = sourceRangeOfSelection(document.getText(), selection);
    if (!found) throw new Error(vscode.l10n.t('The selected words were not found in the post’s source; select them in the editor instead.'));
    return new vscode.Range(document.positionAt(found.start), document.positionAt(found.end));
  }

  private placeOfSelection(document: vscode.TextDocument, selection: PageSelection): { start: number; exact: string } {
    const range = this.rangeOf(document, selection);
    return { start: document.offsetAt(range.start), exact: document.getText(range) };
  }

  private async placeOfAnnotation(document: vscode.TextDocument, id: string): Promise<{ start: number; exact: string } | undefined> {
    const entry = (await this.notes.notesOf(document))?.entries.find((e) => e.annotation.id === id);
    return entry && { start: entry.anchor.status === 'orphan' ? 0 : entry.anchor.start, exact: entry.anchor.exact };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
