// Input boxes shared by the compute commands.
import * as vscode from 'vscode';

export interface WholeNumberPrompt {
  readonly title: string;
  readonly prompt: string;
  readonly value: string;
  readonly min: number;
  readonly max: number;
  readonly even?: boolean;
  /** Empty input is allowed and resolves to null. */
  readonly optional?: boolean;
}

/** The number, null for an optional empty answer, undefined when the user escaped. */
export async function askWholeNumber(p: WholeNumberPrompt): Promise<number | null | undefined> {
  const text = await vscode.window.showInputBox({
    title: p.title,
    prompt: p.prompt,
    value: p.value,
    validateInput: (v) => {
      if (v.trim() === '' && p.optional) return undefined;
      const n = Number(v);
      if (!Number.isInteger(n)) return vscode.l10n.t('Enter a whole number');
      if (n < p.min || n > p.max) return vscode.l10n.t('Enter a number from {0} to {1}', p.min, p.max);
      if (p.even && n % 2 !== 0) return vscode.l10n.t('FouT needs an even N');
      return undefined;
    },
  });
  if (text === undefined) return undefined;
  return text.trim() === '' ? null : Number(text);
}

export interface PositiveNumberPrompt {
  readonly title: string;
  readonly prompt: string;
  readonly value: string;
  /** Largest allowed value; none when absent. */
  readonly max?: number;
  /** Empty input is allowed and resolves to null. */
  readonly optional?: boolean;
  /** What the box says under a value it will not take. */
  readonly invalid: string;
}

/** A number > 0 (and ≤ max): the number, null for an optional empty answer, undefined when the user escaped. */
export async function askPositiveNumber(p: PositiveNumberPrompt): Promise<number | null | undefined> {
  const text = await vscode.window.showInputBox({
    title: p.title,
    prompt: p.prompt,
    value: p.value,
    validateInput: (v) => {
      if (v.trim() === '' && p.optional) return undefined;
      const x = Number(v);
      return v.trim() !== '' && x > 0 && Number.isFinite(x) && (p.max === undefined || x <= p.max) ? undefined : p.invalid;
    },
  });
  if (text === undefined) return undefined;
  return text.trim() === '' ? null : Number(text);
}
