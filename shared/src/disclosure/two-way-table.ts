import type { AuditTarget, IntervalProblem, LinearConstraint } from './interval-audit';

export interface TwoWayTable {
  /** cells[row][column] */
  readonly cells: readonly (readonly number[])[];
  /** [row, column] of each cell that is not published. */
  readonly suppressed: readonly (readonly [number, number])[];
  /** Row totals, column totals and the grand total are published. */
  readonly marginsPublished: boolean;
}

/** The audit problem of one table with its margins: variable r·C + c is cell (r, c). */
export function twoWayTableProblem(table: TwoWayTable): { problem: IntervalProblem; targets: AuditTarget[] } {
  const rows = table.cells.length;
  const columns = table.cells[0]?.length ?? 0;
  const index = (r: number, c: number) => r * columns + c;
  const hidden = new Set(table.suppressed.map(([r, c]) => index(r, c)));
  const constraints: LinearConstraint[] = [];
  const value = (r: number, c: number) => (table.cells[r] as readonly number[])[c] as number;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      if (!hidden.has(index(r, c)))
        constraints.push({ terms: [{ variable: index(r, c), coefficient: 1 }], lower: value(r, c), upper: value(r, c) });
    }
  }
  if (table.marginsPublished) {
    let grand = 0;
    for (let r = 0; r < rows; r++) {
      const total = (table.cells[r] as readonly number[]).reduce((s, v) => s + v, 0);
      grand += total;
      constraints.push({
        terms: Array.from({ length: columns }, (_, c) => ({ variable: index(r, c), coefficient: 1 })),
        lower: total,
        upper: total,
      });
    }
    for (let c = 0; c < columns; c++) {
      const total = table.cells.reduce((s, row) => s + (row[c] as number), 0);
      constraints.push({
        terms: Array.from({ length: rows }, (_, r) => ({ variable: index(r, c), coefficient: 1 })),
        lower: total,
        upper: total,
      });
    }
    const all = Array.from({ length: rows * columns }, (_, i) => ({ variable: i, coefficient: 1 }));
    constraints.push({ terms: all, lower: grand, upper: grand });
  }
  const targets: AuditTarget[] = table.suppressed.map(([r, c]) => ({
    id: `${r},${c}`,
    terms: [{ variable: index(r, c), coefficient: 1 }],
    rule: 'suppressed',
    value: value(r, c),
  }));
  return { problem: { variableCount: rows * columns, constraints }, targets };
}
