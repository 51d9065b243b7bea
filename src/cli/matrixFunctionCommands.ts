// `kexue compute msign …` and `kexue compute matfun …`: Newton–Schulz on a matrix given inline or in a file.
import { counted } from './counted';
import { readFileSync } from 'node:fs';
import { validateRequest } from '../core/numerics/limits';
import { MATRIX_FUNCTIONS, type MatrixFunction } from '../core/numerics/matrixFunctions';
import { toRows } from '../core/numerics/matrix';
import { MAX_MSIGN_ITERATIONS, MSIGN_COEFFICIENTS, type MsignCoefficients } from '../core/numerics/msign';
import { parseMatrix, type ParsedMatrix } from '../core/numerics/parseMatrix';
import type { MatfunResponse, MsignResponse } from '../core/protocol/compute';
import { backendOf, formatRows, positiveInteger, round, UsageError, computeJob, type ParsedArgs } from './computeSupport';
import { englishText } from '../core/l10n/localizable';

function matrixArgument(flags: Map<string, string>): ParsedMatrix {
  const inline = flags.get('matrix');
  const file = flags.get('matrix-file');
  if ((inline === undefined) === (file === undefined)) throw new UsageError('give exactly one of --matrix or --matrix-file');
  const parsed = parseMatrix(inline ?? readFileSync(file as string, 'utf8'));
  validateRequest({ kind: 'pinv', rows: parsed.matrix.rows, cols: parsed.matrix.cols });
  return parsed;
}

export async function msignCommand({ flags, switches }: ParsedArgs): Promise<number> {
  const coefficients = flags.get('coefficients') ?? 'cubic';
  if (!(MSIGN_COEFFICIENTS as readonly string[]).includes(coefficients)) throw new UsageError(`--coefficients must be cubic or muon, got "${coefficients}"`);
  const iterations = positiveInteger(flags, 'iterations');
  if (iterations !== undefined && (iterations < 0 || iterations > MAX_MSIGN_ITERATIONS)) throw new UsageError(`--iterations must be from 0 to ${MAX_MSIGN_ITERATIONS}, got ${iterations}`);
  const { matrix } = matrixArgument(flags);
  const response = await computeJob({ type: 'msign', matrix, coefficients: coefficients as MsignCoefficients, iterations, backend: backendOf(flags) });
  process.stdout.write(switches.has('json') ? `${JSON.stringify(msignJson(response))}\n` : msignText(response));
  return 0;
}

/** The fixed contract: exactly these keys, in this order. */
export function msignJson(r: MsignResponse) {
  return { backend: r.backend, msign: toRows(r.msign), iterations: r.iterations, errors: Array.from(r.errors), ms: round(r.timings.totalMs) };
}

function msignText(r: MsignResponse): string {
  const lines = [
    `msign by ${r.coefficients} Newton–Schulz — backend ${r.backend}, ${counted(r.iterations, 'iteration')}${r.converged ? ' (converged)' : ''}`,
    ...formatRows(r.msign),
    `‖X_k − U Vᵀ‖/‖U Vᵀ‖ per iteration: ${Array.from(r.errors, (e) => e.toExponential(2)).join(' ')}`,
    `singular values of the result: ${Math.min(...r.finalSingularValues).toPrecision(4)} … ${Math.max(...r.finalSingularValues).toPrecision(4)}`,
    ...r.notes.map(englishText),
    `${round(r.timings.totalMs)} ms`,
  ];
  return `${lines.join('\n')}\n`;
}

export async function matfunCommand({ flags, switches }: ParsedArgs): Promise<number> {
  const fn = flags.get('fn');
  if (fn === undefined || !(MATRIX_FUNCTIONS as readonly string[]).includes(fn)) throw new UsageError(`--fn must be sqrt or invsqrt${fn === undefined ? '' : `, got "${fn}"`}`);
  const { matrix } = matrixArgument(flags);
  if (matrix.rows !== matrix.cols) throw new UsageError(`matfun needs a square (symmetric positive definite) matrix, got ${matrix.rows}×${matrix.cols}`);
  const response = await computeJob({ type: 'matfun', fn: fn as MatrixFunction, matrix, backend: backendOf(flags) });
  process.stdout.write(switches.has('json') ? `${JSON.stringify(matfunJson(response))}\n` : matfunText(response));
  return 0;
}

export function matfunJson(r: MatfunResponse) {
  return {
    backend: r.backend,
    fn: r.fn,
    value: toRows(r.value),
    iterations: r.iterations,
    residuals: Array.from(r.residuals),
    ...(r.errorVsEigen !== undefined ? { errorVsEigen: r.errorVsEigen } : {}),
    ms: round(r.timings.totalMs),
    notes: r.notes.map(englishText),
  };
}

function matfunText(r: MatfunResponse): string {
  const lines = [
    `${r.fn === 'sqrt' ? 'A^½' : 'A^−½'} by coupled Newton–Schulz — backend ${r.backend}, ${counted(r.iterations, 'iteration')}`,
    ...formatRows(r.value),
    ...(r.errorVsEigen !== undefined ? [`relative difference from the eigendecomposition: ${r.errorVsEigen.toExponential(2)}`] : []),
    ...r.notes.map(englishText),
    `${round(r.timings.totalMs)} ms`,
  ];
  return `${lines.join('\n')}\n`;
}
