// A compute block's spec → the helper request. One builder for ```kexue-compute``` blocks, the palette
// commands (whose answers take a block's shape) and the CLI's flags, so the three cannot drift apart:
// the same matrix reader with the same limits, the same choice of exact and comparison routes, the same
// signal shape checked before its samples are made.
import { EXACT_MAX, validateRequest, type ComputeLimits, type SizedRequest } from '../numerics/limits';
import { formatRationalMatrix } from '../numerics/exactPinv';
import { parseMatrix, type ParsedMatrix } from '../numerics/parseMatrix';
import type { BackendChoice, JobRequest, PinvRequest, Unidentified } from '../protocol/compute';
import type { ApproximateBlock, HippoBlock, PinvBlock } from './blockParams';
import { signalSamples, signalShape } from './signals';

export type PinvRoute = NonNullable<PinvRequest['routes']>[number];
export const PINV_ROUTES: readonly PinvRoute[] = ['eigen', 'epsilon', 'newtonSchulz'];

/** The post's routes to A⁺ are compared with the SVD for matrices up to this size (each costs a few n³). */
export const ROUTES_MAX_DIMENSION = 64;

export interface JobRequestOptions {
  readonly limits: ComputeLimits;
  /** Used when the spec names no backend. */
  readonly backend: BackendChoice;
  /** Size check before anything is allocated; default validateRequest (the host passes one naming its settings). */
  readonly checkSize?: (request: SizedRequest) => void;
  /** Reads the matrix (the host wraps parseMatrix to localise its errors); default parseMatrix. */
  readonly readMatrix?: (text: string, limits: ComputeLimits, exact: boolean) => ParsedMatrix;
  /**
   * The CLI's --exact and --routes: exact arithmetic required (not only used where it applies), and the
   * routes named. Blocks and commands leave this out and get exact/routes wherever they are cheap.
   */
  readonly pinv?: { readonly requireExact?: boolean; readonly routes?: readonly PinvRoute[] };
}

/** A pinv the CLI asked to do exactly but whose cells are not all exact rationals. */
export class ExactCellsError extends Error {
  override readonly name = 'ExactCellsError';
}

/** The pseudo-inverse and HiPPO jobs; the later algorithms build theirs in compute/algorithmRequests. */
export function jobRequestFor(spec: ApproximateBlock | HippoBlock | PinvBlock, options: JobRequestOptions): Unidentified<JobRequest> {
  const backend: BackendChoice = spec.backend ?? options.backend;
  const checkSize = options.checkSize ?? ((request: SizedRequest) => validateRequest(request, options.limits));
  switch (spec.kind) {
    case 'pinv': {
      const requireExact = options.pinv?.requireExact === true;
      const read = options.readMatrix ?? ((text, limits, exact) => parseMatrix(text, limits, { exact }));
      // With exact required, the 8×8 limit is checked with the shape, before any cell is read.
      const parsed = read(spec.matrixText, options.limits, requireExact);
      const { rows, cols } = parsed.matrix;
      if (requireExact && !parsed.rational) throw new ExactCellsError('exact arithmetic needs every cell to be an exact rational (integers, decimals or \\frac{a}{b})');
      // The exact rational route is cheap up to 8×8 and gives the fractions a reader can check by hand;
      // the post's other routes are cheap up to ROUTES_MAX_DIMENSION. Both run on the CPU, so a job sent
      // to the GPU goes without them (the GPU answers with its own Newton–Schulz).
      const onCpu = backend !== 'gpu';
      const exact = requireExact || (onCpu && spec.exact !== false && parsed.rational !== undefined && rows <= EXACT_MAX && cols <= EXACT_MAX);
      const routes = options.pinv?.routes ?? (onCpu && spec.routes !== false && rows <= ROUTES_MAX_DIMENSION && cols <= ROUTES_MAX_DIMENSION ? PINV_ROUTES : undefined);
      return {
        type: 'pinv',
        matrix: parsed.matrix,
        backend,
        tolerance: spec.tolerance,
        exactCells: exact && parsed.rational ? formatRationalMatrix(parsed.rational) : undefined,
        routes: routes && routes.length > 0 ? routes : undefined,
      };
    }
    case 'hippo':
      checkSize({ kind: 'hippo', n: spec.n, kernelLength: spec.kernelLength });
      return { type: 'hippo', measure: spec.measure, n: spec.n, discretization: spec.discretization, kernelLength: spec.kernelLength, backend };
    case 'approximate': {
      const { length, channels } = signalShape(spec.signal);
      // Before a generated signal is allocated: `length` and `channels` are the spec's own numbers.
      checkSize({ kind: 'approximate', n: spec.n, length, channels });
      const signal = signalSamples(spec.signal);
      return { type: 'approximate', measure: spec.measure, n: spec.n, signal, channels, dt: spec.dt ?? 1 / length, window: spec.window, method: spec.method, backend };
    }
  }
}
