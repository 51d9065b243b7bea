// How `kexue render --out` reads the images beside a post to inline them (core inlineLocalImages),
// so that the page stays one file that opens anywhere: from inside the current folder when the post
// is in it (`../images/a.png` of a post in posts/), else from the post's folder. One that is missing,
// unreadable, too large or outside is named on stderr and shows as its alt text; the page is written
// all the same.
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { type ImageRead, inlineLocalImages, MAX_INLINED_IMAGE_BYTES } from '../core/render';

export async function inlinedImages(postFile: string, html: string, warn: (message: string) => void): Promise<(imagePath: string) => string | undefined> {
  const folder = path.dirname(path.resolve(postFile));
  const root = isWithin(process.cwd(), folder) ? process.cwd() : folder;
  const read = async (imagePath: string): Promise<ImageRead> => {
    const file = path.join(folder, imagePath);
    if (!isWithin(root, file)) return { problem: `is outside ${root === folder ? 'the post’s folder' : 'the current folder'}` };
    try {
      const size = statSync(file).size;
      if (size > MAX_INLINED_IMAGE_BYTES) return { problem: `is ${(size / 1048576).toFixed(1)} MB, over the ${MAX_INLINED_IMAGE_BYTES / 1048576} MB an exported page inlines` };
      return { base64: readFileSync(file).toString('base64') };
    } catch (error) {
      return { problem: `beside ${path.basename(postFile)} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
    }
  };
  const { localImage, problems } = await inlineLocalImages(html, read);
  for (const { path: imagePath, problem } of problems) warn(`${imagePath} ${problem}: shown as its alt text`);
  return localImage;
}

function isWithin(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative));
}
