// UI test of the preview's annotation layer in code-server and headless Chromium on the sample library:
// select words in the preview (across a formula) and highlight them; add a note holding `$x^2$` (drawn
// by KaTeX beside the post); click an equation and highlight it (one box over the whole formula, no
// highlight per glyph); the notes are written to the post's `.kexue/annotations/` file (the editor's
// NotesService); reload the window — all still there; recolour and delete in place. Screenshots light
// and dark in test-results/ (preview-notes-light.png, preview-notes-dark.png).
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { previewFrame, reloadWindow, runCommand, settledPreviewFrame } from './support/preview';
import { kexueSidebar, libraryKind, openWorkbench, screenshot, treeRows, type WorkbenchSession } from './support/workbench';

const SERIES = '矩阵漫谈';
const FILE = '矩阵漫谈二幂迭代与最大奇异值.md';
const FROM = '完整的奇异值分解';
const TO = '杀鸡用牛刀';

function workspaceFolder(): string {
  const folder = new URL(process.env.KEXUE_E2E_URL ?? 'http://x/').searchParams.get('folder');
  assert.ok(folder, 'KEXUE_E2E_URL names the workspace folder');
  return folder;
}

interface StoredNote {
  id: string;
  color: string;
  body: { purpose: string; value: string }[];
  target: { selector: [{ exact: string }, { start: number; end: number }]; equation?: { label: string | null; number: string | null } };
}

/** The post's notes file, as the NotesService wrote it. */
function notesFile(): { path: string; json: { post: { slug: string | null }; annotations: StoredNote[] } } | undefined {
  const folder = path.join(workspaceFolder(), '.kexue', 'annotations');
  if (!existsSync(folder)) return undefined;
  for (const name of readdirSync(folder)) {
    const file = path.join(folder, name);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { post: { slug: string | null }; annotations: StoredNote[] };
    if (json.post.slug === '矩阵漫谈二幂迭代与最大奇异值') return { path: file, json };
  }
  return undefined;
}

/** Where the sample library's post file lies in the workspace. */
function postFile(folder: string, name: string): string {
  for (const entry of readdirSync(folder, { recursive: true, encoding: 'utf8' })) if (path.basename(entry) === name) return path.join(folder, entry);
  assert.fail(`${name} is in the workspace`);
}

const storedNotes = (): StoredNote[] => notesFile()?.json.annotations ?? [];

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Selects from the start of `from` to the end of `to` in the paragraph holding them, as a mouse drag leaves it. */
async function selectWords(frame: Frame, from: string, to: string): Promise<void> {
  await frame.evaluate(([first, last]) => {
    const texts: Text[] = [];
    const walker = document.createTreeWalker(document.getElementById('content') as HTMLElement, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!(node.parentElement?.closest('.katex'))) texts.push(node as Text);
    const start = texts.find((t) => t.data.includes(first));
    const end = texts.find((t) => t.data.includes(last));
    if (!start || !end) throw new Error('words not on the page');
    const range = document.createRange();
    range.setStart(start, start.data.indexOf(first));
    range.setEnd(end, end.data.indexOf(last) + last.length);
    start.parentElement?.scrollIntoView({ block: 'center' });
    const selection = window.getSelection() as Selection;
    selection.removeAllRanges();
    selection.addRange(range);
    document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }, [from, to]);
}

async function openPost(page: Page): Promise<Frame> {
  const seriesRow = treeRows(page).and(page.locator('[aria-level="1"]')).filter({ hasText: SERIES }).first();
  await seriesRow.waitFor({ timeout: 60_000 });
  if ((await seriesRow.getAttribute('aria-expanded')) !== 'true') await seriesRow.click();
  const part = treeRows(page).and(page.locator('[aria-level="2"]')).filter({ hasText: '幂迭代' }).first();
  await part.waitFor({ timeout: 15_000 });
  await part.dblclick();
  const frame = await previewFrame(page, FILE);
  await frame.locator('#content .katex').first().waitFor({ timeout: 30_000 });
  return frame;
}

describe('Notes and highlights in the preview', { timeout: 720_000, skip: libraryKind !== 'sample' && 'runs on the sample library' }, () => {
  let session: WorkbenchSession;
  let frame: Frame;

  before(async () => {
    session = await openWorkbench();
  });

  after(async () => {
    if (session) await session.close();
    // The workspace is shared by every UI test file: notes a failed step left behind must not show
    // in the Series and Notes views of the next one.
    const left = notesFile();
    if (left) rmSync(left.path);
  });

  it('highlights words selected across a formula, through the editor’s notes store', async () => {
    const { page } = session;
    await page.locator('.activitybar [aria-label^="Kexue Reader"]').first().click();
    await kexueSidebar(page).waitFor({ timeout: 60_000 });
    frame = await openPost(page);
    // The toolbar needs the host's strings, which come with the first annotations message: retry the selection until it shows.
    await until('the annotation toolbar', async () => {
      await selectWords(frame, FROM, TO);
      return frame.locator('#kx-toolbar:not([hidden]) .kx-swatch').first().isVisible();
    });
    await frame.locator('#kx-toolbar .kx-swatch[data-color="green"]').click();
    const marks = frame.locator('span.kx-hl.kx-color-green');
    await marks.first().waitFor({ timeout: 20_000 });
    // The page draws its highlights again whenever the host sends the notes (after each render too): poll.
    let text = '';
    await until(`the highlight over the selected words (last seen: ${text})`, async () => {
      text = (await marks.allInnerTexts()).join('');
      return text.startsWith(FROM) && text.endsWith(TO);
    });
    // The formula inside the words is covered whole, as one box.
    assert.equal(await frame.locator('.katex.kx-hl-formula.kx-color-green').count(), 1);
    assert.equal(await frame.locator('.katex span.kx-hl').count(), 0, 'no highlight inside a formula');
    const stored = storedNotes();
    assert.equal(stored.length, 1);
    assert.equal(stored[0].color, 'green');
    assert.equal(stored[0].target.selector[0].exact, '完整的奇异值分解当然能给出$\\sigma_1$，但那是杀鸡用牛刀');
  });

  it('adds a note with math to the highlight; it shows beside the post drawn by KaTeX', async () => {
    await frame.locator('span.kx-hl.kx-color-green').first().click();
    await frame.locator('#kx-toolbar:not([hidden]) .kx-add-note').click();
    await frame.locator('#kx-toolbar .kx-note-input').fill('幂迭代的收敛：误差按 $x^2$ 缩小');
    await frame.locator('#kx-toolbar .kx-save').click();
    const body = frame.locator('#kx-notes .kx-note .kx-note-body');
    await body.locator('.katex').first().waitFor({ timeout: 20_000 });
    assert.match(await body.first().innerText(), /幂迭代的收敛/);
    assert.match(await body.locator('annotation[encoding="application/x-tex"]').first().textContent() ?? '', /x\^2/);
    // The card quotes the highlighted words with their formula drawn as in the page, not as TeX.
    const quote = frame.locator('#kx-notes .kx-note .kx-note-quote').first();
    assert.equal(await quote.locator('.katex').count(), 1);
    // (KaTeX's own layout puts line breaks and zero-width spaces into the text of a subscript.)
    assert.match((await quote.innerText()).replace(/[\s\u200b]/g, ''), /给出σ1，但那是杀鸡用牛刀/);
    await until('the note in the notes file', () => storedNotes()[0]?.body.some((b) => b.purpose === 'commenting' && b.value.includes('$x^2$')) ?? false);
    // The same store as the editor's: the Notes view lists the note.
    const row = kexueSidebar(session.page).locator('.monaco-list-row').filter({ hasText: '幂迭代的收敛' }).first();
    await row.waitFor({ timeout: 20_000 });
    // Its quote reads without `$`; hovering it shows the quote and the note with their formulas drawn.
    assert.match(await row.innerText(), /给出\\sigma_1，但那是/);
    const tooltip = session.page.locator('.workbench-hover, .monaco-hover').filter({ has: session.page.locator('img[src^="data:image/svg+xml"]') }).first();
    // The tree redraws its rows as the notes settle, and a row replaced under a resting mouse gets no
    // hover: move away and back until the tooltip shows.
    await until('the note tooltip with its formulas drawn', async () => {
      await session.page.mouse.move(5, 790);
      await row.hover();
      return tooltip.waitFor({ timeout: 4_000 }).then(() => true, () => false);
    }, 40_000);
    assert.equal(await tooltip.locator('img[src^="data:image/svg+xml"]').count(), 2, 'σ₁ in the quote, x² in the note');
    assert.ok(!(await tooltip.innerText()).includes('$'));
    await screenshot(session.page, 'notes-view-tooltip.png');
    await session.page.mouse.move(5, 790);
    // The outline marks the section holding the note.
    assert.ok((await frame.locator('#outline a[data-notes]').count()) >= 1, 'a section of the outline is marked');
  });

  it('highlights a clicked equation as one box over the whole formula', async () => {
    const display = frame.locator('.math-display[data-eq-numbers="1"]');
    await display.scrollIntoViewIfNeeded();
    await display.locator('.katex-html').click();
    await frame.locator('#kx-toolbar:not([hidden]) .kx-swatch[data-color="blue"]').click();
    await frame.locator('.math-display.kx-hl-formula.kx-color-blue').waitFor({ timeout: 20_000 });
    assert.equal(await display.locator('span.kx-hl').count(), 0, 'never one highlight per glyph');
    await until('the equation note in the notes file', () => storedNotes().length === 2);
    const equation = storedNotes()[1];
    assert.ok(equation.target.selector[0].exact.startsWith('\\begin{equation}') && equation.target.selector[0].exact.endsWith('\\end{equation}'), equation.target.selector[0].exact);
    assert.deepEqual(equation.target.equation, { label: 'eq:power', number: '1' });
    // Its card quotes the formula drawn, without the page's equation number.
    const quote = frame.locator('#kx-notes .kx-note').filter({ has: frame.locator('.kx-note-quote .katex') }).last().locator('.kx-note-quote');
    await quote.waitFor({ timeout: 10_000 });
    assert.equal(await quote.locator('.tag').count(), 0);
    assert.match((await quote.innerText()).replace(/[\s\u200b]/g, ''), /^“wk=/);
  });

  it('shows the notes in the margin, light and dark', async () => {
    const { page } = session;
    // A wide panel puts the notes in the margin beside their highlights.
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    // The margin column itself has no height (its notes are placed one by one): wait for a note in it.
    await frame.locator('#kx-notes.kx-margin .kx-note').first().waitFor({ timeout: 10_000 });
    await frame.locator('span.kx-hl').first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
    // The equation's quote, wider than a margin card, is drawn smaller and, if it still does not fit,
    // ends in "…”" — never cut off mid-glyph.
    const equationQuote = frame.locator('#kx-notes.kx-margin .kx-note .kx-note-quote').filter({ has: frame.locator('.katex') }).last();
    const fit = await equationQuote.evaluate((el) => ({ fits: el.scrollWidth <= el.clientWidth + 1, clipped: el.classList.contains('kx-clipped'), size: getComputedStyle(el).fontSize, after: getComputedStyle(el, '::after').content }));
    assert.ok(fit.fits || (fit.clipped && fit.after === '"…”"'), JSON.stringify(fit));
    const light = await frame.locator('body').evaluate((b) => b.classList.contains('vscode-light'));
    await page.mouse.move(5, 790);
    await screenshot(page, `preview-notes-${light ? 'light' : 'dark'}.png`);
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    await frame.locator(`body.${light ? 'vscode-dark' : 'vscode-light'}`).waitFor({ timeout: 10_000 });
    await page.mouse.move(5, 790);
    await screenshot(page, `preview-notes-${light ? 'dark' : 'light'}.png`);
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
  });

  it('keeps the highlights and the note after the window reloads', async () => {
    const { page } = session;
    await reloadWindow(page);
    const tab = page.locator('.tabs-container .tab').filter({ hasText: '幂迭代' }).first();
    await tab.waitFor({ timeout: 30_000 });
    await tab.click();
    frame = await settledPreviewFrame(page, FILE, async (shown) => {
      await shown.locator('span.kx-hl.kx-color-green').first().waitFor({ timeout: 30_000 });
      await shown.locator('.math-display.kx-hl-formula.kx-color-blue').waitFor({ timeout: 10_000 });
      await shown.locator('#kx-notes .kx-note-body .katex').first().waitFor({ timeout: 10_000 });
    });
    assert.equal(await frame.locator('#kx-notes .kx-note').count(), 2);
  });

  it('recolours and deletes in place', async () => {
    const note = frame.locator('#kx-notes .kx-note').filter({ has: frame.locator('.kx-note-body') }).first();
    await note.locator('.kx-swatch[data-color="pink"]').click();
    await frame
      .locator('span.kx-hl.kx-color-pink')
      .first()
      .waitFor({ state: 'attached', timeout: 20_000 })
      .catch(async (error: Error) => {
        // What the page shows instead tells a lost message from a redraw that kept the old colour.
        const shown = await frame.locator('span.kx-hl').evaluateAll((spans: Element[]) => spans.map((span) => span.getAttribute('class') ?? '').join(' | ')).catch(() => '(page gone)');
        await screenshot(session.page, 'preview-notes-recolour-failure.png');
        throw new Error(`${error.message}\nhighlights on the page: ${shown}\nstored colour: ${storedNotes()[0]?.color}`);
      });
    await until('the new colour in the notes file', () => storedNotes()[0]?.color === 'pink');
    // A change made elsewhere (here: the notes file edited on disk, as git or the CLI would) shows in the page.
    const file = notesFile();
    assert.ok(file);
    file.json.annotations[0].color = 'purple';
    writeFileSync(file.path, JSON.stringify(file.json, null, 2));
    await frame.locator('span.kx-hl.kx-color-purple').first().waitFor({ state: 'attached', timeout: 30_000 });
    // Delete the equation's highlight from the toolbar, then the note from its card.
    await frame.locator('.math-display.kx-hl-formula').locator('.katex-html').click();
    await frame.locator('#kx-toolbar:not([hidden]) .kx-delete').click();
    await until('the equation highlight gone', async () => (await frame.locator('.kx-hl-formula.kx-color-blue').count()) === 0);
    await frame.locator('#kx-notes .kx-note .kx-delete').first().click();
    await until('every highlight gone', async () => (await frame.locator('span.kx-hl, .kx-hl-formula').count()) === 0);
    await until('the notes file emptied', () => storedNotes().length === 0);
    assert.ok(await frame.locator('#kx-notes').isHidden());
  });

  it('says above the post when its notes file cannot be read; a highlight is refused and the file left as it was', async () => {
    const file = notesFile();
    assert.ok(file);
    // Cut off by some other tool: no longer JSON. The page used to show the post as if it had no notes.
    const broken = readFileSync(file.path, 'utf8').slice(0, 60);
    writeFileSync(file.path, broken);
    try {
      const problem = frame.locator('#kx-notes-problem:not([hidden])');
      await problem.waitFor({ timeout: 30_000 });
      const said = await problem.innerText();
      assert.match(said, /notes file cannot be read/);
      assert.ok(said.includes(path.basename(file.path)), `names the file: ${said}`);
      await screenshot(session.page, 'preview-notes-unreadable.png');
      await until('the annotation toolbar', async () => {
        await selectWords(frame, FROM, TO);
        return frame.locator('#kx-toolbar:not([hidden]) .kx-swatch').first().isVisible();
      });
      await frame.locator('#kx-toolbar .kx-swatch[data-color="yellow"]').click();
      await frame.locator('#toast', { hasText: 'notes file cannot be read' }).waitFor({ state: 'attached', timeout: 20_000 });
      assert.equal(await frame.locator('span.kx-hl').count(), 0);
      assert.equal(readFileSync(file.path, 'utf8'), broken, 'the unreadable file is untouched');
    } finally {
      rmSync(file.path);
    }
    await frame.locator('#kx-notes-problem').waitFor({ state: 'hidden', timeout: 30_000 });
  });

  it('a post deleted outside VS Code: the preview keeps it and says so; written back, the notice goes', async () => {
    const file = postFile(workspaceFolder(), FILE);
    const text = readFileSync(file);
    rmSync(file); // as `rm` in a terminal does: no event but the watcher's
    try {
      const notice = frame.locator('#kx-file-gone:not([hidden])');
      await notice.waitFor({ timeout: 30_000 });
      assert.match(await notice.innerText(), new RegExp(`deleted or moved: .*${FILE}`));
      assert.ok((await frame.locator('#content .katex').count()) > 0, 'the post is still shown');
      await screenshot(session.page, 'preview-file-gone.png');
    } finally {
      writeFileSync(file, text);
    }
    await frame.locator('#kx-file-gone').waitFor({ state: 'hidden', timeout: 30_000 });
  });
});
