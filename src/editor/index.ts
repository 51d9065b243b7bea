// Composition of the editor features for post and digest files. extension.ts calls
// `registerEditorFeatures` once and pushes what it returns; the providers take their collaborators
// in their constructors so tests can build them alone.

import * as vscode from 'vscode';
import { isDigestText } from '../core/editor/digestText';
import { EquationPrerender } from './equationPrerender';
import { HoverImageCache } from './hoverMath/hoverImages';
import { MathJaxSvgRenderer } from './hoverMath/mathJaxSvg';
import { Html2textQuickFixProvider } from './html2textQuickFix';
import { LabelCompletionProvider } from './labelCompletion';
import { LabelDefinitionProvider, LabelReferenceProvider, LabelRenameProvider } from './labelNavigation';
import { MathDiagnostics, type PreviewedFiles } from './mathDiagnostics';
import { MathHoverProvider, REVEAL_LINE_COMMAND } from './mathHover';
import { DIGEST_LANGUAGE, PostAnalyses, POST_SELECTOR } from './postDocuments';
import type { PostInfoProvider } from './postInfo';
import { PostSymbolProvider } from './postSymbols';

export type { PostInfo, PostInfoProvider } from './postInfo';

export interface EditorFeatures extends vscode.Disposable {
  readonly analyses: PostAnalyses;
  readonly diagnostics: MathDiagnostics;
  readonly images: HoverImageCache;
}

/** `previewed`: the files previews show, whose problems stay listed while they do. */
export function registerEditorFeatures(posts?: PostInfoProvider, previewed?: PreviewedFiles): EditorFeatures {
  const analyses = new PostAnalyses();
  const renderer = new MathJaxSvgRenderer();
  const images = new HoverImageCache(renderer);
  const diagnostics = new MathDiagnostics(analyses, previewed);
  const disposables: vscode.Disposable[] = [
    diagnostics,
    new EquationPrerender(analyses, renderer, images),
    vscode.languages.registerHoverProvider(POST_SELECTOR, new MathHoverProvider(analyses, images, posts)),
    vscode.languages.registerDefinitionProvider(POST_SELECTOR, new LabelDefinitionProvider(analyses)),
    vscode.languages.registerReferenceProvider(POST_SELECTOR, new LabelReferenceProvider(analyses)),
    vscode.languages.registerRenameProvider(POST_SELECTOR, new LabelRenameProvider(analyses)),
    vscode.languages.registerDocumentSymbolProvider(POST_SELECTOR, new PostSymbolProvider(analyses), { label: 'Kexue' }),
    vscode.languages.registerCompletionItemProvider(POST_SELECTOR, new LabelCompletionProvider(analyses), ...LabelCompletionProvider.triggerCharacters),
    vscode.languages.registerCodeActionsProvider(POST_SELECTOR, new Html2textQuickFixProvider(analyses), {
      providedCodeActionKinds: Html2textQuickFixProvider.providedCodeActionKinds,
    }),
    vscode.commands.registerCommand(REVEAL_LINE_COMMAND, revealLine),
    vscode.window.onDidChangeActiveColorTheme(() => images.clear()),
    ...detectDigests(),
  ];
  return {
    analyses,
    diagnostics,
    images,
    dispose: () => {
      for (const disposable of disposables) disposable.dispose();
    },
  };
}

async function revealLine(uri: string, line: number): Promise<void> {
  const position = new vscode.Position(Math.max(0, Number(line) || 0), 0);
  await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: new vscode.Range(position, position) });
}

/**
 * The dated digest layout opens with a title, which `firstLine` cannot tell from any text file; a
 * By-line on line 2 can. Such .txt files are switched to the digest language when opened.
 */
function detectDigests(): vscode.Disposable[] {
  const check = (document: vscode.TextDocument) => {
    if (document.languageId === 'plaintext' && document.uri.path.endsWith('.txt') && isDigestText(document.getText())) {
      void vscode.languages.setTextDocumentLanguage(document, DIGEST_LANGUAGE).then(undefined, () => undefined);
    }
  };
  for (const document of vscode.workspace.textDocuments) check(document);
  return [vscode.workspace.onDidOpenTextDocument(check)];
}
