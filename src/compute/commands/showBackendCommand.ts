// "Kexue: Show Compute Backend": adapter, limits and the last job's timings, in the Kexue Compute channel.
import * as vscode from 'vscode';
import type { Command } from '../../commands/commandManager';
import { backendLabel } from '../../core/compute/presentResult';
import { type ComputeService, errorText } from '../computeService';
import { CommandIds } from '../../commands/commandIds';
import { translated, translatedAll } from '../../core/l10n/localizable';


export class ShowBackendCommand implements Command {
  readonly id = CommandIds.computeShowBackend;

  constructor(
    private readonly service: ComputeService,
    private readonly channel: vscode.OutputChannel,
  ) {}

  /** Returns the report it printed. */
  async execute(): Promise<string> {
    const settings = this.service.currentSettings();
    const lines = [`── ${vscode.l10n.t('Kexue compute backend')} (${new Date().toISOString()})`];
    try {
      const info = await this.service.info();
      const a = info.gpu.adapter;
      if (a) {
        lines.push(vscode.l10n.t('GPU adapter: {0}', `${a.description || a.device} — vendor ${a.vendor}, architecture ${a.architecture}${a.isFallbackAdapter ? ' (fallback/software adapter)' : ''}`));
      } else {
        lines.push(vscode.l10n.t('GPU adapter: none ({0})', info.gpu.reason ? translated(info.gpu.reason, vscode.l10n.t) : '?'));
      }
    } catch (error) {
      lines.push(vscode.l10n.t('The compute helper did not answer: {0}', errorText(error)));
    }
    const l = settings.limits;
    lines.push(
      vscode.l10n.t('Backend setting (kexueReader.compute.backend): {0}', settings.backend),
      vscode.l10n.t('Limits: matrices up to {0}×{1} (maxMatrixSize), state size N ≤ {2} (maxStateSize), kernel/signal length L ≤ {3} (maxKernelLength), channels ≤ {4} (maxChannels)', l.maxRows, l.maxCols, l.maxN, l.maxL, l.maxChannels),
    );
    const job = this.service.lastJob;
    if (job) {
      const r = job.response;
      const phases = Object.entries(r.timings.phases).map(([name, ms]) => `${name} ${ms.toFixed(2)} ms`).join(', ');
      lines.push(
        vscode.l10n.t('Last job: {0} on {1}', job.request, backendLabel(r.backend, r.adapter)),
        vscode.l10n.t('  helper time {0} ms (phases: {1}); round trip {2} ms', r.timings.totalMs.toFixed(2), phases || '—', job.roundTripMs.toFixed(1)),
        ...translatedAll(r.notes, vscode.l10n.t).map((text) => `  ${text}`),
      );
    } else {
      lines.push(vscode.l10n.t('No job has run yet.'));
    }
    const report = lines.join('\n');
    this.channel.appendLine(report);
    this.channel.show(true);
    return report;
  }
}
