// Renders the formulas of the visible part of a post in the background, one per turn of the event
// loop, so the first hover on them is a cache hit. MathJax itself is loaded here too, after the
// editor has been idle a moment, instead of on the first hover.

import * as vscode from 'vscode';
import { labelledFormula, type Formula } from '../core/editor/postAnalysis';
import type { HoverImageCache } from './hoverMath/hoverImages';
import type { MathJaxSvgRenderer } from './hoverMath/mathJaxSvg';
import { MathHoverProvider } from './mathHover';
import { isPostDocument, type PostAnalyses } from './postDocuments';

const IDLE_MS = 600;
/** Lines above and below the visible range that are worth warming too. */
const MARGIN_LINES = 40;
const MAX_PER_PASS = 300;

export class EquationPrerender implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pass = 0;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly analyses: PostAnalyses,
    private readonly renderer: MathJaxSvgRenderer,
    private readonly images: HoverImageCache,
  ) {
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
      vscode.window.onDidChangeTextEditorVisibleRanges(() => this.schedule()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === vscode.window.activeTextEditor?.document) this.schedule();
      }),
      vscode.window.onDidChangeActiveColorTheme(() => this.schedule()),
    ];
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.pass++;
    this.timer = setTimeout(() => void this.run(this.pass), IDLE_MS);
  }

  private async run(pass: number): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isPostDocument(editor.document)) return;
    await this.renderer.ready();
    const document = editor.document;
    const analysis = this.analyses.get(document);
    const wanted = editor.visibleRanges.map((range) => ({
      start: document.offsetAt(new vscode.Position(Math.max(0, range.start.line - MARGIN_LINES), 0)),
      end: document.offsetAt(new vscode.Position(range.end.line + MARGIN_LINES, 0)),
    }));
    const visible = analysis.formulas.filter((formula) => wanted.some((span) => formula.region.end >= span.start && formula.region.start <= span.end));
    // A reference's hover shows the equation it names, which is often off screen: warm those too.
    const named = analysis.references
      .filter((site) => visible.includes(analysis.formulas[site.formula]))
      .map((site) => labelledFormula(analysis, site.label))
      .filter((formula): formula is Formula => formula !== undefined);
    const formulas = [...new Set([...visible, ...named])].slice(0, MAX_PER_PASS);
    for (const formula of formulas) {
      if (pass !== this.pass || document.isClosed) return;
      this.images.imageNow(MathHoverProvider.requestFor(analysis, formula));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.pass++;
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
