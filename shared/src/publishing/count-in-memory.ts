import { NOT_ANSWERED, REFUSED, type Catalogue, type Dimension } from './catalogue';
import { CELL_SEPARATOR, type CellCount, type JointCounts } from './joint-space';

/**
 * The category a response falls in for one dimension: the same rule the API's SQL
 * aggregation applies (its tests compare the two).
 */
export function categoryOf(dimension: Dimension, answers: Readonly<Record<string, unknown>>): string {
  const source = dimension.source;
  const value = answers[source.question];
  if (value === undefined || value === null) return NOT_ANSWERED;
  if (source.kind === 'single') {
    const text = String(value);
    if (text === REFUSED && dimension.categories.includes(REFUSED)) return REFUSED;
    if (dimension.substantive.includes(text)) return text;
    return dimension.customAs !== undefined && text.trim() !== '' ? dimension.customAs : NOT_ANSWERED;
  }
  if (source.kind === 'multi-option') {
    if (!Array.isArray(value)) return NOT_ANSWERED;
    if (value.includes(REFUSED) && dimension.categories.includes(REFUSED)) return REFUSED;
    return value.map(String).includes(source.option) ? 'chosen' : 'not_chosen';
  }
  const rowValue = (value as Record<string, unknown>)[source.row];
  const row =
    source.kind === 'matrix-cell' && typeof rowValue === 'object' && rowValue !== null
      ? (rowValue as Record<string, unknown>)[source.column]
      : source.kind === 'matrix-cell'
        ? undefined
        : rowValue;
  if (row === undefined || row === null) return NOT_ANSWERED;
  if (source.kind === 'matrix-cell' && String(row) === REFUSED && dimension.categories.includes(REFUSED)) return REFUSED;
  return dimension.substantive.includes(String(row)) ? String(row) : NOT_ANSWERED;
}

/** Counts every joint of a catalogue from answers held in memory (tests and benchmarks). */
export function countJointsInMemory(
  catalogue: Catalogue,
  responses: readonly { readonly answers: Readonly<Record<string, unknown>>; readonly recordKey?: number }[],
): JointCounts {
  const counts = new Map<string, Map<string, CellCount>>();
  for (const joint of catalogue.joints) counts.set(joint.id, new Map());
  for (const response of responses) {
    const categories = new Map<string, string>();
    for (const [id, dimension] of catalogue.dimensions) categories.set(id, categoryOf(dimension, response.answers));
    for (const joint of catalogue.joints) {
      const key = joint.dimensions.map((d) => categories.get(d)).join(CELL_SEPARATOR);
      const cells = counts.get(joint.id) as Map<string, CellCount>;
      const current = cells.get(key) ?? { count: 0, keySum: 0 };
      cells.set(key, { count: current.count + 1, keySum: current.keySum + (response.recordKey ?? 0) });
    }
  }
  return counts;
}
