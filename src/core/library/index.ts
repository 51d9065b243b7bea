// Public face of the post library core. Everything here is pure: no `vscode`, no DOM, no file system.
export type * from './model';
export { parseFile, NO_LAYOUT_PROBLEM, type ParseOptions } from './parseFile';
export { buildLibrary } from './buildLibrary';
export { parseSeriesTitle, type SeriesTitle } from './seriesTitle';
export { parsePartNumber, formatChineseNumeral } from './chineseNumerals';
export { decodeFile, DEFAULT_MAX_BYTES, type DecodedFile } from './decodeFile';
export { inferTitleFromOpening } from './inferTitles';
