import * as vscode from 'vscode';
import type { PreviewStrings } from '../core/protocol/preview';

/** The webview's words, localised here because the webview has no l10n of its own. */
export function previewStrings(): PreviewStrings {
  return {
    outline: vscode.l10n.t('Outline'),
    equations: vscode.l10n.t('Equations'),
    copied: vscode.l10n.t('LaTeX copied'),
    copyFailed: vscode.l10n.t('Could not copy'),
    previous: vscode.l10n.t('Previous'),
    next: vscode.l10n.t('Next'),
    showInTree: vscode.l10n.t('Show in Series'),
    citedBy: vscode.l10n.t('Cited by'),
    excerpt: vscode.l10n.t('Excerpt'),
    seriesPart: vscode.l10n.t('part {0}'),
    inLibrary: vscode.l10n.t('{0} of {1} in your library'),
    copyTex: vscode.l10n.t('Click to copy the LaTeX'),
    published: vscode.l10n.t('Published {0}'),
    source: vscode.l10n.t('Source'),
    unresolved: vscode.l10n.t('unknown label'),
    run: vscode.l10n.t('Run'),
    running: vscode.l10n.t('Running…'),
    cancel: vscode.l10n.t('Cancel'),
    drawFailed: vscode.l10n.t('The result could not be drawn: {0}'),
    imageMissing: vscode.l10n.t('{0}: not found beside the post'),
  };
}
