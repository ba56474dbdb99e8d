import type { SuppressionReason } from '../contracts/publications';
import type { LinearConstraint, LinearTerm } from '../disclosure/interval-audit';
import { NOT_ANSWERED, REFUSED, type Catalogue, type CrosstabTable, type MultiTable, type PairTable, type SingleTable } from './catalogue';
import type { JointSpace } from './joint-space';
import { uncoveredCells } from './uncovered-cells';

export type QuantityRole = 'total' | 'n' | 'cell' | 'refused' | 'margin' | 'change';

/** A number the catalogue would publish: a sum of joint cells, with what became of it. */
export interface Quantity {
  readonly id: string;
  readonly table: string;
  readonly role: QuantityRole;
  /** The row it belongs to in its table (a cross-tab group, a pair half); '' otherwise. */
  readonly row: string;
  readonly terms: readonly LinearTerm[];
  readonly value: number;
  readonly keySum: number;
  /** Checked against its complement too (multi-select options: n − chosen). */
  readonly complementOf?: string;
  state: 'published' | SuppressionReason;
  /** Set with a complementary suppression: the id of the number it was hidden to protect. */
  protects?: string;
  published?: { readonly value: number; readonly lower: number; readonly upper: number };
}

/** A group never published as a number that the audit must still protect. */
export interface DerivedCell {
  readonly id: string;
  readonly table: string;
  readonly row: string;
  readonly terms: readonly LinearTerm[];
  readonly value: number;
}

export interface QuantityModel {
  readonly quantities: Map<string, Quantity>;
  readonly derived: readonly DerivedCell[];
  /** Identities every attacker knows: joint totals, shared margins, multi-select consistency. */
  readonly structure: readonly LinearConstraint[];
  /** Tables that share dimensions, for choosing complementary suppressions across links. */
  readonly dimensionsOfTable: ReadonlyMap<string, readonly string[]>;
  /** The structure constraints that say "every joint counts every response": they depend on the release. */
  readonly totals: ReadonlySet<LinearConstraint>;
}

const isSubstantive = (category: string) => category !== NOT_ANSWERED && category !== REFUSED;

export function buildQuantities(catalogue: Catalogue, space: JointSpace, responses: number): QuantityModel {
  const quantities = new Map<string, Quantity>();
  const derived: DerivedCell[] = [];
  const structure: LinearConstraint[] = [];
  const dimensionsOfTable = new Map<string, readonly string[]>();

  const add = (id: string, table: string, role: QuantityRole, row: string, terms: LinearTerm[], complementOf?: string) => {
    quantities.set(id, {
      id,
      table,
      role,
      row,
      terms,
      value: space.valueOf(terms),
      keySum: space.keySumOf(terms),
      complementOf,
      state: 'published',
    });
  };
  const addDerived = (id: string, table: string, row: string, terms: LinearTerm[]) => {
    const value = space.valueOf(terms);
    if (terms.length > 0) derived.push({ id, table, row, terms, value });
  };
  const equal = (left: LinearTerm[], right: LinearTerm[]) => {
    const terms = [...left, ...right.map((t) => ({ variable: t.variable, coefficient: -t.coefficient }))];
    if (terms.length > 0) structure.push({ terms, lower: 0, upper: 0 });
  };

  // Every joint counts every response once.
  const totals = new Set<LinearConstraint>();
  // A joint over several dimensions agrees with each dimension's own counts (below), so its
  // total follows from theirs: stating it again would only tie every table into one problem.
  for (const joint of catalogue.joints.filter((j) => j.dimensions.length === 1)) {
    const total = { terms: space.terms(joint.id, () => true), lower: responses, upper: responses };
    structure.push(total);
    totals.add(total);
  }
  // Joints over several dimensions agree with each dimension's own counts.
  const jointOf = (dims: readonly string[]) => catalogue.joints.find((j) => j.dimensions.join('×') === dims.join('×'));
  for (const joint of catalogue.joints) {
    if (joint.dimensions.length < 2) continue;
    joint.dimensions.forEach((dimension, d) => {
      for (const category of catalogue.dimensions.get(dimension)?.categories ?? []) {
        equal(
          space.terms(joint.id, (tuple) => tuple[d] === category),
          space.terms(dimension, (tuple) => tuple[0] === category),
        );
      }
    });
  }
  add(
    'N',
    'survey',
    'total',
    '',
    space.terms(catalogue.joints[0]?.id ?? '', () => true),
  );
  // Skip logic and required questions: who answered a question shown only when another one
  // was answered a given way is at most (when required: exactly) everyone who answered that way.
  for (const rule of catalogue.shownIf ?? []) {
    if (!space.layouts.has(rule.dimension) || !space.layouts.has(rule.gate)) continue;
    const answered = space.terms(rule.dimension, (t) => t[0] !== NOT_ANSWERED);
    const gate = space.terms(rule.gate, (t) => t[0] === rule.category);
    const terms = [...answered, ...gate.map((t) => ({ variable: t.variable, coefficient: -1 }))];
    structure.push({ terms, lower: rule.required ? 0 : Number.NEGATIVE_INFINITY, upper: 0 });
  }

  for (const table of catalogue.tables) {
    if (table.kind === 'single') addSingle(table);
    else if (table.kind === 'multi') addMulti(table);
    else addCrosstab(table);
  }
  for (const pair of catalogue.pairs) addPair(pair);

  function addSingle(table: SingleTable) {
    dimensionsOfTable.set(table.id, [table.dimension]);
    for (const category of table.categories)
      add(
        `${table.id}:c:${category.value}`,
        table.id,
        'cell',
        '',
        space.terms(table.dimension, (t) => t[0] === category.value),
      );
    add(
      `${table.id}:n`,
      table.id,
      'n',
      '',
      space.terms(table.dimension, (t) => isSubstantive(t[0] as string)),
    );
    if (table.refusable)
      add(
        `${table.id}:refused`,
        table.id,
        'refused',
        '',
        space.terms(table.dimension, (t) => t[0] === REFUSED),
      );
  }

  function addMulti(table: MultiTable) {
    dimensionsOfTable.set(table.id, table.dimensions);
    const first = table.dimensions[0] as string;
    const nId = `${table.id}:n`;
    add(
      nId,
      table.id,
      'n',
      '',
      space.terms(first, (t) => t[0] === 'chosen' || t[0] === 'not_chosen'),
    );
    if (table.refusable)
      add(
        `${table.id}:refused`,
        table.id,
        'refused',
        '',
        space.terms(first, (t) => t[0] === REFUSED),
      );
    // Whoever answered chose at least one option: n ≤ Σ chosen (an attacker knows this too).
    const atLeastOne = new Map<number, number>();
    for (const term of space.terms(first, (t) => t[0] === 'chosen' || t[0] === 'not_chosen')) atLeastOne.set(term.variable, 1);
    for (const dimension of table.dimensions) {
      for (const term of space.terms(dimension, (t) => t[0] === 'chosen'))
        atLeastOne.set(term.variable, (atLeastOne.get(term.variable) ?? 0) - 1);
    }
    structure.push({
      terms: [...atLeastOne].filter(([, coefficient]) => coefficient !== 0).map(([variable, coefficient]) => ({ variable, coefficient })),
      lower: Number.NEGATIVE_INFINITY,
      upper: 0,
    });
    table.dimensions.forEach((dimension, index) => {
      const option = table.categories[index]?.value as string;
      add(
        `${table.id}:c:${option}`,
        table.id,
        'cell',
        '',
        space.terms(dimension, (t) => t[0] === 'chosen'),
        nId,
      );
      addDerived(
        `${table.id}:not:${option}`,
        table.id,
        '',
        space.terms(dimension, (t) => t[0] === 'not_chosen'),
      );
      if (dimension !== first) {
        // Every option dimension counts the same people as answering, refusing and skipping.
        for (const category of [REFUSED, NOT_ANSWERED]) {
          equal(
            space.terms(dimension, (t) => t[0] === category),
            space.terms(first, (t) => t[0] === category),
          );
        }
      }
    });
  }

  function addCrosstab(table: CrosstabTable) {
    dimensionsOfTable.set(table.id, [table.dimension, ...table.groupDimensions]);
    const groups = groupCombinations(table.groupDimensions.map((d) => catalogue.dimensions.get(d)?.substantive ?? []));
    for (const group of groups) {
      const row = group.join('|');
      const inGroup = (t: readonly string[]) => group.every((value, g) => t[g + 1] === value);
      for (const category of table.categories) {
        add(
          `${table.id}:c:${category.value}:${row}`,
          table.id,
          'cell',
          row,
          space.terms(table.joint, (t) => t[0] === category.value && inGroup(t)),
        );
      }
      add(
        `${table.id}:n:${row}`,
        table.id,
        'n',
        row,
        space.terms(table.joint, (t) => isSubstantive(t[0] as string) && inGroup(t)),
      );
      addDerived(
        `${table.id}:refused:${row}`,
        table.id,
        row,
        space.terms(table.joint, (t) => t[0] === REFUSED && inGroup(t)),
      );
    }
    // Answers in groups that refused a grouping question are a group of their own.
    for (const { variable, tuple } of space.cells(table.joint)) {
      if (tuple.some((c) => c === NOT_ANSWERED) || !tuple.slice(1).some((c) => c === REFUSED)) continue;
      addDerived(`${table.id}:cell:${tuple.join('|')}`, table.id, tuple.slice(1).join('|'), [{ variable, coefficient: 1 }]);
    }
    // Cross-tabs by two questions share the group sizes of those two questions.
    if (table.groupDimensions.length > 1) {
      const groupJoint = jointOf(table.groupDimensions);
      if (groupJoint) {
        for (const cell of space.cells(groupJoint.id)) {
          equal(
            space.terms(table.joint, (t) => t.slice(1).every((c, i) => c === cell.tuple[i])),
            [{ variable: cell.variable, coefficient: 1 }],
          );
        }
      }
    }
  }

  function addPair(pair: PairTable) {
    dimensionsOfTable.set(pair.id, [...pair.qualifiers, pair.before, pair.after]);
    const q = pair.qualifiers.length;
    const qualifies = (t: readonly string[]) => t.slice(0, q).every((c) => c === 'yes');
    const paired = (t: readonly string[]) => qualifies(t) && isSubstantive(t[q] as string) && isSubstantive(t[q + 1] as string);
    const order = pair.categories.map((c) => c.value);
    add(`${pair.id}:n`, pair.id, 'n', '', space.terms(pair.joint, paired));
    for (const category of order) {
      add(
        `${pair.id}:before:${category}`,
        pair.id,
        'margin',
        'before',
        space.terms(pair.joint, (t) => paired(t) && t[q] === category),
      );
      add(
        `${pair.id}:after:${category}`,
        pair.id,
        'margin',
        'after',
        space.terms(pair.joint, (t) => paired(t) && t[q + 1] === category),
      );
    }
    if (pair.binary) {
      const [yes, no] = order as [string, string];
      const cells: Record<string, [string, string]> = { a: [yes, yes], b: [yes, no], c: [no, yes], d: [no, no] };
      for (const [name, [before, after]] of Object.entries(cells)) {
        add(
          `${pair.id}:cell:${name}`,
          pair.id,
          'cell',
          '',
          space.terms(pair.joint, (t) => paired(t) && t[q] === before && t[q + 1] === after),
        );
      }
    } else {
      const rank = (c: string) => order.indexOf(c);
      add(
        `${pair.id}:up`,
        pair.id,
        'change',
        '',
        space.terms(pair.joint, (t) => paired(t) && rank(t[q + 1] as string) > rank(t[q] as string)),
      );
      add(
        `${pair.id}:same`,
        pair.id,
        'change',
        '',
        space.terms(pair.joint, (t) => paired(t) && rank(t[q + 1] as string) === rank(t[q] as string)),
      );
      add(
        `${pair.id}:down`,
        pair.id,
        'change',
        '',
        space.terms(pair.joint, (t) => paired(t) && rank(t[q + 1] as string) < rank(t[q] as string)),
      );
      for (const { variable, tuple } of space.cells(pair.joint)) {
        if (paired(tuple)) addDerived(`${pair.id}:inner:${tuple.slice(q).join('|')}`, pair.id, '', [{ variable, coefficient: 1 }]);
      }
    }
    // Refusing one half while answering (or refusing) the other is a group too.
    for (const { variable, tuple } of space.cells(pair.joint)) {
      if (!qualifies(tuple)) continue;
      const halves = tuple.slice(q);
      if (halves.includes(NOT_ANSWERED) || !halves.includes(REFUSED)) continue;
      addDerived(`${pair.id}:refused:${halves.join('|')}`, pair.id, '', [{ variable, coefficient: 1 }]);
    }
  }

  // Every other joint cell — above all, the groups defined by not answering — is protected too.
  const covered = new Set<number>();
  for (const quantity of quantities.values())
    if (quantity.terms.length === 1 && quantity.terms[0]?.coefficient === 1) covered.add(quantity.terms[0].variable);
  for (const cell of derived) if (cell.terms.length === 1 && cell.terms[0]?.coefficient === 1) covered.add(cell.terms[0].variable);
  derived.push(...uncoveredCells(catalogue, space, covered));

  // Tables of a gated question are linked to the gate's tables: hiding a gate count can protect them.
  for (const rule of catalogue.shownIf ?? []) {
    for (const [table, dims] of dimensionsOfTable)
      if (dims.includes(rule.dimension) && !dims.includes(rule.gate)) dimensionsOfTable.set(table, [...dims, rule.gate]);
  }
  return { quantities, derived, structure, dimensionsOfTable, totals };
}

export function groupCombinations(lists: readonly (readonly string[])[]): string[][] {
  return lists.reduce<string[][]>((combos, list) => combos.flatMap((combo) => list.map((value) => [...combo, value])), [[]]);
}
