// Options that several CLI subcommands share, declared once for parseCli.
import { DEFAULT_MAX_BYTES } from '../core/library/index';
import { numberOption } from './cliArgs';

const MB = 1024 * 1024;

/** `--max-file-size-mb MB`: the default is the extension's setting kexueReader.library.maxFileSizeMB (8). */
export const MAX_FILE_SIZE_OPTION = { 'max-file-size-mb': { type: 'string' } } as const;

export function maxFileSizeOption(text: string | undefined): number {
  const mb = numberOption('max-file-size-mb', text, { min: 0.001, max: 4096 });
  return mb === undefined ? DEFAULT_MAX_BYTES : Math.floor(mb * MB);
}
