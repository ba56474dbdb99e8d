import type { LinearConstraint } from '../disclosure/interval-audit';
import { NOT_ANSWERED, REFUSED, type Catalogue, type CrosstabTable, type MultiTable, type SingleTable } from './catalogue';
import type { JointSpace } from './joint-space';
import { addPair } from './quantities-pair';
import { groupCombinations, isSubstantive, modelBuilder, type ModelBuilder, type QuantityModel } from './quantity-model';
import { uncoveredCells } from './uncovered-cells';

export { groupCombinations } from './quantity-model';
export type { DerivedCell, Quantity, QuantityModel, QuantityRole } from './quantity-model';

/**
 * Every number the catalogue would publish, every group the audit protects without publishing
 * it, and the identities an attacker knows, all as sums of joint cells.
 */
export function buildQuantities(catalogue: Catalogue, space: JointSpace, responses: number): QuantityModel {
  const b = modelBuilder(catalogue, space);
  const totals = jointIdentities(b, responses);
  b.add(
    'N',
    'survey',
    'total',
    '',
    space.terms(catalogue.joints[0]?.id ?? '', () => true),
  );
  skipLogicBounds(b);
  for (const table of catalogue.tables) {
    if (table.kind === 'single') addSingle(b, table);
    else if (table.kind === 'multi') addMulti(b, table);
    else addCrosstab(b, table);
  }
  for (const pair of catalogue.pairs) addPair(b, pair);
  protectUncovered(b);
  linkGatedTables(b);
  return { quantities: b.quantities, derived: b.derived, structure: b.structure, dimensionsOfTable: b.dimensionsOfTable, totals };
}

/** Every joint counts every response, and agrees with its dimensions' own counts; returns the totals. */
function jointIdentities(b: ModelBuilder, responses: number): Set<LinearConstraint> {
  const { catalogue, space } = b;
  // Every joint counts every response once.
  const totals = new Set<LinearConstraint>();
  // A joint over several dimensions agrees with each dimension's own counts (below), so its
  // total follows from theirs: stating it again would only tie every table into one problem.
  for (const joint of catalogue.joints.filter((j) => j.dimensions.length === 1)) {
    const total = { terms: space.terms(joint.id, () => true), lower: responses, upper: responses };
    b.structure.push(total);
    totals.add(total);
  }
  // Joints over several dimensions agree with each dimension's own counts.
  for (const joint of catalogue.joints) {
    if (joint.dimensions.length < 2) continue;
    joint.dimensions.forEach((dimension, d) => {
      for (const category of catalogue.dimensions.get(dimension)?.categories ?? []) {
        b.equal(
          space.terms(joint.id, (tuple) => tuple[d] === category),
          space.terms(dimension, (tuple) => tuple[0] === category),
        );
      }
    });
  }
  return totals;
}

/**
 * Skip logic and required questions: who answered a question shown only when another one
 * was answered a given way is at most (when required: exactly) everyone who answered that way.
 */
function skipLogicBounds(b: ModelBuilder): void {
  const { catalogue, space } = b;
  for (const rule of catalogue.shownIf ?? []) {
    if (!space.layouts.has(rule.dimension) || !space.layouts.has(rule.gate)) continue;
    const answered = space.terms(rule.dimension, (t) => t[0] !== NOT_ANSWERED);
    const gate = space.terms(rule.gate, (t) => t[0] === rule.category);
    const terms = [...answered, ...gate.map((t) => ({ variable: t.variable, coefficient: -1 }))];
    b.structure.push({ terms, lower: rule.required ? 0 : Number.NEGATIVE_INFINITY, upper: 0 });
  }
}

/** A single-choice table: a cell per category, its n (substantive answers) and its refusals. */
function addSingle(b: ModelBuilder, table: SingleTable): void {
  const { space, add } = b;
  b.dimensionsOfTable.set(table.id, [table.dimension]);
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

/** A multiple-choice table: its n and refusals, then per option who chose it (checked against n) and who did not. */
function addMulti(b: ModelBuilder, table: MultiTable): void {
  const { space, add } = b;
  b.dimensionsOfTable.set(table.id, table.dimensions);
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
  atLeastOneChosen(b, table, first);
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
    b.addDerived(
      `${table.id}:not:${option}`,
      table.id,
      '',
      space.terms(dimension, (t) => t[0] === 'not_chosen'),
    );
    if (dimension !== first) {
      // Every option dimension counts the same people as answering, refusing and skipping.
      for (const category of [REFUSED, NOT_ANSWERED]) {
        b.equal(
          space.terms(dimension, (t) => t[0] === category),
          space.terms(first, (t) => t[0] === category),
        );
      }
    }
  });
}

/** Whoever answered chose at least one option: n ≤ Σ chosen (an attacker knows this too). */
function atLeastOneChosen(b: ModelBuilder, table: MultiTable, first: string): void {
  const { space } = b;
  const atLeastOne = new Map<number, number>();
  for (const term of space.terms(first, (t) => t[0] === 'chosen' || t[0] === 'not_chosen')) atLeastOne.set(term.variable, 1);
  for (const dimension of table.dimensions) {
    for (const term of space.terms(dimension, (t) => t[0] === 'chosen'))
      atLeastOne.set(term.variable, (atLeastOne.get(term.variable) ?? 0) - 1);
  }
  b.structure.push({
    terms: [...atLeastOne].filter(([, coefficient]) => coefficient !== 0).map(([variable, coefficient]) => ({ variable, coefficient })),
    lower: Number.NEGATIVE_INFINITY,
    upper: 0,
  });
}

/** A cross-tab: per group a cell per category, its n and its refusals; groups that refused a grouping question. */
function addCrosstab(b: ModelBuilder, table: CrosstabTable): void {
  const { catalogue, space, add } = b;
  b.dimensionsOfTable.set(table.id, [table.dimension, ...table.groupDimensions]);
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
    b.addDerived(
      `${table.id}:refused:${row}`,
      table.id,
      row,
      space.terms(table.joint, (t) => t[0] === REFUSED && inGroup(t)),
    );
  }
  // Answers in groups that refused a grouping question are a group of their own.
  for (const { variable, tuple } of space.cells(table.joint)) {
    if (tuple.some((c) => c === NOT_ANSWERED) || !tuple.slice(1).some((c) => c === REFUSED)) continue;
    b.addDerived(`${table.id}:cell:${tuple.join('|')}`, table.id, tuple.slice(1).join('|'), [{ variable, coefficient: 1 }]);
  }
  sharedGroupSizes(b, table);
}

/** Cross-tabs by two questions share the group sizes of those two questions. */
function sharedGroupSizes(b: ModelBuilder, table: CrosstabTable): void {
  const { catalogue, space } = b;
  if (table.groupDimensions.length > 1) {
    const groupJoint = catalogue.joints.find((j) => j.dimensions.join('×') === table.groupDimensions.join('×'));
    if (groupJoint) {
      for (const cell of space.cells(groupJoint.id)) {
        b.equal(
          space.terms(table.joint, (t) => t.slice(1).every((c, i) => c === cell.tuple[i])),
          [{ variable: cell.variable, coefficient: 1 }],
        );
      }
    }
  }
}

/** Every other joint cell — above all, the groups defined by not answering — is protected too. */
function protectUncovered(b: ModelBuilder): void {
  const covered = new Set<number>();
  for (const quantity of b.quantities.values())
    if (quantity.terms.length === 1 && quantity.terms[0]?.coefficient === 1) covered.add(quantity.terms[0].variable);
  for (const cell of b.derived) if (cell.terms.length === 1 && cell.terms[0]?.coefficient === 1) covered.add(cell.terms[0].variable);
  b.derived.push(...uncoveredCells(b.catalogue, b.space, covered));
}

/** Tables of a gated question are linked to the gate's tables: hiding a gate count can protect them. */
function linkGatedTables(b: ModelBuilder): void {
  for (const rule of b.catalogue.shownIf ?? []) {
    for (const [table, dims] of b.dimensionsOfTable)
      if (dims.includes(rule.dimension) && !dims.includes(rule.gate)) b.dimensionsOfTable.set(table, [...dims, rule.gate]);
  }
}
