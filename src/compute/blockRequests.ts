// A parsed block (or a command's answers, which take the same shape) → the helper request.
// Matrices are parsed here with the user's limits, so an oversize paste is refused before it is sent.
import * as vscode from 'vscode';
import type { ComputeBlockSpec } from '../core/compute/blockParams';
import { checkLimits, limitErrorFor } from '../core/compute/limitSettings';
import { signalSamples, signalShape } from '../core/compute/signals';
import { EXACT_MAX_DIMENSION, formatRationalMatrix } from '../core/numerics/exactPinv';
import { LimitError, type ComputeLimits } from '../core/numerics/limits';
import { MatrixParseError, parseMatrix, type ParsedMatrix } from '../core/numerics/parseMatrix';
import type { BackendChoice } from '../core/protocol/compute';
import { algorithmJobTitle, algorithmRequest } from './algorithmRequests';
import { settingHint, type JobRequestInput } from './computeService';
import type { ComputeSettings } from './computeSettings';

/** A matrix that could not be read; the message names the cell (from parseMatrix). */
export class MatrixInputError extends Error {
  override readonly name = 'MatrixInputError';
}

export function readMatrix(text: string, limits: ComputeLimits): ParsedMatrix {
  try {
    return parseMatrix(text, limits);
  } catch (error) {
    if (error instanceof LimitError) throw limitErrorFor(error, 'maxMatrixSize', /above the limit/.test(error.message), settingHint);
    if (error instanceof MatrixParseError) throw new MatrixInputError(vscode.l10n.t('Cannot read the matrix: {0}', error.message));
    throw error;
  }
}

/** The post's routes to A⁺ are compared with the SVD for matrices up to this size (each costs a few n³). */
export const ROUTES_MAX_DIMENSION = 64;
const ALL_ROUTES = ['eigen', 'epsilon', 'newtonSchulz'] as const;

export function requestFor(spec: ComputeBlockSpec, settings: ComputeSettings): JobRequestInput {
  const backend: BackendChoice = spec.backend ?? settings.backend;
  switch (spec.kind) {
    case 'pinv': {
      const parsed = readMatrix(spec.matrixText, settings.limits);
      const { rows, cols } = parsed.matrix;
      // The exact rational route is cheap up to 8×8 and gives the fractions a reader can check by hand;
      // the post's other routes are cheap up to ROUTES_MAX_DIMENSION. Both run on the CPU, so a job the
      // user sent to the GPU goes without them (the GPU answers with its own Newton–Schulz).
      const onCpu = backend !== 'gpu';
      const exact = onCpu && spec.exact !== false && parsed.rational !== undefined && rows <= EXACT_MAX_DIMENSION && cols <= EXACT_MAX_DIMENSION;
      const routes = onCpu && spec.routes !== false && rows <= ROUTES_MAX_DIMENSION && cols <= ROUTES_MAX_DIMENSION;
      return {
        type: 'pinv',
        matrix: parsed.matrix,
        backend,
        tolerance: spec.tolerance,
        exactCells: exact && parsed.rational ? formatRationalMatrix(parsed.rational) : undefined,
        routes: routes ? ALL_ROUTES : undefined,
      };
    }
    case 'hippo':
      return { type: 'hippo', measure: spec.measure, n: spec.n, discretization: spec.discretization, kernelLength: spec.kernelLength, backend };
    case 'approximate': {
      const { length, channels } = signalShape(spec.signal);
      // Before a generated signal is allocated: `length` and `channels` are the block's own numbers.
      checkLimits({ kind: 'approximate', n: spec.n, length, channels }, settings.limits, settingHint);
      const signal = signalSamples(spec.signal);
      return { type: 'approximate', measure: spec.measure, n: spec.n, signal, channels, dt: spec.dt ?? 1 / length, window: spec.window, method: spec.method, backend };
    }
    default:
      return algorithmRequest(spec, settings);
  }
}

export function jobTitle(spec: ComputeBlockSpec): string {
  switch (spec.kind) {
    case 'pinv':
      return vscode.l10n.t('Computing the pseudo-inverse…');
    case 'hippo':
      return vscode.l10n.t('Computing HiPPO matrices (N={0})…', spec.n);
    case 'approximate':
      return vscode.l10n.t('Running the online approximation (N={0})…', spec.n);
    default:
      return algorithmJobTitle(spec);
  }
}
