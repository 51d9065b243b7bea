// UI test of the 简体中文 interface, as a reader whose VS Code speaks Chinese sees it: code-server started
// with `--locale zh-cn` and a stand-in language pack (scripts/lib/standInLanguagePack.mjs: VS Code's own
// strings stay English, the extension's come from l10n/ and package.nls.zh-cn.json). The side bar, the
// Series view's rows, the preview's tab, series bar and outline, a command's questions, its result
// card, the helper's notes under it, an unreadable notes file said above the post, the Search Results view, a refused matrix's reason, the
// helper's own refusal and the log's reason for skipping a file are all in Chinese. Runs only under `node scripts/run-e2e.mjs chineseUi
// --locale=zh-cn` (npm test's e2e-zh stage); screenshots test-results/chinese-ui*.png.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { answerInputBox, errorToasts, pickRow, quickInput, quickInputMessage, resultsFrame } from './support/compute';
import { previewFrame, runCommand } from './support/preview';
import { libraryKind, openWorkbench, rowDescription, rowLabel, screenshot, type WorkbenchSession } from './support/workbench';

const locale = process.env.KEXUE_E2E_LOCALE ?? 'en';
const skip = locale !== 'zh-cn' ? `runs with --locale=zh-cn (this run: ${locale})` : libraryKind !== 'sample' && 'runs on the sample library';

describe('简体中文 interface', { timeout: 300_000, skip }, () => {
  let session: WorkbenchSession;
  let failures = 0;

  before(async () => {
    session = await openWorkbench();
  });

  afterEach(async (t) => {
    if (session && (t as unknown as { passed?: boolean }).passed === false) await screenshot(session.page, `chinese-ui-failure-${++failures}.png`);
  });

  after(async () => {
    if (session) await session.close();
  });

  it('names the side bar and its views in Chinese; the Series view counts parts and posts in Chinese; the empty Notes view says how to add one', async () => {
    const { page } = session;
    // The activity bar entry carries the view container's translated title.
    await page.locator('.activitybar [aria-label^="科学空间阅读器"]').first().click({ timeout: 60_000 });
    const sidebar = page.locator('[id="workbench.view.extension.kexueReader"]');
    await sidebar.locator('.pane-header .title', { hasText: /^系列$/ }).waitFor({ timeout: 60_000 });
    await sidebar.locator('.pane-header .title', { hasText: /^笔记$/ }).waitFor({ timeout: 10_000 });
    // No notes yet: the Notes view says how to make one instead of showing an empty pane.
    const notesPane = sidebar.locator('.pane').filter({ has: page.locator('.pane-header .title', { hasText: /^笔记$/ }) });
    await notesPane.locator('.welcome-view-content', { hasText: '还没有笔记。在预览中选中文字' }).waitFor({ timeout: 10_000 });
    const rows = sidebar.locator('.pane').filter({ has: page.locator('.pane-header .title', { hasText: /^系列$/ }) }).locator('.monaco-list-row');
    const series = rows.and(page.locator('[aria-level="1"]')).filter({ hasText: '矩阵漫谈' }).first();
    await series.waitFor({ timeout: 60_000 });
    assert.match(await rowDescription(series), /^4 篇 · 2024 · 已读 0\/4$/);
    const unknownYear = rows.and(page.locator('[aria-level="1"]')).filter({ hasText: '年份未知' }).first();
    assert.equal(await rowLabel(unknownYear), '年份未知');
    assert.equal(await rowDescription(unknownYear), '1 篇');
  });

  it('shows a post clicked in the Series view in a preview whose tab, series bar and outline speak Chinese', async () => {
    const { page } = session;
    const rows = page.locator('[id="workbench.view.extension.kexueReader"] .monaco-list-row');
    const series = rows.and(page.locator('[aria-level="1"]')).filter({ hasText: '矩阵漫谈' }).first();
    if ((await series.getAttribute('aria-expanded')) !== 'true') await series.click();
    await rows.and(page.locator('[aria-level="2"]')).filter({ hasText: /^2\. 幂迭代/ }).first().click();
    const frame = await previewFrame(page, '矩阵漫谈二幂迭代与最大奇异值.md');
    await frame.locator('#content .katex').first().waitFor({ timeout: 30_000 });
    await page.locator('.tabs-container .tab', { hasText: /^预览：矩阵漫谈（二）/ }).first().waitFor({ timeout: 10_000 });
    assert.equal((await frame.locator('#series-bar .series-part').innerText()).trim(), '· 第 2 篇');
    assert.equal((await frame.locator('#series-bar .series-position').innerText()).trim(), '· 库中第 2 篇，共 4 篇');
    // The bar's buttons are vscode-button elements (@vscode-elements): their words are their text.
    const buttons = await frame.locator('#series-bar vscode-button').evaluateAll((all) => all.map((b) => b.textContent?.trim() ?? ''));
    assert.deepEqual(buttons, ['‹ 上一篇', '下一篇 ›', '在系列中显示']);
    assert.equal((await frame.locator('#post-header a.post-source').innerText()).trim(), '原文');
    assert.equal((await frame.locator('#outline summary').first().innerText()).trim(), '大纲');
    await screenshot(page, 'chinese-ui.png');
  });

  it('says in Chinese above the post when its notes file cannot be read', async () => {
    const { page } = session;
    const frame = await previewFrame(page, '矩阵漫谈二幂迭代与最大奇异值.md');
    const folder = new URL(process.env.KEXUE_E2E_URL ?? 'http://x/').searchParams.get('folder');
    assert.ok(folder, 'KEXUE_E2E_URL names the workspace folder');
    // The post's notes file (named by its blog address), cut off mid-write by some other tool.
    const file = path.join(folder, '.kexue', 'annotations', 'archives-1002.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{"version": 1, "annotations": [');
    try {
      const problem = frame.locator('#kx-notes-problem:not([hidden])');
      await problem.waitFor({ timeout: 30_000 });
      assert.match(await problem.innerText(), /^这篇文章的笔记文件无法读取.*文件已原样保留.*archives-1002\.json/s);
      await screenshot(page, 'chinese-ui-notes-unreadable.png');
    } finally {
      rmSync(file);
    }
    await frame.locator('#kx-notes-problem').waitFor({ state: 'hidden', timeout: 30_000 });
  });

  it('asks a compute command\'s questions in Chinese; its result card and the helper\'s note under it are in Chinese', async () => {
    const { page } = session;
    await runCommand(page, 'Kexue: RoPE 频率与长度外推…');
    await answerInputBox(page, /^每个头的维度 d（偶数，2 … \d+）/, '64');
    await answerInputBox(page, /^底数 b（> 1）/, '10000');
    await answerInputBox(page, /^长度外推倍数 κ（可选，≥ 1）/, '');
    const card = await resultsFrame(page, 'RoPE（d = 64，b = 10000）');
    const text = await card.locator('#results').innerText();
    assert.match(text, /θ 从 1 到/);
    // The helper's note under the result, made in English, shown in Chinese.
    assert.match(text, /β 进制视角：位置 n 写成以 β = b\^\(2\/d\) = 1\.33352 为底的数/);
    await screenshot(page, 'chinese-ui-compute.png');
  });

  it('searches the library and lists the hits per post in the Search Results view, counted in Chinese', async () => {
    const { page } = session;
    await runCommand(page, 'Kexue: 搜索文库…');
    const input = quickInput(page).locator('input');
    await input.fill('奇异值');
    await quickInput(page).locator('.quick-input-list .monaco-list-row').filter({ hasText: '奇异值' }).first().waitFor({ timeout: 60_000 });
    await page.mouse.move(640, 600);
    await quickInput(page).locator('[aria-label^="在“搜索结果”视图中显示全部结果"]').first().click();
    const view = page.locator('[id="workbench.view.extension.kexueReader"] .pane').filter({ has: page.locator('.pane-header .title', { hasText: /^搜索结果$/ }) });
    const post = view.locator('.monaco-list-row[aria-level="1"]').first();
    await post.waitFor({ timeout: 30_000 });
    assert.match((await post.innerText()).replace(/\s+/g, ' ').trim(), /\d+ 处结果$/);
    await screenshot(page, 'chinese-ui-search.png');
  });

  it('refuses a ragged matrix in Chinese, naming the row', async () => {
    const { page } = session;
    await runCommand(page, 'Kexue: 求所选矩阵的伪逆');
    const input = quickInput(page).locator('input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill('[[1,2],[3]]');
    // parseMatrix's words (core), translated by the host.
    await quickInputMessage(page).filter({ hasText: '无法读取矩阵：第 2 行有 1 个元素，而第 1 行有 2 个：每一行的列数必须相同' }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
  });

  it("shows the compute helper's refusal in Chinese: a matrix that is not positive definite has no square root", async () => {
    const { page } = session;
    await runCommand(page, 'Kexue: 矩阵平方根（Newton–Schulz）…');
    await answerInputBox(page, /^矩阵：JSON/, '[[1,2],[2,1]]');
    await pickRow(page, '对称正定矩阵 A 的平方根');
    // Refused in the helper (core's NotPositiveDefiniteError inside the job's ComputeError), carried over
    // IPC as words and put into Chinese by the host.
    const toast = errorToasts(page).filter({ hasText: '计算任务失败：矩阵不是正定的（Cholesky 第 2 个主元为 -3.00）：平方根要求所有特征值 > 0（矩阵平方根需要对称正定矩阵）' });
    await toast.first().waitFor({ timeout: 60_000 });
    await screenshot(page, 'chinese-ui-refusal.png');
  });

  it('says in the log, in Chinese, why a file of the library was skipped (the sample\'s README.md)', async () => {
    const { page } = session;
    await runCommand(page, 'Kexue: 显示日志');
    // The output channel's editor: core's words for the file (parseFile), translated by the host.
    const log = page.locator('.part.panel .monaco-editor .view-lines').first();
    let text = '';
    for (const started = Date.now(); Date.now() - started < 15_000; await page.waitForTimeout(250)) {
      // Monaco draws spaces as no-break spaces.
      text = ((await log.textContent().catch(() => '')) ?? '').replace(/\u00a0/g, ' ');
      if (text.includes('README.md')) break;
    }
    assert.match(text, /已跳过 \S*README\.md：不符合任何已知格式/);
    assert.doesNotMatch(text, /matches no known layout/);
    await screenshot(page, 'chinese-ui-log.png');
  });
});
