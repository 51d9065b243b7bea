// The compute feature in the real extension host, against a copy of test/fixtures/compute/:
// selection → pseudo-inverse → decoration and hover; Insert as LaTeX and its undo; refusals before
// sending; a killed helper; cancellation; the GPU path on SwiftShader; CodeLens blocks and the panel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HippoBlock } from '../../../src/core/compute/blockParams';
import type { ComputeBlockResult } from '../../../src/core/compute/presentation';
import type { ComputeTestApi } from '../../../src/compute/computeApi';
import { PROGRESS_DELAY_MS } from '../../../src/compute/computeService';
import { eventually, kexueApi } from '../kexueApi';

const POST = 'post.md';

async function computeApi(): Promise<ComputeTestApi> {
  await kexueApi();
  const api = await vscode.commands.executeCommand<ComputeTestApi>('kexueReader.compute.api');
  assert.ok(api && typeof api.runBlock === 'function', 'the compute feature hands out its API');
  return api;
}

async function openPost(): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, POST));
  return vscode.window.showTextDocument(document);
}

function select(editor: vscode.TextEditor, needle: string): vscode.Selection {
  const at = editor.document.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is in the post`);
  const selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + needle.length));
  editor.selection = selection;
  return selection;
}

const RANK_ONE = '\\begin{pmatrix} 1 & 2 \\\\ 2 & 4 \\end{pmatrix}';
const BAD_CELL = '\\begin{pmatrix} 1 & x \\\\ 2 & 4 \\end{pmatrix}';

async function setBackend(value: 'auto' | 'gpu' | 'cpu' | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('kexueReader.compute').update('backend', value, vscode.ConfigurationTarget.Workspace);
}

describe('Compute: pseudo-inverse of a selection', function () {
  this.timeout(120_000);

  it('selection → command → exact A⁺ as a decoration with a rendered hover', async () => {
    const api = await computeApi();
    const editor = await openPost();
    const selection = select(editor, RANK_ONE);
    const result = await vscode.commands.executeCommand<ComputeBlockResult | undefined>('kexueReader.compute.pseudoInverse');
    assert.ok(result, `a result (last error: ${api.lastError})`);
    assert.equal(result.response.type, 'pinvResult');
    assert.equal(result.response.type === 'pinvResult' && result.response.rank, 1);
    assert.deepEqual(result.response.type === 'pinvResult' && result.response.exact?.pinv, [['1/25', '2/25'], ['2/25', '4/25']]);
    assert.match(result.presentation.headline, /^A†: rank 1 · max Penrose residual [0-9.e-]+ · [0-9.]+ m?s · CPU$/);
    const inline = api.inline.resultFor(editor.document.uri);
    assert.ok(inline, 'a decoration is recorded for the document');
    assert.ok(inline.range.isEqual(selection), 'the result belongs to the selection');
    assert.equal(inline.presentation.headline, result.presentation.headline);
    assert.match(inline.hover, /!\[eq\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/, 'the hover shows the matrix rendered by MathJax');
    assert.ok(inline.hover.includes('\\frac{1}{25}'), 'the hover carries the exact LaTeX');
    assert.ok(inline.hover.includes('(command:kexueReader.compute.insertResultLatex)'), 'the hover links to Insert Result as LaTeX');
    assert.equal(api.lastResult, result);
  });

  it('"Insert Result as LaTeX" inserts the exact A⁺ below the selection, and one undo restores the file', async () => {
    const api = await computeApi();
    const editor = await openPost();
    const before = editor.document.getText();
    select(editor, RANK_ONE);
    assert.ok(await vscode.commands.executeCommand('kexueReader.compute.pseudoInverse'), `pinv ran (${api.lastError})`);
    const inserted = await vscode.commands.executeCommand<string | undefined>('kexueReader.compute.insertResultLatex');
    const expected = '\n\n$$\n\\boldsymbol{A}^{\\dagger} = \\begin{pmatrix}\\frac{1}{25} & \\frac{2}{25} \\\\ \\frac{2}{25} & \\frac{4}{25}\\end{pmatrix}\n$$';
    assert.equal(inserted, expected);
    const after = editor.document.getText();
    assert.equal(after, before.split(RANK_ONE).join(RANK_ONE + expected), 'inserted right after the selected line');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before, 'undo restores the file exactly');
    assert.equal(editor.document.isDirty, false);
  });

  it('the result follows edits above it, and is dropped when its matrix is edited', async () => {
    const api = await computeApi();
    const editor = await openPost();
    const before = editor.document.getText();
    const selection = select(editor, RANK_ONE);
    assert.ok(await vscode.commands.executeCommand('kexueReader.compute.pseudoInverse'), `pinv ran (${api.lastError})`);
    await editor.edit((edit) => edit.insert(new vscode.Position(9, 0), 'One line\nand another.\n'));
    assert.equal(api.inline.resultFor(editor.document.uri)?.range.start.line, selection.start.line + 2, 'moved down two lines');
    const inserted = await vscode.commands.executeCommand<string>('kexueReader.compute.insertResultLatex');
    assert.ok(editor.document.getText().includes(RANK_ONE + inserted), 'inserted under the matrix, not two lines above it');
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
    const matrixLine = editor.document.getText().split('\n').indexOf(RANK_ONE);
    select(editor, RANK_ONE);
    assert.ok(await vscode.commands.executeCommand('kexueReader.compute.pseudoInverse'));
    await editor.edit((edit) => edit.replace(new vscode.Range(matrixLine, 16, matrixLine, 17), '5'));
    assert.equal(api.inline.resultFor(editor.document.uri), undefined, 'an edited input loses its result');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
  });

  it('a cell that is not a number is refused with the parser message naming the cell', async () => {
    const api = await computeApi();
    const editor = await openPost();
    select(editor, BAD_CELL);
    const sent = api.service.jobsSent;
    const result = await vscode.commands.executeCommand('kexueReader.compute.pseudoInverse');
    assert.equal(result, undefined);
    assert.match(api.lastError ?? '', /^Cannot read the matrix: row 1, column 2: cannot read "x" as a number/);
    assert.equal(api.service.jobsSent, sent, 'nothing was sent to the helper');
  });
});

describe('Compute: limits are checked before sending', function () {
  this.timeout(60_000);

  it('a 3000-row matrix is refused with a message naming kexueReader.compute.maxMatrixSize', async () => {
    const api = await computeApi();
    const sent = api.service.jobsSent;
    const json = JSON.stringify(Array.from({ length: 3000 }, (_, i) => [i, 1, 2]));
    const result = await vscode.commands.executeCommand('kexueReader.compute.pseudoInverse', json);
    assert.equal(result, undefined);
    assert.match(api.lastError ?? '', /rows is 3000, above the limit of 2048.*Change the setting kexueReader\.compute\.maxMatrixSize/);
    assert.equal(api.service.jobsSent, sent, 'nothing was sent to the helper');
  });

  it('N=0 and a kernel longer than the user’s own limit are refused, naming the setting', async () => {
    const api = await computeApi();
    const sent = api.service.jobsSent;
    const zero: HippoBlock = { kind: 'hippo', measure: 'legs', n: 0 };
    assert.equal(await vscode.commands.executeCommand('kexueReader.compute.hippo', zero), undefined);
    assert.match(api.lastError ?? '', /N must be at least 1, got 0 \(the allowed range is set by kexueReader\.compute\.maxStateSize\)/);
    const config = vscode.workspace.getConfiguration('kexueReader.compute');
    await config.update('maxKernelLength', 100, vscode.ConfigurationTarget.Workspace);
    try {
      await assert.rejects(api.runBlock('hippo measure=legs N=4 dt=0.1 kernel=101'), /kernel length L is 101, above the limit of 100.*kexueReader\.compute\.maxKernelLength/);
    } finally {
      await config.update('maxKernelLength', undefined, vscode.ConfigurationTarget.Workspace);
    }
    assert.equal(api.service.jobsSent, sent, 'nothing was sent to the helper');
  });
});

describe('Compute: the helper process', function () {
  this.timeout(180_000);
  const LONG: HippoBlock = { kind: 'hippo', measure: 'legs', n: 512, discretization: { method: 'bilinear', dt: 0.01 }, kernelLength: 1_000_000, backend: 'cpu' };

  it('killed mid-job: a clear error, and the next job succeeds in a new helper', async () => {
    const api = await computeApi();
    const running = vscode.commands.executeCommand<ComputeBlockResult | undefined>('kexueReader.compute.hippo', LONG);
    const pid = await eventually('the helper to start the job', () => api.service.client.helperPid);
    await new Promise((r) => setTimeout(r, 700));
    process.kill(pid);
    assert.equal(await running, undefined, 'the killed job gives no result');
    assert.match(api.lastError ?? '', /^The compute job did not finish: the compute helper (was killed by SIGTERM|exited with code 0) while hippo job \d+ was running, so there is no result; the next request starts a new helper\.$/);
    const next = await api.runBlock('hippo measure=legt N=4');
    assert.equal(next.response.type, 'hippoResult');
    assert.notEqual(api.service.client.helperPid, pid, 'a new helper');
  });

  it('a cancelled token stops the job in the helper, which stays alive', async () => {
    const api = await computeApi();
    const source = new vscode.CancellationTokenSource();
    const notifications = api.service.progressNotifications;
    // The kernel of 10⁶ steps runs for minutes: a JobCancelledError within the test's timeout is the
    // proof that the cancellation stopped it (no wall-clock bound: the machine may be loaded).
    const running = api.runBlock('hippo measure=legs N=512 dt=0.01 kernel=1000000 backend=cpu', source.token);
    setTimeout(() => source.cancel(), 500);
    await assert.rejects(running, (e: unknown) => e instanceof Error && e.name === 'JobCancelledError');
    assert.equal(api.service.progressNotifications, notifications + 1, 'a job running past 0.3 s shows a cancellable notification');
    assert.equal(api.describeError(await running.catch((e: unknown) => e)), undefined, 'a cancellation is not reported as an error');
    const pid = api.service.client.helperPid;
    const asked = Date.now();
    const next = await api.runBlock('hippo measure=legs N=4');
    // A job answered within the delay shows no notification. On a loaded machine even this tiny job
    // can take longer (then a notification is right), so the check holds only when it was quick.
    if (Date.now() - asked < PROGRESS_DELAY_MS) assert.equal(api.service.progressNotifications, notifications + 1, 'a quick job shows no notification');
    assert.equal(next.response.type, 'hippoResult');
    assert.equal(api.service.client.helperPid, pid, 'the same helper ran the next job');
  });
});

describe('Compute: HiPPO on the GPU (SwiftShader) and the Compute Results panel', function () {
  this.timeout(180_000);

  it('backend "gpu" computes the HiPPO kernel on the GPU, and the status bar names the adapter', async () => {
    const api = await computeApi();
    await setBackend('gpu');
    try {
      const spec: HippoBlock = { kind: 'hippo', measure: 'legs', n: 16, discretization: { method: 'bilinear', dt: 0.01 }, kernelLength: 1024 };
      const result = await vscode.commands.executeCommand<ComputeBlockResult | undefined>('kexueReader.compute.hippo', spec);
      assert.ok(result, `a result (last error: ${api.lastError})`);
      assert.equal(result.response.backend, 'gpu', 'ran on the GPU, not a silent CPU fallback');
      assert.ok(result.response.adapter, 'the adapter is reported');
      assert.equal(result.response.type === 'hippoResult' && result.response.kernel?.length, 1024);
      assert.match(result.presentation.headline, /^HiPPO N=16 · kernel L=1024 · .* · GPU \(.+\)$/);
      assert.match(api.statusBarText, /^\$\(chip\) GPU \(.+\)$/);
      const cpu = await api.runBlock('hippo measure=legs N=16 dt=0.01 kernel=1024 backend=cpu');
      const gpuKernel = result.response.type === 'hippoResult' ? result.response.kernel : undefined;
      const cpuKernel = cpu.response.type === 'hippoResult' ? cpu.response.kernel : undefined;
      assert.ok(gpuKernel && cpuKernel);
      const scale = Math.max(...Array.from(cpuKernel, Math.abs));
      const worst = Math.max(...Array.from(cpuKernel, (v, i) => Math.abs(v - gpuKernel[i])));
      assert.ok(worst < 1e-3 * scale, `GPU (f32) kernel agrees with the CPU (f64): worst ${worst} vs scale ${scale}`);
      const rendered = await eventually('the panel to draw the result', () => (api.panel.lastRendered?.title.includes('N = 16') ? api.panel.lastRendered : undefined), 20_000);
      assert.deepEqual(rendered.errors, []);
      assert.equal(rendered.plots, 2, 'eigenvalues and kernel plotted');
      assert.ok(rendered.formulas >= 4, 'A, B, Ā, B̄ typeset by KaTeX');
    } finally {
      await setBackend(undefined);
    }
  });

  it('pinv: on the CPU the post\'s routes are compared and plotted; with the GPU setting a small integer matrix runs on the GPU', async () => {
    const api = await computeApi();
    const cpu = await api.runBlock('pinv\n[[1,2],[2,4],[3,6]]');
    assert.ok(cpu.response.type === 'pinvResult');
    assert.deepEqual(cpu.response.routes?.map((r) => r.route), ['eigen', 'epsilon', 'newtonSchulz']);
    assert.ok(cpu.response.exact, 'the exact rational result for a small integer matrix');
    assert.deepEqual(cpu.presentation.plots?.map((p) => p.id), ['epsilonLimit', 'newtonSchulz']);
    await setBackend('gpu');
    try {
      const gpu = await api.runBlock('pinv\n[[1,2],[2,4],[3,6]]');
      assert.equal(gpu.response.backend, 'gpu', `ran on ${gpu.response.backend}`);
      assert.ok(gpu.response.type === 'pinvResult' && gpu.response.rank === 1 && !gpu.response.exact && !gpu.response.routes);
    } finally {
      await setBackend(undefined);
    }
  });

  it('online approximation plots signal, reconstruction and error', async () => {
    const api = await computeApi();
    const result = await vscode.commands.executeCommand<ComputeBlockResult | undefined>('kexueReader.compute.approximate', {
      kind: 'approximate', measure: 'legs', n: 32, signal: { kind: 'sine', length: 1000 },
    });
    assert.ok(result, `a result (last error: ${api.lastError})`);
    assert.equal(result.response.type, 'approximateResult');
    assert.ok(result.response.type === 'approximateResult' && result.response.maxError < 0.1, 'LegS N=32 follows a slow sine sweep');
    assert.deepEqual(result.presentation.plots?.map((p) => p.id), ['approximation', 'error']);
    const rendered = await eventually('the panel to draw the approximation', () => (api.panel.lastRendered?.title.includes('signal: sine') ? api.panel.lastRendered : undefined), 20_000);
    assert.equal(rendered.plots, 2);
    assert.deepEqual(rendered.errors, []);
  });

  it('many channels at once: the worst channel named, every channel\'s error plotted; over the channel limit is refused', async () => {
    const api = await computeApi();
    const result = await api.runBlock('approximate measure=legs N=16 signal=noise length=400 channels=12 backend=cpu');
    const response = result.response;
    assert.ok(response.type === 'approximateResult' && response.channels === 12 && response.channelErrors?.maxError.length === 12);
    assert.match(result.presentation.headline, /N=16, 12 channels: worst max error .* \(channel \d+\)/);
    const worstDrawn = response.type === 'approximateResult' && response.worst ? ['worstChannel'] : [];
    assert.deepEqual(result.presentation.plots?.map((p) => p.id), ['approximation', 'error', ...worstDrawn, 'channelErrors']);
    const config = vscode.workspace.getConfiguration('kexueReader.compute');
    await config.update('maxChannels', 8, vscode.ConfigurationTarget.Workspace);
    const sent = api.service.jobsSent;
    try {
      await assert.rejects(api.runBlock('approximate signal=noise channels=9'), /channels is 9, above the limit of 8.*kexueReader\.compute\.maxChannels/);
    } finally {
      await config.update('maxChannels', undefined, vscode.ConfigurationTarget.Workspace);
    }
    assert.equal(api.service.jobsSent, sent, 'nothing was sent to the helper');
  });

  it('"Show Compute Backend" reports the adapter, the limits and the last job’s timings', async () => {
    await computeApi();
    const report = await vscode.commands.executeCommand<string>('kexueReader.compute.showBackend');
    assert.match(report, /GPU adapter: /);
    assert.match(report, /Limits: matrices up to 2048×2048/);
    assert.match(report, /Last job: approximate on CPU/);
    assert.match(report, /helper time [0-9.]+ ms/);
  });
});

describe('Compute: kexue-compute blocks', function () {
  this.timeout(120_000);

  it('each block gets a "Run" CodeLens whose command shows the result after the block', async () => {
    const api = await computeApi();
    const editor = await openPost();
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    const runs = lenses.filter((lens) => lens.command?.command === 'kexueReader.compute.runBlock');
    assert.equal(runs.length, 2, 'one lens per block');
    const hippoLine = editor.document.getText().split('\n').indexOf('```kexue-compute');
    assert.equal(runs[0].range.start.line, hippoLine);
    const command = runs[1].command!;
    const result = await vscode.commands.executeCommand<ComputeBlockResult | undefined>(command.command, ...((command.arguments ?? []) as unknown[]));
    assert.ok(result, `a result (last error: ${api.lastError})`);
    assert.equal(result.spec.kind, 'pinv');
    assert.deepEqual(result.response.type === 'pinvResult' && result.response.exact?.pinv, [['1', '0', '0'], ['0', '1/2', '0']]);
    const inline = api.inline.resultFor(editor.document.uri);
    assert.ok(inline);
    assert.equal(editor.document.lineAt(inline.range.end.line).text, '```', 'the decoration sits on the closing fence');
    assert.equal(inline.presentation.headline, result.presentation.headline);
  });

  it('a block with a wrong parameter reports what to write instead, and sends nothing', async () => {
    const api = await computeApi();
    const sent = api.service.jobsSent;
    await assert.rejects(api.runBlock('hippo measure=legs N=16 kernel=64'), /kernel=… needs a discretisation: add dt=…/);
    assert.match(api.describeError(await api.runBlock('hippo measure=chebyshev N=4').catch((e: unknown) => e)) ?? '', /^The kexue-compute block is not valid: measure=chebyshev is not allowed/);
    assert.equal(api.service.jobsSent, sent);
  });
});
