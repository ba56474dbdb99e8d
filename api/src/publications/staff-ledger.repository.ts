import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { canonicalValues, type LedgerEntry, type LedgerValue } from '@candor/shared';
import { asInsert } from '../database/as-insert';
import { StaffReleaseEntity, type StaffLedgerValues } from './staff-release.entity';

/**
 * The staff ledger (P4): what previews showed to staff. Read and written inside the
 * survey's release lock, so previews are recorded one after another.
 */
@Injectable()
export class StaffLedgerRepository {
  /** Every distinct release shown to staff by a preview, oldest first. */
  async shown(manager: EntityManager, surveyId: string): Promise<LedgerEntry[]> {
    const rows: Array<{ number: number; values: StaffLedgerValues }> = await manager.query(
      'SELECT number, "values" FROM staff_release WHERE survey_id = $1 ORDER BY number',
      [surveyId],
    );
    return rows.map((row) => ({
      number: row.number,
      values: new Map(Object.entries(row.values).map(([id, [value, lower, upper]]) => [id, { value, lower, upper }])),
    }));
  }

  /** Records a release shown to staff; the same set of numbers shown again adds nothing. */
  async record(manager: EntityManager, surveyId: string, values: ReadonlyMap<string, LedgerValue>): Promise<void> {
    const valuesHash = createHash('sha256').update(canonicalValues(values)).digest('hex');
    const exists = await manager.exists(StaffReleaseEntity, { where: { surveyId, valuesHash } });
    if (exists) return;
    const [{ next }] = await manager.query<[{ next: number }]>(
      'SELECT coalesce(max(number), 0) + 1 AS next FROM staff_release WHERE survey_id = $1',
      [surveyId],
    );
    const stored: StaffLedgerValues = Object.fromEntries([...values].map(([id, v]) => [id, [v.value, v.lower, v.upper] as const]));
    await manager.insert(
      StaffReleaseEntity,
      asInsert<StaffReleaseEntity>({ id: randomUUID(), surveyId, number: next, valuesHash, values: stored }),
    );
  }
}
