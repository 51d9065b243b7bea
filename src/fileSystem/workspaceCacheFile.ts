// The file of one workspace's cache in the extension's global storage (the library index's snapshot,
// the search index): named by a hash of the workspace's folders, so a window on the same folders finds
// it and no two workspaces share one. Node only (no vscode).
import { createHash } from 'node:crypto';
import * as path from 'node:path';

/** `workspaceKey`: the workspace's folder URIs, one per line (extension.ts makes it once). */
export function workspaceCacheFile(storageDir: string, name: string, workspaceKey: string, extension: string): string {
  const key = createHash('sha256').update(workspaceKey).digest('hex').slice(0, 16);
  return path.join(storageDir, `${name}-${key}.${extension}`);
}
