// "Kexue: msign by Newton–Schulz…" and "Kexue: Matrix Square Root…": the selected (or typed) matrix,
// the iteration's choices, the result with its error per iteration in the Compute Results panel.
import * as vscode from 'vscode';
import type { Command } from '../../commands/commandManager';
import type { MatfunBlock, MsignBlock } from '../../core/compute/algorithmBlocks';
import type { ComputeBlockResult } from '../../core/compute/presentation';
import type { MatrixFunction } from '../../core/numerics/matrixFunctions';
import { MAX_MSIGN_ITERATIONS, type MsignCoefficients } from '../../core/numerics/msign';
import type { ComputeJobs } from '../computeJobs';
import type { InlineResults } from '../inlineResults';
import type { ResultsPanel } from '../resultsPanel';
import { askWholeNumber } from './prompts';
import { isBlockOf, runAlgorithm, selectedOrTypedMatrix, selectionSource } from './runAlgorithm';
import { CommandIds } from '../../commands/commandIds';

export const MSIGN_COMMAND = CommandIds.computeMsign;
export const MATFUN_COMMAND = CommandIds.computeMatfun;

export class MsignCommand implements Command {
  readonly id = MSIGN_COMMAND;

  constructor(
    private readonly jobs: ComputeJobs,
    private readonly panel: ResultsPanel,
    private readonly inline: InlineResults,
  ) {}

  async execute(given?: unknown): Promise<ComputeBlockResult | undefined> {
    // A matrix selected in the editor: the result also goes after it, as the pseudo-inverse's does.
    const source = isBlockOf(given, 'msign') ? undefined : selectionSource(this.inline);
    const spec = isBlockOf(given, 'msign') ? given : await this.ask();
    return spec ? runAlgorithm(this.jobs, this.panel, spec, source) : undefined;
  }

  private async ask(): Promise<MsignBlock | undefined> {
    const title = vscode.l10n.t('msign by Newton–Schulz');
    const matrixText = await selectedOrTypedMatrix(this.jobs, title, '[[1, 2], [3, 4], [5, 6]]');
    if (matrixText === undefined) return undefined;
    const items: (vscode.QuickPickItem & { coefficients: MsignCoefficients })[] = [
      { coefficients: 'cubic', label: vscode.l10n.t('Cubic: X ← 1.5X − 0.5XXᵀX'), description: vscode.l10n.t('converges to U Vᵀ') },
      { coefficients: 'muon', label: vscode.l10n.t('Muon\'s quintic (3.4445, −4.7750, 2.0315)'), description: vscode.l10n.t('fast, but σ ends in about [0.7, 1.2]') },
    ];
    const picked = await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true, placeHolder: vscode.l10n.t('Iteration') });
    if (!picked) return undefined;
    const iterations = await askWholeNumber({
      title,
      prompt: vscode.l10n.t('Iterations (optional: empty runs the cubic until it converges, Muon\'s quintic 5 times)'),
      value: '',
      min: 0,
      max: MAX_MSIGN_ITERATIONS,
      optional: true,
    });
    if (iterations === undefined) return undefined;
    return { kind: 'msign', matrixText, coefficients: picked.coefficients, iterations: iterations ?? undefined };
  }
}

export class MatfunCommand implements Command {
  readonly id = MATFUN_COMMAND;

  constructor(
    private readonly jobs: ComputeJobs,
    private readonly panel: ResultsPanel,
    private readonly inline: InlineResults,
  ) {}

  async execute(given?: unknown): Promise<ComputeBlockResult | undefined> {
    // A matrix selected in the editor: the result also goes after it, as the pseudo-inverse's does.
    const source = isBlockOf(given, 'matfun') ? undefined : selectionSource(this.inline);
    const spec = isBlockOf(given, 'matfun') ? given : await this.ask();
    return spec ? runAlgorithm(this.jobs, this.panel, spec, source) : undefined;
  }

  private async ask(): Promise<MatfunBlock | undefined> {
    const title = vscode.l10n.t('Matrix square root');
    const matrixText = await selectedOrTypedMatrix(this.jobs, title, '[[4, 1], [1, 3]]');
    if (matrixText === undefined) return undefined;
    const items: (vscode.QuickPickItem & { fn: MatrixFunction })[] = [
      { fn: 'sqrt', label: 'A^½', description: vscode.l10n.t('square root of a symmetric positive definite A') },
      { fn: 'invsqrt', label: 'A^−½', description: vscode.l10n.t('inverse square root') },
    ];
    const picked = await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true, placeHolder: vscode.l10n.t('Function (coupled Newton–Schulz, checked against an eigendecomposition)') });
    return picked ? { kind: 'matfun', fn: picked.fn, matrixText } : undefined;
  }
}
