// Reading and writing one post's annotation file. Writing is deterministic — keys sorted at every
// level, two-space indentation, a final newline — so the files diff cleanly under git. Reading checks
// the shape of everything it will later trust and says exactly what is wrong; it never repairs.
import { MOTIVATIONS, W3C_CONTEXT, type Annotation, type AnnotationFile, type TextualBody } from './model';

/** JSON with object keys in code-point order at every level (arrays keep their order). */
export function stableStringify(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(record).sort()) if (record[key] !== undefined) sorted[key] = sortKeys(record[key]);
    return sorted;
  }
  return value;
}

export function serializeAnnotationFile(file: AnnotationFile): string {
  return stableStringify(file);
}

export class AnnotationFileError extends Error {}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isStringOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
const isOffset = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function fail(where: string, what: string): never {
  throw new AnnotationFileError(`${where}: ${what}`);
}

function checkBody(body: unknown, where: string): TextualBody {
  if (!isRecord(body) || body.type !== 'TextualBody' || !isString(body.value)) fail(where, 'a body must be a TextualBody with a string value');
  if (body.purpose !== 'commenting' && body.purpose !== 'tagging' && body.purpose !== 'describing') fail(where, `unknown body purpose ${JSON.stringify(body.purpose)}`);
  return body as unknown as TextualBody;
}

function checkAnnotation(value: unknown, where: string): Annotation {
  if (!isRecord(value)) fail(where, 'not an object');
  if (value.type !== 'Annotation') fail(where, 'type is not "Annotation"');
  if (!isString(value.id) || value.id.length === 0) fail(where, 'no id');
  if (!MOTIVATIONS.includes(value.motivation as never)) fail(where, `unknown motivation ${JSON.stringify(value.motivation)}`);
  if (!isString(value.created) || !isString(value.modified)) fail(where, 'created/modified must be strings');
  if (!isString(value.color)) fail(where, 'color must be a string');
  if (!Array.isArray(value.body)) fail(where, 'body must be an array');
  value.body.forEach((b, i) => checkBody(b, `${where}.body[${i}]`));
  const target = value.target;
  if (!isRecord(target) || !isString(target.source) || !Array.isArray(target.selector) || target.selector.length !== 2) fail(where, 'target needs a source and two selectors');
  const [quote, position] = target.selector as unknown[];
  if (!isRecord(quote) || quote.type !== 'TextQuoteSelector' || !isString(quote.exact) || !isString(quote.prefix) || !isString(quote.suffix)) {
    fail(where, 'the first selector must be a TextQuoteSelector with exact, prefix and suffix');
  }
  if (quote.exact.length === 0) fail(where, 'the quote is empty');
  if (!isRecord(position) || position.type !== 'TextPositionSelector' || !isOffset(position.start) || !isOffset(position.end) || position.end < position.start) {
    fail(where, 'the second selector must be a TextPositionSelector with 0 ≤ start ≤ end');
  }
  if (target.equation !== undefined) {
    const eq = target.equation;
    if (!isRecord(eq) || !isStringOrNull(eq.label) || !isStringOrNull(eq.number)) fail(where, 'equation must hold label and number (string or null)');
  }
  return { ...(value as unknown as Annotation), '@context': W3C_CONTEXT };
}

/** Parses a file's text; throws AnnotationFileError saying where it is malformed. */
export function parseAnnotationFile(text: string): AnnotationFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new AnnotationFileError(`not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(data)) fail('file', 'not a JSON object');
  if (data.version !== 1) fail('version', `unsupported version ${JSON.stringify(data.version)} (this build reads version 1)`);
  const post = data.post;
  if (!isRecord(post) || !isString(post.key) || !isStringOrNull(post.url) || !isStringOrNull(post.slug) || !isStringOrNull(post.title) || !isStringOrNull(post.date)) {
    fail('post', 'needs key (string) and url, slug, title, date (string or null)');
  }
  if (!Array.isArray(data.annotations)) fail('annotations', 'not an array');
  const annotations = data.annotations.map((a, i) => checkAnnotation(a, `annotations[${i}]`));
  const ids = new Set<string>();
  for (const a of annotations) {
    if (ids.has(a.id)) fail('annotations', `the id ${a.id} appears twice`);
    ids.add(a.id);
  }
  return { version: 1, post: { key: post.key, url: post.url, slug: post.slug, title: post.title, date: post.date }, annotations };
}
