// Notes under a compute result (fallbacks, precision, what was compared): made where the work is done,
// in English with {0}-style places, and put into words only where they are shown — the reader's language
// on the host (translatedNotes), English in the CLI (noteText).
import type { ComputeNote } from '../protocol/compute';
import { untranslated, type Translate } from './presentation';

/**
 * A note: `message` is the English text with {0}, {1}… where `args` go. Write it as a literal at the call
 * (test/unit/l10n checks that each one has a translation).
 */
export function note(message: string, ...args: (string | number)[]): ComputeNote {
  return { message, args };
}

/** The note in English, its places filled. */
export function noteText(n: ComputeNote): string {
  return untranslated(n.message, ...n.args);
}

/** The notes in the reader's language. */
export function translatedNotes(notes: readonly ComputeNote[], t: Translate): string[] {
  return notes.map((n) => t(n.message, ...n.args));
}
