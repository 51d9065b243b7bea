// The repository's root, found from the running (bundled) test file: the nearest folder with a package.json.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

export function repoRoot(): string {
  let dir = __dirname;
  while (!readdirSync(dir).includes('package.json')) dir = path.dirname(dir);
  return dir;
}
