// Re-anchoring after edits, on the corpus posts: every post gets annotations at seeded random places
// (within a line, 6–60 units), then one edited copy with paragraphs inserted and deleted, full-width
// punctuation made half-width, characters dropped and a section moved — all on a TrackedText, which
// knows where each annotated character went. Reported against the issue's goals:
//   found at the right place / all that still exist ≥ 98 %; found at a wrong place = 0;
//   deleted ones reported as orphans = all; 1,000 annotations on a 100 KB post re-anchored ≤ 50 ms.
// KEXUE_BENCH_SEED_OFFSET=N draws other places and edits, to check the rules are not fitted to one draw
// (they were developed looking at offsets 0–500; 600 and up were held out).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { anchorAll, describeRange, type Anchor, type TextPositionSelector, type TextQuoteSelector } from '../../src/core/annotations/index';
import { TrackedText, halfWidthPunctuation } from '../unit/annotations/trackedText';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Line {
  start: number;
  end: number;
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  for (let start = 0; ; ) {
    const nl = text.indexOf('\n', start);
    out.push({ start, end: nl < 0 ? text.length : nl });
    if (nl < 0) return out;
    start = nl + 1;
  }
}

interface Target {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/** `count` ranges inside lines of at least 12 units, 6–60 units long. */
function randomTargets(text: string, count: number, random: () => number): Target[] {
  const lines = linesOf(text).filter((l) => l.end - l.start >= 12 && text.slice(l.start, l.end).trim().length >= 12);
  const targets: Target[] = [];
  while (targets.length < count) {
    const line = lines[Math.floor(random() * lines.length)];
    const length = Math.min(line.end - line.start, 6 + Math.floor(random() * 55));
    const start = line.start + Math.floor(random() * (line.end - line.start - length + 1));
    if (text.slice(start, start + length).trim().length < 4) continue;
    const [quote, position] = describeRange(text, start, start + length);
    targets.push({ quote, position });
  }
  return targets;
}

/** The edits a re-scrape or an editing session makes, seeded. Returns the edited TrackedText. */
function edit(text: string, random: () => number): TrackedText {
  const t = new TrackedText(text);
  const pick = (): Line => {
    const lines = linesOf(t.text).filter((l) => l.end - l.start > 20);
    return lines[Math.floor(random() * lines.length)];
  };
  // A section moved to the end (from one "## " heading to the next).
  const headings = linesOf(t.text).filter((l) => t.text.startsWith('## ', l.start));
  if (headings.length >= 3) {
    const i = Math.floor(random() * (headings.length - 2));
    t.move(headings[i].start, headings[i + 1].start, t.length);
  }
  for (let i = 0; i < 4; i++) t.insert(pick().start, `新插入的第${i + 1}段，讲述一些原文没有的内容。\n\n`);
  for (let i = 0; i < 4; i++) {
    const line = pick();
    t.delete(line.start, Math.min(t.length, line.end + 1));
  }
  for (let i = 0; i < 6; i++) {
    const line = pick();
    halfWidthPunctuation(t, line.start, line.end);
  }
  for (let i = 0; i < 20; i++) {
    const line = pick();
    const at = line.start + Math.floor(random() * (line.end - line.start));
    t.delete(at, at + 1);
  }
  return t;
}

interface Tally {
  /** Found somewhere else, where the original held the same quote with the same stored context (no selector can tell). */
  wrongAmbiguous: number;
  exist: number;
  right: number;
  exactRange: number;
  wrong: number;
  deleted: number;
  orphaned: number;
  lostButPresent: number;
}

const emptyTally = (): Tally => ({ wrongAmbiguous: 0, exist: 0, right: 0, exactRange: 0, wrong: 0, deleted: 0, orphaned: 0, lostButPresent: 0 });

/** Overlap of two ranges as a share of the longer one. */
function overlapShare(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const overlap = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  return overlap / Math.max(a.end - a.start, b.end - b.start, 1);
}

function tally(original: string, t: TrackedText, targets: readonly Target[], anchors: readonly Anchor[], into: Tally, wrongSamples: string[]): void {
  targets.forEach((target, i) => {
    const expected = t.expected(target.position.start, target.position.end);
    const anchor = anchors[i];
    const { prefix, exact, suffix } = target.quote;
    const whole = prefix + exact + suffix;
    const first = original.indexOf(whole);
    const ambiguous = original.indexOf(whole, first + 1) >= 0;
    const wrong = (sample: string): void => {
      into.wrong++;
      if (ambiguous) into.wrongAmbiguous++;
      else wrongSamples.push(sample);
    };
    // Mostly deleted (fewer than half its units left) counts as deleted: orphan is then the right answer.
    const survives = expected !== null && expected.end - expected.start >= (target.position.end - target.position.start) / 2;
    if (!survives) {
      into.deleted++;
      if (anchor.status === 'orphan') into.orphaned++;
      else if (expected === null || overlapShare(anchor, expected) < 0.5) wrong(`deleted "${target.quote.exact}" found as "${anchor.exact}"`);
      return;
    }
    into.exist++;
    if (anchor.status === 'orphan') into.lostButPresent++;
    else if (overlapShare(anchor, expected) >= 0.5) {
      into.right++;
      if (anchor.start === expected.start && anchor.end === expected.end) into.exactRange++;
    } else wrong(`"${target.quote.exact}" expected at ${expected.start} found at ${anchor.start} "${anchor.exact}"`);
  });
}

const SEED_OFFSET = Number(process.env.KEXUE_BENCH_SEED_OFFSET ?? 0) || 0;

const pct = (a: number, b: number): string => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(2)} %`);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(): Promise<void> {
  const corpus = resolve(process.env.KEXUE_CORPUS ?? join(__dirname, '..', '..', '..', '..', 'shared', 'corpus'));
  const postsDir = join(corpus, 'posts');
  if (!existsSync(postsDir)) {
    console.log(`annotations bench SKIPPED: no corpus at ${corpus}`);
    return;
  }
  const posts = readdirSync(postsDir).filter((f) => f.endsWith('.md')).sort().map((f) => readFileSync(join(postsDir, f), 'utf8'));

  // Accuracy: 200 annotations per post, five seeded edited copies of each post.
  const total = emptyTally();
  const wrongSamples: string[] = [];
  posts.forEach((text, p) => {
    for (let round = 0; round < 5; round++) {
      const random = mulberry32(1000 * p + round + 1 + SEED_OFFSET);
      const targets = randomTargets(text, 200, random);
      const t0 = performance.now();
      const edited = edit(text, random);
      const t1 = performance.now();
      const anchors = anchorAll(edited.text, targets);
      const t2 = performance.now();
      tally(text, edited, targets, anchors, total, wrongSamples);
      if (process.env.KEXUE_BENCH_VERBOSE) console.log(`post ${p} round ${round}: edit ${(t1 - t0).toFixed(0)} ms, anchor ${(t2 - t1).toFixed(0)} ms, tally ${(performance.now() - t2).toFixed(0)} ms`);
    }
  });
  console.log(`${posts.length} posts × 5 edited copies × 200 annotations${SEED_OFFSET ? ` (seed offset ${SEED_OFFSET})` : ''}`);
  console.log(`found at the right place / all that still exist: ${total.right}/${total.exist} = ${pct(total.right, total.exist)}  (goal ≥ 98 %; exact range ${pct(total.exactRange, total.exist)}; reported orphan though present ${total.lostButPresent})`);
  console.log(`found at a wrong place: ${total.wrong}  (goal 0) — of which ${total.wrongAmbiguous} in text the post repeats verbatim with the same stored context (placed by position only), ${total.wrong - total.wrongAmbiguous} elsewhere`);
  console.log(`deleted ones reported as orphans: ${total.orphaned}/${total.deleted}  (goal all)`);
  for (const sample of wrongSamples.slice(0, 8)) console.log(`  wrong (not repeated text): ${sample}`);

  speed(posts);
}

function speed(posts: string[]): void {
  // Speed: 1,000 annotations on a 100 KB post (the corpus posts joined, cut at 100 KB), edited.
  let big = '';
  for (let i = 0; big.length < 100_000; i++) big += posts[i % posts.length];
  big = big.slice(0, 100_000);
  const random = mulberry32(42);
  const targets = randomTargets(big, 1000, random);
  const edited = edit(big, random);
  const unchangedMs: number[] = [];
  const editedMs: number[] = [];
  let anchors: Anchor[] = [];
  for (let run = 0; run < 7; run++) {
    let t0 = performance.now();
    anchorAll(big, targets);
    unchangedMs.push(performance.now() - t0);
    t0 = performance.now();
    anchors = anchorAll(edited.text, targets);
    editedMs.push(performance.now() - t0);
  }
  const bigTally = emptyTally();
  tally(big, edited, targets, anchors, bigTally, []);
  const moved = anchors.filter((a) => a.status === 'moved').length;
  console.log(
    `1,000 annotations on a ${(big.length / 1000).toFixed(0)} KB post: unchanged ${median(unchangedMs.slice(1)).toFixed(1)} ms, ` +
      `after the edits ${median(editedMs.slice(1)).toFixed(1)} ms (median of 6 warm runs; first run ${editedMs[0].toFixed(1)} ms; ` +
      `${moved} moved, ${bigTally.orphaned} orphans, right ${pct(bigTally.right, bigTally.exist)}, wrong ${bigTally.wrong} of which ${bigTally.wrongAmbiguous} in repeated text)  (goal ≤ 50 ms)`,
  );
}
