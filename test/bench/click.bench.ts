// Click in the Series view → math on screen, in a real VS Code (code-server, the extension loaded from
// this checkout) driven by headless Chromium, against VS Code's built-in Markdown preview
// (`markdown.showPreview`, with its KaTeX math) on the same post, in the same run:
//  first open — no preview open: a click on the post in the Series view until its first formula is on
//               screen (in the page, the page's frame shown, KaTeX's fonts in, a frame painted), vs the
//               built-in preview's command (the post already open in an editor) until its first
//               formula is; median of 3 rounds each (and when the formula was in the DOM);
//  next post  — a preview tab open: a click on another post until that post's first formula is shown
//               in the same tab (its webview reused); median of 3 posts.
// Times are taken in this process from the mouse click sent to Chromium at the row (no Playwright
// actionability checks in between) to the frames: for a first open every webview's outer frame
// polled each ~5 ms; for the next post, checked in the open preview's frame on each of
// its animation frames, and seen once that frame is painted.
// Skipped, and said plainly, without the corpus, code-server or Chromium.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Frame, type Page } from 'playwright-core';
import { repoRoot } from './support/corpusPosts';
import { TRACE, trace, traceFrames, tracePages } from './support/clickTrace';

const CHROMIUM = process.env.KEXUE_CHROMIUM ?? '/usr/bin/chromium';
const ROUNDS = 3;
const SERIES = '重温SSM';
/** Parts of 重温SSM in the corpus: the long posts the issue measured on, with their files. */
const PARTS: Array<{ label: RegExp; file: string }> = [
  { label: /^1\./, file: '重温ssm一线性系统和hippo矩阵.md' },
  { label: /^2\./, file: '重温ssm二hippo的一些遗留问题.md' },
  { label: /^3\./, file: '重温ssm三hippo的高效计算s4.md' },
  { label: /^4\./, file: '重温ssm四有理生成函数的新视角.md' },
];

interface CodeServer {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

/** A first open slower than this stalled (a webview frame that said nothing for ≈ 30 s). */
const STALLED_MS = 10_000;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls every frame of the page until `test` finds one; returns the elapsed time since `started`.
 * Each frame is asked on its own: an evaluate in a frame that has no document yet (a webview's frame
 * while the workbench sets it up) can hang for tens of seconds, and waiting for all frames' answers
 * together made both previews' first open read ≈ 30 s in some rounds. A frame is asked again once it
 * answered; the time is taken when a frame says yes.
 */
async function until(page: Page, started: number, test: (frame: Frame) => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<number> {
  const asking = new Set<Frame>();
  let seenAt: number | undefined;
  while (Date.now() - started < timeoutMs) {
    for (const frame of page.frames()) {
      if (asking.has(frame)) continue;
      asking.add(frame);
      void test(frame)
        .catch(() => false)
        .then((hit) => {
          asking.delete(frame);
          if (hit) seenAt ??= Date.now();
        });
    }
    if (seenAt !== undefined) {
      const ms = seenAt - started;
      trace(`saw ${what} after ${ms} ms`);
      await tracePages(page);
      return ms;
    }
    await sleep(5);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The little of a frame's document the checks read (the bench is type-checked without the DOM library). */
interface FrameDocument {
  getElementById(id: string): { dataset: Record<string, string | undefined> } | null;
  querySelector(selector: string): unknown;
  body: { classList: { contains(name: string): boolean } } | null;
  readyState: string;
  fonts: { status: string };
}

/** Our preview of `file` with a formula in its content. */
const ourMath = (file: string) => async (frame: Frame): Promise<boolean> =>
  frame.evaluate(
    (name) => {
      const doc = (globalThis as unknown as { document: FrameDocument }).document;
      const root = doc.getElementById('kexue-preview');
      return !!root && decodeURIComponent(root.dataset.uri ?? '').endsWith(name) && !!doc.querySelector('#content .katex');
    },
    file,
  );

/**
 * First open, seen as a reader sees it, asked of each webview's outer frame (VS Code's pre/index.html,
 * which writes the page into a frame of its own): 1 once the page's document has the post's formula,
 * 2 once, besides, that frame is shown (the outer frame keeps it hidden until the page's 'load' or
 * 200 ms after writing it), KaTeX's fonts are in (its faces are font-display:block: math is invisible
 * until then) and the page's next frame has been painted. The same for both previews; until
 * 2026-12-04 the bench took 1 as the figure, ≈ 100–600 ms before the math could be seen (traced).
 */
const shownMath = (kind: 'ours' | 'builtin', file: string) => async (frame: Frame): Promise<number> =>
  frame.evaluate(
    ({ kind, name }) =>
      new Promise<number>((resolve) => {
        interface InnerDocument extends FrameDocument {
          fonts: { status: string; check(font: string): boolean };
        }
        interface IFrame {
          style: { visibility: string };
          contentDocument: InnerDocument | null;
          contentWindow: { requestAnimationFrame(callback: () => void): void; setTimeout(callback: () => void, ms: number): void } | null;
        }
        const outer = (globalThis as unknown as { document: { querySelectorAll(selector: string): ArrayLike<IFrame> } }).document;
        let best = 0;
        for (const element of Array.from(outer.querySelectorAll('iframe'))) {
          const doc = element.contentDocument;
          if (!doc) continue;
          const root = doc.getElementById('kexue-preview');
          const math =
            kind === 'ours'
              ? !!root && decodeURIComponent(root.dataset.uri ?? '').endsWith(name) && !!doc.querySelector('#content .katex')
              : !root && !!doc.body?.classList.contains('vscode-body') && !!doc.querySelector('.katex');
          if (!math) continue;
          best = 1;
          const fontsIn = doc.fonts.status === 'loaded' && doc.fonts.check('16px KaTeX_Main') && doc.fonts.check('italic 16px KaTeX_Math');
          const win = element.contentWindow;
          if (element.style.visibility === 'visible' && fontsIn && win) {
            win.requestAnimationFrame(() => win.setTimeout(() => resolve(2), 0));
            return;
          }
        }
        resolve(best);
      }),
    { kind, name: file },
  );

/**
 * Polls every frame until `test` says 2 (on screen); returns the times since `started` at which a
 * frame first said 1 (math in its DOM) and 2. Each frame is asked on its own, as in `until`.
 */
async function untilShown(page: Page, started: number, test: (frame: Frame) => Promise<number>, what: string, timeoutMs = 120_000): Promise<{ dom: number; screen: number }> {
  const asking = new Set<Frame>();
  let domAt: number | undefined;
  let screenAt: number | undefined;
  while (Date.now() - started < timeoutMs) {
    for (const frame of page.frames()) {
      if (asking.has(frame)) continue;
      asking.add(frame);
      void test(frame)
        .catch(() => 0)
        .then((level) => {
          asking.delete(frame);
          if (level >= 1) domAt ??= Date.now();
          if (level >= 2) screenAt ??= Date.now();
        });
    }
    if (screenAt !== undefined) {
      const times = { dom: (domAt ?? screenAt) - started, screen: screenAt - started };
      trace(`saw ${what} in its DOM after ${times.dom} ms, on screen after ${times.screen} ms`);
      await tracePages(page);
      return times;
    }
    await sleep(5);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The frame our preview's page is in (the webview's inner frame), if one is open. */
async function previewFrame(page: Page): Promise<Frame | undefined> {
  const found = await Promise.all(
    page.frames().map((frame) => frame.evaluate(() => !!(globalThis as unknown as { document: FrameDocument }).document.getElementById('kexue-preview')).catch(() => false)),
  );
  return page.frames()[found.indexOf(true)];
}

/**
 * Next post: the page that shows it is the one already open, so the check runs in that frame, on
 * each of its animation frames (a poll from here costs a round trip per frame through a main thread
 * the workbench and the pages share). Seen once the frame with the post's first formula has been
 * laid out and painted: when the check holds in an animation frame (before that frame's layout), the
 * answer waits for a task queued from it, which runs after the paint — for the first screens of these
 * posts 100–180 ms on the loaded machine (2026-12-04 trace). Falls back to polling every frame if
 * that frame goes away (a new page loaded).
 */
async function untilInPreview(page: Page, frame: Frame | undefined, started: number, file: string, what: string): Promise<number> {
  if (frame) {
    const shown = await frame
      .evaluate(
        ({ name, timeoutMs }) =>
          new Promise<boolean>((resolve) => {
            const g = globalThis as unknown as {
              document: FrameDocument;
              requestAnimationFrame(callback: () => void): void;
              setTimeout(callback: () => void, ms: number): void;
            };
            const until = Date.now() + timeoutMs;
            const check = (): void => {
              const root = g.document.getElementById('kexue-preview');
              if (root && decodeURIComponent(root.dataset.uri ?? '').endsWith(name) && g.document.querySelector('#content .katex')) g.setTimeout(() => resolve(true), 0);
              else if (Date.now() > until) resolve(false);
              else g.requestAnimationFrame(check);
            };
            g.requestAnimationFrame(check);
          }),
        { name: file, timeoutMs: 120_000 },
      )
      .catch(() => false);
    if (shown) {
      const ms = Date.now() - started;
      trace(`saw ${what} after ${ms} ms (painted, in its frame)`);
      await tracePages(page);
      return ms;
    }
  }
  return until(page, started, ourMath(file), what);
}

/** VS Code's Markdown preview with a formula in it. */
const builtinMath = async (frame: Frame): Promise<boolean> =>
  frame.evaluate(() => {
    const doc = (globalThis as unknown as { document: FrameDocument }).document;
    return !doc.getElementById('kexue-preview') && !!doc.body?.classList.contains('vscode-body') && !!doc.querySelector('.katex');
  });


async function command(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

// Waits (≤ 15 s) until every frame has loaded all it asked for: requests of a webview closed mid-load
// stay with VS Code's service worker until its 30 s `resolveTimeout`, and the next webview waited for
// that (the ≈ 30 s rounds followed a preview closed as soon as its formula was in the DOM). Same for both.
async function settled(page: Page): Promise<void> {
  const deadline = Date.now() + 15_000;
  const loaded = () => ((d: FrameDocument) => d.readyState === 'complete' && d.fonts.status === 'loaded')((globalThis as unknown as { document: FrameDocument }).document);
  for (const frame of page.frames().filter((f) => f !== page.mainFrame() && !f.isDetached()))
    await frame.waitForFunction(loaded, undefined, { timeout: Math.max(1, deadline - Date.now()) }).catch(() => undefined);
}

async function closeAll(page: Page): Promise<void> {
  await settled(page);
  await command(page, 'View: Close All Editors');
  await page.locator('.editor-group-container .tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}

async function partRow(page: Page, label: RegExp) {
  const sidebar = page.locator('[id="workbench.view.extension.kexueReader"]');
  const rows = sidebar.locator('.monaco-list-row');
  const series = rows.and(page.locator('[aria-level="1"]')).filter({ hasText: SERIES }).first();
  await series.waitFor({ timeout: 120_000 });
  if ((await series.getAttribute('aria-expanded')) !== 'true') await series.click();
  const row = rows.and(page.locator('[aria-level="2"]')).filter({ hasText: label }).first();
  await row.waitFor({ timeout: 15_000 });
  return row;
}

/**
 * Clicks a row where it is, as a reader's click lands: Playwright's `click()` first checks the row
 * (in view, still for two animation frames, not covered) — 25–90 ms of round trips through the busy
 * main thread, traced 2026-12-04, that a reader's click does not wait for (the Markdown preview's
 * side is a key press, which has none). Returns when the click was sent.
 */
async function clickRow(page: Page, row: Awaited<ReturnType<typeof partRow>>): Promise<number> {
  await row.scrollIntoViewIfNeeded();
  const box = await row.boundingBox();
  if (!box) throw new Error('the Series view row has no box');
  const started = Date.now();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  return started;
}

async function openInEditor(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(file);
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: file }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });
  await page.locator('.monaco-editor textarea').first().focus();
}

export async function run(): Promise<void> {
  const root = repoRoot();
  const corpus = process.env.KEXUE_CORPUS ?? path.join(root, '..', 'shared', 'corpus');
  if (!existsSync(path.join(corpus, 'posts', PARTS[0].file))) return void console.log('SKIPPED: no corpus (../shared/corpus or $KEXUE_CORPUS)');
  if (!existsSync(CHROMIUM)) return void console.log(`SKIPPED: no Chromium at ${CHROMIUM}`);
  const codeServer = (await import(pathToFileURL(path.join(root, 'scripts', 'codeServer.mjs')).href)) as {
    newDataDir: (label: string) => string;
    startCodeServer: (options: Record<string, unknown>) => Promise<CodeServer>;
  };
  const { workbenchUrl } = (await import(pathToFileURL(path.join(root, 'scripts', 'lib', 'workbench.mjs')).href)) as {
    workbenchUrl: (server: CodeServer, options: Record<string, string>) => string;
  };
  const workspaceRoot = mkdtempSync(path.join(os.tmpdir(), 'kexue-bench-click-'));
  const workspace = path.join(workspaceRoot, 'corpus');
  cpSync(corpus, workspace, { recursive: true });
  const dataDir = codeServer.newDataDir('bench-click');
  let server: CodeServer;
  try {
    server = await codeServer.startCodeServer({ dataDir, workspace, quiet: true });
  } catch (error) {
    rmSync(workspaceRoot, { recursive: true, force: true });
    return void console.log(`SKIPPED: code-server did not start (${error instanceof Error ? error.message : String(error)})`);
  }
  const profile = mkdtempSync(path.join(os.tmpdir(), 'kexue-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  try {
    if (TRACE) await context.addInitScript(traceFrames);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: root }));
    await page.locator('.activitybar [aria-label^="Kexue Reader"]').first().click({ timeout: 120_000 });
    // Warm-up, not counted: the extension's first preview loads KaTeX and markdown-it into the host,
    // the built-in preview its own; a reader pays that once per window.
    await closeAll(page);
    let started = Date.now();
    await (await partRow(page, PARTS[3].label)).click();
    await until(page, started, ourMath(PARTS[3].file), 'the warm-up preview');
    await closeAll(page);
    await openInEditor(page, PARTS[3].file);
    started = Date.now();
    await page.keyboard.press('Control+Shift+V');
    await until(page, started, builtinMath, 'the warm-up Markdown preview');

    const ours: number[] = [];
    const builtin: number[] = [];
    const oursDom: number[] = [];
    const builtinDom: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await closeAll(page);
      const row = await partRow(page, PARTS[0].label);
      trace(`click ${PARTS[0].file} (first open, round ${round})`);
      started = await clickRow(page, row);
      const mine = await untilShown(page, started, shownMath('ours', PARTS[0].file), 'our preview');
      ours.push(mine.screen);
      oursDom.push(mine.dom);
      await closeAll(page);
      await openInEditor(page, PARTS[0].file);
      started = Date.now();
      await page.keyboard.press('Control+Shift+V');
      const theirs = await untilShown(page, started, shownMath('builtin', PARTS[0].file), 'the Markdown preview');
      builtin.push(theirs.screen);
      builtinDom.push(theirs.dom);
    }
    // Next post in the open preview tab: 重温SSM(一) open, then (二), (三), (四) clicked in turn.
    await closeAll(page);
    await (await partRow(page, PARTS[0].label)).click();
    await until(page, Date.now(), ourMath(PARTS[0].file), 'part one');
    const next: number[] = [];
    for (const part of PARTS.slice(1)) {
      const row = await partRow(page, part.label);
      const frame = await previewFrame(page);
      trace(`click ${part.file} (next post)`);
      started = await clickRow(page, row);
      next.push(await untilInPreview(page, frame, started, part.file, `${part.file} in the open tab`));
    }
    if (TRACE) {
      // Whether the webviews' frames run in the workbench's renderer process (then on its main thread).
      const cdp = await context.newCDPSession(page);
      const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ type: string; url: string }> };
      trace(`targets: ${targetInfos.map((t) => `${t.type} ${t.url.slice(0, 60)}`).join(' | ')}`);
      const tree = (await cdp.send('Page.getFrameTree')) as unknown;
      trace(`frames in the page's process: ${JSON.stringify(tree).match(/"url":/g)?.length ?? 0}, page.frames(): ${page.frames().length}`);
    }
    const tabs = await page.locator('.tabs-container .tab').filter({ hasText: /^(Preview: |预览：)/ }).count();
    const ratio = median(ours) / median(builtin);
    console.log(`click → math on screen, 重温SSM(一) (first open, median of ${ROUNDS}): ${median(ours)} ms (${ours.join(', ')}) vs VS Code's Markdown preview ${median(builtin)} ms (${builtin.join(', ')}) → ${ratio.toFixed(2)}× (goal ≤ 0.5×)`);
    console.log(`  the same rounds, math in the page's DOM (the figure before 2026-12-04; frame maybe hidden, fonts maybe not in): ${median(oursDom)} ms (${oursDom.join(', ')}) vs ${median(builtinDom)} ms (${builtinDom.join(', ')}) → ${(median(oursDom) / median(builtinDom)).toFixed(2)}×`);
    // A round of ≈ 30 s (a service-worker stall, see settled()) flatters one side: the ratio without such rounds too.
    const [a, b] = [ours, builtin].map((values) => values.filter((ms) => ms < STALLED_MS));
    if (a.length < ours.length || b.length < builtin.length) {
      const without = a.length && b.length ? `${median(a)} vs ${median(b)} ms → ${(median(a) / median(b)).toFixed(2)}×` : 'no round of one side left';
      console.log(`  rounds over ${STALLED_MS / 1000} s (stalled): ours ${ours.length - a.length}, Markdown preview ${builtin.length - b.length}; without them: ${without}`);
    }
    console.log(`next post in the open preview tab (重温SSM(二)–(四), median of 3): ${median(next)} ms (${next.join(', ')}) (goal ≤ 300 ms); preview tabs after the clicks: ${tabs}`);
    console.log(`load average while measuring: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
  } finally {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(workspaceRoot, { recursive: true, force: true });
  }
}
