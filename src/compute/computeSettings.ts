// The user's compute settings, read fresh for every job (a change applies to the next one).
import * as vscode from 'vscode';
import { limitsFromSettings } from '../core/compute/limitSettings';
import type { ComputeLimits } from '../core/numerics/limits';
import type { BackendChoice } from '../core/protocol/compute';

export const COMPUTE_SECTION = 'kexueReader.compute';

export interface ComputeSettings {
  readonly backend: BackendChoice;
  readonly limits: ComputeLimits;
}

export function readComputeSettings(): ComputeSettings {
  const config = vscode.workspace.getConfiguration(COMPUTE_SECTION);
  const backend = config.get<string>('backend', 'auto');
  return {
    backend: backend === 'gpu' || backend === 'cpu' ? backend : 'auto',
    limits: limitsFromSettings({
      maxMatrixSize: config.get<number>('maxMatrixSize'),
      maxStateSize: config.get<number>('maxStateSize'),
      maxKernelLength: config.get<number>('maxKernelLength'),
      maxChannels: config.get<number>('maxChannels'),
    }),
  };
}
