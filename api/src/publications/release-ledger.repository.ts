import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LedgerEntry, LedgerValue } from '@candor/shared';

/** The release ledger (D5, D6): every number each publication put out, withdrawn ones included. */
@Injectable()
export class ReleaseLedgerRepository {
  /** Each release's published numbers, oldest first (a republication has none of its own). */
  async entries(manager: EntityManager, surveyId: string): Promise<LedgerEntry[]> {
    const rows: Array<{ number: number; quantity_id: string; value: number; lower: number; upper: number }> = await manager.query(
      `SELECT p.number, e.quantity_id, e.value, e.lower, e.upper
         FROM release_ledger_entry e JOIN publication p ON p.id = e.publication_id
        WHERE p.survey_id = $1 ORDER BY p.number`,
      [surveyId],
    );
    const entries = new Map<number, Map<string, LedgerValue>>();
    for (const row of rows) {
      const values = entries.get(row.number) ?? new Map<string, LedgerValue>();
      values.set(row.quantity_id, { value: row.value, lower: row.lower, upper: row.upper });
      entries.set(row.number, values);
    }
    return [...entries].map(([number, values]) => ({ number, values }));
  }

  /** The highest publication number of the survey (0 before the first): the next one follows it. */
  async lastNumber(manager: EntityManager, surveyId: string): Promise<number> {
    const [row] = await manager.query<Array<{ last: number }>>(
      'SELECT coalesce(max(number), 0)::int AS last FROM publication WHERE survey_id = $1',
      [surveyId],
    );
    return row?.last ?? 0;
  }
}
