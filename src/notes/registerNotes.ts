// Wires the notes feature: the service, comment threads, highlights, the Notes view and its commands.
import * as vscode from 'vscode';
import { CommandIds } from '../commands/commandIds';
import type { CommandManager } from '../commands/commandManager';
import { NoteComments } from './noteComments';
import {
  AddNoteCommand,
  ClearNotesFilterCommand,
  CommentActionCommand,
  CreateNoteFromReplyCommand,
  DeleteNoteCommand,
  EditNoteCommand,
  EditTagsCommand,
  FilterNotesCommand,
  HighlightSelectionCommand,
  NextNoteCommand,
  OpenSourceAtNoteCommand,
  PreviousNoteCommand,
  ReattachNoteCommand,
  RecolorNoteCommand,
  RevealNoteCommand,
  type OpenPreviewAt,
} from './noteCommands';
import { ExportNotesCommand, ExportNotesW3cCommand, ImportNotesW3cCommand } from './noteExportCommands';
import { NoteHighlights } from './noteHighlights';
import { NotesFilesWatch } from './notesFilesWatch';
import { NotesService } from './notesService';
import { NotesTreeProvider, type SeriesOfFile } from './notesTree';
import type { FormulaImage } from './formulaMarkdown';

export interface NotesFeature extends vscode.Disposable {
  service: NotesService;
  /** The notes files on disk changing (for search, which reads them too). */
  files: NotesFilesWatch;
  comments: NoteComments;
  highlights: NoteHighlights;
  tree: NotesTreeProvider;
}

/** What the notes feature needs from the rest of the extension (given by the composition root). */
export interface NotesDeps {
  /** Which series a post file belongs to, for the Notes view's top level. */
  seriesOf: SeriesOfFile;
  /** The library changed (a post's series may have). */
  libraryChanged: vscode.Event<unknown>;
  /** Opens the post's preview with a source line at the top (a click on a note). */
  openPreviewAt: OpenPreviewAt;
  /** Draws a formula for a note's tooltip in the Notes view. */
  formulaImage?: FormulaImage;
}

export function registerNotes(commands: CommandManager, deps: NotesDeps): NotesFeature {
  const service = new NotesService();
  const comments = new NoteComments(service, deps.formulaImage);
  const highlights = new NoteHighlights(service);
  const tree = new NotesTreeProvider(service, deps.seriesOf, deps.libraryChanged, deps.formulaImage);
  const view = vscode.window.createTreeView('kexueReader.notes', { treeDataProvider: tree });
  // A notes file changed on disk (git checkout, another window, the CLI): redraw from the files.
  const files = new NotesFilesWatch();

  commands.register(new AddNoteCommand(service));
  commands.register(new HighlightSelectionCommand(service));
  commands.register(new NextNoteCommand(service));
  commands.register(new PreviousNoteCommand(service));
  commands.register(new ExportNotesCommand(service, deps.seriesOf));
  commands.register(new ExportNotesW3cCommand(service, deps.seriesOf));
  commands.register(new ImportNotesW3cCommand(service));
  commands.register(new RevealNoteCommand(deps.openPreviewAt));
  commands.register(new OpenSourceAtNoteCommand());
  commands.register(new EditNoteCommand(service));
  commands.register(new RecolorNoteCommand(service));
  commands.register(new EditTagsCommand(service));
  commands.register(new DeleteNoteCommand(service));
  commands.register(new ReattachNoteCommand(service));
  commands.register(new FilterNotesCommand(tree));
  commands.register(new ClearNotesFilterCommand(tree));
  commands.register(new CreateNoteFromReplyCommand(comments));
  commands.register(new CommentActionCommand(CommandIds.notesEditComment, (c, comment) => c.startEdit(comment), comments));
  commands.register(new CommentActionCommand(CommandIds.notesCancelComment, (c, comment) => c.cancelEdit(comment), comments));
  commands.register(new CommentActionCommand(CommandIds.notesSaveComment, (c, comment) => c.saveEdit(comment), comments));
  commands.register(new CommentActionCommand(CommandIds.notesDeleteComment, (c, comment) => c.delete(comment), comments));

  const disposables: vscode.Disposable[] = [
    comments,
    highlights,
    tree,
    view,
    files,
    files.onDidChange(() => service.refresh()),
    service,
  ];
  return {
    service,
    files,
    comments,
    highlights,
    tree,
    dispose: () => {
      for (const d of disposables) d.dispose();
    },
  };
}
