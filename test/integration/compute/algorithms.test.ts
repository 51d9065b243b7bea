// The later algorithms in the real extension host: blocks through the compute API and the palette
// commands with their answers given, each result drawn in the Compute Results panel (KaTeX + uPlot).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ComputeBlockResult } from '../../../src/core/compute/presentation';
import type { ComputeTestApi } from '../../../src/compute/computeApi';
import { eventually, kexueApi } from '../kexueApi';

async function computeApi(): Promise<ComputeTestApi> {
  await kexueApi();
  const api = await vscode.commands.executeCommand<ComputeTestApi>('kexueReader.compute.api');
  assert.ok(api && typeof api.runBlock === 'function');
  return api;
}

async function drawn(api: ComputeTestApi, title: string) {
  const rendered = await eventually(`the panel to draw "${title}"`, () => (api.panel.lastRendered?.title === title ? api.panel.lastRendered : undefined), 20_000);
  assert.deepEqual(rendered.errors, []);
  return rendered;
}

describe('Compute: the later algorithms (msign, matfun, schedule, RoPE, argmax)', function () {
  this.timeout(240_000);

  it('msign and A^½ blocks: converged results, errors per iteration plotted in the panel', async () => {
    const api = await computeApi();
    const msign = await vscode.commands.executeCommand<ComputeBlockResult | undefined>('kexueReader.compute.msign', { kind: 'msign', matrixText: '[[1,2],[3,4],[5,6]]', coefficients: 'cubic' });
    assert.ok(msign && msign.response.type === 'msignResult', `a result (last error: ${api.lastError})`);
    assert.ok(msign.response.errors[msign.response.errors.length - 1] < 1e-10);
    const m = await drawn(api, 'msign by Newton–Schulz (cubic)');
    assert.equal(m.plots, 2);
    assert.equal(m.formulas, 1);
    const sqrt = await api.runBlock('matfun fn=sqrt\n\\begin{pmatrix} 4 & 1 \\\\ 1 & 3 \\end{pmatrix}');
    assert.ok(sqrt.response.type === 'matfunResult' && (sqrt.response.errorVsEigen ?? 1) < 1e-12);
    await assert.rejects(api.runBlock('matfun fn=sqrt\n[[1,2],[2,1]]'), (e: unknown) => /not positive definite/.test(api.describeError(e) ?? ''));
  });

  it('schedule, RoPE and argmax commands draw their plots', async () => {
    const api = await computeApi();
    const schedule = await vscode.commands.executeCommand<ComputeBlockResult | undefined>('kexueReader.compute.schedule', { kind: 'schedule', schedule: 'cosine', steps: 1000, ddim: 50 });
    assert.ok(schedule, `a result (last error: ${api.lastError})`);
    assert.equal((await drawn(api, 'Diffusion schedule (cosine, T = 1000)')).plots, 3);
    const rope = await vscode.commands.executeCommand<ComputeBlockResult | undefined>('kexueReader.compute.rope', { kind: 'rope', dim: 128, base: 10000, scale: 4, method: 'ntk' });
    assert.ok(rope && rope.response.type === 'ropeResult' && rope.response.extension?.method === 'ntk');
    assert.equal((await drawn(api, 'RoPE (d = 128, b = 10000)')).plots, 3);
    const argmax = await vscode.commands.executeCommand<ComputeBlockResult | undefined>('kexueReader.compute.argmax', { kind: 'argmax', random: { n: 40, d: 2 }, seed: 1 });
    assert.ok(argmax && argmax.response.type === 'argmaxResult', `a result (last error: ${api.lastError})`);
    assert.ok(argmax.response.unargmaxable.length > 20, 'most of 40 random points in the plane lie inside their hull');
    assert.deepEqual(argmax.response.witnessFailures, []);
    assert.equal((await drawn(api, 'Unargmaxable classes (random W, 40×2)')).plots, 2);
  });

  it('with the backend setting at gpu, RoPE (no GPU path) still runs, on the CPU; a block asking for the GPU is told why not', async () => {
    const api = await computeApi();
    const config = vscode.workspace.getConfiguration('kexueReader.compute');
    await config.update('backend', 'gpu', vscode.ConfigurationTarget.Workspace);
    try {
      const rope = await api.runBlock('rope dim=64 base=10000');
      assert.equal(rope.response.backend, 'cpu');
      await assert.rejects(api.runBlock('rope dim=64 backend=gpu'), (e: unknown) => /^The kexue-compute block is not valid: rope runs on the CPU only \(closed-form tables, no matrix products\): remove backend=gpu$/.test(api.describeError(e) ?? ''));
    } finally {
      await config.update('backend', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
