// Opening the code-server workbench in a browser page: URLs with an extension-development payload,
// and the automation hooks (codeAutomationLog / codeAutomationExit) VS Code's web workbench calls.
import path from 'node:path';
import { format } from 'node:util';

/**
 * `?folder=` opens a workspace; `payload` carries what the desktop `--extensionDevelopmentPath` and
 * `--extensionTestsPath` flags carry (the protocol @vscode/test-web uses).
 */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath } = {}) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const query = new URLSearchParams();
  if (folder) query.set('folder', path.resolve(folder));
  if (payload.length) query.set('payload', JSON.stringify(payload));
  const qs = query.toString();
  return `${server.url}${qs ? `?${qs}` : ''}`;
}

/**
 * Wires the automation hooks before navigation. Returns a promise of the exit code that the
 * extension host reports when the tests finish (or rejects on timeout).
 */
export async function exposeAutomation(page, { onLog = (type, text) => console.log(text) } = {}) {
  let resolveExit;
  const exit = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // The extension host forwards console.* calls unformatted (mocha's spec reporter uses '%s' / '%d').
    const text = Array.isArray(args) ? format(...args) : String(args);
    onLog(type, text);
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  return exit;
}
