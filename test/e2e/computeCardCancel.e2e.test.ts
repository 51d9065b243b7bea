// UI test of the preview page's compute card in headless Chromium (the real bundle and CSS, no
// workbench): Run shows Cancel while the block runs; Cancel asks the host to cancel that block's job;
// the outcome (here the host's "Cancelled.") ends the run and hides Cancel again.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HostToWebview, PreviewStrings, WebviewToHost } from '../../src/core/protocol/preview';
import { PostRenderer } from '../../src/core/render';
import { pageShell, renderMessage } from './support/previewPage';

const BLOCK = 'kind: hippo\nmeasure: legs\nn: 8';
const POST = ['---', 'title: 计算卡片', '---', '', '# 计算卡片', '', '```kexue-compute', BLOCK, '```', ''].join('\n');
const STRINGS: Partial<PreviewStrings> = { run: 'Run', running: 'Running…', cancel: 'Cancel' };

async function dispatch(page: Page, message: HostToWebview): Promise<void> {
  await page.evaluate((data) => window.dispatchEvent(new MessageEvent('message', { data })), message);
}

async function postedOf(page: Page, type: WebviewToHost['type']): Promise<WebviewToHost[]> {
  return page.evaluate((t) => (window as unknown as { posted: WebviewToHost[] }).posted.filter((m) => m.type === t), type);
}

describe('Preview page in Chromium: Cancel on a running compute card', { timeout: 300_000 }, () => {
  let browser: Browser;
  let page: Page;
  let scratch: string;

  before(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'kexue-compute-card-'));
    const shell = path.join(scratch, 'preview.html');
    const strings = JSON.stringify(STRINGS).replace(/"/g, '&quot;');
    writeFileSync(shell, pageShell(process.cwd()).replace('data-strings="{}"', `data-strings="${strings}"`));
    browser = await chromium.launch({
      executablePath: process.env.KEXUE_CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--allow-file-access-from-files'],
    });
    page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    await page.goto(pathToFileURL(shell).href);
    await page.waitForFunction(() => (window as unknown as { posted: { type: string }[] }).posted.some((m) => m.type === 'ready'));
    await dispatch(page, renderMessage(new PostRenderer().render(POST, {})));
    await page.locator('.compute-card').waitFor();
  });

  after(async () => {
    await browser?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('shows Cancel only while the block runs, and Cancel cancels that block', async () => {
    const card = page.locator('.compute-card');
    const cancel = card.locator('.compute-cancel');
    assert.equal(await cancel.isVisible(), false, 'no Cancel before Run');

    await card.locator('.compute-run').click();
    await cancel.waitFor({ state: 'visible' });
    assert.deepEqual(
      (await postedOf(page, 'runBlock')).map((m) => ({ type: m.type, source: (m as { source: string }).source })),
      [{ type: 'runBlock', source: BLOCK }],
    );

    await cancel.click();
    assert.deepEqual(
      (await postedOf(page, 'cancelBlock')).map((m) => ({ type: m.type, source: (m as { source: string }).source })),
      [{ type: 'cancelBlock', source: BLOCK }],
    );

    // The host answers a cancelled job like any failed one: the card shows why and can run again.
    await dispatch(page, { type: 'computeError', source: BLOCK, message: 'Cancelled.' });
    await cancel.waitFor({ state: 'hidden' });
    assert.equal(await card.locator('.compute-error').textContent(), 'Cancelled.');
    assert.equal(await card.locator('.compute-run').getAttribute('disabled'), null, 'Run is enabled again');
    await page.screenshot({ path: path.join(process.cwd(), 'test-results', 'compute-card-cancelled.png') });
  });
});
