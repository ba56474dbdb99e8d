import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import binomialPmf from '@stdlib/stats-base-dists-binomial-pmf';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/** z(0.975), to full precision: two-sided 95% intervals. */
export const Z_95 = 1.959963984540054;

/** P(χ²_df ≥ x). */
export function chiSquareUpperTail(x: number, df: number): number {
  return Math.max(0, 1 - chisquareCdf(x, df));
}

/** Two-sided p-value of a standard normal statistic. */
export function normalTwoSided(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1));
}

export function standardNormalCdf(z: number): number {
  return normalCdf(z, 0, 1);
}

export function binomialProbability(x: number, n: number, p: number): number {
  return binomialPmf(x, n, p);
}

export function binomialAtMost(x: number, n: number, p: number): number {
  return x < 0 ? 0 : binomialCdf(x, n, p);
}

export function betaInverse(probability: number, a: number, b: number): number {
  return betaQuantile(probability, a, b);
}
