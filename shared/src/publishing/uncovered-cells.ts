import type { LinearTerm } from '../disclosure/interval-audit';
import type { Catalogue } from './catalogue';
import type { JointSpace } from './joint-space';

/** A group the audit protects although no table publishes it (see {@link uncoveredCells}). */
export interface UncoveredCell {
  readonly id: string;
  readonly table: string;
  readonly row: string;
  readonly terms: LinearTerm[];
  readonly value: number;
}

/**
 * Every joint cell that is not already a published number or a derived group on its own:
 * above all the groups defined by *not answering* — "skipped the gender question", "in the
 * north and skipped the age question", "answered before but not after" (issue 10). A reader
 * derives each of them as a total minus the published cells (N − n − refused, a group size
 * minus a row's n, …), so each is a group like any other: it may not be pinned to 1 … k − 1.
 * Each is filed under the table it belongs to, so a failing one is repaired by hiding a
 * number of that table (or of a table sharing its questions).
 */
export function uncoveredCells(catalogue: Catalogue, space: JointSpace, covered: ReadonlySet<number>): UncoveredCell[] {
  const cells: UncoveredCell[] = [];
  for (const joint of catalogue.joints) {
    const home = homeOf(catalogue, joint.id, joint.dimensions);
    for (const { variable, tuple } of space.cells(joint.id)) {
      if (covered.has(variable)) continue;
      cells.push({
        id: `j:${joint.id}:${tuple.join('|')}`,
        table: home.table,
        row: home.row(tuple),
        terms: [{ variable, coefficient: 1 }],
        value: space.cellValue(variable),
      });
    }
  }
  return cells;
}

/** The table a joint's cells belong to, and the row of a cell in it. */
function homeOf(
  catalogue: Catalogue,
  jointId: string,
  dimensions: readonly string[],
): { table: string; row: (tuple: readonly string[]) => string } {
  const crosstab = catalogue.tables.find((t) => t.kind === 'crosstab' && t.joint === jointId);
  if (crosstab) return { table: crosstab.id, row: (tuple) => tuple.slice(1).join('|') };
  const pair = catalogue.pairs.find((p) => p.joint === jointId);
  if (pair) return { table: pair.id, row: () => '' };
  if (dimensions.length === 1) {
    const dimension = dimensions[0] as string;
    const single = catalogue.tables.find((t) =>
      t.kind === 'multi' ? t.dimensions.includes(dimension) : t.kind === 'single' && t.dimension === dimension,
    );
    if (single) return { table: single.id, row: () => '' };
    const half = catalogue.pairs.find((p) => p.before === dimension || p.after === dimension || p.qualifiers.includes(dimension));
    if (half) return { table: half.id, row: () => '' };
  }
  // A joint of two grouping questions: its cells are the group sizes of the cross-tabs by them.
  const grouped = catalogue.tables.find((t) => t.kind === 'crosstab' && t.groupDimensions.join('×') === dimensions.join('×'));
  if (grouped) return { table: grouped.id, row: (tuple) => tuple.join('|') };
  return { table: catalogue.tables[0]?.id ?? 'survey', row: () => '' };
}
