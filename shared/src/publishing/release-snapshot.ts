import type { PublicationSnapshot, SnapshotRow, SnapshotTable } from '../contracts/publications';
import type { Catalogue, CrosstabTable, MultiTable, SingleTable } from './catalogue';
import type { JointSpace } from './joint-space';
import { groupCombinations, type QuantityModel } from './quantities';
import { cell, countOf } from './release-cells';
import { assemblePair } from './release-pair';
import type { ReleaseInput } from './release-types';

/** The snapshot a release publishes: every catalogue table and pair as the suppressions left them. */
export function assembleSnapshot(input: ReleaseInput, model: QuantityModel, space: JointSpace): PublicationSnapshot {
  const k = input.settings.k;
  const tables: SnapshotTable[] = input.catalogue.tables.map((table) =>
    table.kind === 'crosstab' ? crosstabTable(table, input.catalogue, model, k) : oneWayTable(table, model, k),
  );
  const pairs = input.catalogue.pairs.map((pair) => assemblePair(pair, model, space, k, input.settings.perturbation));
  return {
    format: 1,
    survey: input.survey,
    number: input.number,
    publishedOn: input.publishedOn,
    window: input.window,
    k,
    perturbation: input.settings.perturbation,
    responses: countOf(model, 'N'),
    tables,
    pairs,
  };
}

/** A cross-tab: one row per group, each with its own n (a group below the floor marked withheld). */
function crosstabTable(table: CrosstabTable, catalogue: Catalogue, model: QuantityModel, k: number): SnapshotTable {
  const groups = groupCombinations(table.groupDimensions.map((d) => catalogue.dimensions.get(d)?.substantive ?? []));
  const rows: SnapshotRow[] = groups.map((group) => {
    const row = group.join('|');
    const n = countOf(model, `${table.id}:n:${row}`);
    const withheld = model.quantities.get(`${table.id}:n:${row}`)?.state === 'group-too-small';
    return {
      group,
      n,
      cells: table.categories.map((c) => cell(model, `${table.id}:c:${c.value}:${row}`, c.value, n, k)),
      ...(withheld ? { withheld: 'group-too-small' as const } : {}),
    };
  });
  return {
    id: table.id,
    kind: 'crosstab',
    question: table.question,
    title: table.title,
    ordinal: table.ordinal,
    categories: table.categories,
    n: null,
    groupBy: table.groupBy,
    rows,
  };
}

/** A single- or multiple-choice table: one row, its n, and the refusals when refusing was offered. */
function oneWayTable(table: SingleTable | MultiTable, model: QuantityModel, k: number): SnapshotTable {
  const n = countOf(model, `${table.id}:n`);
  return {
    id: table.id,
    kind: table.kind,
    question: table.question,
    title: table.title,
    ordinal: table.kind === 'single' ? table.ordinal : false,
    categories: table.categories,
    n,
    ...(table.refusable ? { refused: countOf(model, `${table.id}:refused`) } : {}),
    rows: [{ n, cells: table.categories.map((c) => cell(model, `${table.id}:c:${c.value}`, c.value, n, k)) }],
  };
}
