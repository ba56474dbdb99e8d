import {
  CUSTOM_CELL_SEPARATOR,
  addKeySums,
  customTableKnown,
  perturbCustomCount,
  type CustomTableJoint,
  type KeyedCount,
} from '../disclosure/cell-key-table';
import { AuditSolveError, type LinearConstraint, type LinearTerm } from '../disclosure/interval-audit';
import type { JointSpace } from './joint-space';
import { groupCombinations, type QuantityModel } from './quantities';
import type { AuditTargetInTable, CustomViewsInput, ReleaseInput } from './release-types';

/** The custom-table ledger as audit input: its block of variables, constraints and targets. */
export interface CustomViews {
  readonly constraints: LinearConstraint[];
  readonly targets: AuditTargetInTable[];
  readonly variableCount: number;
  readonly solution: ReadonlyMap<number, number>;
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
 * numbers and the views' perturbed cells are read together. A view's cell whose people did not
 * change since (today's cell gives the same perturbed value: the value is a function of the
 * count and the people's keys) holds today's count within its bounds; one that changed held an
 * earlier count, at most today's, so today's count is at least its lower bound (for one view
 * that is exactly what it says about today: each of its cells could have been any count up to
 * today's). Every custom cell today holding 1 … k − 1 people is a target like the release's own
 * derived groups: the release hides more until none can be pinned, or is refused.
 */
export function customViews(model: QuantityModel, input: ReleaseInput, space: JointSpace, offset: number): CustomViews {
  const custom = input.custom;
  if (!custom || custom.views.length === 0) return { constraints: [], targets: [], variableCount: offset, solution: new Map() };
  const { union, finest } = custom;
  const positionOf = (question: string) => {
    const position = union.questions.indexOf(question);
    if (position < 0) throw new AuditSolveError('custom', `the custom tables' joint does not count ${question}`);
    return position;
  };
  const combinations = groupCombinations(union.categories);
  const truth = combinations.map((c) => finest.get(c.join(CUSTOM_CELL_SEPARATOR)) ?? { count: 0, keySum: 0 });
  const solution = new Map(truth.map((cell, i) => [offset + i, cell.count]));
  const block: UnionBlock = { offset, combinations, truth, positionOf };
  const constraints: LinearConstraint[] = tiedToJoints(space, union, block);
  const targets = viewCells(model, custom, block, input.settings.k, constraints);
  return { constraints, targets, variableCount: offset + combinations.length, solution };
}

/** Tied to every joint of the release on the margin they share (the total, at least, through the one-question joints). */
function tiedToJoints(space: JointSpace, union: CustomTableJoint, block: UnionBlock): LinearConstraint[] {
  const constraints: LinearConstraint[] = [];
  for (const layout of space.layouts.values()) {
    const shared = layout.joint.dimensions.filter((dimension) => union.questions.includes(dimension));
    if (shared.length === 0) continue;
    const margins = new Map<string, LinearTerm[]>();
    const add = (key: string, term: LinearTerm) => margins.set(key, [...(margins.get(key) ?? []), term]);
    for (const cell of space.cells(layout.joint.id))
      add(shared.map((d) => cell.tuple[layout.joint.dimensions.indexOf(d)]).join(CUSTOM_CELL_SEPARATOR), {
        variable: cell.variable,
        coefficient: -1,
      });
    block.combinations.forEach((c, i) =>
      add(shared.map((d) => c[block.positionOf(d)]).join(CUSTOM_CELL_SEPARATOR), { variable: block.offset + i, coefficient: 1 }),
    );
    for (const terms of margins.values()) constraints.push({ terms, lower: 0, upper: 0 });
  }
  return constraints;
}

/**
 * Each view's cells, once per value shown: its bounds on today's count as a constraint (added
 * to `constraints`), and the cells holding 1 … k − 1 people today as targets.
 */
function viewCells(
  model: QuantityModel,
  custom: CustomViewsInput,
  block: UnionBlock,
  k: number,
  constraints: LinearConstraint[],
): AuditTargetInTable[] {
  const targets: AuditTargetInTable[] = [];
  const seen = new Set<string>();
  const dimensionsOfTable = model.dimensionsOfTable as Map<string, readonly string[]>;
  for (const view of custom.views) {
    const table = `custom:${view.joint.join('×')}`;
    dimensionsOfTable.set(table, view.joint);
    for (const [id, value] of Object.entries(view.values)) {
      if (seen.has(`${id}\u0000${value}`)) continue;
      seen.add(`${id}\u0000${value}`);
      const { terms, cell } = cellInUnion(id, block);
      const known = customTableKnown(value, k);
      const unchanged = perturbCustomCount(cell, k) === value;
      constraints.push({ terms, lower: known.lower, upper: unchanged ? known.upper : Number.POSITIVE_INFINITY });
      if (cell.count >= 1 && cell.count < k && !seen.has(id)) {
        seen.add(id);
        targets.push({ id: `custom:${id}`, terms, rule: 'derived', value: cell.count, table, row: '' });
      }
    }
  }
  return targets;
}

/** A view's cell (by `customCellId`) as a sum over the union's block, with today's count and keys. */
function cellInUnion(id: string, block: UnionBlock): { terms: LinearTerm[]; cell: KeyedCount } {
  const conditions = (JSON.parse(id) as [string, string[]][]).map(([question, values]) => ({
    position: block.positionOf(question),
    values,
  }));
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
