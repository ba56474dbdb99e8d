import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  CUSTOM_CELL_SEPARATOR,
  NOT_ANSWERED,
  RECORD_KEY_MODULUS,
  type Dimension,
  type KeyedCount,
  type LedgerEntry,
  type LedgerValue,
} from '@candor/shared';
import { asInsert } from '../database/as-insert';
import { expressionFor } from './aggregation.repository';
import { CustomTableViewEntity } from './custom-table-view.entity';

/**
 * Counts one joint for a custom table, in SQL: one GROUP BY over the survey's responses.
 * Only categories, counts and sums of record keys leave the database — each answer is
 * mapped to its category (a choice offered, "refused", the custom-answers category, or
 * "not answered") in the query itself, so no answer text a respondent typed ever does.
 *
 * The record key is the one the publishing cell-key method uses: 48 bits of the MD5 of the
 * response's random id (set at intake and carried unchanged by the intake mixer), a whole
 * number summed exactly (numeric) and reduced mod 2^48, so the same people always give the
 * same cell key whatever the query plan.
 */
@Injectable()
export class CustomTablesRepository {
  async countJoint(manager: EntityManager, surveyId: string, dimensions: readonly Dimension[]): Promise<Map<string, KeyedCount>> {
    const params: unknown[] = [surveyId];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const columns = dimensions.map((dimension, i) => `${categoryExpression(dimension, param)} AS d${i}`);
    const names = dimensions.map((_, i) => `d${i}`);
    const rows: Array<Record<string, string | number>> = await manager.query(
      `SELECT ${names.join(', ')}, count(*)::int AS n, mod(sum(record_key), ${RECORD_KEY_MODULUS})::text AS key_sum
         FROM (SELECT ${columns.join(', ')},
                      ('x' || substr(md5(r.id::text), 1, 12))::bit(48)::bigint AS record_key
                 FROM stored_response r
                 JOIN survey_version v ON v.id = r.survey_version_id
                WHERE v.survey_id = $1) AS answers
        GROUP BY ${names.join(', ')}`,
      params,
    );
    const counts = new Map<string, KeyedCount>();
    for (const row of rows) {
      const key = names.map((name) => String(row[name])).join(CUSTOM_CELL_SEPARATOR);
      counts.set(key, { count: Number(row['n']), keySum: Number(row['key_sum']) });
    }
    return counts;
  }

  /** How many responses the survey has (mixed ones: what `countJoint` counts). */
  async responses(manager: EntityManager, surveyId: string): Promise<number> {
    const rows: Array<{ n: number }> = await manager.query(
      `SELECT count(*)::int AS n FROM stored_response r JOIN survey_version v ON v.id = r.survey_version_id WHERE v.survey_id = $1`,
      [surveyId],
    );
    return rows[0]?.n ?? 0;
  }

  /** Every custom table view of the survey, oldest first (the custom-table ledger), with the total it counted, for the audits. */
  async views(
    manager: EntityManager,
    surveyId: string,
  ): Promise<Array<{ joint: string[]; values: Record<string, number>; responses: number | null }>> {
    return manager.query('SELECT joint, "values", responses FROM custom_table_view WHERE survey_id = $1 ORDER BY number', [surveyId]);
  }

  /** Records a custom table shown to staff in the custom-table ledger (with the total it counted), numbered after the survey's last one. */
  async recordView(
    manager: EntityManager,
    surveyId: string,
    view: { joint: string[]; values: Record<string, number>; responses: number },
  ): Promise<void> {
    const rows = await manager.query<{ next: number }[]>(
      'SELECT coalesce(max(number), 0) + 1 AS next FROM custom_table_view WHERE survey_id = $1',
      [surveyId],
    );
    const next = rows[0]?.next ?? 1;
    await manager.insert(CustomTableViewEntity, asInsert<CustomTableViewEntity>({ id: randomUUID(), surveyId, number: next, ...view }));
  }

  /**
   * Every release of the survey anyone was shown — published (withdrawn ones included) and
   * previews shown to staff — as its exact numbers, for the custom-table audit.
   */
  async releasesShown(manager: EntityManager, surveyId: string): Promise<LedgerEntry[]> {
    const published: Array<{ number: number; quantity_id: string; value: number; lower: number; upper: number }> = await manager.query(
      `SELECT p.number, e.quantity_id, e.value, e.lower, e.upper
         FROM release_ledger_entry e JOIN publication p ON p.id = e.publication_id
        WHERE p.survey_id = $1 ORDER BY p.number`,
      [surveyId],
    );
    const entries = new Map<number, Map<string, LedgerValue>>();
    for (const row of published) {
      const values = entries.get(row.number) ?? new Map<string, LedgerValue>();
      values.set(row.quantity_id, { value: row.value, lower: row.lower, upper: row.upper });
      entries.set(row.number, values);
    }
    const previews: Array<{ values: Record<string, [number, number, number]> }> = await manager.query(
      'SELECT "values" FROM staff_release WHERE survey_id = $1 ORDER BY number',
      [surveyId],
    );
    return [
      ...[...entries].map(([number, values]) => ({ number, values })),
      ...previews.map((row, i) => ({
        number: -(i + 1),
        values: new Map(Object.entries(row.values).map(([id, [value, lower, upper]]) => [id, { value, lower, upper }])),
      })),
    ];
  }
}

/** The SQL for a response's category in one dimension: the rule of the publishing aggregation, applied in the database. */
function categoryExpression(dimension: Dimension, param: (value: unknown) => string): string {
  const raw = `(${expressionFor(dimension, param)})`;
  const offered = param(dimension.categories.filter((category) => category !== NOT_ANSWERED));
  const notAnswered = param(NOT_ANSWERED);
  const custom =
    dimension.customAs !== undefined && dimension.source.kind === 'single'
      ? `WHEN btrim(${raw}) <> '' THEN ${param(dimension.customAs)}::text`
      : '';
  return `CASE WHEN ${raw} IS NULL THEN ${notAnswered}::text WHEN ${raw} = ANY(${offered}::text[]) THEN ${raw} ${custom} ELSE ${notAnswered}::text END`;
}
