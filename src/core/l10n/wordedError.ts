// An error said in words the host translates (`words`), whose `message` is the same words in English:
// the CLI prints the message, the extension shows the words in the reader's language. A compute job's
// refusal crosses the helper's IPC as these words (ErrorResponse.words), so it reaches a 简体中文 UI
// translated rather than as English made in another process.
import { englishText, verbatim, type Localizable } from './localizable';

export class WordedError extends Error {
  constructor(readonly words: Localizable) {
    super(englishText(words));
  }
}

/** An error's words: its own, or its message as it is (another library's, or a bug's: not ours to translate). */
export function wordsOf(error: unknown): Localizable {
  if (error instanceof WordedError) return error.words;
  return verbatim(error instanceof Error ? error.message : String(error));
}
