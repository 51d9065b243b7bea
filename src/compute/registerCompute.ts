// Composition of the compute feature: one ComputeClient (the helper process, forked on the first job),
// the commands, the status bar item, the CodeLens on ```kexue-compute blocks, inline results and the
// Compute Results panel. Everything created here is disposed with what this returns.
import * as vscode from 'vscode';
import type { Command, CommandManager } from '../commands/commandManager';
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
import type { ComputeApi, ComputeTestApi } from './computeApi';
import { ComputeJobs } from './computeJobs';
import { ComputeService } from './computeService';
import { InlineResults } from './inlineResults';
import { ResultsPanel } from './resultsPanel';
import { TexImages } from './texImages';
import { CommandIds } from '../commands/commandIds';

/** What the compute feature needs from the rest of the extension. */
export interface ComputeDeps {
  readonly context: vscode.ExtensionContext;
  /** The extension's one CommandManager: the compute commands are registered there. */
  readonly commands: CommandManager;
}

/** Hands the integration tests the compute feature's insides; registered only in ExtensionMode.Test. */
class ComputeTestApiCommand implements Command {
  readonly id = CommandIds.computeTestApi;
  constructor(private readonly api: ComputeTestApi) {}
  execute(): ComputeTestApi {
    return this.api;
  }
}

export interface ComputeFeature extends vscode.Disposable {
  /** What the preview uses. */
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

  const { commands } = deps;
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

  const api: ComputeTestApi = {
    runBlock: (source, token) => jobs.runBlock(source, token),
    describeError: (error) => jobs.messageFor(error),
    resultFor: (uri) => inline.resultFor(uri),
    onDidChangeResult: inline.onDidChange,
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

  if (deps.context.extensionMode === vscode.ExtensionMode.Test) commands.register(new ComputeTestApiCommand(api));

  const disposables: vscode.Disposable[] = [
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
