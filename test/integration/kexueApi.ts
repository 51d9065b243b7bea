import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KexueReaderApi } from '../../src/extension';
import type { SeriesTreeNode } from '../../src/library/seriesTree';

export const EXTENSION_ID = 'kexue-reader.kexue-reader';

/** Activates the real extension in this extension host and returns the API activate() gave back. */
export async function kexueApi(): Promise<KexueReaderApi> {
  const extension = vscode.extensions.getExtension<KexueReaderApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this host`);
  return extension.activate();
}

export async function treeChildren(api: KexueReaderApi, node?: SeriesTreeNode): Promise<SeriesTreeNode[]> {
  return api.seriesTree.getChildren(node);
}

export function label(api: KexueReaderApi, node: SeriesTreeNode): string {
  const item = api.seriesTree.getTreeItem(node);
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** Waits until `check` holds, polling; fails with `what` after `ms`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
