// Every command id of the extension, in one place: code names a command through this object, never
// through a string of its own, and a unit test checks it against package.json's contributes.commands.
// Commands not in package.json (no palette entry) are listed in INTERNAL_COMMANDS.
export const CommandIds = {
  openPreview: 'kexueReader.openPreview',
  openPreviewToSide: 'kexueReader.openPreviewToSide',
  keepPreview: 'kexueReader.keepPreview',
  previousInSeries: 'kexueReader.previousInSeries',
  nextInSeries: 'kexueReader.nextInSeries',
  exportHtml: 'kexueReader.exportHtml',
  findPost: 'kexueReader.findPost',
  refresh: 'kexueReader.refresh',
  openSampleLibrary: 'kexueReader.openSampleLibrary',
  showLog: 'kexueReader.showLog',
  openSource: 'kexueReader.openSource',
  revealInExplorer: 'kexueReader.revealInExplorer',
  copyTitle: 'kexueReader.copyTitle',
  computePseudoInverse: 'kexueReader.compute.pseudoInverse',
  computeInsertResultLatex: 'kexueReader.compute.insertResultLatex',
  computeHippo: 'kexueReader.compute.hippo',
  computeApproximate: 'kexueReader.compute.approximate',
  computeShowBackend: 'kexueReader.compute.showBackend',
  computeRunBlock: 'kexueReader.compute.runBlock',
  computeMsign: 'kexueReader.compute.msign',
  computeMatfun: 'kexueReader.compute.matfun',
  computeSchedule: 'kexueReader.compute.schedule',
  computeRope: 'kexueReader.compute.rope',
  computeArgmax: 'kexueReader.compute.argmax',
  searchLibrary: 'kexueReader.searchLibrary',
  searchInView: 'kexueReader.searchInView',
  openSearchHit: 'kexueReader.openSearchHit',
  addNote: 'kexueReader.addNote',
  highlightSelection: 'kexueReader.highlightSelection',
  nextNote: 'kexueReader.nextNote',
  previousNote: 'kexueReader.previousNote',
  exportNotes: 'kexueReader.exportNotes',
  exportNotesW3c: 'kexueReader.exportNotesW3c',
  importNotesW3c: 'kexueReader.importNotesW3c',
  notesFilter: 'kexueReader.notes.filter',
  notesClearFilter: 'kexueReader.notes.clearFilter',
  notesReveal: 'kexueReader.notes.reveal',
  notesReattach: 'kexueReader.notes.reattach',
  notesCreateNote: 'kexueReader.notes.createNote',
  notesEditComment: 'kexueReader.notes.editComment',
  notesSaveComment: 'kexueReader.notes.saveComment',
  notesCancelComment: 'kexueReader.notes.cancelComment',
  notesDeleteComment: 'kexueReader.notes.deleteComment',
  continueReading: 'kexueReader.continueReading',
  markAsRead: 'kexueReader.markAsRead',
  markAsUnread: 'kexueReader.markAsUnread',
  showGraph: 'kexueReader.showGraph',
  pinDefinition: 'kexueReader.pinDefinition',
  refreshNotation: 'kexueReader.refreshNotation',
  openNotationLine: 'kexueReader.openNotationLine',
  /** Internal: a hover's "go to line" link (a command URI). */
  editorRevealLine: 'kexueReader.editor.revealLine',
  /** Internal, registered only in ExtensionMode.Test: hands the integration tests the ComputeApi. */
  computeTestApi: 'kexueReader.compute.api',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

/** Registered but not contributed: no palette entry, no title to translate. */
export const INTERNAL_COMMANDS: readonly CommandId[] = [CommandIds.editorRevealLine, CommandIds.computeTestApi];
