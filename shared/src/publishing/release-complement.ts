import type { Quantity, QuantityModel } from './quantities';

/** How many candidates are tried one by one before falling back to the first. */
const TRIALS = 8;

/**
 * The next number to hide for a failing target. Candidates, in order of what a reader
 * loses least: cells in the same row of the same table (the smallest at or above k first),
 * then anywhere in that table, then its n, then cells and n of tables sharing a dimension.
 * Never the survey total. The first candidate that alone makes the target safe wins;
 * when none does, the first one is hidden and the next round goes on from there.
 */
export async function chooseComplement(
  model: QuantityModel,
  target: { readonly table: string; readonly row: string },
  primaryK: number,
  fixesAlone: (candidate: Quantity) => Promise<boolean>,
  /** Whether some of these candidates could fix it alone (false: none can, skip the trials). */
  mayFix: (candidates: readonly Quantity[]) => Promise<boolean> = async () => true,
): Promise<Quantity | null> {
  const published = [...model.quantities.values()].filter((q) => q.state === 'published' && q.role !== 'total');
  const byValue = (a: Quantity, b: Quantity) => (a.value >= primaryK ? 0 : 1) - (b.value >= primaryK ? 0 : 1) || a.value - b.value;
  const inner = (q: Quantity) => q.role === 'cell' || q.role === 'refused' || q.role === 'margin' || q.role === 'change';
  const sameTable = published.filter((q) => q.table === target.table);
  const dims = new Set(model.dimensionsOfTable.get(target.table) ?? []);
  const linked = published.filter((q) => q.table !== target.table && (model.dimensionsOfTable.get(q.table) ?? []).some((d) => dims.has(d)));
  const steps: Quantity[][] = [
    sameTable.filter((q) => inner(q) && q.row === target.row && q.value > 0),
    sameTable.filter((q) => inner(q) && q.row !== target.row && q.value > 0),
    sameTable.filter((q) => q.role === 'n' && q.row === target.row),
    sameTable.filter((q) => q.role === 'n' && q.row !== target.row),
    linked.filter((q) => inner(q) && q.value > 0),
    linked.filter((q) => q.role === 'n'),
  ];
  const ordered = steps.flatMap((candidates) => candidates.sort(byValue));
  const trials = ordered.slice(0, TRIALS);
  if (await mayFix(trials)) for (const candidate of trials) if (await fixesAlone(candidate)) return candidate;
  // Nothing within reach fixes it alone: a margin first (it frees every cell of its row), else the first cell.
  return ordered.slice(0, TRIALS).find((q) => q.role === 'n') ?? ordered[0] ?? null;
}
