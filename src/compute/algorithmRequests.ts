// The later algorithms' blocks (or their commands' answers) → helper requests, and their titles.
import * as vscode from 'vscode';
import { backendFor, type AlgorithmBlock } from '../core/compute/algorithmBlocks';
import { ComputeLimitError } from '../core/compute/limitSettings';
import { randomGaussianMatrix } from '../core/numerics/argmax';
import type { BackendChoice } from '../core/protocol/compute';
import { readMatrix } from './matrixInput';
import type { JobRequestInput } from './computeService';
import type { ComputeSettings } from './computeSettings';

export function algorithmRequest(spec: AlgorithmBlock, settings: ComputeSettings): JobRequestInput {
  const backend: BackendChoice = backendFor(spec.kind, spec.backend, settings.backend);
  switch (spec.kind) {
    case 'msign':
      return { type: 'msign', matrix: readMatrix(spec.matrixText, settings.limits).matrix, coefficients: spec.coefficients ?? 'cubic', iterations: spec.iterations, backend };
    case 'matfun':
      return { type: 'matfun', fn: spec.fn, matrix: readMatrix(spec.matrixText, settings.limits).matrix, backend };
    case 'schedule':
      return { type: 'schedule', kind: spec.schedule, steps: spec.steps, ddim: spec.ddim, backend };
    case 'rope':
      return { type: 'rope', dim: spec.dim, base: spec.base, scale: spec.scale, method: spec.method, trainedLength: spec.trained, backend };
    case 'argmax': {
      if (spec.random) {
        // Checked against the matrix limit before the random W is made.
        readMatrixShape(spec.random.n, spec.random.d, settings);
        return { type: 'argmax', matrix: randomGaussianMatrix(spec.random.n, spec.random.d, spec.seed ?? 1), backend };
      }
      return { type: 'argmax', matrix: readMatrix(spec.matrixText ?? '', settings.limits).matrix, backend };
    }
  }
}

function readMatrixShape(rows: number, cols: number, settings: ComputeSettings): void {
  const max = settings.limits.maxRows;
  if (rows > max || cols > settings.limits.maxCols) {
    throw new ComputeLimitError(vscode.l10n.t('A random W of {0}×{1} is above the matrix limit {2} (setting kexueReader.compute.maxMatrixSize).', rows, cols, max), 'kexueReader.compute.maxMatrixSize');
  }
}

export function algorithmJobTitle(spec: AlgorithmBlock): string {
  switch (spec.kind) {
    case 'msign':
      return vscode.l10n.t('Computing msign by Newton–Schulz…');
    case 'matfun':
      return vscode.l10n.t('Computing the matrix square root…');
    case 'schedule':
      return vscode.l10n.t('Computing the diffusion schedule…');
    case 'rope':
      return vscode.l10n.t('Computing RoPE frequencies…');
    case 'argmax':
      return vscode.l10n.t('Solving one linear program per class…');
  }
}

export function algorithmSpecTitle(spec: AlgorithmBlock): string {
  switch (spec.kind) {
    case 'msign':
      return vscode.l10n.t('msign by Newton–Schulz ({0})', spec.coefficients ?? 'cubic');
    case 'matfun':
      return spec.fn === 'sqrt' ? vscode.l10n.t('Matrix square root A^½') : vscode.l10n.t('Inverse square root A^−½');
    case 'schedule':
      return vscode.l10n.t('Diffusion schedule ({0}, T = {1})', spec.schedule, spec.steps);
    case 'rope':
      return vscode.l10n.t('RoPE (d = {0}, b = {1})', spec.dim, spec.base);
    case 'argmax':
      return spec.random ? vscode.l10n.t('Unargmaxable classes (random W, {0}×{1})', spec.random.n, spec.random.d) : vscode.l10n.t('Unargmaxable classes');
  }
}
