// A kexue-compute block's key=value parameters, read and checked one by one, and the error a reader
// sees for a bad one: apart from blockParams.ts so that the algorithm blocks can use them too.
import type { BackendChoice } from '../protocol/backend';
import { readNumber, readWholeNumber } from '../text/readNumber';
import type { AlgorithmKind } from './algorithmBlockKeys';
import { localizable } from '../l10n/localizable';
import { WordedError } from '../l10n/wordedError';

/** A block that cannot be run, said in words the host translates (`words`); `message` is them in English. */
export class BlockParamsError extends WordedError {
  override readonly name = 'BlockParamsError';
}

/** A block's key=value parameters, read and checked one by one. */
export class Params {
  constructor(
    private readonly values: Map<string, string>,
    readonly kind: 'pinv' | 'hippo' | 'approximate' | AlgorithmKind,
  ) {}

  text(key: string): string | undefined {
    return this.values.get(key);
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const value = this.values.get(key);
    if (value === undefined) return undefined;
    const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
    if (match === undefined) throw new BlockParamsError(localizable('{0}={1} is not allowed: use one of {2}', key, value, allowed.join(', ')));
    return match;
  }

  wholeNumber(key: string, min: number): number | undefined {
    const value = this.values.get(key);
    if (value === undefined) return undefined;
    const n = readWholeNumber(value);
    if (n === undefined) throw new BlockParamsError(localizable('{0}={1} must be a whole number', key, value));
    if (n < min) throw new BlockParamsError(localizable('{0}={1} must be at least {2}', key, value, min));
    return n;
  }

  positive(key: string): number | undefined {
    const value = this.values.get(key);
    if (value === undefined) return undefined;
    const x = readNumber(value);
    // 1e400 is a decimal a double cannot hold: say so, not "must be greater than 0".
    if (x === undefined && Math.abs(Number(value.trim())) === Infinity) throw new BlockParamsError(localizable('{0}={1} is beyond double precision (the largest double is ≈ 1.8e308)', key, value));
    if (x === undefined || !(x > 0)) throw new BlockParamsError(localizable('{0}={1} must be a number greater than 0', key, value));
    return x;
  }

  backend(): BackendChoice | undefined {
    return this.oneOf<BackendChoice>('backend', ['auto', 'cpu', 'gpu']);
  }
}

