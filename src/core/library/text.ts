// Normalisation shared by the parsers and the merger. The blog writes the same title with full-width
// punctuation in one place (`重温SSM（二）：`) and half-width in another (`重温SSM(二):`); every comparison
// therefore goes through NFKC, which folds the full-width ASCII forms to their half-width twins.

/** Half-width form of a string, for series names and ids (`（二）：` → `(二):`). */
export function toHalfWidth(text: string): string {
  return text.normalize('NFKC');
}

/** Key under which two spellings of one title compare equal: half-width, lower case, no spaces. */
export function titleKey(title: string): string {
  return toHalfWidth(title).toLowerCase().replace(/[“”„‟"]/g, '"').replace(/[‘’']/g, "'").replace(/\s+/g, '');
}

/** Letters and digits only: the scraper dropped separators and link punctuation, so only these survive. */
export function lettersAndDigits(text: string): string {
  return toHalfWidth(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** How many letters of the opening text are compared. */
export const OPENING_MATCH_LENGTH = 80;
/** Shorter openings than this carry too little evidence to match on. */
export const OPENING_MIN_LENGTH = 12;
/**
 * Share of trigrams two openings must have in common. The scraper drops a word here and there
 * (`《A》和《B》` became `《A》《B》`), so exact prefixes are too strict; two different posts that
 * merely open with the same citation share well under this much.
 */
const OPENING_MIN_OVERLAP = 0.7;

/** The comparable start of a body text. */
export function openingKey(opening: string): string {
  return lettersAndDigits(opening).slice(0, OPENING_MATCH_LENGTH);
}

function trigrams(text: string): Set<string> {
  const chars = Array.from(text);
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(''));
  return grams;
}

/** True when two openings are the same text, up to the scraper's small losses. */
export function openingsMatch(a: string, b: string): boolean {
  const ka = openingKey(a);
  const kb = openingKey(b);
  const n = Math.min(Array.from(ka).length, Array.from(kb).length);
  if (n < OPENING_MIN_LENGTH) return false;
  // Compare equal lengths, so a short excerpt is judged against the same stretch of the full text.
  const ga = trigrams(Array.from(ka).slice(0, n).join(''));
  const gb = trigrams(Array.from(kb).slice(0, n).join(''));
  let shared = 0;
  for (const gram of ga) if (gb.has(gram)) shared++;
  return shared / Math.min(ga.size, gb.size) >= OPENING_MIN_OVERLAP;
}

/** FNV-1a, 32 bit, as 8 hex digits: a short stable hash for ids; not for security. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** A readable id fragment: half-width, lower case, runs of anything but letters and digits become `-`. */
export function slugify(text: string): string {
  return toHalfWidth(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

const MAX_SUMMARY_CHARS = 300;
/** A first paragraph shorter than this is followed by the next one, so the summary says something. */
const MIN_SUMMARY_CHARS = 120;

/**
 * A short line without sentence punctuation is a section heading that lost its `#` in the scrape
 * (`思路分析`, `矩方法`); it opens the next section, so it never continues a summary.
 */
function looksLikeLostHeading(text: string): boolean {
  return text.length <= 20 && !/[。.!?！？,，:：;；]/.test(text);
}

/** Joins the first paragraphs into a summary of at most ~300 characters. */
export function summarise(paragraphs: readonly string[]): string {
  let summary = '';
  for (const paragraph of paragraphs) {
    const text = paragraph.trim();
    if (!text) continue;
    if (summary && looksLikeLostHeading(text)) break;
    summary = summary ? `${summary}\n${text}` : text;
    if (summary.length >= MIN_SUMMARY_CHARS) break;
  }
  const chars = Array.from(summary);
  return chars.length > MAX_SUMMARY_CHARS ? `${chars.slice(0, MAX_SUMMARY_CHARS - 1).join('')}…` : summary;
}

/** Splits text into lines, accepting \n, \r\n and lone \r so line numbers match what an editor shows. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
