// Escaping for the few places where we write HTML by hand instead of through markdown-it.

const REPLACEMENTS: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Safe both as element text and inside a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => REPLACEMENTS[ch] ?? ch);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** The inverse of escapeHtml (an attribute value read back from HTML we wrote). */
export function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (whole, name: string) => ENTITIES[name] ?? whole);
}

/** An `id` (and `#fragment`) made from a label: no spaces or quotes, everything else kept. */
export function equationId(label: string): string {
  return `eq-${label.replace(/[\s"'<>&#]+/g, '-')}`;
}
