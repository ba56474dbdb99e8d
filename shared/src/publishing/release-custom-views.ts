import {
  CUSTOM_CELL_SEPARATOR,
  addKeySums,
  customCellConditions,
  customTableKnown,
  perturbCustomCount,
  type CustomTableJoint,
  type KeyedCount,
} from '../disclosure/cell-key-table';
import { isOfEarlierDay, viewsOfEarlierDays, type ShownCustomView } from '../disclosure/custom-views';
import { AuditSolveError, type LinearConstraint, type LinearTerm } from '../disclosure/interval-audit';
import type { JointSpace } from './joint-space';
import { groupCombinations, type QuantityModel } from './quantities';
import { ledgerBlockOfTotal, ledgerBlocksAround } from './release-ledger';
import type { AuditTargetInTable, ReleaseInput } from './release-types';

/** The custom-table ledger as audit input: its blocks of variables, constraints and targets. */
export interface CustomViews {
  readonly constraints: LinearConstraint[];
  readonly targets: AuditTargetInTable[];
  readonly variableCount: number;
  /** Today's counts of today's block. */
  readonly solution: ReadonlyMap<number, number>;
  /** How many earlier days have a block of their own (their counts are not known: a solve finds consistent ones). */
  readonly earlierDays: number;
}

/** The views' joint laid out as one block of variables from `offset` on, one per combination. */
interface UnionBlock {
  readonly offset: number;
  readonly combinations: readonly string[][];
  /** Today's count (and keys) of each combination, in the same order. */
  readonly truth: readonly KeyedCount[];
  readonly positionOf: (question: string) => number;
}

/**
 * D5 against the custom-table ledger (issue 17). The views' joint (`union`) is one more block
 * of variables, tied to today's joints on every margin they share, so a release's exact
 * numbers and the views' perturbed cells are read together. A view that counted today's
 * responses (its total is today's) holds today's counts within its values' bounds. A view of an
 * earlier day (another total) holds on a block of its own for that day — a copy of the union
 * with that day's total, each cell at most the next day's and the last day's at most today's,
 * tied on shared margins to the ledger's release of the same total if there is one — so a
 * day's views are read together with that day's release, as an attacker holding both would.
 * Views kept before totals were (no total) are read as before: a cell whose people did not
 * change since holds today's count within its bounds, one that changed gives today's count
 * its lower bound. Every custom cell today holding 1 … k − 1 people is a target like the
 * release's own derived groups: the release hides more until none can be pinned, or is refused.
 */
export function customViews(model: QuantityModel, input: ReleaseInput, space: JointSpace, offset: number): CustomViews {
  const custom = input.custom;
  if (!custom || custom.views.length === 0)
    return { constraints: [], targets: [], variableCount: offset, solution: new Map(), earlierDays: 0 };
  const { union, finest } = custom;
  const k = input.settings.k;
  const positionOf = (question: string) => {
    const position = union.questions.indexOf(question);
    if (position < 0) throw new AuditSolveError('custom', `the custom tables' joint does not count ${question}`);
    return position;
  };
  const combinations = groupCombinations(union.categories);
  const truth = combinations.map((c) => finest.get(c.join(CUSTOM_CELL_SEPARATOR)) ?? { count: 0, keySum: 0 });
  const solution = new Map(truth.map((cell, i) => [offset + i, cell.count]));
  const today: UnionBlock = { offset, combinations, truth, positionOf };
  const constraints: LinearConstraint[] = tiedToJoints(space, union, today, 0);

  const earlier = viewsOfEarlierDays(custom.views, input.responses);
  const days = [...new Set(earlier.map((view) => view.responses))].sort((a, b) => a - b);
  const dayBlock = (total: number): UnionBlock => ({ ...today, offset: offset + combinations.length * (days.indexOf(total) + 1) });
  days.forEach((total, i) => {
    const at = dayBlock(total);
    const next = days[i + 1];
    constraints.push(...earlierDay(at, next === undefined ? today : dayBlock(next), total));
    // Tied to the ledger's release of the same total; else held between the releases of the
    // nearest smaller and larger totals (respondents are only added), on every shared margin.
    const same = ledgerBlockOfTotal(input.ledger, total);
    if (same !== undefined) constraints.push(...tiedToJoints(space, union, at, same * space.variableCount));
    else {
      const { before, after } = ledgerBlocksAround(input.ledger, total);
      if (before !== undefined) constraints.push(...tiedToJoints(space, union, at, before * space.variableCount, 'atLeast'));
      if (after !== undefined) constraints.push(...tiedToJoints(space, union, at, after * space.variableCount, 'atMost'));
    }
  });
  for (const view of earlier)
    for (const [id, value] of Object.entries(view.values))
      constraints.push({ terms: cellInUnion(id, dayBlock(view.responses)).terms, ...customTableKnown(value, k) });

  const shownToday = custom.views.filter((view) => !isOfEarlierDay(view, input.responses));
  constraints.push(...todaysBounds(shownToday, today, k));
  const targets = smallCellsToday(model, custom.views, today, k);
  return { constraints, targets, variableCount: offset + combinations.length * (days.length + 1), solution, earlierDays: days.length };
}

/**
 * Tied to every joint of the release on the margin they share (the total, at least, through the
 * one-question joints): today's joints, or an earlier release's copy of them (`jointShift` on);
 * equal, or (for a release of another day) at least or at most that release's margins.
 */
function tiedToJoints(
  space: JointSpace,
  union: CustomTableJoint,
  block: UnionBlock,
  jointShift: number,
  relation: 'equal' | 'atLeast' | 'atMost' = 'equal',
): LinearConstraint[] {
  const lower = relation === 'atMost' ? Number.NEGATIVE_INFINITY : 0;
  const upper = relation === 'atLeast' ? Number.POSITIVE_INFINITY : 0;
  const constraints: LinearConstraint[] = [];
  for (const layout of space.layouts.values()) {
    const shared = layout.joint.dimensions.filter((dimension) => union.questions.includes(dimension));
    if (shared.length === 0) continue;
    const margins = new Map<string, LinearTerm[]>();
    const add = (key: string, term: LinearTerm) => margins.set(key, [...(margins.get(key) ?? []), term]);
    for (const cell of space.cells(layout.joint.id))
      add(shared.map((d) => cell.tuple[layout.joint.dimensions.indexOf(d)]).join(CUSTOM_CELL_SEPARATOR), {
        variable: cell.variable + jointShift,
        coefficient: -1,
      });
    block.combinations.forEach((c, i) =>
      add(shared.map((d) => c[block.positionOf(d)]).join(CUSTOM_CELL_SEPARATOR), { variable: block.offset + i, coefficient: 1 }),
    );
    for (const terms of margins.values()) constraints.push({ terms, lower, upper });
  }
  return constraints;
}

/** An earlier day's block: its total exact, each cell at most the next day's (the last: today's). */
function earlierDay(at: UnionBlock, next: UnionBlock, total: number): LinearConstraint[] {
  const constraints: LinearConstraint[] = at.combinations.map((_, i) => ({
    terms: [
      { variable: at.offset + i, coefficient: 1 },
      { variable: next.offset + i, coefficient: -1 },
    ],
    lower: Number.NEGATIVE_INFINITY,
    upper: 0,
  }));
  constraints.push({ terms: at.combinations.map((_, i) => ({ variable: at.offset + i, coefficient: 1 })), lower: total, upper: total });
  return constraints;
}

/**
 * The bounds views of today's responses (or of no kept total) put on today's counts, once per
 * value shown: a cell whose value today's count and keys give again holds within its bounds;
 * one that changed (only possible without a kept total) gives today's count its lower bound.
 */
function todaysBounds(views: readonly ShownCustomView[], today: UnionBlock, k: number): LinearConstraint[] {
  const constraints: LinearConstraint[] = [];
  const seen = new Set<string>();
  for (const view of views)
    for (const [id, value] of Object.entries(view.values)) {
      if (seen.has(`${id}\u0000${value}`)) continue;
      seen.add(`${id}\u0000${value}`);
      const { terms, cell } = cellInUnion(id, today);
      const known = customTableKnown(value, k);
      const unchanged = perturbCustomCount(cell, k) === value;
      constraints.push({ terms, lower: known.lower, upper: unchanged ? known.upper : Number.POSITIVE_INFINITY });
    }
  return constraints;
}

/** Every cell any view showed that holds 1 … k − 1 people today: a target, once. */
function smallCellsToday(model: QuantityModel, views: readonly ShownCustomView[], today: UnionBlock, k: number): AuditTargetInTable[] {
  const targets: AuditTargetInTable[] = [];
  const seen = new Set<string>();
  const dimensionsOfTable = model.dimensionsOfTable as Map<string, readonly string[]>;
  for (const view of views) {
    const table = `custom:${view.joint.join('×')}`;
    dimensionsOfTable.set(table, view.joint);
    for (const id of Object.keys(view.values)) {
      if (seen.has(id)) continue;
      seen.add(id);
      const { terms, cell } = cellInUnion(id, today);
      if (cell.count >= 1 && cell.count < k)
        targets.push({ id: `custom:${id}`, terms, rule: 'derived', value: cell.count, table, row: '' });
    }
  }
  return targets;
}

/** A view's cell (by `customCellId`) as a sum over a block of the union, with today's count and keys. */
function cellInUnion(id: string, block: UnionBlock): { terms: LinearTerm[]; cell: KeyedCount } {
  const conditions = customCellConditions(id).map(({ question, values }) => ({ position: block.positionOf(question), values }));
  const terms: LinearTerm[] = [];
  let cell: KeyedCount = { count: 0, keySum: 0 };
  block.combinations.forEach((c, i) => {
    if (!conditions.every(({ position, values }) => values.includes(c[position] as string))) return;
    terms.push({ variable: block.offset + i, coefficient: 1 });
    const add = block.truth[i] as KeyedCount;
    cell = { count: cell.count + add.count, keySum: addKeySums(cell.keySum, add.keySum) };
  });
  return { terms, cell };
}
