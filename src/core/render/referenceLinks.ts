// `$\eqref{x}$` as the reader meets it: a real link to the equation, with what the webview needs
// for a hover, instead of KaTeX text that could not be clicked.

import { equationId, escapeHtml } from './html';
import { cutSpans, referenceCommands } from './texScan';

/** `$\eqref{a},\eqref{b}$`: nothing but references, so they can be real links instead of KaTeX. */
export function isOnlyReferences(tex: string): boolean {
  if (!tex.includes('ref')) return false;
  const uses = referenceCommands(tex).map(({ use }) => use);
  return uses.length > 0 && /^[\s,，、~;]*$/.test(separatorText(cutSpans(tex, uses)).replace(/和|与|及|and/g, ''));
}

export function referenceLinks(tex: string, numberOf: (label: string) => string | undefined): string {
  const uses = referenceCommands(tex);
  let out = '';
  let last = 0;
  for (const { use, paren } of uses) {
    out += escapeHtml(separatorText(tex.slice(last, use.start)));
    out += referenceLink(use.argument, numberOf(use.argument), paren);
    last = use.end;
  }
  return `<span class="eqref-group">${out}${escapeHtml(separatorText(tex.slice(last)))}</span>`;
}

function separatorText(tex: string): string {
  return tex.replace(/\\text\{([^}]*)\}/g, '$1').replace(/\\quad/g, ' ').replace(/\\[,;! ]/g, ' ').replace(/~/g, ' ').trim();
}

/** The link the webview turns into a hover: `href` finds the equation, `data-*` describe it. */
export function referenceLink(label: string, number: string | undefined, paren: boolean): string {
  const safeLabel = escapeHtml(label);
  if (number === undefined) {
    return `<a class="eqref eqref-unresolved" data-label="${safeLabel}" title="unknown label">${paren ? '(??)' : '??'}</a>`;
  }
  const id = escapeHtml(equationId(label));
  const text = escapeHtml(paren ? `(${number})` : number);
  return `<a class="eqref" href="#${id}" data-label="${safeLabel}" data-target="${id}" data-eq-number="${escapeHtml(number)}">${text}</a>`;
}
