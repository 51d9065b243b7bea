// `kexue compute argmax …`: which classes of W (n×d) can never be the argmax of W·x.
import { counted } from './counted';
import { readFileSync } from 'node:fs';
import { parseShape } from '../core/compute/algorithmBlocks';
import { checkArgmaxSize, randomGaussianMatrix } from '../core/numerics/argmax';
import { LimitError, validateRequest } from '../core/numerics/limits';
import type { Matrix } from '../core/numerics/matrix';
import { parseMatrix } from '../core/numerics/parseMatrix';
import type { ArgmaxResponse } from '../core/protocol/compute';
import { backendOf, positiveInteger, round, UsageError, computeJob, type ParsedArgs } from './computeSupport';
import { englishText, verbatim } from '../core/l10n/localizable';

export async function argmaxCommand({ flags, switches }: ParsedArgs): Promise<number> {
  const sources = ['matrix', 'matrix-file', 'random'].filter((f) => flags.has(f));
  if (sources.length !== 1) throw new UsageError('give exactly one of --matrix, --matrix-file and --random N,D');
  let matrix: Matrix;
  const random = flags.get('random');
  if (random !== undefined) {
    const { n, d } = parseShape(random, '--random');
    // Refused before the random W is made.
    validateRequest({ kind: 'pinv', rows: n, cols: d });
    try {
      checkArgmaxSize(n, d);
    } catch (error) {
      throw new LimitError(verbatim((error as Error).message));
    }
    matrix = randomGaussianMatrix(n, d, positiveInteger(flags, 'seed') ?? 1);
  } else {
    const text = flags.get('matrix') ?? readFileSync(flags.get('matrix-file') as string, 'utf8');
    matrix = parseMatrix(text).matrix;
  }
  const response = await computeJob({ type: 'argmax', matrix, backend: backendOf(flags) });
  process.stdout.write(switches.has('json') ? `${JSON.stringify(argmaxJson(response))}\n` : argmaxText(response));
  return 0;
}

export function argmaxJson(r: ArgmaxResponse) {
  return {
    backend: r.backend,
    classes: r.classes,
    dim: r.dim,
    unargmaxableCount: r.unargmaxable.length,
    /** Rows of W, counted from 1. */
    unargmaxable: r.unargmaxable.map((i) => i + 1),
    margins: Array.from(r.margins),
    witnessesChecked: r.witnessesChecked,
    witnessFailures: r.witnessFailures.map((i) => i + 1),
    solver: r.solver,
    ms: round(r.timings.totalMs),
    notes: r.notes.map(englishText),
  };
}

function argmaxText(r: ArgmaxResponse): string {
  const lines = [
    `${r.unargmaxable.length} of ${counted(r.classes, 'class', 'classes')} (d = ${r.dim}) can never be the argmax`,
    ...(r.unargmaxable.length ? [`rows (from 1): ${r.unargmaxable.slice(0, 50).map((i) => i + 1).join(' ')}${r.unargmaxable.length > 50 ? ' …' : ''}`] : []),
    `witnesses checked: ${r.witnessesChecked - r.witnessFailures.length} of ${r.witnessesChecked}`,
    ...r.notes.map(englishText),
    `${round(r.timings.totalMs)} ms`,
  ];
  return `${lines.join('\n')}\n`;
}
