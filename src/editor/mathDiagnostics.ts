// Problems in a post's math as diagnostics ('kexue-editor'): unknown and duplicate labels, KaTeX
// errors where they occur, and html2text artefacts (as hints, with quick fixes). Recomputed on
// open and, debounced, on change; the KaTeX pass pauses between formulas so typing stays smooth.

import * as vscode from 'vscode';
import { artefactProblems, KatexVerdicts, labelProblems, type FormulaProblem } from '../core/editor/formulaProblems';
import { sharedMathJax } from '../core/render/mathJax';
import { userMacroSettings } from './mathSettings';
import { isPostDocument, rangeOf, type PostAnalyses } from './postDocuments';

export const DIAGNOSTIC_SOURCE = 'kexue-editor';
const DEBOUNCE_MS = 400;
/** How long the KaTeX pass runs before giving the event loop back. */
const SLICE_MS = 15;

const SEVERITY: Record<FormulaProblem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  hint: vscode.DiagnosticSeverity.Hint,
};

export class MathDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  /** KaTeX, then MathJax (the preview's and the hover's): only what both refuse is a problem. */
  private readonly verdicts = new KatexVerdicts(sharedMathJax());
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Bumped per document on every request, so a stale pass stops instead of publishing. */
  private readonly generations = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly analyses: PostAnalyses) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((document) => this.clear(document)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('kexueReader.math')) for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
      }),
    );
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
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
    // A formula KaTeX refused waited for MathJax to load: check again once it has.
    if (this.verdicts.pending) void this.verdicts.fallbackReady().then(() => this.schedule(document, 0));
  }

  private clear(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.generations.delete(key);
    this.collection.delete(document.uri);
    this.analyses.forget(document);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }
}

function toDiagnostic(document: vscode.TextDocument, problem: FormulaProblem): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(rangeOf(document, problem.start, problem.end), problem.message, SEVERITY[problem.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = problem.code;
  if (problem.related) {
    diagnostic.relatedInformation = [
      new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, rangeOf(document, problem.related.start, problem.related.end)), problem.related.message),
    ];
  }
  return diagnostic;
}
