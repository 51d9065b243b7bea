// A parsed block (or a command's answers, which take the same shape) → the helper request, through
// core's jobRequestFor (the CLI's builder too), with the user's limits and messages naming the settings.
import * as vscode from 'vscode';
import type { ComputeBlockSpec } from '../core/compute/blockParams';
import { jobRequestFor } from '../core/compute/jobRequests';
import { checkLimits } from '../core/compute/limitSettings';
import { algorithmJobTitle, algorithmRequest } from './algorithmRequests';
import { settingHint, type JobRequestInput } from './computeService';
import type { ComputeSettings } from './computeSettings';
import { readMatrix } from './matrixInput';

export { MatrixInputError, readMatrix } from './matrixInput';

export { ROUTES_MAX_DIMENSION } from '../core/compute/jobRequests';

export function requestFor(spec: ComputeBlockSpec, settings: ComputeSettings): JobRequestInput {
  return spec.kind === 'pinv' || spec.kind === 'hippo' || spec.kind === 'approximate'
    ? jobRequestFor(spec, {
        limits: settings.limits,
        backend: settings.backend,
        checkSize: (request) => checkLimits(request, settings.limits, settingHint),
        readMatrix: (text, limits) => readMatrix(text, limits),
      })
    : algorithmRequest(spec, settings);
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
