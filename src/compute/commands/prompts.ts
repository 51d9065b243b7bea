// Input boxes shared by the compute commands.
import * as vscode from 'vscode';
import { readNumber } from '../../core/text/readNumber';

interface NumberPrompt {
  readonly title: string;
  readonly prompt: string;
  readonly value: string;
  /** Empty input is allowed and resolves to null. */
  readonly optional?: boolean;
}

export interface WholeNumberPrompt extends NumberPrompt {
  readonly min: number;
  readonly max: number;
  readonly even?: boolean;
}

export interface PositiveNumberPrompt extends NumberPrompt {
  /** Largest allowed value; none when absent. */
  readonly max?: number;
  /** What the box says under a value it will not take. */
  readonly invalid: string;
}

/** The number, null for an optional empty answer, undefined when the user escaped. */
export function askWholeNumber(p: WholeNumberPrompt): Promise<number | null | undefined> {
  return askNumber(p, (n) => {
    if (!Number.isInteger(n)) return vscode.l10n.t('Enter a whole number');
    if (n < p.min || n > p.max) return vscode.l10n.t('Enter a number from {0} to {1}', p.min, p.max);
    if (p.even && n % 2 !== 0) return vscode.l10n.t('FouT needs an even N');
    return undefined;
  });
}

/** A number > 0 (and ≤ max): the number, null for an optional empty answer, undefined when the user escaped. */
export function askPositiveNumber(p: PositiveNumberPrompt): Promise<number | null | undefined> {
  return askNumber(p, (x) => (x > 0 && Number.isFinite(x) && (p.max === undefined || x <= p.max) ? undefined : p.invalid));
}

/** An input box whose answer `refuse` checks (a message, or undefined to accept). */
async function askNumber(p: NumberPrompt, refuse: (value: number) => string | undefined): Promise<number | null | undefined> {
  const text = await vscode.window.showInputBox({
    title: p.title,
    prompt: p.prompt,
    value: p.value,
    // One question of several: a webview that takes focus while it loads (the results panel, a
    // preview) must not close it and lose the answers given so far.
    ignoreFocusOut: true,
    // An empty box is no number (NaN, refused) unless the answer may be left empty.
    validateInput: (v) => (v.trim() === '' && p.optional ? undefined : refuse(readNumber(v) ?? Number.NaN)),
  });
  if (text === undefined) return undefined;
  return text.trim() === '' ? null : (readNumber(text) ?? null);
}
