// "Kexue: HiPPO Matrices…": measure, N, optional discretisation and kernel length → A, B, eigenvalues
// and the S4 kernel in the Compute Results panel.
import * as vscode from 'vscode';
import type { Command } from '../../commands/commandManager';
import type { HippoBlock } from '../../core/compute/blockParams';
import type { ComputeBlockResult } from '../../core/compute/presentation';
import { DISCRETIZATIONS, type Discretization } from '../../core/numerics/discretize';
import type { HippoMeasure } from '../../core/numerics/hippo';
import { specTitle, type ComputeJobs } from '../computeJobs';
import type { ResultsPanel } from '../resultsPanel';
import { askPositiveNumber, askWholeNumber } from './prompts';
import { CommandIds } from '../../commands/commandIds';


interface MeasureItem extends vscode.QuickPickItem {
  readonly measure: HippoMeasure;
}

function measureItems(): MeasureItem[] {
  return [
    { measure: 'legs', label: 'LegS', description: vscode.l10n.t('scaled Legendre, state-spaces/s4 convention'), detail: 'A[n,k] = −√((2n+1)(2k+1)) (n > k), −(n+1) (n = k); B[n] = √(2n+1)' },
    { measure: 'legt', label: 'LegT', description: vscode.l10n.t('translated Legendre, state-spaces/s4 convention (halved: window length 2)'), detail: 'A[n,k] = −½√((2n+1)(2k+1))·(1 or (−1)^(n−k)); B[n] = ½√(2n+1)' },
    { measure: 'lagt', label: 'LagT', description: vscode.l10n.t('translated Laguerre, state-spaces/s4 convention, β = 1'), detail: 'A = I/2 − tril(ones); B = ones' },
    { measure: 'fout', label: 'FouT', description: vscode.l10n.t('translated Fourier, state-spaces/s4 convention (even N)'), detail: 'A = π(diag(d,−1) − diag(d,1)) − B·Bᵀ; B = [1, 0, √2, 0, …]' },
    { measure: 'legt-post', label: vscode.l10n.t('LegT (post)'), description: vscode.l10n.t('重温SSM(一) convention: basis √((2n+1)/2)·pₙ, window 1'), detail: 'A[n,k] = −√((2n+1)(2k+1))·(1 or (−1)^(n−k)); B[n] = √(2(2n+1))' },
  ];
}

export class HippoCommand implements Command {
  readonly id = CommandIds.computeHippo;

  constructor(
    private readonly jobs: ComputeJobs,
    private readonly panel: ResultsPanel,
  ) {}

  /** A HippoBlock skips the questions (scripts, tests). */
  async execute(given?: unknown): Promise<ComputeBlockResult | undefined> {
    const spec = isHippoBlock(given) ? given : await this.ask();
    if (!spec) return undefined;
    try {
      const result = await this.jobs.run(spec);
      this.panel.show(specTitle(spec), result.presentation);
      return result;
    } catch (error) {
      this.jobs.report(error);
      return undefined;
    }
  }

  private async ask(): Promise<HippoBlock | undefined> {
    const title = vscode.l10n.t('HiPPO matrices');
    const picked = await vscode.window.showQuickPick(measureItems(), { title, ignoreFocusOut: true, placeHolder: vscode.l10n.t('Measure (the convention is in each description)'), matchOnDescription: true });
    if (!picked) return undefined;
    const maxN = this.jobs.service.currentSettings().limits.maxN;
    const n = await askWholeNumber({ title, prompt: vscode.l10n.t('State size N (1 … {0}, setting kexueReader.compute.maxStateSize)', maxN), value: '16', min: 1, max: maxN, even: picked.measure === 'fout' });
    if (n === undefined || n === null) return undefined;
    const none = vscode.l10n.t('None: continuous A and B only');
    const method = await vscode.window.showQuickPick([none, ...DISCRETIZATIONS], { title, ignoreFocusOut: true, placeHolder: vscode.l10n.t('Discretisation (optional)') });
    if (method === undefined) return undefined;
    if (method === none) return { kind: 'hippo', measure: picked.measure, n };
    if (picked.measure === 'legs') {
      const step = await askWholeNumber({
        title,
        prompt: vscode.l10n.t('Time-varying step k (optional): Ā_k, B̄_k of (A/t, B/t) at t = kΔ; leave empty for the time-invariant (A, B), as S4 discretises it'),
        value: '',
        min: 1,
        max: Number.MAX_SAFE_INTEGER,
        optional: true,
      });
      if (step === undefined) return undefined;
      // Δ cancels in A/t·Δ = A/k: no question about it, and no kernel (Ā changes every step).
      if (step !== null) return { kind: 'hippo', measure: 'legs', n, discretization: { method: method as Discretization, dt: 1, step } };
    }
    const dt = await askPositiveNumber({ title, prompt: vscode.l10n.t('Step Δ (> 0)'), value: '0.01', invalid: vscode.l10n.t('Δ must be a number greater than 0') });
    if (dt === undefined || dt === null) return undefined;
    const maxL = this.jobs.service.currentSettings().limits.maxL;
    const kernelLength = await askWholeNumber({ title, prompt: vscode.l10n.t('Kernel length L (optional, 1 … {0}; leave empty for none)', maxL), value: '1024', min: 1, max: maxL, optional: true });
    if (kernelLength === undefined) return undefined;
    return { kind: 'hippo', measure: picked.measure, n, discretization: { method: method as Discretization, dt }, kernelLength: kernelLength ?? undefined };
  }
}

function isHippoBlock(value: unknown): value is HippoBlock {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'hippo';
}
