// Words that core makes and the host shows: kept as an English message with {0}-style places and what
// fills them, and put into words only where they are shown — the reader's language on the host
// (vscode.l10n.t, whose shape Translate is; the translations are in l10n/), English in the CLI. Core
// imports no vscode, so it cannot translate itself; a string made in English could not be translated
// afterwards.
// A message is written as a literal at its call (test/unit/l10n checks each one has a translation);
// places are {0}, {1}… and never touch another brace ({{0}} would read differently in VS Code).

/** vscode.l10n.t's shape, so core can be localised without importing vscode. */
export type Translate = (message: string, ...args: (string | number)[]) => string;

export interface Localizable {
  readonly message: string;
  /** What fills the places: a value, or words of their own (a phrase such as "signal length"), translated too. */
  readonly args: readonly LocalizableArg[];
}

export type LocalizableArg = string | number | Localizable;

export function localizable(message: string, ...args: LocalizableArg[]): Localizable {
  return { message, args };
}

/** Words that are not ours to translate (another library's message): shown as they are in every language. */
export function verbatim(text: string): Localizable {
  return { message: '{0}', args: [text] };
}

/** English, with {0}, {1}… filled in (a place with no argument stays as written). */
export const untranslated: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (whole, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : whole));

/** The words in English, their places filled. */
export function englishText(words: Localizable): string {
  return translated(words, untranslated);
}

/** The words in the reader's language. */
export function translated(words: Localizable, t: Translate): string {
  return t(words.message, ...words.args.map((arg) => (typeof arg === 'object' ? translated(arg, t) : arg)));
}

/** Several words in the reader's language (a result's notes). */
export function translatedAll(all: readonly Localizable[], t: Translate): string[] {
  return all.map((words) => translated(words, t));
}

/** Whether a value read back from disk (a snapshot) has the shape of words: a message and its places' values. */
export function isLocalizable(value: unknown): value is Localizable {
  if (typeof value !== 'object' || value === null) return false;
  const { message, args } = value as { message?: unknown; args?: unknown };
  return typeof message === 'string' && Array.isArray(args) && args.every((arg) => typeof arg === 'string' || typeof arg === 'number' || isLocalizable(arg));
}
