import type { CustomTableNumber } from '../contracts/custom-tables';
import type { IntervalProblem, IntervalSolver, LinearConstraint, LinearTerm } from './interval-audit';
import { earlierDayBlocks } from './custom-audit-days';
import { cellKeyPerturb, cellKeyRange, type PTableRow } from './perturbation';

/**
 * Custom tables for staff (issue 17): the cell-key method of the ABS TableBuilder.
 *
 * Every response carries a fixed random record key, a whole number in [0, 2^48) (the API
 * derives it in SQL from the response's random id, which the intake mixer carries unchanged
 * from `response_intake` to `response`). A cell's key is the sum of its contributors' keys
 * mod 2^48 — exact integer arithmetic, so the same contributors give the same key in every
 * query plan and every table. The cell's noise is looked up from its count and key in a
 * fixed p-table, so the same cell gets the same value however it is asked for: asking twice,
 * or in another order, or inside a larger table, averages nothing away.
 *
 * The p-table's noise is uniform on −D … D with D = ⌈k / 2⌉ (a count c < D goes down by at
 * most c), and D is published with every table: a perturbed value v stands for a true count
 * in max(0, v − D) … v + D. Because 2D ≥ k, no single perturbed value pins a count to
 * 1 … k − 1 (if v − D ≥ 1 then v + D ≥ k), and neither does any sum of perturbed cells of one
 * joint (their bounds add up the same way). Subtracting two overlapping cells (a table and
 * the same table filtered to drop one small category) leaves an interval at least 2D wide:
 * differencing gives noise, not a person. Cells whose perturbed value is 1 … k − 1 are
 * suppressed as in publishing; totals are sums of the perturbed cells, never true counts,
 * and a total that would include a suppressed cell is suppressed too, so no shown number
 * depends on a suppressed one.
 */

export const RECORD_KEY_BITS = 48;
export const RECORD_KEY_MODULUS = 2 ** RECORD_KEY_BITS;

/** A cell's true count and the sum of its contributors' record keys, mod 2^48. */
export interface KeyedCount {
  readonly count: number;
  readonly keySum: number;
}

/** Adds two record-key sums mod 2^48 (both below 2^48, so the sum is exact in a double). */
export function addKeySums(a: number, b: number): number {
  return (a + b) % RECORD_KEY_MODULUS;
}

/** The largest noise of the custom-table p-table for a given k (published with every table). */
export function customTableNoise(k: number): number {
  return Math.max(1, Math.ceil(k / 2));
}

const ptables = new Map<number, readonly PTableRow[]>();

/** The fixed p-table for custom tables at this k: noise uniform on −min(c, D) … D. */
export function customTablePTable(k: number): readonly PTableRow[] {
  const cached = ptables.get(k);
  if (cached) return cached;
  const spread = customTableNoise(k);
  const rows: PTableRow[] = [{ original: 0, noise: 0, lower: 0, upper: 1 }];
  const uniform = (original: number, from: number, openEnded: boolean) => {
    const n = spread - from + 1;
    for (let i = 0; i < n; i++) rows.push({ original, openEnded, noise: from + i, lower: i / n, upper: (i + 1) / n });
  };
  for (let count = 1; count < spread; count++) uniform(count, -count, false);
  uniform(spread, -spread, true);
  ptables.set(k, rows);
  return rows;
}

/** The perturbed value of a cell: the same count and key sum always give the same value. */
export function perturbCustomCount(cell: KeyedCount, k: number): number {
  return cellKeyPerturb(cell.count, cell.keySum / RECORD_KEY_MODULUS, customTablePTable(k));
}

/** The true counts a shown value may stand for (what every reader can work out from the p-table). */
export function customTableBounds(value: number, k: number): { lower: number; upper: number } {
  return cellKeyRange(value, customTablePTable(k));
}

/**
 * What a reader knows of a measured cell: the bounds of its value, or for a suppressed one
 * (perturbed to 1 … k − 1) only that it is one of those — 1 … k − 1 + D, never inside 1 … k − 1.
 * (A non-zero value does say the cell is not empty: empty cells have no key and stay 0.)
 */
export function customTableKnown(value: number, k: number): { lower: number; upper: number } {
  if (value < 1 || value >= k) return customTableBounds(value, k);
  return { lower: customTableBounds(1, k).lower, upper: customTableBounds(k - 1, k).upper };
}

export interface ProtectedCustomTable {
  readonly cells: readonly CustomTableNumber[];
  readonly totals: readonly CustomTableNumber[];
  /**
   * The perturbed value of every joint cell the table was summed from, suppressed ones
   * included, by {@link customCellId}. For the time rule; never shown.
   */
  readonly measured: ReadonlyMap<string, number>;
  /** The sum of every cell, shown or not: the table's base as a reader would see it. */
  readonly base: number;
}

export const CUSTOM_CELL_SEPARATOR = '\u0001';

/** The joint a table is summed from: its questions (in counting order) and their categories. */
export interface CustomTableJoint {
  readonly questions: readonly string[];
  readonly categories: readonly (readonly string[])[];
}

/**
 * Perturbs and suppresses a table of one to three questions, optionally filtered.
 *
 * Only cells of a joint are ever perturbed — the joint of the table's questions and the
 * filter's question, or a larger joint staff already saw ({@link customTableSource}). A
 * table's cell is the sum of the perturbed joint cells it covers (kept filter categories,
 * questions of the joint not in the table), so however a table is filtered or shaped, it
 * tells nothing the joint's perturbed cells do not: the many ways of asking give no fresh
 * noisy measurements to average or subtract. `counts` is keyed by the joint cell's
 * categories (in the joint's order) joined with {@link CUSTOM_CELL_SEPARATOR}; absent cells
 * are empty. Totals cover every combination of "a category or all" per table question.
 */
export function protectCustomTable(
  joint: CustomTableJoint,
  counts: ReadonlyMap<string, KeyedCount>,
  questions: readonly string[],
  filter: CellCondition | null,
  k: number,
): ProtectedCustomTable {
  const position = (question: string) => {
    const index = joint.questions.indexOf(question);
    if (index < 0) throw new RangeError(`the joint does not count ${question}`);
    return index;
  };
  const tablePositions = questions.map(position);
  const filterPosition = filter ? position(filter.question) : -1;
  const kept = new Set(filter?.values ?? []);
  const measured = new Map<string, number>();
  const values = new Map<string, number>();
  const includesSmall = new Set<string>();
  let base = 0;
  for (const combination of product(joint.categories)) {
    const value = perturbCustomCount(counts.get(combination.join(CUSTOM_CELL_SEPARATOR)) ?? { count: 0, keySum: 0 }, k);
    // Every cell of the joint is measured, whatever the filter keeps: the time rule then holds
    // every table of a joint alike, so which filtered tables are held cannot tell what a
    // newcomer answered (review of 2026-12-01), only that someone did.
    measured.set(customCellId(joint.questions.map((question, i) => ({ question, values: [combination[i] as string] }))), value);
    if (filter && !kept.has(combination[filterPosition] as string)) continue;
    // The filter's base counts only joint cells that are not small: a hidden value must not
    // decide it (a "base too small" answer would otherwise bound that cell).
    if (value === 0 || value >= k) base += value;
    const key = tablePositions.map((i) => combination[i]).join(CUSTOM_CELL_SEPARATOR);
    values.set(key, (values.get(key) ?? 0) + value);
    if (value >= 1 && value < k) includesSmall.add(key);
  }
  const cells: CustomTableNumber[] = [];
  for (const combination of product(questions.map((question) => joint.categories[position(question)] as readonly string[]))) {
    const key = combination.join(CUSTOM_CELL_SEPARATOR);
    const value = values.get(key) ?? 0;
    // A sum that includes a suppressed joint cell is suppressed too: subtracting the joint's shown cells would give it back.
    const suppressed = value >= 1 && value < k ? 'SMALL_CELL' : includesSmall.has(key) ? 'INCLUDES_SUPPRESSED' : null;
    cells.push({ categories: combination, value: suppressed ? null : value, suppressed });
  }
  const totals: CustomTableNumber[] = [];
  for (const pattern of product(questions.map((question) => [null, ...(joint.categories[position(question)] as readonly string[])]))) {
    if (pattern.every((category) => category !== null)) continue;
    const included = cells.filter((cell) => pattern.every((category, i) => category === null || category === cell.categories[i]));
    const hidden = included.some((cell) => cell.suppressed !== null);
    const value = included.reduce((sum, cell) => sum + (values.get(cell.categories.join(CUSTOM_CELL_SEPARATOR)) ?? 0), 0);
    totals.push({ categories: pattern, value: hidden ? null : value, suppressed: hidden ? 'INCLUDES_SUPPRESSED' : null });
  }
  return { cells, totals, measured, base };
}

/** Where a table's numbers come from, given the joints staff were already shown. */
export type CustomTableSource =
  | { readonly kind: 'measure'; readonly joint: readonly string[] }
  | { readonly kind: 'derive'; readonly joint: readonly string[] }
  | { readonly kind: 'refuse'; readonly smaller: readonly string[] };

/**
 * Nested joints are the cell-key method's weak point: a joint's cell and a finer joint's
 * cells under it are independent noisy measurements of the same people, and an integer
 * program intersecting them can pin a small count (the property test below finds hundreds
 * of such pins when every table is measured afresh). So a survey's custom tables form an
 * antichain of joints: a table whose joint (its questions and its filter's question) lies
 * inside a joint staff already saw is summed from that joint's perturbed cells — nothing
 * new is measured; a table whose joint would contain a joint already seen is refused (ask
 * for the larger table first); any other table measures its own joint. Joints are sorted
 * question names.
 */
export function customTableSource(requested: readonly string[], shown: readonly (readonly string[])[]): CustomTableSource {
  const wanted = [...new Set(requested)].sort();
  const containing = shown.filter((joint) => wanted.every((question) => joint.includes(question))).sort((a, b) => a.length - b.length);
  const smallest = containing[0];
  if (smallest) return { kind: 'derive', joint: [...smallest] };
  const inside = shown.find((joint) => joint.every((question) => wanted.includes(question)));
  if (inside) return { kind: 'refuse', smaller: [...inside] };
  return { kind: 'measure', joint: wanted };
}

function product<T>(lists: readonly (readonly T[])[]): T[][] {
  return lists.reduce<T[][]>(
    (combinations, list) => combinations.flatMap((combination) => list.map((item) => [...combination, item])),
    [[]],
  );
}

/** A condition on one question: its answer is one of `values`. */
export interface CellCondition {
  readonly question: string;
  readonly values: readonly string[];
}

/**
 * A cell's identity whatever table it was asked in: its conditions, sorted. The same
 * conditions always select the same responses, so the same id always has the same value
 * while the responses do not change.
 */
export function customCellId(conditions: readonly CellCondition[]): string {
  const merged = new Map<string, readonly string[]>();
  for (const condition of conditions) merged.set(condition.question, [...new Set(condition.values)].sort());
  return JSON.stringify([...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The conditions of a cell id made by {@link customCellId}. */
export function customCellConditions(id: string): CellCondition[] {
  return (JSON.parse(id) as [string, string[]][]).map(([question, values]) => ({ question, values }));
}

/**
 * D6 for custom tables. A cell whose contributors did not change keeps its value exactly;
 * one that gained d people moves by d ± 2D. So a cell shown before that now moves by
 * 1 … k + 2D − 1 might have gained 1 … k − 1 people, and the table is held: subtracting the
 * two views would describe the few who answered in between. Suppressed cells count too
 * (their perturbed values are compared, never shown): otherwise "nothing shown moved" would
 * say the newcomers are in the suppressed cells. Returns the ids of the cells that moved.
 */
export function heldCustomCells(shown: Iterable<ReadonlyMap<string, number>>, current: ReadonlyMap<string, number>, k: number): string[] {
  const limit = k + 2 * customTableNoise(k);
  const held = new Set<string>();
  for (const earlier of shown) {
    for (const [id, value] of current) {
      const before = earlier.get(id);
      if (before === undefined) continue;
      const change = Math.abs(value - before);
      if (change > 0 && change < limit) held.add(id);
    }
  }
  return [...held];
}

/** One response as the in-memory reference sees it: its category per question, and its record key. */
export interface CategorisedRecord {
  readonly categories: Readonly<Record<string, string>>;
  readonly key: number;
}

/**
 * Counts a joint in memory, the way the API's SQL does (tests and benchmarks): the records
 * whose filter answer is among the filter's values, grouped by the joint's questions.
 */
export function countCustomTableInMemory(
  records: readonly CategorisedRecord[],
  questions: readonly string[],
  filter?: CellCondition | null,
): Map<string, KeyedCount> {
  const counts = new Map<string, KeyedCount>();
  const allowed = filter ? new Set(filter.values) : null;
  for (const record of records) {
    if (filter && !allowed?.has(record.categories[filter.question] as string)) continue;
    const key = questions.map((q) => record.categories[q]).join(CUSTOM_CELL_SEPARATOR);
    const current = counts.get(key) ?? { count: 0, keySum: 0 };
    counts.set(key, { count: current.count + 1, keySum: addKeySums(current.keySum, record.key) });
  }
  return counts;
}

/** A cell a custom-table audit found pinned to 1 … k − 1 (its id, by {@link customCellId}). */
export interface PinnedCustomCell {
  readonly id: string;
  readonly lower: number;
  readonly upper: number;
}

/**
 * An exact number a release (published, or a preview shown to staff) gave about the custom
 * tables' questions: the count of the union's cells that match any of `where` (question →
 * category) lies in `lower` … `upper` (equal for an exactly published count).
 */
export interface ReleasedSum {
  readonly id: string;
  readonly where: readonly Readonly<Record<string, string>>[];
  readonly lower: number;
  readonly upper: number;
  /**
   * Absent (or 0): today's responses. 1, 2, …: an earlier day (fewer responses), modelled as
   * its own copy of the union's cells, each at most the next day's copy and the last at most
   * today's (respondents are only added); larger numbers are later days.
   */
  readonly day?: number;
}

/**
 * The audit of a survey's custom tables (D5 for staff): every perturbed cell of every joint
 * staff were shown becomes a constraint (the p-table's bounds of its value; for a suppressed
 * one, of "some value in 1 … k − 1") on the cells of
 * the joint of all their questions (`union`); for every cell whose true count is 1 … k − 1
 * the solver finds the smallest and largest count those constraints allow. Returns the cells
 * pinned inside 1 … k − 1 — a new joint is shown only when there are none. A count of 0 or
 * ≥ k is never checked: the truth is always feasible, so it can never be pinned inside.
 */
export async function auditCustomJoints(
  union: CustomTableJoint,
  finest: ReadonlyMap<string, KeyedCount>,
  joints: readonly (readonly string[])[],
  k: number,
  solver: IntervalSolver,
  released: readonly ReleasedSum[] = [],
): Promise<PinnedCustomCell[]> {
  // One joint alone cannot be pinned: its cells are disjoint, so each is bounded by its own value
  // alone, and a value never pins (2D ≥ k; a hidden one says 1 … k − 1 + D). No program to solve —
  // unless a release's exact numbers tie its cells together (an exact margin minus noisy cells).
  if (released.length === 0 && new Set(joints.map((joint) => JSON.stringify([...joint].sort()))).size <= 1) return [];
  const combinations = product(union.categories);
  const truth = combinations.map((combination) => finest.get(combination.join(CUSTOM_CELL_SEPARATOR)) ?? { count: 0, keySum: 0 });
  const constraints: LinearConstraint[] = [];
  const targets: Array<{ id: string; terms: LinearTerm[]; value: number }> = [];
  const seen = new Set<string>();
  for (const joint of joints) {
    const positions = joint.map((question) => union.questions.indexOf(question));
    const cells = new Map<string, { variables: number[]; cell: KeyedCount }>();
    combinations.forEach((combination, variable) => {
      const key = positions.map((p) => combination[p]).join(CUSTOM_CELL_SEPARATOR);
      const current = cells.get(key) ?? { variables: [], cell: { count: 0, keySum: 0 } };
      const add = truth[variable] as KeyedCount;
      current.variables.push(variable);
      cells.set(key, {
        variables: current.variables,
        cell: { count: current.cell.count + add.count, keySum: addKeySums(current.cell.keySum, add.keySum) },
      });
    });
    for (const [key, { variables, cell }] of cells) {
      const categories = key.split(CUSTOM_CELL_SEPARATOR);
      const id = customCellId(joint.map((question, i) => ({ question, values: [categories[i] as string] })));
      if (seen.has(id)) continue;
      seen.add(id);
      const terms = variables.map((variable) => ({ variable, coefficient: 1 }));
      constraints.push({ terms, ...customTableKnown(perturbCustomCount(cell, k), k) });
      if (cell.count >= 1 && cell.count < k) targets.push({ id, terms, value: cell.count });
    }
  }
  // Earlier days: one copy of the union's cells per day, each cell at most the next day's (the last: today's).
  const size = combinations.length;
  const { blockOf, blocks, links } = earlierDayBlocks(released, size);
  constraints.push(...links);
  for (const sum of released) {
    const matches = (combination: readonly string[]) =>
      sum.where.some((condition) =>
        Object.entries(condition).every(([question, category]) => combination[union.questions.indexOf(question)] === category),
      );
    // A release's number over questions the audited joint does not count would have to be modelled in a larger joint:
    // `releasedSumsFor` never gives one (it widens the joint or takes the separator's margin instead).
    if (sum.where.some((condition) => Object.keys(condition).some((question) => !union.questions.includes(question))))
      throw new RangeError(`the release's number ${sum.id} reaches outside the audited joint`);
    const shift = (blockOf.get(sum.day ?? 0) ?? 0) * size;
    const terms = combinations.flatMap((combination, variable) =>
      matches(combination) ? [{ variable: variable + shift, coefficient: 1 }] : [],
    );
    constraints.push({ terms, lower: sum.lower, upper: sum.upper });
  }
  const problem: IntervalProblem = { variableCount: size * blocks, constraints };
  // Feasible solutions already known (the truth, and each optimum found) settle most targets without solving.
  // With earlier days the truth of those days is not known: only the optima found are.
  const known: Array<ReadonlyMap<number, number>> = blocks > 1 ? [] : [new Map(truth.map((cell, variable) => [variable, cell.count]))];
  const valueIn = (solution: ReadonlyMap<number, number>, terms: readonly LinearTerm[]) =>
    terms.reduce((sum, t) => sum + (solution.get(t.variable) ?? 0), 0);
  const pinned: PinnedCustomCell[] = [];
  for (const target of targets) {
    const values = known.map((solution) => valueIn(solution, target.terms));
    if (values.some((value) => value === 0 || value >= k)) continue;
    const lower = Math.round(await solver.minimum(problem, target.terms));
    const low = solver.lastSolution?.();
    if (low) known.push(low);
    if (lower < 1) continue;
    const upper = Math.round(await solver.maximum(problem, target.terms));
    const high = solver.lastSolution?.();
    if (high) known.push(high);
    if (upper <= k - 1) pinned.push({ id: target.id, lower, upper });
  }
  return pinned;
}

/** How many cells the joint of every question a survey's custom tables used may have, for the audit to stay quick. */
export const CUSTOM_AUDIT_CELL_LIMIT = 4096;

/** The number of cells of a joint with these category counts. */
export function jointSize(categories: readonly (readonly string[])[]): number {
  return categories.reduce((size, list) => size * list.length, 1);
}
