// Problems in a post's math as diagnostics ('kexue-editor'): unknown and duplicate labels, KaTeX
// errors where they occur, and html2text artefacts (as hints, with quick fixes). Recomputed on
// open and, debounced, on change; the KaTeX pass pauses between formulas so typing stays smooth.
// This class is the only owner of a post's diagnostics. They stay listed while the post is open in
// an editor or shown by a preview: a preview reads its file through a text document that VS Code
// closes when no editor holds it, and clearing then (and publishing again at the preview's next
// render) made the Problems count jump with no edit.

import * as vscode from 'vscode';
import { artefactProblems, KatexVerdicts, labelProblems, type FormulaProblem } from '../core/editor/formulaProblems';
import { sharedMathJax } from '../core/render/mathJax';
import { userMacroSettings } from './mathSettings';
import { isPostDocument, rangeOf, type PostAnalyses } from './postDocuments';
import { translated } from '../core/l10n/localizable';

export const DIAGNOSTIC_SOURCE = 'kexue-editor';
const DEBOUNCE_MS = 400;
/** How long the problems of a post opened only by a preview wait (its first paint goes first). */
const BEHIND_PREVIEW_MS = 1500;
/** How long the KaTeX pass runs before giving the event loop back. */
const SLICE_MS = 15;

const SEVERITY: Record<FormulaProblem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Which files a preview shows; their diagnostics outlive their text documents. */
export interface PreviewedFiles {
  isPreviewed(uri: vscode.Uri): boolean;
  /** A file started or stopped being shown by a preview. */
  readonly onDidChangePreviewed: vscode.Event<vscode.Uri>;
}

export class MathDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  /** KaTeX, then MathJax (the preview's and the hover's): only what both refuse is a problem. */
  private readonly verdicts = new KatexVerdicts(sharedMathJax());
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Bumped per document on every request, so a stale pass stops instead of publishing. */
  private readonly generations = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The text each file's published diagnostics were computed from (while they are listed). */
  private readonly publishedText = new Map<string, string>();

  constructor(
    private readonly analyses: PostAnalyses,
    private readonly previewed?: PreviewedFiles,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.openedAgain(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (this.previewed?.isPreviewed(document.uri)) this.stopWork(document);
        else this.clear(document);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('kexueReader.math')) for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
      }),
    );
    if (previewed) {
      this.subscriptions.push(
        previewed.onDidChangePreviewed((uri) => {
          if (previewed.isPreviewed(uri)) return;
          // No preview shows it any more: its problems go unless an editor still has the document.
          if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && !d.isClosed)) return;
          this.publishedText.delete(uri.toString());
          this.collection.delete(uri);
        }),
      );
    }
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  /**
   * A document opened — or opened again by a preview's render after VS Code closed it. Problems
   * still listed for the same text are current: recomputing them would change nothing.
   */
  private openedAgain(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (this.collection.has(document.uri) && this.publishedText.get(key) === document.getText()) return;
    // A document no editor shows was opened by a preview: its KaTeX pass waits until the preview's
    // first paint, which it would otherwise slow down (both run on the extension host's one thread).
    const inEditor = vscode.window.visibleTextEditors.some((editor) => editor.document.uri.toString() === key);
    this.schedule(document, !inEditor && this.previewed?.isPreviewed(document.uri) ? BEHIND_PREVIEW_MS : 0);
  }

  schedule(document: vscode.TextDocument, delay: number): void {
    if (!isPostDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    this.timers.set(key, setTimeout(() => void this.update(document), delay));
  }

  /** Computes and publishes the document's diagnostics; resolves when they are published. */
  async update(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const generation = this.generations.get(key) ?? 0;
    const analysis = this.analyses.get(document);
    const problems = [...labelProblems(analysis), ...artefactProblems(analysis)];
    let sliceStart = Date.now();
    for (const problem of this.verdicts.problems(analysis, userMacroSettings())) {
      if (problem) problems.push(problem);
      if (Date.now() - sliceStart > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        if (this.generations.get(key) !== generation || document.isClosed) return;
        sliceStart = Date.now();
      }
    }
    if (this.generations.get(key) !== generation || document.isClosed) return;
    this.collection.set(document.uri, problems.map((problem) => toDiagnostic(document, problem)));
    this.publishedText.set(key, document.getText());
    // A formula KaTeX refused waited for MathJax to load: check again once it has.
    if (this.verdicts.pending) void this.verdicts.fallbackReady().then(() => this.schedule(document, 0));
  }

  /** The document closed but a preview still shows the file: its problems stay, pending work stops. */
  private stopWork(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.generations.delete(key);
    this.analyses.forget(document);
  }

  private clear(document: vscode.TextDocument): void {
    this.stopWork(document);
    this.publishedText.delete(document.uri.toString());
    this.collection.delete(document.uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }
}

function toDiagnostic(document: vscode.TextDocument, problem: FormulaProblem): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(rangeOf(document, problem.start, problem.end), translated(problem.message, vscode.l10n.t), SEVERITY[problem.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = problem.code;
  if (problem.related) {
    diagnostic.relatedInformation = [
      new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, rangeOf(document, problem.related.start, problem.related.end)), translated(problem.related.message, vscode.l10n.t)),
    ];
  }
  return diagnostic;
}
