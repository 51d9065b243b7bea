import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

/** A fresh nonce for the one script a webview page may run. */
export function nonce(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * The Content-Security-Policy of our webviews: nothing by default, our script only by nonce, resources only
 * from the extension (and data: images). KaTeX and uPlot lay out with inline `style` attributes, hence
 * style-src 'unsafe-inline' — styles cannot run code.
 */
export function contentSecurityPolicy(webview: Pick<vscode.Webview, 'cspSource'>, scriptNonce: string, options: { remoteImages?: boolean; dataFonts?: boolean } = {}): string {
  return [
    "default-src 'none'",
    `img-src ${webview.cspSource}${options.remoteImages ? ' https:' : ''} data:`,
    `style-src ${webview.cspSource} 'unsafe-inline'`,
    `font-src ${webview.cspSource}${options.dataFonts ? ' data:' : ''}`,
    `script-src 'nonce-${scriptNonce}'`,
  ].join('; ');
}

/**
 * The preview's policy: nothing from the web, images included — core's renderer turns a post's remote
 * images into links, so opening a post makes no request the post chose (no tracking pixel). Fonts may
 * be data: URIs: the shell carries the first screens' KaTeX fonts (inlineSheets.ts); a post cannot
 * declare a font of its own (no <style> of its own gets through: core/render/postHtml shows such a tag as text).
 */
export function previewContentSecurityPolicy(webview: Pick<vscode.Webview, 'cspSource'>, scriptNonce: string): string {
  return contentSecurityPolicy(webview, scriptNonce, { remoteImages: false, dataFonts: true });
}
