// "Kexue: Online Function Approximation": a signal (generated, or numbers selected in the editor) run
// through the HiPPO recurrence; signal, reconstruction and error plotted in the Compute Results panel.
import * as vscode from 'vscode';
import type { Command } from '../../commands/commandManager';
import { DEFAULT_APPROXIMATION, selectionSignals, type ApproximateBlock, type SignalSpec } from '../../core/compute/blockParams';
import { signalShape } from '../../core/compute/signals';
import type { ComputeBlockResult } from '../../core/compute/presentation';
import { specTitle, type ComputeJobs } from '../computeJobs';
import type { ResultsPanel } from '../resultsPanel';
import { askPositiveNumber, askWholeNumber } from './prompts';
import { CommandIds } from '../../commands/commandIds';
import { translated } from '../../core/l10n/localizable';


interface SignalItem extends vscode.QuickPickItem {
  readonly signal: SignalSpec;
}

export class ApproximateCommand implements Command {
  readonly id = CommandIds.computeApproximate;

  constructor(
    private readonly jobs: ComputeJobs,
    private readonly panel: ResultsPanel,
  ) {}

  /** An ApproximateBlock skips the questions (scripts, tests). */
  async execute(given?: unknown): Promise<ComputeBlockResult | undefined> {
    try {
      const spec = isApproximateBlock(given) ? given : await this.ask();
      if (!spec) return undefined;
      const result = await this.jobs.run(spec);
      this.panel.show(specTitle(spec), result.presentation);
      return result;
    } catch (error) {
      this.jobs.report(error);
      return undefined;
    }
  }

  private async ask(): Promise<ApproximateBlock | undefined> {
    const title = vscode.l10n.t('Online function approximation');
    const length = DEFAULT_APPROXIMATION.length;
    const items: SignalItem[] = [
      { label: vscode.l10n.t('Sine sweep'), description: vscode.l10n.t('{0} samples, 1 → 6 cycles', length), signal: { kind: 'sine', length } },
      { label: vscode.l10n.t('Step'), description: vscode.l10n.t('{0} samples, two jumps', length), signal: { kind: 'step', length } },
      { label: vscode.l10n.t('Noise'), description: vscode.l10n.t('{0} samples, uniform, seeded', length), signal: { kind: 'noise', length } },
    ];
    const editor = vscode.window.activeTextEditor;
    let placeHolder = vscode.l10n.t('Signal');
    if (editor && !editor.selection.isEmpty) {
      const text = editor.document.getText(editor.selection);
      const selected = selectionSignals(text);
      if ('notASignal' in selected) {
        // A selection left over from something else (a matrix for the pseudo-inverse) is not this
        // command's input: say why it is not offered and ask the questions as usual.
        placeHolder = vscode.l10n.t('Signal (the selection is not a list of samples: {0})', translated(selected.notASignal, vscode.l10n.t));
      } else {
        const { flat, table, columns } = selected;
        if (table && columns !== undefined) {
          // A table: each column its own signal is what a pasted spreadsheet usually means; offered first.
          items.push({
            label: vscode.l10n.t('Columns selected in the editor, one channel each'),
            description: vscode.l10n.t('{0} channels × {1} samples', columns, signalShape(table).length),
            signal: table,
          });
        }
        items.push({ label: vscode.l10n.t('Numbers selected in the editor'), description: vscode.l10n.t('{0} samples', signalShape(flat).length), signal: flat });
      }
    }
    const picked = await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true, placeHolder });
    if (!picked) return undefined;
    let signal = picked.signal;
    if (signal.kind !== 'data') {
      const maxChannels = this.jobs.service.currentSettings().limits.maxChannels;
      const channels = await askWholeNumber({
        title,
        prompt: vscode.l10n.t('Channels: how many such signals run side by side (1 … {0}; each differs in phase, jump times or seed)', maxChannels),
        value: '1',
        min: 1,
        max: maxChannels,
      });
      if (channels === undefined || channels === null) return undefined;
      if (channels > 1) signal = { ...signal, channels };
    }
    const measure = await vscode.window.showQuickPick(
      [
        { label: 'LegS', description: vscode.l10n.t('remembers the whole history, uniformly'), measure: 'legs' as const },
        { label: 'LegT', description: vscode.l10n.t('remembers a sliding window θ'), measure: 'legt' as const },
      ],
      { title, ignoreFocusOut: true, placeHolder: vscode.l10n.t('Measure') },
    );
    if (!measure) return undefined;
    let window: number | undefined;
    if (measure.measure === 'legt') {
      const theta = await askPositiveNumber({
        title,
        prompt: vscode.l10n.t('Window θ that LegT remembers: the signal spans t ∈ (0, 1], so 0.25 keeps its last quarter (empty: all of it)'),
        value: '',
        max: 1,
        optional: true,
        invalid: vscode.l10n.t('Enter a number greater than 0 and at most 1, or nothing'),
      });
      if (theta === undefined) return undefined;
      window = theta ?? undefined;
    }
    const maxN = this.jobs.service.currentSettings().limits.maxN;
    const n = await askWholeNumber({ title, prompt: vscode.l10n.t('State size N (1 … {0})', maxN), value: String(DEFAULT_APPROXIMATION.n), min: 1, max: maxN });
    if (n === undefined || n === null) return undefined;
    // dt is left to the default 1/length, so t spans (0, 1] and θ is a fraction of the signal.
    return { kind: 'approximate', measure: measure.measure, n, signal, ...(window !== undefined ? { window } : {}) };
  }
}

function isApproximateBlock(value: unknown): value is ApproximateBlock {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'approximate';
}

