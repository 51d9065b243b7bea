import * as vscode from 'vscode';

export const READING_WIDTH_SETTING = 'kexueReader.preview.readingWidth';
const DEFAULT_EM = 46;

/** The text column's width in em (kexueReader.preview.readingWidth); out-of-range values are clamped. */
export function readingWidthEm(): number {
  const value = vscode.workspace.getConfiguration('kexueReader.preview').get<number>('readingWidth', DEFAULT_EM);
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(200, Math.max(20, value)) : DEFAULT_EM;
}
