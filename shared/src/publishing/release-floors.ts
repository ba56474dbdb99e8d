import { cellKeyPerturb, cellKeyRange, ons105Range, roundOns105, type Perturbation } from '../disclosure/perturbation';
import { isSmallCount } from '../disclosure/small-counts';
import type { Quantity, QuantityModel } from './quantities';

/** D2 and D3: the group floor, then primary suppression of small counts and complements. */
export function applyFloors(model: QuantityModel, primaryK: number, minGroup: number, perturbation: Perturbation): void {
  for (const quantity of model.quantities.values()) {
    if (quantity.role === 'n' && quantity.row !== '' && quantity.value < minGroup) {
      for (const other of model.quantities.values()) {
        if (other.table === quantity.table && other.row === quantity.row) other.state = 'group-too-small';
      }
    }
    if (quantity.role === 'n' && quantity.table.startsWith('p:') && quantity.value < minGroup) {
      for (const other of model.quantities.values()) if (other.table === quantity.table) other.state = 'group-too-small';
    }
  }
  for (const quantity of model.quantities.values()) {
    if (quantity.state !== 'published' || quantity.role === 'total') continue;
    const complement = quantity.complementOf ? (model.quantities.get(quantity.complementOf)?.value ?? 0) - quantity.value : 0;
    if (isSmallCount(quantity.value, primaryK) || (quantity.complementOf && isSmallCount(complement, primaryK))) quantity.state = 'primary';
  }
  // D8 with D3: a perturbed value below k is never shown (a published 10 with k = 11 could
  // only be a true 11), so it is suppressed like a small true count.
  for (const quantity of model.quantities.values()) {
    if (quantity.state !== 'published' || quantity.role === 'total' || perturbation === 'none') continue;
    publishValue(quantity, perturbation, primaryK);
    if (quantity.published && isSmallCount(quantity.published.value, primaryK)) {
      quantity.state = 'primary';
      quantity.published = undefined;
    }
  }
}

/**
 * The value a quantity is published as, and the true values a reader knows it may stand
 * for: the perturbation's range, narrowed by the suppression rule (a shown non-zero value
 * stands for a true count of at least k, since true counts 1 … k − 1 are always hidden).
 */
export function publishValue(quantity: Quantity, perturbation: Perturbation, primaryK: number): void {
  if (quantity.role === 'total' || perturbation === 'none') {
    quantity.published = { value: quantity.value, lower: quantity.value, upper: quantity.value };
    return;
  }
  const value =
    perturbation === 'ons_10_5'
      ? (roundOns105(quantity.value) ?? 0)
      : cellKeyPerturb(quantity.value, quantity.keySum - Math.floor(quantity.keySum));
  const range = perturbation === 'ons_10_5' ? ons105Range(value) : cellKeyRange(value);
  const lower = value > 0 ? Math.max(range.lower, primaryK) : range.lower;
  quantity.published = { value, lower: Math.min(lower, range.upper), upper: range.upper };
}
