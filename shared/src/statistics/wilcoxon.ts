import { normalTwoSided } from './distributions';

export interface WilcoxonOptions {
  /** `wilcox` drops zero differences before ranking (R); `pratt` ranks them, then drops them. */
  readonly zeroMethod?: 'wilcox' | 'pratt';
  /** Continuity correction for the normal approximation (R's default: true). */
  readonly correction?: boolean;
  /** `auto`: exact for fewer than 50 differences with no ties or zeros (as R), normal otherwise. */
  readonly method?: 'auto' | 'exact' | 'normal';
}

export interface WilcoxonResult {
  /** V: the sum of the ranks of positive differences x − y. */
  readonly statistic: number;
  readonly n: number;
  readonly p: number;
  readonly method: 'exact' | 'normal';
  readonly mean: number;
  readonly variance: number;
}

function averageRanks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((p, q) => p.value - q.value);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && (order[j + 1] as { value: number }).value === (order[i] as { value: number }).value) j++;
    const rank = (i + j + 2) / 2;
    for (let t = i; t <= j; t++) ranks[(order[t] as { index: number }).index] = rank;
    i = j + 1;
  }
  return ranks;
}

function tieGroups(values: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.values()].filter((count) => count > 1);
}

/** P(V ≤ v) for every v, with n distinct ranks 1..n (the null distribution of V). */
function exactDistribution(n: number): number[] {
  const max = (n * (n + 1)) / 2;
  let counts = new Array<number>(max + 1).fill(0);
  counts[0] = 1;
  for (let rank = 1; rank <= n; rank++) {
    const next = [...counts];
    for (let sum = rank; sum <= max; sum++) next[sum] = (next[sum] as number) + (counts[sum - rank] as number);
    counts = next;
  }
  const total = 2 ** n;
  return counts.map((count) => count / total);
}

/**
 * Wilcoxon signed-rank test on paired values (x = before, y = after), two-sided: exact
 * for small samples without ties, normal approximation with tie correction otherwise.
 */
export function wilcoxonSignedRank(x: readonly number[], y: readonly number[], options: WilcoxonOptions = {}): WilcoxonResult {
  if (x.length !== y.length) throw new RangeError('x and y must be paired (same length)');
  const zeroMethod = options.zeroMethod ?? 'wilcox';
  const correction = options.correction ?? true;
  const all = x.map((value, i) => value - (y[i] as number));
  const zeros = all.filter((d) => d === 0).length;
  const ranked = zeroMethod === 'wilcox' ? all.filter((d) => d !== 0) : all;
  const ranks = averageRanks(ranked.map(Math.abs));
  const kept = ranked.map((d, i) => ({ d, rank: ranks[i] as number })).filter(({ d }) => d !== 0);
  const n = kept.length;
  if (n === 0) return { statistic: 0, n: 0, p: 1, method: 'normal', mean: 0, variance: 0 };
  const statistic = kept.filter(({ d }) => d > 0).reduce((sum, { rank }) => sum + rank, 0);
  const hasTies = tieGroups(kept.map(({ rank }) => rank)).length > 0;
  const method =
    options.method === 'exact' || options.method === 'normal' ? options.method : n < 50 && !hasTies && zeros === 0 ? 'exact' : 'normal';

  const count = zeroMethod === 'pratt' ? all.length : n;
  const droppedZeros = zeroMethod === 'pratt' ? zeros : 0;
  let mean = (count * (count + 1)) / 4 - (droppedZeros * (droppedZeros + 1)) / 4;
  let variance = (count * (count + 1) * (2 * count + 1)) / 24 - (droppedZeros * (droppedZeros + 1) * (2 * droppedZeros + 1)) / 24;
  variance -= tieGroups(kept.map(({ rank }) => rank)).reduce((sum, t) => sum + (t * t * t - t), 0) / 48;

  if (method === 'exact') {
    if (hasTies || droppedZeros > 0) throw new RangeError('the exact test needs distinct, non-zero differences');
    const cdf = exactDistribution(n);
    const v = Math.round(statistic);
    const below = cdf.slice(0, v + 1).reduce((s, p) => s + p, 0);
    const above = cdf.slice(v).reduce((s, p) => s + p, 0);
    mean = (n * (n + 1)) / 4;
    return { statistic, n, p: Math.min(1, 2 * Math.min(below, above)), method, mean, variance };
  }
  const shift = correction ? 0.5 * Math.sign(statistic - mean) : 0;
  const z = variance > 0 ? (statistic - mean - shift) / Math.sqrt(variance) : 0;
  return { statistic, n, p: normalTwoSided(z), method, mean, variance };
}
