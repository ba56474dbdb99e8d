/**
 * D3: a count from 1 to k − 1 singles people out; 0 does not (nobody is described).
 * Every count, and every numerator, complement and denominator behind a published
 * percentage, interval or test statistic, passes this check.
 */
export function isSmallCount(value: number, k: number): boolean {
  return value >= 1 && value <= k - 1;
}

/** A proportion x / n may be shown only if none of x, n − x and n is a small count. */
export function proportionPublishable(x: number, n: number, k: number): boolean {
  return n > 0 && !isSmallCount(x, k) && !isSmallCount(n - x, k) && !isSmallCount(n, k);
}

export const MIN_K = 5;
