// \label ↔ \eqref/\ref navigation inside one post: Go to Definition, Find All References and
// Rename (one WorkspaceEdit, so a single undo restores every reference).

import * as vscode from 'vscode';
import { firstDefinition, labelSiteAt, type LabelSite, type PostAnalysis } from '../core/editor/postAnalysis';
import { rangeOf, type PostAnalyses } from './postDocuments';

/** A label must stay one brace argument: no braces, no backslash, no line break. */
const VALID_LABEL = /^[^{}\\\s%#]+$/;

function sitesOf(analysis: PostAnalysis, label: string): LabelSite[] {
  return [...analysis.definitions, ...analysis.references].filter((site) => site.label === label);
}

export class LabelDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly analyses: PostAnalyses) {}

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.Location | undefined {
    const analysis = this.analyses.get(document);
    const hit = labelSiteAt(analysis, document.offsetAt(position));
    if (!hit) return undefined;
    const target = hit.isDefinition ? hit.site : firstDefinition(analysis, hit.site.label);
    return target ? new vscode.Location(document.uri, rangeOf(document, target.nameStart, target.nameEnd)) : undefined;
  }
}

export class LabelReferenceProvider implements vscode.ReferenceProvider {
  constructor(private readonly analyses: PostAnalyses) {}

  provideReferences(document: vscode.TextDocument, position: vscode.Position, context: vscode.ReferenceContext): vscode.Location[] {
    const analysis = this.analyses.get(document);
    const hit = labelSiteAt(analysis, document.offsetAt(position));
    if (!hit) return [];
    const definitions = new Set(analysis.definitions);
    return sitesOf(analysis, hit.site.label)
      .filter((site) => context.includeDeclaration || !definitions.has(site))
      .sort((a, b) => a.nameStart - b.nameStart)
      .map((site) => new vscode.Location(document.uri, rangeOf(document, site.nameStart, site.nameEnd)));
  }
}

export class LabelRenameProvider implements vscode.RenameProvider {
  constructor(private readonly analyses: PostAnalyses) {}

  prepareRename(document: vscode.TextDocument, position: vscode.Position): { range: vscode.Range; placeholder: string } {
    const hit = labelSiteAt(this.analyses.get(document), document.offsetAt(position));
    if (!hit) throw new Error('Put the cursor on a \\label, \\eqref or \\ref to rename it.');
    return { range: rangeOf(document, hit.site.nameStart, hit.site.nameEnd), placeholder: hit.site.label };
  }

  provideRenameEdits(document: vscode.TextDocument, position: vscode.Position, newName: string): vscode.WorkspaceEdit {
    const analysis = this.analyses.get(document);
    const hit = labelSiteAt(analysis, document.offsetAt(position));
    if (!hit) throw new Error('Put the cursor on a \\label, \\eqref or \\ref to rename it.');
    const name = newName.trim();
    if (!VALID_LABEL.test(name)) throw new Error(`"${newName}" cannot be a label: no spaces, braces, %, # or backslashes.`);
    if (name !== hit.site.label && analysis.definitions.some((site) => site.label === name)) {
      throw new Error(`The label "${name}" is already defined in this post.`);
    }
    const edit = new vscode.WorkspaceEdit();
    for (const site of sitesOf(analysis, hit.site.label)) {
      edit.replace(document.uri, rangeOf(document, site.nameStart, site.nameEnd), name);
    }
    return edit;
  }
}
