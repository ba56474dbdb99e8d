import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface BatchRow {
  readonly id: string;
  readonly label: string;
  readonly size: number;
  readonly used: number;
  readonly k: number;
  readonly created_at: Date;
}

/**
 * The statements on `outreach_batch`, `outreach_code` and `outreach_spend` (issue 15 point 1).
 * Writes take the caller's transaction: a batch commits with its audit row, a spend with its
 * response, and the used bits with the intake mixer's truncation of `outreach_spend`.
 */
@Injectable()
export class OutreachCodeRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertBatch(
    manager: EntityManager,
    batch: { id: string; surveyId: string; label: string; size: number; createdBy: string; createdAt: Date },
    hashes: readonly Buffer[],
  ): Promise<void> {
    await manager.query('INSERT INTO outreach_batch (id, survey_id, label, size, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      batch.id,
      batch.surveyId,
      batch.label,
      batch.size,
      batch.createdBy,
      batch.createdAt,
    ]);
    await manager.query('INSERT INTO outreach_code (code_hash, survey_id, batch_id) SELECT h, $2, $3 FROM unnest($1::bytea[]) AS h', [
      hashes,
      batch.surveyId,
      batch.id,
    ]);
  }

  /** The survey's batches with their raw used counts (the caller rounds them) and the survey's k. */
  async batches(surveyId: string): Promise<BatchRow[]> {
    return this.dataSource.query(
      `SELECT b.id, b.label, b.size, b.created_at, s.k, count(c.*) FILTER (WHERE c.used)::int AS used
         FROM outreach_batch b JOIN survey s ON s.id = b.survey_id LEFT JOIN outreach_code c ON c.batch_id = b.id
        WHERE b.survey_id = $1 GROUP BY b.id, s.k ORDER BY b.created_at`,
      [surveyId],
    );
  }

  /**
   * One query whatever the code's state: `undefined` when there is no such code for the survey,
   * else whether it is used or spent by a pending submission.
   */
  async spent(hash: Buffer, surveyId: string): Promise<boolean | undefined> {
    const rows: Array<{ spent: boolean }> = await this.dataSource.query(
      'SELECT c.used OR EXISTS (SELECT 1 FROM outreach_spend p WHERE p.code_hash = c.code_hash) AS spent FROM outreach_code c WHERE c.code_hash = $1 AND c.survey_id = $2',
      [hash, surveyId],
    );
    return rows.length === 1 ? rows[0]?.spent === true : undefined;
  }

  /** Records the spend in `manager`'s transaction; false when another submission spent it first. */
  async spend(manager: EntityManager, hash: Buffer): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO outreach_spend (code_hash)
       SELECT code_hash FROM outreach_code WHERE code_hash = $1 AND NOT used
       ON CONFLICT (code_hash) DO NOTHING RETURNING 1`,
      [hash],
    );
    return rows.length === 1;
  }

  /** Sets the used bit of every pending spend, in `manager`'s transaction. Returns how many. */
  async applyPendingSpends(manager: EntityManager): Promise<number> {
    const result: [unknown[], number] = await manager.query(
      'UPDATE outreach_code SET used = true WHERE code_hash IN (SELECT code_hash FROM outreach_spend) AND NOT used',
    );
    return result[1];
  }
}
