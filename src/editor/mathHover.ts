// Hovers on post files: a formula shows rendered (MathJax SVG image) with its equation number; an
// \eqref/\ref shows the equation it names with a link there; a 《title》 shows the library's post.

import * as vscode from 'vscode';
import { documentMacrosBefore, formulaAt, labelSiteAt, labelledFormula, type Formula, type PostAnalysis } from '../core/editor/postAnalysis';
import { isOnlyReferences } from '../core/render/referenceLinks';
import type { FormulaRequest, HoverImage, HoverImageCache } from './hoverMath/hoverImages';
import { formulaColour, userMacroTable } from './mathSettings';
import type { PostAnalyses } from './postDocuments';
import { isPostDocument, rangeOf } from './postDocuments';
import type { PostInfo, PostInfoProvider } from './postInfo';
import { CommandIds } from '../commands/commandIds';

const TITLE_QUOTES = /《([^《》\n]{1,120})》/g;

export class MathHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly analyses: PostAnalyses,
    private readonly images: HoverImageCache,
    private readonly posts: PostInfoProvider | undefined,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!isPostDocument(document)) return undefined;
    const analysis = this.analyses.get(document);
    const offset = document.offsetAt(position);
    const labelled = labelSiteAt(analysis, offset);
    if (labelled && !labelled.isDefinition) {
      const range = rangeOf(document, labelled.site.commandStart, labelled.site.commandEnd);
      return new vscode.Hover(await this.referenceHover(document, analysis, labelled.site.label), range);
    }
    const formula = formulaAt(analysis, offset);
    const named = formula && referenceNamedBy(analysis, formula);
    if (formula && named) {
      // `$\eqref{x}$` with the cursor on a `$`: the reader still means the equation it names.
      return new vscode.Hover(await this.referenceHover(document, analysis, named), rangeOf(document, formula.region.start, formula.region.end));
    }
    if (formula) {
      const markdown = await this.formulaHover(analysis, formula);
      return new vscode.Hover(markdown, rangeOf(document, formula.region.start, formula.region.end));
    }
    return this.titleHover(document, position);
  }

  /** The request the image cache is keyed on; also used by the idle pre-render. */
  static requestFor(analysis: PostAnalysis, formula: Formula): FormulaRequest {
    return {
      tex: formula.renderTex,
      display: formula.region.display,
      userMacros: userMacroTable(),
      documentMacros: documentMacrosBefore(analysis, formula.region.start),
      colour: formulaColour(),
    };
  }

  private async formulaHover(analysis: PostAnalysis, formula: Formula): Promise<vscode.MarkdownString> {
    const image = await this.images.image(MathHoverProvider.requestFor(analysis, formula));
    const markdown = new vscode.MarkdownString();
    appendImage(markdown, image, formula);
    return markdown;
  }

  private async referenceHover(document: vscode.TextDocument, analysis: PostAnalysis, label: string): Promise<vscode.MarkdownString> {
    const markdown = new vscode.MarkdownString();
    markdown.isTrusted = { enabledCommands: [CommandIds.editorRevealLine] };
    const target = labelledFormula(analysis, label);
    const number = analysis.numbers.get(label);
    if (!target) {
      markdown.appendMarkdown('Unknown label ');
      markdown.appendMarkdown(`\`${label.replace(/`/g, '')}\``);
      return markdown;
    }
    const image = await this.images.image(MathHoverProvider.requestFor(analysis, target));
    appendImage(markdown, image, target, number);
    const line = document.positionAt(target.region.start).line;
    const args = encodeURIComponent(JSON.stringify([document.uri.toString(), line]));
    const shown = number !== undefined ? `(${number})` : label.replace(/[[\]`]/g, '');
    markdown.appendMarkdown(`\n\n[Go to ${shown}, line ${line + 1}](command:${CommandIds.editorRevealLine}?${args} "Reveal the labelled equation")`);
    return markdown;
  }

  private titleHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.posts) return undefined;
    const text = document.lineAt(position.line).text;
    for (const match of text.matchAll(TITLE_QUOTES)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (position.character < start || position.character > end) continue;
      const post = this.posts.findByTitle(match[1]);
      if (!post) return undefined;
      return new vscode.Hover(postMarkdown(post), new vscode.Range(position.line, start, position.line, end));
    }
    return undefined;
  }
}

/** The label an inline formula made only of references names first, e.g. `$\eqref{a}$` → "a". */
function referenceNamedBy(analysis: PostAnalysis, formula: Formula): string | undefined {
  if (formula.region.display || !isOnlyReferences(formula.tex)) return undefined;
  const index = analysis.formulas.indexOf(formula);
  return analysis.references.find((site) => site.formula === index)?.label;
}

function appendImage(markdown: vscode.MarkdownString, image: HoverImage, formula: Formula, number?: string): void {
  const numbers = number !== undefined ? [number] : formula.numbers;
  const numberText = numbers.length > 0 ? ` **${numbers.map((n) => `(${n})`).join(' ')}**` : '';
  if (image.markdown) {
    markdown.appendMarkdown(`${image.markdown}${numberText}`);
    if (image.userMacrosDropped) {
      markdown.appendMarkdown('\n\n*Rendered without `kexueReader.math.macros`, which failed here:* ');
      markdown.appendText(image.userMacrosDropped);
    }
    return;
  }
  markdown.appendMarkdown(`**TeX error**${numberText}: `);
  markdown.appendText(image.error ?? 'unknown error');
  markdown.appendCodeblock(formula.tex, 'latex');
}

function postMarkdown(post: PostInfo): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString();
  markdown.isTrusted = { enabledCommands: [CommandIds.editorRevealLine] };
  markdown.appendMarkdown('**');
  markdown.appendText(post.title);
  markdown.appendMarkdown('**');
  const facts = [post.date, post.series && (post.part ? `${post.series} · ${post.part}` : post.series)].filter(Boolean);
  if (facts.length > 0) {
    markdown.appendMarkdown('\n\n');
    markdown.appendText(facts.join(' — '));
  }
  if (post.summary) {
    markdown.appendMarkdown('\n\n');
    markdown.appendText(post.summary);
  }
  const args = encodeURIComponent(JSON.stringify([post.uri.toString(), post.line]));
  markdown.appendMarkdown(`\n\n[Open post](command:${CommandIds.editorRevealLine}?${args})`);
  return markdown;
}
