/**
 * D8 — optional perturbation of published counts.
 *
 * ONS 10-5 rounding: counts of 1–9 are suppressed, everything else is rounded to the
 * nearest 5 (0 stays 0). Random base-5 rounding rounds x up with probability (x mod 5)/5,
 * so it is unbiased. The cell-key method (ESS Handbook on SDC §5.4) adds noise looked up
 * in a p-table from the count and the cell's key (the fractional part of the sum of its
 * records' random keys), so the same cell always gets the same noise.
 */
export type Perturbation = 'none' | 'ons_10_5' | 'cell_key';

/** The ONS rule: `null` for a suppressed count (1–9), the count rounded to 5 otherwise. */
export function roundOns105(count: number): number | null {
  if (count === 0) return 0;
  if (count >= 1 && count <= 9) return null;
  return Math.round(count / 5) * 5;
}

/** The true counts a value published under ONS 10-5 rounding may stand for. */
export function ons105Range(published: number): { lower: number; upper: number } {
  if (published === 0) return { lower: 0, upper: 0 };
  return { lower: Math.max(10, published - 2), upper: published + 2 };
}

export function randomRoundBase5(count: number, random: () => number): number {
  const remainder = count % 5;
  const down = count - remainder;
  return remainder === 0 ? count : random() < remainder / 5 ? down + 5 : down;
}

export interface PTableRow {
  /** The count this row applies to, or the smallest count of an open-ended row. */
  readonly original: number;
  readonly openEnded?: boolean;
  readonly noise: number;
  /** (lower, upper] of the cell key. */
  readonly lower: number;
  readonly upper: number;
}

/** The p-table of the ESS handbook example (counts 0, 1, 2 and ≥ 3). */
export const DEFAULT_PTABLE: readonly PTableRow[] = [
  { original: 0, noise: 0, lower: 0, upper: 1 },
  { original: 1, noise: -1, lower: 0, upper: 0.5 },
  { original: 1, noise: 1, lower: 0.5, upper: 1 },
  { original: 2, noise: 0, lower: 0, upper: 0.8 },
  { original: 2, noise: 1, lower: 0.8, upper: 1 },
  { original: 3, openEnded: true, noise: -1, lower: 0, upper: 0.3 },
  { original: 3, openEnded: true, noise: 0, lower: 0.3, upper: 0.7 },
  { original: 3, openEnded: true, noise: 1, lower: 0.7, upper: 1 },
];

/** A cell's key: the fractional part of the sum of its records' keys. */
export function cellKeyOf(recordKeys: readonly number[]): number {
  const sum = recordKeys.reduce((total, key) => total + key, 0);
  return sum - Math.floor(sum);
}

export function cellKeyNoise(count: number, cellKey: number, ptable: readonly PTableRow[] = DEFAULT_PTABLE): number {
  const rows = ptable.filter((row) => (row.openEnded ? count >= row.original : count === row.original));
  // Intervals are (lower, upper]; a key of exactly 0 belongs to the first row.
  const row = rows.find((r) => cellKey > r.lower && cellKey <= r.upper) ?? rows[0];
  if (!row) throw new RangeError(`the p-table has no row for a count of ${count}`);
  return row.noise;
}

export function cellKeyPerturb(count: number, cellKey: number, ptable: readonly PTableRow[] = DEFAULT_PTABLE): number {
  return Math.max(0, count + cellKeyNoise(count, cellKey, ptable));
}

/** The true counts a cell-key-perturbed value may stand for. */
export function cellKeyRange(published: number, ptable: readonly PTableRow[] = DEFAULT_PTABLE): { lower: number; upper: number } {
  const candidates: number[] = [];
  const maxNoise = Math.max(...ptable.map((row) => Math.abs(row.noise)));
  for (let count = Math.max(0, published - maxNoise); count <= published + maxNoise; count++) {
    const rows = ptable.filter((row) => (row.openEnded ? count >= row.original : count === row.original));
    if (rows.some((row) => Math.max(0, count + row.noise) === published)) candidates.push(count);
  }
  return { lower: Math.min(...candidates), upper: Math.max(...candidates) };
}
