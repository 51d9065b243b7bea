// "Kexue: Diffusion Schedule…" and "Kexue: RoPE Frequencies…": a few questions, then the tables plotted.
import * as vscode from 'vscode';
import type { Command } from '../../commands/commandManager';
import type { RopeBlock, ScheduleBlock } from '../../core/compute/algorithmBlocks';
import type { ComputeBlockResult } from '../../core/compute/presentation';
import { MAX_ROPE_DIM, type RopeMethod } from '../../core/numerics/rope';
import { MAX_SCHEDULE_STEPS, type ScheduleKind } from '../../core/numerics/schedules';
import type { ComputeJobs } from '../computeJobs';
import type { ResultsPanel } from '../resultsPanel';
import { askPositiveNumber, askWholeNumber } from './prompts';
import { isBlockOf, runAlgorithm } from './runAlgorithm';
import { CommandIds } from '../../commands/commandIds';

export const SCHEDULE_COMMAND = CommandIds.computeSchedule;
export const ROPE_COMMAND = CommandIds.computeRope;

export class ScheduleCommand implements Command {
  readonly id = SCHEDULE_COMMAND;

  constructor(
    private readonly jobs: ComputeJobs,
    private readonly panel: ResultsPanel,
  ) {}

  async execute(given?: unknown): Promise<ComputeBlockResult | undefined> {
    const spec = isBlockOf(given, 'schedule') ? given : await this.ask();
    return spec ? runAlgorithm(this.jobs, this.panel, spec) : undefined;
  }

  private async ask(): Promise<ScheduleBlock | undefined> {
    const title = vscode.l10n.t('Diffusion schedule');
    const items: (vscode.QuickPickItem & { schedule: ScheduleKind })[] = [
      { schedule: 'linear', label: vscode.l10n.t('Linear β (DDPM)'), description: 'β: 1e-4 → 0.02' },
      { schedule: 'cosine', label: vscode.l10n.t('Cosine ᾱ (Nichol & Dhariwal)'), description: 's = 0.008, β ≤ 0.999' },
    ];
    const picked = await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true });
    if (!picked) return undefined;
    const steps = await askWholeNumber({ title, prompt: vscode.l10n.t('Steps T (1 … {0})', MAX_SCHEDULE_STEPS), value: '1000', min: 1, max: MAX_SCHEDULE_STEPS });
    if (steps === undefined || steps === null) return undefined;
    const ddim = await askWholeNumber({ title, prompt: vscode.l10n.t('DDIM steps S (optional, 1 … {0})', steps), value: '50', min: 1, max: steps, optional: true });
    if (ddim === undefined) return undefined;
    return { kind: 'schedule', schedule: picked.schedule, steps, ddim: ddim ?? undefined };
  }
}

export class RopeCommand implements Command {
  readonly id = ROPE_COMMAND;

  constructor(
    private readonly jobs: ComputeJobs,
    private readonly panel: ResultsPanel,
  ) {}

  async execute(given?: unknown): Promise<ComputeBlockResult | undefined> {
    const spec = isBlockOf(given, 'rope') ? given : await this.ask();
    return spec ? runAlgorithm(this.jobs, this.panel, spec) : undefined;
  }

  private async ask(): Promise<RopeBlock | undefined> {
    const title = vscode.l10n.t('RoPE');
    const dim = await askWholeNumber({ title, prompt: vscode.l10n.t('Head dimension d (even, 2 … {0})', MAX_ROPE_DIM), value: '128', min: 2, max: MAX_ROPE_DIM });
    if (dim === undefined || dim === null) return undefined;
    const base = await askPositiveNumber({ title, prompt: vscode.l10n.t('Base b (> 1)'), value: '10000', invalid: vscode.l10n.t('The base must be a number greater than 1') });
    if (base === undefined || base === null) return undefined;
    const scale = await askPositiveNumber({ title, prompt: vscode.l10n.t('Context extension factor κ (optional, ≥ 1)'), value: '', optional: true, invalid: vscode.l10n.t('κ must be a number ≥ 1') });
    if (scale === undefined) return undefined;
    if (scale === null) return { kind: 'rope', dim, base };
    const items: (vscode.QuickPickItem & { method: RopeMethod })[] = [
      { method: 'ntk', label: vscode.l10n.t('NTK-aware'), description: "b' = b·κ^(d/(d−2))" },
      { method: 'pi', label: vscode.l10n.t('Position interpolation'), description: "θ' = θ/κ" },
      { method: 'yarn', label: 'YaRN', description: vscode.l10n.t('ramp by rotations in the trained length') },
    ];
    const picked = await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true });
    return picked ? { kind: 'rope', dim, base, scale, method: picked.method } : undefined;
  }
}
