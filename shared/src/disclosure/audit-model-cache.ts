import type { IntervalProblem, LinearConstraint, LinearTerm } from './interval-audit';
import { side, type Entry, type PersistentHighs, type Side } from './highs-model';

/** HiGHS models built once and kept, most recently used first, each answering many problems. */
export interface ModelCache {
  /** A cached model holding every constraint of the problem and every objective variable. */
  readonly find: (problem: IntervalProblem, objective: readonly LinearTerm[]) => Entry;
  /** Switches the side's rows to exactly the problem's, and its objective to this one. */
  readonly prepare: (
    side: Side,
    entry: Entry,
    problem: IntervalProblem,
    sense: 'Minimize' | 'Maximize',
    objective: readonly LinearTerm[],
  ) => void;
}

/** A cache of at most `capacity` models; the least recently used is disposed of past that. */
export function createModelCache(highs: PersistentHighs, capacity: number): ModelCache {
  const cache: Entry[] = [];
  const infinity = highs.infinity;

  const find = (problem: IntervalProblem, objective: readonly LinearTerm[]): Entry => {
    for (let i = 0; i < cache.length; i++) {
      const entry = cache[i] as Entry;
      if (!objective.every((t) => entry.columnOf.has(t.variable))) continue;
      // A model far larger than the problem would cost more to solve than a new one.
      if (entry.rows.length > 2 * problem.constraints.length + 64) continue;
      if (!problem.constraints.every((c) => entry.rowOf.has(c))) continue;
      if (i > 0) cache.unshift(...cache.splice(i, 1));
      return entry;
    }
    const entry = build(highs, infinity, problem, objective);
    cache.unshift(entry);
    while (cache.length > capacity) {
      const evicted = cache.pop() as Entry;
      evicted.lp.model.dispose();
      evicted.mip?.model.dispose();
      evicted.sampler?.model.dispose();
      evicted.limited?.model.dispose();
      evicted.presolved?.model.dispose();
    }
    return entry;
  };
  return {
    find,
    prepare: (side, entry, problem, sense, objective) => prepare(highs, infinity, side, entry, problem, sense, objective),
  };
}

/** A new model over the problem's rows, its columns the objective's variables first; its relaxation side made. */
function build(highs: PersistentHighs, infinity: number, problem: IntervalProblem, objective: readonly LinearTerm[]): Entry {
  const columnOf = new Map<number, number>();
  const column = (variable: number) => {
    let index = columnOf.get(variable);
    if (index === undefined) {
      index = columnOf.size;
      columnOf.set(variable, index);
    }
    return index;
  };
  for (const term of objective) column(term.variable);
  const rows = problem.constraints;
  const starts = new Int32Array(rows.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower = new Float64Array(rows.length);
  const rowUpper = new Float64Array(rows.length);
  const rowOf = new Map<LinearConstraint, number>();
  rows.forEach((constraint, row) => {
    rowOf.set(constraint, row);
    const merged = new Map<number, number>();
    for (const term of constraint.terms) {
      const index = column(term.variable);
      merged.set(index, (merged.get(index) ?? 0) + term.coefficient);
    }
    for (const [index, value] of [...merged].sort((a, b) => a[0] - b[0])) {
      if (value === 0) continue;
      indices.push(index);
      values.push(value);
    }
    starts[row + 1] = indices.length;
    rowLower[row] = Number.isFinite(constraint.lower) ? constraint.lower : -infinity;
    rowUpper[row] = Number.isFinite(constraint.upper) ? constraint.upper : infinity;
  });
  const matrix = {
    format: 'csr' as const,
    numRows: rows.length,
    numCols: columnOf.size,
    starts,
    indices: Int32Array.from(indices),
    values: Float64Array.from(values),
  };
  const data = {
    numCols: columnOf.size,
    numRows: rows.length,
    colCost: new Float64Array(columnOf.size),
    colLower: new Float64Array(columnOf.size),
    colUpper: new Float64Array(columnOf.size).fill(infinity),
    rowLower,
    rowUpper,
    matrix,
  };
  const entry: Entry = { rowOf, rows, columnOf, data, lp: side(highs, data, rows.length, false) };
  return entry;
}

/** Switches the side's rows to exactly the problem's, and its objective to this one. */
function prepare(
  highs: PersistentHighs,
  infinity: number,
  side: Side,
  entry: Entry,
  problem: IntervalProblem,
  sense: 'Minimize' | 'Maximize',
  objective: readonly LinearTerm[],
): void {
  const wanted = new Uint8Array(entry.rows.length);
  for (const constraint of problem.constraints) wanted[entry.rowOf.get(constraint) as number] = 1;
  const changed: number[] = [];
  for (let row = 0; row < wanted.length; row++) if (wanted[row] !== side.active[row]) changed.push(row);
  if (changed.length > 0) {
    const lower = new Float64Array(changed.length);
    const upper = new Float64Array(changed.length);
    changed.forEach((row, i) => {
      const constraint = entry.rows[row] as LinearConstraint;
      lower[i] = wanted[row] ? (Number.isFinite(constraint.lower) ? constraint.lower : -infinity) : -infinity;
      upper[i] = wanted[row] ? (Number.isFinite(constraint.upper) ? constraint.upper : infinity) : infinity;
      side.active[row] = wanted[row] as number;
    });
    side.model.changeRowsBounds({ kind: 'set', indices: Int32Array.from(changed) }, lower, upper);
  }
  const wantedCosts = new Map<number, number>();
  for (const term of objective) {
    const index = entry.columnOf.get(term.variable) as number;
    wantedCosts.set(index, (wantedCosts.get(index) ?? 0) + term.coefficient);
  }
  const costs = new Map<number, number>();
  for (const index of side.costed) costs.set(index, 0);
  for (const [index, cost] of wantedCosts) costs.set(index, cost);
  const order = [...costs.keys()].sort((a, b) => a - b);
  side.model.changeColsCost(
    { kind: 'set', indices: Int32Array.from(order) },
    Float64Array.from(order.map((index) => costs.get(index) as number)),
  );
  side.costed = Int32Array.from(order.filter((index) => costs.get(index) !== 0));
  if (side.sense !== sense) {
    side.model.changeObjectiveSense(
      (sense === 'Minimize' ? highs.constants.objectiveSense.minimize : highs.constants.objectiveSense.maximize) as never,
    );
    side.sense = sense;
  }
}
