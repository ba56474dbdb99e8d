import type { PublishedCount, SnapshotCell } from '../contracts/publications';
import { proportionPublishable } from '../disclosure/small-counts';
import { wilsonInterval } from '../statistics/proportions';
import type { QuantityModel } from './quantities';

export const round1 = (value: number) => Math.round(value * 10) / 10;

/** A quantity as the snapshot shows it: its published value, or null when hidden (`truth`: its true value). */
export function countOf(model: QuantityModel, id: string, truth = false): PublishedCount {
  const quantity = model.quantities.get(id);
  if (truth) return quantity ? quantity.value : null;
  return quantity && quantity.state === 'published' && quantity.published ? quantity.published.value : null;
}

/** One category's cell: its count, and its percent of n with a Wilson interval where the proportion may be shown. */
export function cell(model: QuantityModel, id: string, category: string, n: PublishedCount, k: number): SnapshotCell {
  const count = countOf(model, id);
  if (count === null || n === null || n <= 0 || !proportionPublishable(count, n, k)) return { category, count, percent: null, ci: null };
  const interval = wilsonInterval(Math.min(count, n), n);
  return { category, count, percent: round1((100 * count) / n), ci: [round1(100 * interval.lower), round1(100 * interval.upper)] };
}
