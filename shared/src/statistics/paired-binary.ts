import { binomialAtMost, binomialProbability, chiSquareUpperTail, Z_95 } from './distributions';
import { wilsonInterval, type Interval } from './proportions';

/**
 * A paired 2×2 table [[a, b], [c, d]]: rows = before (yes, no), columns = after (yes, no).
 * b = yes → no, c = no → yes. The difference is p_before − p_after = (b − c) / n.
 */
export interface PairedTable {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
}

export interface McNemarResult {
  readonly b: number;
  readonly c: number;
  readonly chiSquare: number;
  readonly pAsymptotic: number;
  readonly chiSquareCorrected: number;
  readonly pCorrected: number;
  readonly pExact: number;
  readonly pMid: number;
}

function total({ a, b, c, d }: PairedTable): number {
  return a + b + c + d;
}

/** McNemar's test: asymptotic with and without continuity correction, exact, and mid-p. */
export function mcnemarTest(table: PairedTable): McNemarResult {
  const { b, c } = table;
  const discordant = b + c;
  if (discordant === 0) {
    return { b, c, chiSquare: 0, pAsymptotic: 1, chiSquareCorrected: 0, pCorrected: 1, pExact: 1, pMid: 1 };
  }
  const chiSquare = (b - c) ** 2 / discordant;
  const chiSquareCorrected = Math.max(0, Math.abs(b - c) - 1) ** 2 / discordant;
  const smaller = Math.min(b, c);
  const tail = binomialAtMost(smaller, discordant, 0.5);
  const pExact = Math.min(1, 2 * tail);
  const pMid = Math.min(1, 2 * (tail - 0.5 * binomialProbability(smaller, discordant, 0.5)));
  return {
    b,
    c,
    chiSquare,
    pAsymptotic: chiSquareUpperTail(chiSquare, 1),
    chiSquareCorrected,
    pCorrected: chiSquareUpperTail(chiSquareCorrected, 1),
    pExact,
    pMid,
  };
}

export function pairedDifference(table: PairedTable): number {
  return (table.b - table.c) / total(table);
}

/** Wald interval for the paired difference (for reference; Newcombe or Tango are better). */
export function waldPairedInterval(table: PairedTable, z = Z_95): Interval {
  const n = total(table);
  const delta = pairedDifference(table);
  const se = Math.sqrt((table.b + table.c) / n - delta ** 2) / Math.sqrt(n);
  return { lower: delta - z * se, upper: delta + z * se };
}

/**
 * Newcombe's method 10: hybrid Wilson score interval for a paired difference (Newcombe
 * 1998). As in the paper, φ uses max(ad − bc − n/2, 0) in place of ad − bc when ad > bc.
 */
export function newcombePairedInterval(table: PairedTable, z = Z_95): Interval {
  const { a, b, c, d } = table;
  const n = total(table);
  const p1 = (a + b) / n;
  const p2 = (a + c) / n;
  const w1 = wilsonInterval(a + b, n, z);
  const w2 = wilsonInterval(a + c, n, z);
  const denominator = Math.sqrt((a + b) * (c + d) * (a + c) * (b + d));
  const cross = a * d - b * c;
  const phi = denominator === 0 ? 0 : (cross > 0 ? Math.max(cross - n / 2, 0) : cross) / denominator;
  const delta = p1 - p2;
  const lowerSquared = (p1 - w1.lower) ** 2 - 2 * phi * (p1 - w1.lower) * (w2.upper - p2) + (w2.upper - p2) ** 2;
  const upperSquared = (w1.upper - p1) ** 2 - 2 * phi * (w1.upper - p1) * (p2 - w2.lower) + (p2 - w2.lower) ** 2;
  return {
    lower: Math.max(-1, delta - Math.sqrt(Math.max(0, lowerSquared))),
    upper: Math.min(1, delta + Math.sqrt(Math.max(0, upperSquared))),
  };
}

/** Tango's score statistic for H0: p_before − p_after = delta0 (Tango 1998). */
function tangoStatistic(table: PairedTable, delta0: number): number {
  const { b, c } = table;
  const n = total(table);
  const A = 2 * n;
  const B = -b - c + (2 * n - b + c) * delta0;
  const C = -c * delta0 * (1 - delta0);
  const q21 = (Math.sqrt(Math.max(0, B * B - 4 * A * C)) - B) / (2 * A);
  const variance = n * (2 * q21 + delta0 * (1 - delta0));
  if (variance <= 0) return b - c - n * delta0 === 0 ? 0 : Math.sign(b - c - n * delta0) * Infinity;
  return (b - c - n * delta0) / Math.sqrt(variance);
}

/** Tango's score interval for a paired difference: the deltas its score test does not reject. */
export function tangoPairedInterval(table: PairedTable, z = Z_95): Interval {
  const delta = pairedDifference(table);
  // The statistic decreases in delta0: solve T = z on the left and T = −z on the right.
  const solve = (target: number, low: number, high: number): number => {
    let lo = low;
    let hi = high;
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (tangoStatistic(table, mid) > target) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  const lower = tangoStatistic(table, -1) <= z ? -1 : solve(z, -1, delta);
  const upper = tangoStatistic(table, 1) >= -z ? 1 : solve(-z, delta, 1);
  return { lower, upper };
}
