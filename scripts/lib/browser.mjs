// Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core: no browser download.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './paths.mjs';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** A persistent context in a throw-away profile; close() also removes the profile. */
export async function launchBrowser({ viewport = { width: 1400, height: 900 } } = {}) {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: run \`node scripts/ensure-system.mjs\``);
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'kexue-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => {});
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
