// Composition of the compute feature: one ComputeClient (the helper process, forked on the first job),
// the commands, the status bar item, the CodeLens on ```kexue-compute blocks, inline results and the
// Compute Results panel. Everything created here is disposed with what this returns.
import * as vscode from 'vscode';
import { CommandManager } from '../commands/commandManager';
import type { LibraryIndex } from '../library/libraryIndex';
import { ComputeClient } from '../computeClient/computeClient';
import { BackendStatusBar } from './backendStatusBar';
import { ComputeBlockCodeLensProvider } from './blockCodeLens';
import { ApproximateCommand } from './commands/approximateCommand';
import { ArgmaxCommand } from './commands/argmaxCommand';
import { RopeCommand, ScheduleCommand } from './commands/formulaCommands';
import { MatfunCommand, MsignCommand } from './commands/msignCommands';
import { HippoCommand } from './commands/hippoCommand';
import { InsertLatexCommand } from './commands/insertLatexCommand';
import { PseudoInverseCommand } from './commands/pseudoInverseCommand';
import { RunBlockCommand } from './commands/runBlockCommand';
import { ShowBackendCommand } from './commands/showBackendCommand';
import type { ComputeApi } from './computeApi';
import { ComputeJobs } from './computeJobs';
import { ComputeService } from './computeService';
import { InlineResults } from './inlineResults';
import { ResultsPanel } from './resultsPanel';
import { TexImages } from './texImages';

/** What the compute feature needs from the rest of the extension. */
export interface ComputeDeps {
  readonly context: vscode.ExtensionContext;
  readonly index: LibraryIndex;
}

/** Not contributed (no palette entry): hands the ComputeApi to tests until activate() returns it. */
export const COMPUTE_API_COMMAND = 'kexueReader.compute.api';

export interface ComputeFeature extends vscode.Disposable {
  readonly api: ComputeApi;
}

export function registerCompute(deps: ComputeDeps): ComputeFeature {
  const channel = vscode.window.createOutputChannel('Kexue Compute');
  const client = new ComputeClient({
    helperPath: deps.context.asAbsolutePath('dist/helper.mjs'),
    // Dawn's warnings; kept where a user looking into a GPU problem will find them.
    onStderr: (text) => channel.append(text),
  });
  const service = new ComputeService(client);
  const jobs = new ComputeJobs(service);
  const inline = new InlineResults(new TexImages());
  const panel = new ResultsPanel(deps.context.extensionUri);
  const statusBar = new BackendStatusBar(service);

  const commands = new CommandManager();
  commands.register(new PseudoInverseCommand(jobs, inline));
  commands.register(new InsertLatexCommand(inline));
  commands.register(new HippoCommand(jobs, panel));
  commands.register(new ApproximateCommand(jobs, panel));
  commands.register(new RunBlockCommand(jobs, inline, panel));
  commands.register(new ShowBackendCommand(service, channel));
  commands.register(new MsignCommand(jobs, panel, inline));
  commands.register(new MatfunCommand(jobs, panel, inline));
  commands.register(new ScheduleCommand(jobs, panel));
  commands.register(new RopeCommand(jobs, panel));
  commands.register(new ArgmaxCommand(jobs, panel, inline));

  const api: ComputeApi = {
    runBlock: (source, token) => jobs.runBlock(source, token),
    describeError: (error) => jobs.messageFor(error),
    get lastResult() {
      return jobs.lastResult;
    },
    get lastError() {
      return jobs.lastError;
    },
    service,
    inline,
    panel,
    get statusBarText() {
      return statusBar.text;
    },
  };

  const disposables: vscode.Disposable[] = [
    commands,
    vscode.commands.registerCommand(COMPUTE_API_COMMAND, () => api),
    vscode.languages.registerCodeLensProvider({ language: 'markdown' }, new ComputeBlockCodeLensProvider()),
    statusBar,
    panel,
    inline,
    service,
    channel,
  ];
  return {
    api,
    dispose: () => {
      for (const d of disposables) d.dispose();
    },
  };
}
