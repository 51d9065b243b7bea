// KaTeX's HTML read back into a tree, for the tests of the preview's symbol hover: the page walks the
// DOM the browser builds from exactly this HTML, and Node has no DOM. KaTeX writes well-formed spans
// (and svg/path/line/img), attributes double-quoted, so a tag scanner is enough here.
import { decodeHtml, type GlyphTree } from '../../../src/core/notation';

export interface HtmlNode {
  tag: string;
  classes: string[];
  children: HtmlNode[];
  parent?: HtmlNode;
  text?: string;
}

const VOID = new Set(['path', 'line', 'img', 'br', 'rect', 'circle', 'use', 'meta', 'link']);

export function parseHtml(html: string): HtmlNode {
  const root: HtmlNode = { tag: '#root', classes: [], children: [] };
  let current = root;
  const tags = /<(\/?)([a-zA-Z][\w-]*)([^>]*?)(\/?)>|([^<]+)/g;
  for (const m of html.matchAll(tags)) {
    if (m[5] !== undefined) {
      current.children.push({ tag: '#text', classes: [], children: [], parent: current, text: decodeHtml(m[5]) });
      continue;
    }
    const [, closing, tag, attrs, selfClosing] = m;
    if (closing) {
      while (current !== root && current.tag !== tag) current = current.parent ?? root;
      current = current.parent ?? root;
      continue;
    }
    const cls = /\bclass="([^"]*)"/.exec(attrs);
    const node: HtmlNode = { tag, classes: cls ? cls[1].split(/\s+/).filter(Boolean) : [], children: [], parent: current };
    current.children.push(node);
    if (!selfClosing && !VOID.has(tag)) current = node;
  }
  return root;
}

export const HTML_TREE: GlyphTree<HtmlNode> = {
  classes: (n) => n.classes,
  text: (n) => (n.tag === '#text' ? n.text : undefined),
  children: (n) => n.children,
};

export function* descendants(node: HtmlNode): Generator<HtmlNode> {
  for (const child of node.children) {
    yield child;
    yield* descendants(child);
  }
}

export function findAll(node: HtmlNode, cls: string): HtmlNode[] {
  return [...descendants(node)].filter((n) => n.classes.includes(cls));
}
