// UI tests of the compute feature, driven through the workbench as a user does: the pseudo-inverse's
// input box (no selection), cancelling a slow job from its progress notification, and the Compute
// Results panel coming back after the window reloads.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  answerInputBox,
  decorationFits,
  decorationTexts,
  errorToasts,
  notificationToasts,
  pickRow,
  quickInput,
  quickInputMessage,
  resultsFrame,
  scrollToDecoration,
  statusBar,
  waitForDecoration,
} from './support/compute';
import { previewFrame, quickOpen, reloadWindow, runCommand } from './support/preview';
import { libraryKind, openWorkbench, screenshot, type WorkbenchSession } from './support/workbench';

const PINV_POST = '矩阵漫谈一伪逆的几种求法.md';

async function workbenchReady(page: Page): Promise<void> {
  await page.locator('.activitybar [aria-label^="Kexue Reader"]').first().waitFor({ timeout: 60_000 });
}

/**
 * "Kexue: HiPPO Matrices…" answered through its pickers; `kernel` adds bilinear Δ = 0.01 and a kernel of
 * that length; `step` (LegS) asks for the time-varying Ā_k, B̄_k instead.
 */
async function runHippo(page: Page, measure: 'LegS' | 'LegT', n: number, kernel?: number, step?: number): Promise<void> {
  await runCommand(page, 'Kexue: HiPPO Matrices…');
  await pickRow(page, measure === 'LegS' ? 'scaled Legendre' : /^LegT.*translated Legendre/);
  await answerInputBox(page, 'State size N', String(n));
  if (kernel === undefined && step === undefined) {
    await pickRow(page, 'None: continuous A and B only');
    return;
  }
  await pickRow(page, 'bilinear');
  if (measure === 'LegS') {
    await answerInputBox(page, /^Time-varying step k \(optional\)/, step === undefined ? '' : String(step));
    if (step !== undefined) return;
  }
  await answerInputBox(page, 'Step Δ', '0.01');
  await answerInputBox(page, 'Kernel length L', String(kernel));
}

describe('Compute', { timeout: 480_000, skip: libraryKind !== 'sample' && 'the compute UI tests open a sample post' }, () => {
  let session: WorkbenchSession;

  before(async () => {
    session = await openWorkbench();
  });

  after(async () => {
    if (session) {
      // Leave no Compute Results panel behind for the next file's workbench (the layout is remembered).
      await runCommand(session.page, 'View: Close All Editors').catch(() => undefined);
      await session.close();
    }
  });

  it('pseudo-inverse with nothing selected: the input box refuses a ragged matrix, then shows A† after the cursor', { timeout: 120_000 }, async () => {
    const { page } = session;
    await workbenchReady(page);
    await quickOpen(page, PINV_POST);
    await page.locator('.monaco-editor .view-line').first().waitFor({ timeout: 20_000 });
    await page.locator('.monaco-editor textarea').first().focus();
    await page.keyboard.press('Control+Home');
    assert.deepEqual(await decorationTexts(page, 'A†'), [], 'no result is shown before the command runs');

    await runCommand(page, 'Kexue: Pseudo-Inverse of Selection');
    await quickInput(page).locator('.quick-input-title').filter({ hasText: 'Pseudo-inverse' }).waitFor({ timeout: 10_000 });
    const input = quickInput(page).locator('input');
    assert.equal(await input.getAttribute('placeholder'), '[[1, 2], [2, 4]]');

    // A ragged matrix: the box says which row is wrong and will not take it.
    await input.fill('[[1,2],[3]]');
    const refusal = quickInputMessage(page).filter({ hasText: 'row 2 has 1 entry but row 1 has 2' });
    await refusal.waitFor({ timeout: 10_000 });
    assert.match(await quickInputMessage(page).innerText(), /Cannot read the matrix: row 2 has 1 entry but row 1 has 2: every row needs the same number of columns/);
    await screenshot(page, 'compute-pinv-invalid.png');
    await page.keyboard.press('Enter');
    // The extension host answers Enter and then the next keystroke in order: once the box has checked
    // the value typed after Enter (its message changes), a close caused by Enter would already be seen.
    await page.keyboard.type('x');
    await refusal.waitFor({ state: 'detached', timeout: 10_000 });
    await quickInputMessage(page).filter({ hasText: /Cannot read the matrix/ }).waitFor({ timeout: 10_000 });
    assert.ok(await quickInput(page).isVisible(), 'Enter on a refused matrix keeps the input box open');
    assert.equal(await input.inputValue(), '[[1,2],[3]]x');

    // A rank-1 matrix: the message goes away and Enter runs the job.
    await input.fill('[[1,2],[2,4]]');
    await refusal.waitFor({ state: 'detached', timeout: 10_000 });
    await page.keyboard.press('Enter');
    await quickInput(page).waitFor({ state: 'hidden', timeout: 10_000 });

    // The headline appears after the cursor's line; its hover holds the exact fractions and the table.
    const headline = await waitForDecoration(page, 'A†');
    // Short on the line (time and backend are in the hover): it must not run off a split editor.
    assert.match(headline, /^⟹ A†: rank 1 · residual \S+$/, headline);
    await page.keyboard.press('End');
    await runCommand(page, 'Show or Focus Hover');
    const hover = page.locator('.monaco-hover').filter({ hasText: 'A†: rank 1' }).last();
    await hover.waitFor({ timeout: 15_000 });
    await screenshot(page, 'compute-pinv-result.png');
    const text = await hover.innerText();
    for (const entry of ['\\frac{1}{25}', '\\frac{2}{25}', '\\frac{4}{25}']) assert.ok(text.includes(entry), `the hover's LaTeX has ${entry}: ${text}`);
    assert.match(text, /\\boldsymbol\{A\}\^\{\\dagger\} = /);
    assert.match(text, /rank\s+1\b/, 'the table gives rank 1');
    assert.match(text, /exact rational/, 'the exact route was taken for an integer matrix');
    assert.ok((await hover.locator('img[src^="data:image/svg+xml"]').count()) >= 1, 'the formula is rendered as an image');
    assert.equal(await errorToasts(page).count(), 0, 'no error notification');
    await page.keyboard.press('Escape');
  });

  it('pseudo-inverse of a matrix selected in an equation: the open preview shows the result under that equation, until the matrix is edited', { timeout: 180_000 }, async () => {
    const { page } = session;
    await workbenchReady(page);
    await quickOpen(page, PINV_POST);
    await page.locator('.monaco-editor .view-line').first().waitFor({ timeout: 20_000 });
    await runCommand(page, 'Kexue: Open Preview to the Side');
    const frame = await previewFrame(page, PINV_POST);
    // Select D's matrix through the find widget (it selects the match), then leave the widget.
    await page.locator('.monaco-editor textarea').first().focus();
    await page.keyboard.press('Control+F');
    const find = page.locator('.find-widget textarea, .find-widget input').first();
    await find.waitFor({ timeout: 10_000 });
    await find.fill('\\begin{pmatrix} 2 & 0 \\\\ 0 & 0 \\\\ 0 & 5 \\end{pmatrix}');
    // The widget selects the match once it has searched: it then shows how many it found.
    await page.locator('.find-widget .matchesCount').filter({ hasText: /^1 of 1$/ }).waitFor({ state: 'attached', timeout: 10_000 });
    await page.keyboard.press('Escape');
    await runCommand(page, 'Kexue: Pseudo-Inverse of Selection');
    // The preview's card says the job is done (the helper may take a while to start on a slow machine);
    // the editor's decoration is applied in the same step.
    const card = frame.locator('.selection-result');
    // The card may be drawn again as the page settles (a re-render sends the editor's result anew):
    // wait for each part, do not read it once.
    await card.locator('.headline').filter({ hasText: /^A†: rank 2 · / }).waitFor({ timeout: 60_000 });
    await card.locator('.compute-label').filter({ hasText: /^Result for the selection on line 65$/ }).waitFor({ timeout: 10_000 });
    await card.locator('.katex').first().waitFor({ timeout: 10_000 }); // D⁺ typeset by KaTeX in the card
    // Under the equation (source line 65, data-line 64): the block before starts at or above it, the next below.
    const around = await card.evaluate((el) => [(el.previousElementSibling as HTMLElement | null)?.dataset.line, (el.nextElementSibling as HTMLElement | null)?.dataset.line]);
    assert.ok(Number(around[0]) <= 64 && Number(around[1]) > 64, `between blocks at lines ${around.join(' and ')}`);

    // The equation's line is 196 characters: the result goes to the blank line below its paragraph,
    // whole inside the editor the preview split in half. Monaco draws only the lines in view: when the
    // blank line is not drawn, scroll the editor (Ctrl+Down scrolls without moving the cursor).
    await page.locator('.monaco-editor textarea').first().focus();
    const text = await scrollToDecoration(page, 'A†');
    if (!text) await screenshot(page, 'compute-pinv-no-decoration.png');
    assert.match(text, /^⟹ A†: rank 2 · /, 'the result after the blank line below the equation');
    // Monaco redraws its lines as the preview beside it settles, and the preview's scroll may move the
    // editor: measure a drawn decoration, bringing it back into view when it has left.
    let fit = await decorationFits(page, 'A†');
    for (const deadline = Date.now() + 20_000; fit.detail.startsWith('no decoration') && Date.now() < deadline; ) {
      await scrollToDecoration(page, 'A†');
      fit = await decorationFits(page, 'A†');
    }
    await screenshot(page, 'compute-pinv-split.png');
    console.log(`# ${fit.detail}`);
    assert.ok(fit.fits, fit.detail);

    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'compute-selection-in-preview.png');

    // Editing the matrix makes the result stale: it leaves the editor and the preview; undo restores the file.
    await page.locator('.monaco-editor textarea').first().focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('1');
    await card.waitFor({ state: 'detached', timeout: 15_000 });
    await page.keyboard.press('Control+Z');

    // A block run from its CodeLens in the editor shows its result in the block's card in the preview
    // (the Compute Results panel opens over the preview; back on the preview's tab, the card has it).
    assert.equal(await frame.locator('.compute-card:not(.selection-result) .compute-result .headline').count(), 0, 'the card has not been run');
    await page.locator('.monaco-editor .codelens-decoration a').filter({ hasText: 'Run' }).first().click();
    await resultsFrame(page, 'Pseudo-inverse');
    await page.locator('.tabs-container .tab').filter({ hasText: 'Preview: ' }).first().click();
    // The hidden preview's page is loaded again when its tab comes back: wait for the new page, not the old one.
    let headline = '';
    for (const deadline = Date.now() + 30_000; headline === '' && Date.now() < deadline; ) {
      const back = await previewFrame(page, PINV_POST);
      headline = await back
        .locator('.compute-card:not(.selection-result) .compute-result .headline')
        .first()
        .innerText({ timeout: 3_000 })
        .catch(() => '');
      if (headline !== '') assert.equal(await back.locator('.selection-result').count(), 0);
    }
    assert.match(headline, /^A†: rank 1 · /);
    await screenshot(page, 'compute-codelens-result-in-card.png');
    assert.equal(await errorToasts(page).count(), 0, 'no error notification');
  });

  it('Cancel on the progress notification stops a long HiPPO job; the next job runs', { timeout: 120_000 }, async () => {
    const { page } = session;
    await workbenchReady(page);
    // N = 512 with a kernel of 10⁶ steps runs for minutes on the CPU: only a working Cancel ends it in time.
    await runHippo(page, 'LegS', 512, 1_000_000);
    const progress = notificationToasts(page).filter({ hasText: 'Computing HiPPO matrices (N=512)…' });
    await progress.waitFor({ timeout: 15_000 });
    const cancel = progress.getByRole('button', { name: 'Cancel' });
    await cancel.waitFor({ timeout: 5_000 });
    await screenshot(page, 'compute-cancel-progress.png');
    const clicked = Date.now();
    await cancel.click();

    await statusBar(page).getByText('The job was cancelled.').waitFor({ timeout: 15_000 });
    await progress.waitFor({ state: 'hidden', timeout: 5_000 });
    const stoppedMs = Date.now() - clicked;
    assert.ok(stoppedMs < 15_000, `the job stopped ${stoppedMs} ms after Cancel`);
    await screenshot(page, 'compute-cancel-cancelled.png');
    assert.equal(await errorToasts(page).count(), 0, 'a cancellation is not an error');

    // The helper is still usable: a small job runs and its result reaches the panel.
    await runHippo(page, 'LegS', 4);
    const frame = await resultsFrame(page, 'HiPPO LegS, N = 4');
    assert.match(await frame.locator('#results .headline').innerText(), /^HiPPO N=4 · /);
    assert.equal(await errorToasts(page).count(), 0, 'still no error notification');
    assert.equal(await notificationToasts(page).filter({ hasText: 'Computing HiPPO' }).count(), 0, 'no progress notification is left');
    await screenshot(page, 'compute-cancel-next-job.png');
  });

  it('HiPPO Matrices… for LegS at a time-varying step shows Ā_k and B̄_k with k', { timeout: 120_000 }, async () => {
    const { page } = session;
    await workbenchReady(page);
    await runHippo(page, 'LegS', 3, undefined, 4);
    const frame = await resultsFrame(page, 'HiPPO LegS, N = 3');
    assert.match(await frame.locator('#results .headline').innerText(), /^HiPPO N=3 · time-varying step k=4 · /);
    // Four formulas (A, B, Ā₄, B̄₄); KaTeX writes the subscript 4 after Ā.
    await frame.locator('#results .formula .katex').nth(3).waitFor({ timeout: 10_000 });
    const formulas = await frame.locator('#results .formula .katex-mathml annotation').allTextContents();
    assert.ok(formulas.some((f) => f.startsWith('\\bar{A}_{4} = ')), formulas.join(' | '));
    assert.match(await frame.locator('#results').innerText(), /Time-varying LegS: Ā_k, B̄_k discretise \(A\/t, B\/t\) at t = kΔ with k = 4/);
    await screenshot(page, 'compute-hippo-legs-step.png');
  });

  it('online approximation of many channels: the pickers ask for channels, the panel plots each channel\'s error', { timeout: 120_000 }, async () => {
    const { page } = session;
    await workbenchReady(page);
    await runCommand(page, 'Kexue: Online Function Approximation');
    await pickRow(page, /^Sine sweep/);
    await answerInputBox(page, /^Channels: how many such signals/, '24');
    await pickRow(page, /^LegS/);
    await answerInputBox(page, /^State size N/, '16');
    const frame = await resultsFrame(page, 'Online approximation (LegS, N = 16, signal: sine × 24 channels)');
    const headline = await frame.locator('#results .headline').innerText();
    assert.match(headline, /^HiPPO approximation N=16, 24 channels: worst max error \S+ \(channel \d+\) · median RMS /, headline);
    // Channel 1 with its reconstruction and its error, the worst channel (when it is another), every channel's max error.
    const worstIsAnother = !/\(channel 1\)/.test(headline);
    const expected = worstIsAnother ? 4 : 3;
    await frame.locator('#results .uplot').nth(expected - 1).waitFor({ timeout: 10_000 });
    assert.equal(await frame.locator('#results .uplot').count(), expected);
    assert.match(await frame.locator('#results').innerText(), /Max reconstruction error of each channel/);
    assert.equal(await errorToasts(page).count(), 0, 'no error notification');
    await screenshot(page, 'compute-approximate-channels.png');
    await frame.locator('#results .uplot').nth(expected - 2).scrollIntoViewIfNeeded();
    await screenshot(page, 'compute-approximate-channel-errors.png');
  });

  it('online approximation of a table selected in the editor: one channel per column, LegT over the last half', { timeout: 120_000 }, async () => {
    const { page } = session;
    await workbenchReady(page);
    await runCommand(page, 'File: New Untitled Text File');
    await page.locator('.monaco-editor.focused').first().waitFor({ timeout: 10_000 });
    const rows = Array.from({ length: 40 }, (_, i) => `${Math.sin(i / 7).toFixed(4)}, ${Math.cos(i / 5).toFixed(4)}`);
    await page.keyboard.insertText(rows.join('\n'));
    await page.keyboard.press('Control+A');
    await runCommand(page, 'Kexue: Online Function Approximation');
    await pickRow(page, /^Columns selected in the editor, one channel each/);
    // LegT asks for the window it remembers: the last half here.
    await pickRow(page, /^LegT/);
    await answerInputBox(page, /^Window θ that LegT remembers/, '0.5');
    await answerInputBox(page, /^State size N/, '8');
    const frame = await resultsFrame(page, 'Online approximation (LegT, N = 8, signal: data × 2 channels)');
    assert.match(await frame.locator('#results .headline').innerText(), /^HiPPO approximation N=8, 2 channels: /);
    assert.match(await frame.locator('#results > table').innerText(), /samples per channel\s+40/);
    // Leave no unsaved file behind for the reload test.
    await page.locator('.tabs-container .tab').filter({ hasText: 'Untitled' }).first().click();
    await runCommand(page, 'View: Revert and Close Editor');
    await page.locator('.tabs-container .tab').filter({ hasText: 'Untitled' }).waitFor({ state: 'detached', timeout: 10_000 });
    // Closing it hands focus to the results panel's webview a moment later, which would then take it
    // from the next test's command palette: let that happen (it may not), then put it in an editor.
    await page.waitForFunction(() => document.activeElement?.tagName === 'IFRAME', undefined, { timeout: 3_000 }).catch(() => undefined);
    await page.locator('.tabs-container .tab').filter({ hasText: PINV_POST }).first().click();
    await page.locator('.monaco-editor.focused').first().waitFor({ timeout: 10_000 });
  });

  it('the Compute Results panel comes back with its result after the window reloads', { timeout: 180_000 }, async () => {
    const { page } = session;
    await workbenchReady(page);
    await runHippo(page, 'LegT', 6);
    const title = 'HiPPO LegT, N = 6';
    const original = await resultsFrame(page, title);
    const drawn = async (frame: typeof original) => ({
      headline: (await frame.locator('#results .headline').innerText()).trim(),
      table: (await frame.locator('#results > table').innerText()).trim(),
      formulas: await frame.locator('#results .formula .katex').count(),
      plots: await frame.locator('#results .uplot').count(),
    });
    const shown = await drawn(original);
    assert.match(shown.headline, /^HiPPO N=6 · /);
    assert.ok(shown.formulas >= 2, `A and B are typeset (${shown.formulas})`);
    assert.ok(shown.plots >= 1, 'the eigenvalue plot is drawn');
    await screenshot(page, 'compute-panel-before-reload.png');

    await reloadWindow(page);
    await workbenchReady(page);
    const tab = page.locator('.tabs-container .tab').filter({ hasText: 'Compute Results' }).first();
    await tab.waitFor({ timeout: 20_000 }).catch(async (error: Error) => {
      await screenshot(page, 'compute-panel-after-reload-failure.png');
      throw error;
    });
    const restored = await resultsFrame(page, title, 90_000).catch(async (error: Error) => {
      await screenshot(page, 'compute-panel-after-reload-failure.png');
      throw error;
    });
    await screenshot(page, 'compute-panel-after-reload.png');
    assert.deepEqual(await drawn(restored), shown, 'the restored panel shows the same result');
    assert.equal(await restored.locator('#results .error').count(), 0, 'no formula failed to typeset');
  });
});
