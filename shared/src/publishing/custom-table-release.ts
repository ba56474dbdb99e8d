import {
  CUSTOM_CELL_SEPARATOR,
  customCellConditions,
  customTableKnown,
  type CustomTableJoint,
  type KeyedCount,
  type ReleasedSum,
} from '../disclosure/cell-key-table';
import { viewsOfEarlierDays, type ShownCustomView } from '../disclosure/custom-views';
import { NOT_ANSWERED, type Catalogue } from './catalogue';
import { JointSpace } from './joint-space';
import { buildQuantities } from './quantities';
import type { LedgerEntry } from './release';

/**
 * What the releases shown so far (published, withdrawn, or previewed to staff) tell about the
 * joint a custom-table audit counts (issue 17). Every table of a release — the survey's total,
 * one-way tables, declared cross-tabs, before/after pairs — is a sum of cells of the joint of
 * all the survey's questions; the custom audit counts only some of them (`union`), so:
 *
 * - **Tables inside the audited joint** (all their questions in it) are constraints on its
 *   cells: each published number as the release showed it, and — for a release of today's
 *   responses — each hidden one as staff learn it from the preview's reasons: a small count is
 *   1 … k − 1, a row withheld for its size has n below the group floor. (The audit assumes the
 *   reason is known, whatever it was: assuming more than an attacker knows is safe.)
 * - **Tables that reach outside it.** {@link customAuditQuestions} first adds to the audited
 *   joint the grouping questions of every cross-tab and the qualifying questions of every pair
 *   that touch it, so the remaining release tables hang off the audited joint by disjoint
 *   branches: the questions outside the audited joint fall into groups (linked by release tables
 *   and skip logic) that share no question with each other, each attached to the audited joint
 *   by a set of its questions (its separator). Such a branch can tell an attacker at most the
 *   exact counts of its own joint, and given those, any counts of the audited joint with the
 *   same separator margin can be completed to a full joint (per separator cell, two tables with
 *   the same total always have a joint table with those margins). So the audit takes the
 *   separator margin as known exactly: never less than an attacker knows.
 *
 * A release counted the responses of its day: the same total `N` as today's (`responses`)
 * means the same responses, and its numbers hold exactly on today's cells. A release of
 * another total is an earlier day (responses are only added): its numbers hold exactly on a
 * block of its own — a copy of the audited joint, `day` 1, 2, … by growing total, each cell at
 * most the next day's and the last at most today's (`auditCustomJoints`), so an attacker
 * reading all of that day's numbers together (issue 17, part 2) is modelled, not one number
 * at a time. Releases of the same total share their block. Hidden numbers and separators are
 * used for releases of today's responses only (the truth of an earlier day is not kept), so
 * with an earlier day the audited joint must be the one `customAuditQuestions` gives with
 * that day: a table of that day reaching outside it tells no more than a margin its block holds.
 */
export interface ReleaseContext {
  /** The survey's publishing catalogue, its declared cross-tabs included. */
  readonly catalogue: Catalogue;
  readonly ledger: readonly LedgerEntry[];
  /** Today's number of responses. */
  readonly responses: number;
  /** The smallest count a release may show (after any perturbation's own floor). */
  readonly k: number;
  readonly minGroup: number;
  /**
   * The custom tables staff were shown, and the survey's k (their perturbation's). Those of an
   * earlier day (another total) hold on that day's block like a release of that day: each cell
   * within its value's bounds, the day's total exact (issue 17: a view kept its total). Those of
   * today's responses are left to the audit's own joints.
   */
  readonly views?: { readonly shown: readonly ShownCustomView[]; readonly k: number };
}

/** The links between dimensions a release shows: its tables over several dimensions, and skip logic. */
function releaseLinks(catalogue: Catalogue): string[][] {
  const links = catalogue.joints.filter((joint) => joint.dimensions.length > 1).map((joint) => [...joint.dimensions]);
  for (const rule of catalogue.shownIf ?? []) links.push([rule.dimension, rule.gate]);
  return links;
}

/** The earlier releases a custom-table audit must model as days of their own: the ledger, and today's number of responses. */
export interface EarlierDays {
  readonly ledger: readonly LedgerEntry[];
  readonly responses: number;
}

/**
 * The questions a custom-table audit must count: the custom tables' questions, and (when a
 * release was, or is being, shown) the grouping questions of each cross-tab and the
 * qualifying questions of each pair that touches them, repeated until nothing is added. Sorted.
 *
 * With a release of an earlier day (`earlier`, issue 17 part 2) that day's separator margins
 * are not known (its truth is not kept), so they cannot stand in for the release tables and
 * skip logic outside the audited joint. Such a branch (questions outside, linked to each other
 * by release tables and skip logic) can still tell no more than its separator's margin on each
 * day — so it may stay outside when its separator is one question whose one-way table every
 * earlier day published exactly (every category and "refused"; "not answered" is the rest of
 * that day's total): the block then holds that margin already. Otherwise the outside questions
 * of the links touching the audited joint are taken in, and again, until every branch is such.
 */
export function customAuditQuestions(
  questions: readonly string[],
  catalogue: Catalogue,
  released: boolean,
  earlier: EarlierDays | null = null,
): string[] {
  const wanted = new Set(questions);
  if (!released) return [...wanted].sort();
  const hubs: Array<{ members: readonly string[]; adds: readonly string[] }> = [
    ...catalogue.tables.flatMap((table) =>
      table.kind === 'crosstab' ? [{ members: [table.dimension, ...table.groupDimensions], adds: table.groupDimensions }] : [],
    ),
    ...catalogue.pairs.map((pair) => ({ members: [...pair.qualifiers, pair.before, pair.after], adds: pair.qualifiers })),
  ];
  const exact = earlier && releasedEarlier(earlier.ledger, earlier.responses) ? exactMarginsOnEarlierDays(catalogue, earlier) : null;
  for (let grew = true; grew;) {
    grew = false;
    for (const hub of hubs) {
      if (!hub.members.some((member) => wanted.has(member))) continue;
      for (const question of hub.adds)
        if (!wanted.has(question)) {
          wanted.add(question);
          grew = true;
        }
    }
    if (grew || !exact) continue;
    for (const group of outsideGroups(catalogue, wanted)) {
      const separator = [...group.separator];
      if (separator.length === 0 || (separator.length === 1 && exact.has(separator[0] as string))) continue;
      for (const link of releaseLinks(catalogue))
        if (link.some((dimension) => wanted.has(dimension)) && link.some((dimension) => group.outer.has(dimension)))
          for (const dimension of link) wanted.add(dimension);
      grew = true;
    }
  }
  return [...wanted].sort();
}

/** The questions whose whole margin every earlier day's releases published exactly. */
function exactMarginsOnEarlierDays(catalogue: Catalogue, { ledger, responses }: EarlierDays): Set<string> {
  const days = new Map<number, Map<string, { lower: number; upper: number }>>();
  for (const entry of ledger) {
    const total = entry.values.get('N')?.value;
    if (total === undefined || total === responses) continue;
    const day = days.get(total) ?? new Map<string, { lower: number; upper: number }>();
    for (const [id, value] of entry.values) if (value.lower === value.upper) day.set(id, value);
    days.set(total, day);
  }
  const exact = new Set<string>();
  const located = everyQuantity(catalogue, responses);
  for (const [question, dimension] of catalogue.dimensions) {
    const inside = quantitiesInside(located, new Set([question]));
    const known = (category: string) =>
      inside.some(
        (quantity) =>
          quantity.where.length === 1 &&
          Object.keys(quantity.where[0] ?? {}).length === 1 &&
          quantity.where[0]?.[question] === category &&
          [...days.values()].every((day) => day.has(quantity.id)),
      );
    if (dimension.categories.every((category) => category === NOT_ANSWERED || known(category))) exact.add(question);
  }
  return exact;
}

/** The questions outside the audited joint, in groups linked by release tables and skip logic, each with the questions inside it touches. */
function outsideGroups(catalogue: Catalogue, inUnion: ReadonlySet<string>): Array<{ outer: Set<string>; separator: Set<string> }> {
  const groups: Array<{ outer: Set<string>; separator: Set<string> }> = [];
  for (const link of releaseLinks(catalogue).filter((link) => link.some((dimension) => !inUnion.has(dimension)))) {
    const outer = link.filter((dimension) => !inUnion.has(dimension));
    const touching = groups.filter((group) => outer.some((dimension) => group.outer.has(dimension)));
    const merged = { outer: new Set(outer), separator: new Set(link.filter((dimension) => inUnion.has(dimension))) };
    for (const group of touching) {
      group.outer.forEach((dimension) => merged.outer.add(dimension));
      group.separator.forEach((dimension) => merged.separator.add(dimension));
      groups.splice(groups.indexOf(group), 1);
    }
    groups.push(merged);
  }
  return groups;
}

/** Whether a release of another day than today's (`responses`) is in the ledger: the audit then models that day on its own. */
export function releasedEarlier(ledger: readonly LedgerEntry[], responses: number): boolean {
  return ledger.some((entry) => entry.values.size > 0 && entry.values.get('N')?.value !== responses);
}

/**
 * The release's numbers as constraints on the audited joint (see {@link ReleaseContext}).
 * `finest` is the audited joint's true counts (keyed by its categories in `union`'s order).
 */
export function releasedSumsFor(union: CustomTableJoint, finest: ReadonlyMap<string, KeyedCount>, context: ReleaseContext): ReleasedSum[] {
  const { catalogue, ledger, responses, k, minGroup } = context;
  const sums: ReleasedSum[] = [];
  const earlierViews = viewsOfEarlierDays(context.views?.shown ?? [], responses);
  if (ledger.length === 0 && earlierViews.length === 0) return sums;
  const seen = new Set<string>();
  const push = (id: string, where: readonly Record<string, string>[], lower: number, upper: number, day: number) => {
    const key = `${id}:${lower}:${upper}:${day}`;
    if (seen.has(key) || where.length === 0) return;
    seen.add(key);
    sums.push(day === 0 ? { id, where, lower, upper } : { id: `${id}@${day}`, where, lower, upper, day });
  };
  const inUnion = new Set(union.questions);
  const truthOf = (where: readonly Record<string, string>[]) => {
    let total = 0;
    for (const [key, cell] of finest) {
      const categories = key.split(CUSTOM_CELL_SEPARATOR);
      const matches = where.some((condition) =>
        Object.entries(condition).every(([question, category]) => categories[union.questions.indexOf(question)] === category),
      );
      if (matches) total += cell.count;
    }
    return total;
  };

  const inside = quantitiesInside(everyQuantity(catalogue, responses), inUnion);
  // Nothing released yet (only views of earlier days): no release table to reach outside the joint.
  if (ledger.length > 0 && customAuditQuestions(union.questions, catalogue, true, { ledger, responses }).length > union.questions.length)
    throw new RangeError('a release of an earlier day needs the audited joint customAuditQuestions gives with it');

  // Each earlier day (a total other than today's: other responses) is its own block of the
  // audited joint, numbered by its total (smaller totals first: block d ≤ block d + 1 ≤ today).
  const earlierTotals = [
    ...new Set([
      ...ledger.flatMap((entry) =>
        (entry.values.get('N')?.value ?? responses) === responses ? [] : [entry.values.get('N')?.value as number],
      ),
      ...earlierViews.map((view) => view.responses),
    ]),
  ].sort((a, b) => a - b);
  let current = false;
  for (const entry of ledger) {
    const total = entry.values.get('N')?.value;
    if (total === undefined && entry.values.size > 0) throw new RangeError(`release ${entry.number} showed numbers without its total`);
    const same = total === responses;
    current ||= same;
    const day = same ? 0 : earlierTotals.indexOf(total as number) + 1;
    for (const quantity of inside) {
      const value = entry.values.get(quantity.id);
      if (value) {
        // Every number of that day holds exactly on its own block.
        push(quantity.id, quantity.where, value.lower, value.upper, day);
        continue;
      }
      if (!same || quantity.role === 'total') continue;
      // Hidden in a release of today's responses: what its reason tells staff, at most.
      const truth = truthOf(quantity.where);
      if (truth >= 1 && truth <= k - 1) push(`${quantity.id}:small`, quantity.where, 1, k - 1, 0);
      const grouped = quantity.row !== '' || quantity.table.startsWith('p:');
      if (quantity.role === 'n' && grouped && truth < minGroup) push(`${quantity.id}:group`, quantity.where, 0, minGroup - 1, 0);
    }
  }
  for (const view of earlierViews) {
    if (view.joint.some((question) => !inUnion.has(question)))
      throw new RangeError('a custom table of an earlier day needs its questions in the audited joint');
    const day = earlierTotals.indexOf(view.responses) + 1;
    push('N', [{}], view.responses, view.responses, day);
    for (const [id, value] of Object.entries(view.values)) {
      const known = customTableKnown(value, context.views?.k ?? k);
      push(`custom:${id}`, whereOfCell(id), known.lower, known.upper, day);
    }
  }
  if (!current) return sums;

  for (const margin of separatorMargins(union, finest, catalogue)) push(margin.id, margin.where, margin.lower, margin.upper, 0);
  return sums;
}

/** A custom cell (by `customCellId`) as the combinations of categories it sums. */
function whereOfCell(id: string): Record<string, string>[] {
  let where: Record<string, string>[] = [{}];
  for (const { question, values } of customCellConditions(id))
    where = where.flatMap((partial) => values.map((value) => ({ ...partial, [question]: value })));
  return where;
}

interface InsideQuantity {
  readonly id: string;
  readonly role: string;
  readonly row: string;
  readonly table: string;
  readonly where: readonly Record<string, string>[];
}

/** Every number the catalogue can publish whose table lies inside the audited joint, as conditions on its categories. */
interface LocatedQuantity extends InsideQuantity {
  /** The questions of the joints its terms are cells of. */
  readonly questions: ReadonlySet<string>;
}

/** Every number the catalogue can publish, as conditions on its categories (built once per audit: it counts every joint's layout). */
function everyQuantity(catalogue: Catalogue, responses: number): LocatedQuantity[] {
  const space = new JointSpace(catalogue, new Map());
  const model = buildQuantities(catalogue, space, responses);
  const tupleOf = new Map<number, { dimensions: readonly string[]; tuple: readonly string[] }>();
  for (const layout of space.layouts.values())
    for (const cell of space.cells(layout.joint.id)) tupleOf.set(cell.variable, { dimensions: layout.joint.dimensions, tuple: cell.tuple });
  const located: LocatedQuantity[] = [];
  for (const quantity of model.quantities.values()) {
    // The survey's total: every response, whatever joint it is read from (even one outside the audited joint).
    if (quantity.id === 'N') {
      located.push({ ...quantity, where: [{}], questions: new Set() });
      continue;
    }
    const cells = quantity.terms.map((term) => tupleOf.get(term.variable));
    if (cells.some((cell) => cell === undefined)) continue;
    const where = cells.map((cell) =>
      Object.fromEntries(cell?.dimensions.map((dimension, i) => [dimension, cell.tuple[i] as string]) ?? []),
    );
    located.push({ ...quantity, where, questions: new Set(cells.flatMap((cell) => cell?.dimensions ?? [])) });
  }
  return located;
}

/** Every number the catalogue can publish whose table lies inside the audited joint, as conditions on its categories. */
function quantitiesInside(located: readonly LocatedQuantity[], inUnion: ReadonlySet<string>): InsideQuantity[] {
  return located.filter((quantity) => [...quantity.questions].every((question) => inUnion.has(question)));
}

/**
 * Branches of the release outside the audited joint: each can fix its separator's margin at
 * most, so the audit takes every separator margin as known exactly (see {@link ReleaseContext}).
 */
function separatorMargins(union: CustomTableJoint, finest: ReadonlyMap<string, KeyedCount>, catalogue: Catalogue): ReleasedSum[] {
  const sums: ReleasedSum[] = [];
  const groups = outsideGroups(catalogue, new Set(union.questions));
  for (const group of groups) {
    const separator = union.questions.filter((question) => group.separator.has(question));
    if (separator.length === 0) continue;
    const margin = new Map<string, { where: Record<string, string>; count: number }>();
    for (const combination of product(separator.map((question) => union.categories[union.questions.indexOf(question)] ?? []))) {
      margin.set(combination.join(CUSTOM_CELL_SEPARATOR), {
        where: Object.fromEntries(separator.map((question, i) => [question, combination[i] as string])),
        count: 0,
      });
    }
    for (const [key, cell] of finest) {
      const categories = key.split(CUSTOM_CELL_SEPARATOR);
      const cellKey = separator.map((question) => categories[union.questions.indexOf(question)]).join(CUSTOM_CELL_SEPARATOR);
      const entry = margin.get(cellKey);
      if (entry) entry.count += cell.count;
    }
    for (const [key, { where, count }] of margin)
      sums.push({ id: `margin:${separator.join('×')}:${key}`, where: [where], lower: count, upper: count });
  }
  return sums;
}

function product(lists: readonly (readonly string[])[]): string[][] {
  return lists.reduce<string[][]>((all, list) => all.flatMap((combination) => list.map((item) => [...combination, item])), [[]]);
}
