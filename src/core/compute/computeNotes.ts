// Notes under a compute result (fallbacks, precision, what was compared): made where the work is done,
// as Localizable words (core/l10n/localizable.ts), and put into words only where they are shown — the
// reader's language on the host (translatedNotes), English in the CLI (noteText).
import { englishText, localizable, translated, type Localizable, type LocalizableArg, type Translate } from '../l10n/localizable';

/** A note: `message` is the English text with {0}, {1}… where `args` go, a literal at the call. */
export const note: (message: string, ...args: LocalizableArg[]) => Localizable = localizable;

/** The note in English, its places filled. */
export const noteText: (n: Localizable) => string = englishText;

/** The notes in the reader's language. */
export function translatedNotes(notes: readonly Localizable[], t: Translate): string[] {
  return notes.map((n) => translated(n, t));
}
