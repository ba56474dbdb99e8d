import { betaInverse, Z_95 } from './distributions';

export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

function check(x: number, n: number): void {
  if (!Number.isInteger(x) || !Number.isInteger(n) || n <= 0 || x < 0 || x > n)
    throw new RangeError(`need 0 ≤ x ≤ n, n > 0 (got x = ${x}, n = ${n})`);
}

/** Wilson score interval for x successes in n (Newcombe 1998, method 3). */
export function wilsonInterval(x: number, n: number, z = Z_95): Interval {
  check(x, n);
  const p = x / n;
  const z2 = z * z;
  const centre = (2 * n * p + z2) / (2 * (n + z2));
  const half = (z * Math.sqrt(z2 + 4 * n * p * (1 - p))) / (2 * (n + z2));
  return { lower: x === 0 ? 0 : centre - half, upper: x === n ? 1 : centre + half };
}

/** Wilson score interval with continuity correction (Newcombe 1998, method 4). */
export function wilsonCorrectedInterval(x: number, n: number, z = Z_95): Interval {
  check(x, n);
  const p = x / n;
  const z2 = z * z;
  const denominator = 2 * (n + z2);
  const lower = x === 0 ? 0 : (2 * n * p + z2 - 1 - z * Math.sqrt(z2 - 2 - 1 / n + 4 * p * (n * (1 - p) + 1))) / denominator;
  const upper = x === n ? 1 : (2 * n * p + z2 + 1 + z * Math.sqrt(z2 + 2 - 1 / n + 4 * p * (n * (1 - p) - 1))) / denominator;
  return { lower: Math.max(0, lower), upper: Math.min(1, upper) };
}

/** Clopper–Pearson ("exact") interval. */
export function clopperPearsonInterval(x: number, n: number, alpha = 0.05): Interval {
  check(x, n);
  return {
    lower: x === 0 ? 0 : betaInverse(alpha / 2, x, n - x + 1),
    upper: x === n ? 1 : betaInverse(1 - alpha / 2, x + 1, n - x),
  };
}
