import { localize, type PublicationSnapshot, type SnapshotPair } from '@candor/shared';

/** What a before/after pair is about, and the two periods it compares, read from its two questions. */
export interface PairWording {
  /** The question both halves share, e.g. "How often did you screen new clients?". */
  readonly topic: string;
  /** "In the 3 months before FOSTA-SESTA (11 April 2018)", or null when the titles do not split so. */
  readonly before: string | null;
  /** "In the last 3 months", or null. */
  readonly after: string | null;
}

const capitalize = (text: string) => text.replace(/\p{L}/u, (letter) => letter.toLocaleUpperCase());
const lowerFirst = (text: string) => text.replace(/\p{L}/u, (letter) => letter.toLocaleLowerCase());

/**
 * Splits a pair's two titles into the period each names and the question they share (their
 * common ending, from a word boundary): "In the 3 months before X, did you screen?" and "In
 * the last 3 months, did you screen?" give "Did you screen?". Falls back to the "now" title.
 */
export function pairWording(pair: SnapshotPair, locale: string): PairWording {
  const before = localize(pair.titleBefore, locale).trim();
  const after = localize(pair.titleAfter, locale).trim();
  let common = 0;
  while (common < before.length && common < after.length && before[before.length - 1 - common] === after[after.length - 1 - common])
    common++;
  let start = after.length - common;
  // Start the shared part at a word boundary of both titles.
  while (
    start < after.length &&
    (/\p{L}|\p{N}/u.test(after[start - 1] ?? '') || /\p{L}|\p{N}/u.test(before[before.length - (after.length - start) - 1] ?? ''))
  )
    start++;
  const shared = after.slice(start).replace(/^[\s,;:.–—-]+/u, '');
  if (shared.length < 12 || !/\p{L}/u.test(shared)) return { topic: after, before: null, after: null };
  const cut = (title: string) => title.slice(0, title.length - (after.length - start)).replace(/[\s,;:–—-]+$/u, '');
  const beforePeriod = cut(before);
  const afterPeriod = cut(after);
  return {
    topic: capitalize(shared),
    before: beforePeriod ? beforePeriod : null,
    after: afterPeriod ? afterPeriod : null,
  };
}

export interface Headline {
  readonly pair: string;
  readonly text: string;
  /** Size of the change in percentage points, for ordering. */
  readonly size: number;
}

export interface HeadlineWords {
  /** "{topic} “{answer}”: {before} {beforePeriod}; {after} {afterPeriod}." */
  readonly binary: (vars: {
    topic: string;
    answer: string;
    before: string;
    after: string;
    beforePeriod: string;
    afterPeriod: string;
  }) => string;
  /** "{topic} Compared with before, {down} now answer lower on the scale and {up} higher." */
  readonly ordinal: (vars: { topic: string; down: string; up: string }) => string;
  readonly beforeFallback: string;
  readonly afterFallback: string;
}

const YES = new Set(['yes', 'si', 'sí', 'true']);

/**
 * Headline findings in plain language, from published numbers only: for yes/no pairs the
 * share answering "yes" (or the first answer) in each period, for scales the share who
 * moved down and up. Pairs whose numbers are hidden give no headline. Largest changes first.
 */
export function headlineFindings(
  snapshot: PublicationSnapshot,
  locale: string,
  words: HeadlineWords,
  format: (percent: number) => string,
  limit = 5,
): Headline[] {
  const headlines: Headline[] = [];
  for (const pair of snapshot.pairs) {
    const wording = pairWording(pair, locale);
    if (pair.kind === 'binary') {
      const index = Math.max(
        0,
        pair.categories.findIndex((c) => YES.has(c.value.toLowerCase())),
      );
      const before = pair.before[index]?.percent;
      const after = pair.after[index]?.percent;
      const category = pair.categories[index];
      if (before === null || before === undefined || after === null || after === undefined || !category) continue;
      headlines.push({
        pair: pair.id,
        size: Math.abs(after - before),
        text: words.binary({
          topic: wording.topic,
          answer: localize(category.label, locale),
          before: format(before),
          after: format(after),
          beforePeriod: lowerFirst(wording.before ?? words.beforeFallback),
          afterPeriod: lowerFirst(wording.after ?? words.afterFallback),
        }),
      });
    } else if (pair.changes && pair.n && pair.changes.up !== null && pair.changes.down !== null) {
      const down = (100 * pair.changes.down) / pair.n;
      const up = (100 * pair.changes.up) / pair.n;
      headlines.push({
        pair: pair.id,
        size: Math.abs(down - up),
        text: words.ordinal({ topic: wording.topic, down: format(down), up: format(up) }),
      });
    }
  }
  return headlines.sort((a, b) => b.size - a.size).slice(0, limit);
}
