// Browser side of the e2e tests: scripts/run-e2e.mjs starts code-server with the packaged extension
// installed and a library open, and hands the workbench URL over in KEXUE_E2E_URL.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

export interface WorkbenchSession {
  page: Page;
  context: BrowserContext;
  close(): Promise<void>;
}

/** Which library the workbench shows: 'sample', 'corpus', or a test/fixtures folder name. */
export const libraryKind = process.env.KEXUE_E2E_LIBRARY ?? 'sample';
export const resultsDir = process.env.KEXUE_E2E_RESULTS ?? path.resolve('test-results');

export async function openWorkbench(): Promise<WorkbenchSession> {
  const url = process.env.KEXUE_E2E_URL;
  if (!url) throw new Error('KEXUE_E2E_URL is not set: run the e2e tests through scripts/run-e2e.mjs');
  const profile = mkdtempSync(path.join(os.tmpdir(), 'kexue-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.KEXUE_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    // Flags that work in a container without a GPU, network or sandbox (see scripts/lib/browser.mjs).
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  return {
    page,
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until what the page and its frames show is drawn: fonts loaded, two animation frames painted
 * and no finite CSS animation or transition still running (a hover fading in, a theme's colours
 * changing). Polls with a deadline instead of sleeping a fixed time; infinite animations (a blinking
 * cursor, a progress bar) are not waited for. A frame that paints no animation frame by the deadline
 * (a hidden webview's: Chromium runs no requestAnimationFrame there) shows nothing to wait for; asked
 * without a deadline it held a screenshot up until the test timed out (graph e2e, CI).
 */
export async function settled(page: Page, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const busy = async (): Promise<boolean> => {
    let running = false;
    for (const frame of page.frames()) {
      const asked = frame
        .evaluate(async () => {
          await document.fonts.ready;
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
          return document.getAnimations().some((a) => a.playState === 'running' && Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity));
        })
        .catch(() => false); // a frame that went away while we asked holds nothing to wait for
      let timer: ReturnType<typeof setTimeout> | undefined;
      const unanswered = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
      });
      const frameBusy = await Promise.race([asked, unanswered]);
      clearTimeout(timer);
      running ||= frameBusy;
    }
    return running;
  };
  while ((await busy()) && Date.now() < deadline) {
    // busy() itself waits two frames per frame asked: no extra pause needed between rounds.
  }
}

/** A screenshot of the page once it is drawn (see settled). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, name);
  await settled(page);
  // Chromium's capture waits for a new compositor frame; once on CI, after a theme switch, none came
  // and the capture waited until the test timed out. A bounded wait, then the pointer moved (which
  // makes the workbench draw) and one more try.
  await page.screenshot({ path: file, timeout: 30_000 }).catch(async (error: unknown) => {
    console.log(`# screenshot ${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}; trying again`);
    await page.mouse.move(7, 7);
    await page.mouse.move(5, 790);
    await page.screenshot({ path: file, timeout: 30_000 });
  });
  return file;
}

/** The Kexue Reader view container in the side bar. */
export function kexueSidebar(page: Page): Locator {
  return page.locator('[id="workbench.view.extension.kexueReader"]');
}

/** The Series view's pane (the container also holds the Notes view, whose level-2 rows are posts too). */
export function seriesPane(page: Page): Locator {
  return kexueSidebar(page)
    .locator('.pane')
    .filter({ has: page.locator('.pane-header .title', { hasText: /^Series$/ }) });
}

/** Rows of the Series tree (VS Code's virtualised list: only rows on screen exist in the DOM). */
export function treeRows(page: Page): Locator {
  return seriesPane(page).locator('.monaco-list-row');
}

export async function rowLabel(row: Locator): Promise<string> {
  return (await row.locator('.label-name').first().innerText()).trim();
}

export async function rowDescription(row: Locator): Promise<string> {
  const description = row.locator('.label-description').first();
  return (await description.count()) ? (await description.innerText()).trim() : '';
}
