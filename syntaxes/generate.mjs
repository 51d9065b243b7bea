// Writes the two TextMate grammars from one definition of the math patterns, so Markdown posts and
// digest pages colour math identically. Run `node syntaxes/generate.mjs` after editing; the grammar
// tests (test/grammar/run.mjs) fail when the committed JSON is not what this script writes.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MONTHS = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';

/** Inside any math region: labels and references first, then ordinary TeX. */
const mathContent = {
  patterns: [
    {
      match: '(\\\\label)\\s*(\\{)([^{}\\n]*)(\\})',
      name: 'meta.label.kexue',
      captures: {
        1: { name: 'support.function.label.kexue' },
        2: { name: 'punctuation.definition.arguments.begin.kexue' },
        3: { name: 'entity.name.label.kexue' },
        4: { name: 'punctuation.definition.arguments.end.kexue' },
      },
    },
    {
      match: '(\\\\(?:eq)?ref)\\s*(\\{)([^{}\\n]*)(\\})',
      name: 'meta.reference.kexue',
      captures: {
        1: { name: 'support.function.reference.kexue' },
        2: { name: 'punctuation.definition.arguments.begin.kexue' },
        3: { name: 'markup.underline.link.eqref.kexue' },
        4: { name: 'punctuation.definition.arguments.end.kexue' },
      },
    },
    {
      match: '(\\\\(?:begin|end))\\s*(\\{)([A-Za-z]+\\*?)(\\})',
      captures: {
        1: { name: 'keyword.control.environment.kexue' },
        2: { name: 'punctuation.definition.arguments.begin.kexue' },
        3: { name: 'variable.parameter.environment.kexue' },
        4: { name: 'punctuation.definition.arguments.end.kexue' },
      },
    },
    { match: '\\\\(?:text|textbf|textit|mathrm|operatorname)(?![A-Za-z])', name: 'support.function.text.math.kexue' },
    { match: '\\\\[A-Za-z]+', name: 'support.function.math.kexue' },
    { match: '\\\\\\\\', name: 'keyword.operator.newline.math.kexue' },
    { match: '\\\\[^A-Za-z\\s]', name: 'constant.character.escape.math.kexue' },
    { match: '[0-9]+(?:\\.[0-9]+)?', name: 'constant.numeric.math.kexue' },
    { match: '[_^]', name: 'keyword.operator.script.math.kexue' },
    { match: '&', name: 'keyword.operator.alignment.math.kexue' },
    { match: '[=<>+\\-*/|]', name: 'keyword.operator.math.kexue' },
  ],
};

const delimiters = () => ({
  beginCaptures: { 0: { name: 'punctuation.definition.math.begin.kexue' } },
  endCaptures: { 0: { name: 'punctuation.definition.math.end.kexue' } },
});

/** Blank lines end every region: Markdown paragraphs (and the engine's inline math) stop there. */
const BLANK_LINE = '^(?=\\s*$)';

const math = {
  patterns: [
    {
      // Bare display environments, as html2text leaves them: \begin{equation}…\end{equation}.
      name: 'meta.math.block.kexue',
      begin: '(\\\\begin)\\s*(\\{)([A-Za-z]+\\*?)(\\})',
      beginCaptures: {
        0: { name: 'punctuation.definition.math.begin.kexue' },
        1: { name: 'keyword.control.environment.kexue' },
        3: { name: 'variable.parameter.environment.kexue' },
      },
      end: '(\\\\end)\\s*(\\{)(\\3)(\\})',
      endCaptures: {
        0: { name: 'punctuation.definition.math.end.kexue' },
        1: { name: 'keyword.control.environment.kexue' },
        3: { name: 'variable.parameter.environment.kexue' },
      },
      patterns: [{ include: '#math-content' }],
    },
    {
      name: 'meta.math.block.kexue',
      begin: '\\$\\$',
      end: `\\$\\$|${BLANK_LINE}`,
      ...delimiters(),
      patterns: [{ include: '#math-content' }],
    },
    {
      name: 'meta.math.block.kexue',
      begin: '\\\\\\[',
      end: `\\\\\\]|${BLANK_LINE}`,
      ...delimiters(),
      patterns: [{ include: '#math-content' }],
    },
    {
      name: 'meta.math.inline.kexue',
      begin: '\\\\\\(',
      end: `\\\\\\)|${BLANK_LINE}`,
      ...delimiters(),
      patterns: [{ include: '#math-content' }],
    },
    {
      // `$x$` on one line, read as Pandoc does: no space inside the delimiters, no digit after.
      name: 'meta.math.inline.kexue',
      match: '(?<![\\\\$])(\\$)((?:[^$\\\\\\s]|\\\\.)(?:[^$\\\\]|\\\\.)*?(?<=[^\\s\\\\]|\\\\.))(\\$)(?![0-9$])',
      captures: {
        1: { name: 'punctuation.definition.math.begin.kexue' },
        2: { patterns: [{ include: '#math-content' }] },
        3: { name: 'punctuation.definition.math.end.kexue' },
      },
    },
    {
      // html2text wraps long inline math, leaving two spaces before the break: a `$` whose partner
      // is on the next line. VS Code's Markdown grammar ends a paragraph scope at every line, so
      // only this first line is coloured there; the engine and the hovers still see the whole.
      name: 'meta.math.inline.kexue',
      begin: '(?<![\\\\$])\\$(?=[^\\s$](?:[^$\\\\]|\\\\.)* {2}$)',
      end: `\\$|${BLANK_LINE}`,
      ...delimiters(),
      patterns: [{ include: '#math-content' }],
    },
  ],
};

const injection = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Kexue math in Markdown',
  scopeName: 'kexue.math.markdown.injection',
  comment: 'Generated by syntaxes/generate.mjs — edit that file, not this one.',
  injectionSelector: 'L:text.html.markdown -markup.fenced_code -markup.inline.raw -markup.raw -comment -meta.math',
  patterns: [{ include: '#math' }],
  repository: { math, 'math-content': mathContent },
};

const digest = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Kexue digest',
  scopeName: 'text.kexue.digest',
  comment: 'Generated by syntaxes/generate.mjs — edit that file, not this one.',
  firstLineMatch: `^\\d{1,2} (?:${MONTHS})\\s*$`,
  patterns: [
    { include: '#date-line' },
    { include: '#byline' },
    { include: '#read-more' },
    { include: '#comments-footer' },
    { include: '#title-line' },
    { include: '#math' },
  ],
  repository: {
    'date-line': {
      match: `^(\\d{1,2} (?:${MONTHS}))\\s*$`,
      captures: { 1: { name: 'constant.other.date.kexue-digest markup.heading.date.kexue-digest' } },
    },
    byline: {
      // `By 苏剑林 | 2022-09-28 | 67272位读者 | 引用…`: the scraper glued the first paragraph after 引用.
      name: 'meta.byline.kexue-digest',
      begin: '^(By)\\s+([^|\\n]+?)\\s*(\\|)\\s*(\\d{4}-\\d{2}-\\d{2})\\s*(\\|)([^|\\n]*)(\\|)\\s*(引用)',
      beginCaptures: {
        1: { name: 'keyword.other.by.kexue-digest' },
        2: { name: 'entity.name.author.kexue-digest' },
        3: { name: 'punctuation.separator.byline.kexue-digest' },
        4: { name: 'constant.other.date.kexue-digest' },
        5: { name: 'punctuation.separator.byline.kexue-digest' },
        6: { name: 'comment.readers.kexue-digest' },
        7: { name: 'punctuation.separator.byline.kexue-digest' },
        8: { name: 'keyword.other.cite.kexue-digest' },
      },
      end: '$',
      patterns: [{ include: '#math' }],
    },
    'read-more': {
      match: '^\\s*(点击阅读全文)(\\.{3}|…)?\\s*$',
      captures: { 1: { name: 'markup.underline.link.read-more.kexue-digest' } },
    },
    'comments-footer': { match: '^最近评论\\s*$', name: 'markup.heading.comments.kexue-digest' },
    'title-line': {
      // A short line standing alone, without `$` or sentence-ending punctuation: an entry's title.
      match: `^(?!By\\s|点击阅读全文|\\d{1,2} (?:${MONTHS})\\s*$)([^$\\s][^$\\n]{0,59}?)(?<![。，,；;！？!?…：:])\\s*$`,
      captures: { 1: { name: 'markup.heading.title.kexue-digest entity.name.section.kexue-digest' } },
    },
    math,
    'math-content': mathContent,
  },
};

const here = dirname(fileURLToPath(import.meta.url));
export const GRAMMARS = {
  'kexue-math.injection.tmLanguage.json': injection,
  'kexue-digest.tmLanguage.json': digest,
};

/** The text each grammar file must hold. */
export function grammarText(name) {
  return `${JSON.stringify(GRAMMARS[name], null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const name of Object.keys(GRAMMARS)) writeFileSync(join(here, name), grammarText(name));
  console.log(`wrote ${Object.keys(GRAMMARS).join(', ')}`);
}
