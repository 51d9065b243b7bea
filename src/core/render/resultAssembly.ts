// Builds the RenderResult from the state each render pass left: front-matter meta, digest entry HTML, merged stats.

import type { DigestEntry } from './digest';
import { splitTags } from '../text/frontMatter';
import { escapeHtml } from './html';
import type { RenderEnv } from './markdownEngine';
import type { MathPassOutput } from './mathPass';
import type { RenderMeta, RenderResult } from './types';

/** Everything one pass over one document (or one digest entry) produces besides HTML. */
export interface DocumentState {
  output: MathPassOutput;
  env: RenderEnv;
  mathNodes: number;
  /** Blocks were left out (RenderOptions.lines). */
  partial: boolean;
  /** Where each rendered block's HTML ends in the HTML renderBlocks returned. */
  blockEnds: number[];
}

export function postMeta(fields: Record<string, string>, body: string): RenderMeta {
  const { title, date, slug, status, tags, ...extra } = fields;
  const meta: RenderMeta = { layout: 'post', extra };
  if (title) meta.title = title;
  if (date) meta.date = date;
  if (slug) meta.slug = slug;
  if (status) meta.status = status;
  const tagList = splitTags(tags);
  if (tagList) meta.tags = tagList;
  const url = /\*\*原文链接\*\*\s*[:：]\s*\[?(https?:\/\/[^\s\])]+)/.exec(body);
  if (url) meta.url = url[1];
  return meta;
}

export function digestEntryHtml(entry: DigestEntry, bodyHtml: string, env: RenderEnv): string {
  const id = `digest-${entry.line + 1}`;
  const title = entry.title
    ? `<h2 class="digest-title" id="${id}" data-line="${entry.line}">${escapeHtml(entry.title)}</h2>\n`
    : '';
  if (entry.title) env.headings.unshift({ level: 2, text: entry.title, id, line: entry.line + 1 });
  const date = `<p class="digest-date" data-line="${entry.line}"><time>${escapeHtml(entry.date)}</time></p>\n`;
  const marker = entry.excerpt
    ? '<p class="excerpt-marker" data-excerpt="true">摘录 · 点击阅读全文…</p>\n'
    : '';
  return `<article class="digest-entry${entry.excerpt ? ' excerpt' : ''}" data-line="${entry.line}">\n${title}${date}${bodyHtml}${marker}</article>\n`;
}

export function assemble(html: string, meta: RenderMeta, states: DocumentState[]): RenderResult {
  const equations = states.flatMap((state) => state.output.equations);
  const eqrefs = states.flatMap((state) => state.output.eqrefs);
  const errors = states.flatMap((state) => state.output.errors);
  return {
    html,
    meta,
    headings: states.flatMap((state) => state.env.headings),
    equations,
    eqrefs,
    errors,
    postLinks: states.flatMap((state) => state.env.postLinks),
    partial: states.some((state) => state.partial),
    stats: {
      mathNodes: states.reduce((sum, state) => sum + state.mathNodes, 0),
      numbered: equations.length,
      eqrefs: eqrefs.length,
      unresolvedEqrefs: eqrefs.filter((reference) => !reference.resolved).length,
      fallbacks: states.reduce((sum, state) => sum + state.output.fallbacks, 0),
      pendingFallbacks: states.reduce((sum, state) => sum + state.output.pendingFallbacks, 0),
      ms: 0,
    },
  };
}
