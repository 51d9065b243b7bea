// The images beside a post that `kexue render --out` inlines into the page, so that the page stays one
// file that opens anywhere: from inside the current folder when the post is in it (`../images/a.png`
// of a post in posts/), else from the post's folder. One that is missing, unreadable, too large or
// outside is named on stderr once and shows as its alt text; the page is written all the same.
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { imageDataUrl, localImagePaths, MAX_INLINED_IMAGE_BYTES } from '../core/render';

export function inlinedImages(postFile: string, html: string, warn: (message: string) => void): (imagePath: string) => string | undefined {
  const urls = new Map<string, string>();
  const folder = path.dirname(path.resolve(postFile));
  const root = isWithin(process.cwd(), folder) ? process.cwd() : folder;
  for (const imagePath of localImagePaths(html)) {
    const file = path.join(folder, imagePath);
    if (!isWithin(root, file)) {
      warn(`${imagePath} is outside ${root === folder ? 'the post’s folder' : 'the current folder'}: shown as its alt text`);
      continue;
    }
    try {
      const size = statSync(file).size;
      if (size > MAX_INLINED_IMAGE_BYTES) {
        warn(`${imagePath} is ${(size / 1048576).toFixed(1)} MB, over the ${MAX_INLINED_IMAGE_BYTES / 1048576} MB an exported page inlines: shown as its alt text`);
        continue;
      }
      const url = imageDataUrl(imagePath, readFileSync(file).toString('base64'));
      if (url) urls.set(imagePath, url);
    } catch (error) {
      warn(`${imagePath} beside ${path.basename(postFile)} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): shown as its alt text`);
    }
  }
  return (imagePath) => urls.get(imagePath);
}

function isWithin(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative));
}
