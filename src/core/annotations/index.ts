// The reader's annotations: model, post identity, re-anchoring, file format, store, exports.
export * from './model';
export { postIdentity, candidateKeys, safeKeyPart } from './postIdentity';
export { anchorQuote, anchorAll, describeRange } from './anchor';
export { parseAnnotationFile, serializeAnnotationFile, stableStringify, AnnotationFileError } from './annotationFile';
export { createAnnotation, refreshSelectors, findOccurrence, countOccurrences, equationAt, bodiesFor, type NewAnnotation } from './createAnnotation';
export { AnnotationStore, CorruptAnnotationFileError, ANNOTATIONS_FOLDER, type AnnotationFileSystem, type CorruptFile, type LoadedPost } from './annotationStore';
export { notesToMarkdown, notesToW3c, type ExportedPost } from './exportNotes';
export { anchorAnnotations, type AnchoredAnnotation } from './anchorAnnotations';
export { matchesFilter } from './noteFilter';
export { annotationsFromW3c } from './importW3c';
export { locatorAt, locatorAtLine, lineOfLocator, lineOfOffset, offsetOfLine, offsetOfLocator, type ReadingLocator, type ReadState } from './readingLocator';
export { applyNoteChange, isPin, parseTags, shownNoteOf, type NoteChange } from './noteChange';
export { groupBySeries, type SeriesGroup, type SeriesPlace } from './notesBySeries';
