// "Kexue: Pin Definition…": the reader pins or corrects what a symbol means. From the Notation view's
// item (that symbol, anchored at its first occurrence) or from the editor's selection (its first
// symbol). Stored as a `describing` annotation through the notes feature's one store (NotesService:
// one write queue per post, so a pin and a note made together cannot lose each other), re-anchored like
// any note and never lost (atomic write; a corrupt notes file is refused, left untouched).

import * as vscode from 'vscode';
import { CommandIds } from '../commands/commandIds';
import { postIdentity, type Annotation } from '../core/annotations';
import { findMathRegions } from '../core/editor/mathRegions';
import { formulaSymbols, parseTex, readerDefinitionBody } from '../core/notation';
import type { Command } from '../commands/commandManager';
import type { NotationNode } from './notationTree';

/** Where pins are written: the notes feature's NotesService (its `addAt`). */
export interface PinStore {
  /** Adds a `describing` annotation over [start, end) of the document; rejects with the reason it could not. */
  addAt(document: vscode.TextDocument, start: number, end: number, options: { describing: string }): Promise<Annotation>;
}

export interface PinRequest {
  uri: vscode.Uri;
  /** The symbol's TeX (asked for when not given). */
  tex?: string;
  /** The range the annotation anchors to. */
  start: number;
  end: number;
  /** The definition text (asked for when not given). */
  definition?: string;
}

export class PinDefinitionCommand implements Command {
  readonly id = CommandIds.pinDefinition;

  constructor(private readonly notes: PinStore, private readonly onPinned: (uri: vscode.Uri) => void) {}

  async execute(arg?: unknown): Promise<Annotation | undefined> {
    const request = isRequest(arg) ? arg : isNode(arg) ? await fromNode(arg) : fromEditor();
    if (!request) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select a symbol in a post (or use the Notation view) to pin its definition.'));
      return undefined;
    }
    return this.pin(request);
  }

  private async pin(request: PinRequest): Promise<Annotation | undefined> {
    const document = await vscode.workspace.openTextDocument(request.uri);
    const text = document.getText();
    const identity = postIdentity(text);
    if (!identity || request.uri.scheme !== 'file') {
      void vscode.window.showErrorMessage(vscode.l10n.t('This file names no post (no address, slug or title), so a definition cannot be pinned to it.'));
      return undefined;
    }
    const tex =
      request.tex ??
      (await vscode.window.showInputBox({ title: vscode.l10n.t('Pin Definition'), prompt: vscode.l10n.t('Symbol (TeX)'), value: firstSymbol(text.slice(request.start, request.end)) ?? '' }))?.trim();
    if (!tex) return undefined;
    const definition =
      request.definition ??
      (await vscode.window.showInputBox({ title: vscode.l10n.t('Pin Definition'), prompt: vscode.l10n.t('What {0} means here', tex), validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('Write the definition.') : undefined) }))?.trim();
    if (!definition) return undefined;
    let annotation: Annotation;
    try {
      annotation = await this.notes.addAt(document, request.start, request.end, { describing: readerDefinitionBody(tex, definition) });
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The definition was not pinned: {0}', (error as Error).message));
      return undefined;
    }
    this.onPinned(request.uri);
    return annotation;
  }
}

function fromEditor(): PinRequest | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return undefined;
  const { document, selection } = editor;
  return { uri: document.uri, start: document.offsetAt(selection.start), end: document.offsetAt(selection.end) };
}

/** A view item: anchor at the symbol's first occurrence — its TeX on that line, else the formula there. */
async function fromNode(node: NotationNode): Promise<PinRequest | undefined> {
  if (node.kind === 'earlier') return undefined;
  const { symbol } = node;
  const document = await vscode.workspace.openTextDocument(node.uri);
  const line = symbol.lines[0] ?? (node.kind === 'definition' ? node.definition.line : symbol.definitions[0]?.line);
  if (line === undefined || line < 1 || line > document.lineCount) return undefined;
  const lineStart = document.offsetAt(new vscode.Position(line - 1, 0));
  const at = document.lineAt(line - 1).text.indexOf(symbol.tex);
  if (at >= 0) return { uri: node.uri, tex: symbol.tex, start: lineStart + at, end: lineStart + at + symbol.tex.length };
  const lineEnd = lineStart + document.lineAt(line - 1).text.length;
  const region = findMathRegions(document.getText()).find((r) => r.end >= lineStart && r.start <= lineEnd);
  const [start, end] = region ? [region.start, region.end] : [lineStart, lineEnd];
  return end > start ? { uri: node.uri, tex: symbol.tex, start, end } : undefined;
}

function firstSymbol(quote: string): string | undefined {
  const tex = quote.replace(/^\s*\$+|\$+\s*$/g, '').trim();
  const nodes = parseTex(tex, {});
  return nodes ? formulaSymbols(nodes, tex)[0] : undefined;
}

function isNode(value: unknown): value is NotationNode {
  return typeof value === 'object' && value !== null && 'kind' in value && 'uri' in value;
}

function isRequest(value: unknown): value is PinRequest {
  return typeof value === 'object' && value !== null && 'uri' in value && 'start' in value && 'end' in value && !('kind' in value);
}
