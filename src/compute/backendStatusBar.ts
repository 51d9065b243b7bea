// Status bar: which backend the last job ran on (the adapter's name, or CPU), and the preference.
import * as vscode from 'vscode';
import { backendLabel } from '../core/compute/presentResult';
import type { ComputeService, FinishedJob } from './computeService';
import { COMPUTE_SECTION } from './computeSettings';
import { CommandIds } from '../commands/commandIds';

export class BackendStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kexueReader.compute.backend', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private lastJob: FinishedJob | undefined;

  constructor(private readonly service: ComputeService) {
    this.item.name = vscode.l10n.t('Kexue Compute Backend');
    this.item.command = CommandIds.computeShowBackend;
    this.disposables.push(
      service.onDidFinishJob((job) => {
        this.lastJob = job;
        this.update();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(COMPUTE_SECTION)) this.update();
      }),
    );
    this.update();
  }

  /** The text shown, for tests. */
  get text(): string {
    return this.item.text;
  }

  private update(): void {
    const preference = this.service.currentSettings().backend;
    const job = this.lastJob;
    this.item.text = job ? `$(chip) ${backendLabel(job.response.backend, job.response.adapter)}` : `$(chip) ${vscode.l10n.t('Compute: {0}', preference)}`;
    this.item.tooltip = job
      ? vscode.l10n.t('Last compute job ran on {0} in {1} ms (setting kexueReader.compute.backend: {2}). Click for details.', backendLabel(job.response.backend, job.response.adapter), job.response.timings.totalMs.toFixed(1), preference)
      : vscode.l10n.t('No compute job has run yet (setting kexueReader.compute.backend: {0}). Click for details.', preference);
    // Only where it matters: after a job, or while a Markdown post is open.
    if (job || vscode.window.activeTextEditor?.document.languageId === 'markdown') this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
