// Public face of search: tokens, documents of a file, the index and its hits. Pure: no `vscode`, no DOM, no file system.
export { tokenize, tokenizeQuery, foldText, type QueryTokens } from './tokenize';
export { extractDocuments, documentSpans, documentsOfSpans, noteDocuments, type DocumentSpans, type HitKind, type PostEntryRef, type SearchDocument, type SearchNote } from './searchDocuments';
export { postEntriesByFile } from './libraryEntries';
export { SearchIndex, DEFAULT_LIMIT, type SearchHit } from './searchIndex';
export { miniSearchTerm } from './miniSearchIndex';
export { INDEX_FORMAT, type SerializedIndex } from './serializedIndex';
export { literalPattern } from './literalMatch';
export { searchNotesOf } from './annotationNotes';
