import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { MIXER_LOCK } from '../database/advisory-locks';

/**
 * Runs one survey's release work (a preview or a publication) alone: a session advisory
 * lock taken before the transaction starts, so the REPEATABLE READ snapshot is taken only
 * once the lock is held and sees every release shown before. Two previews at once would
 * otherwise both be checked against the same ledger and both be shown, with no time rule
 * between them. A repository: it holds the DataSource for its own query runner, since the
 * locks are taken on the session before the transaction starts (`Transactions` cannot).
 */
@Injectable()
export class ReleaseLockRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** `work` in one REPEATABLE READ transaction, under the survey's release lock and the shared mixer lock. */
  run<T>(surveyId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return underReleaseLock(this.dataSource, surveyId, work);
  }
}

async function underReleaseLock<T>(dataSource: DataSource, surveyId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const key = `candor:release:${surveyId}`;
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    try {
      // Shared with other releases, exclusive of the intake mixer: a run committing its TRUNCATE
      // after this snapshot would hide every pending and just-moved response from the count.
      await runner.query('SELECT pg_advisory_lock_shared($1::bigint)', [MIXER_LOCK]);
      await runner.startTransaction('REPEATABLE READ');
      try {
        const result = await work(runner.manager);
        await runner.commitTransaction();
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        throw error;
      }
    } finally {
      await runner.query('SELECT pg_advisory_unlock_shared($1::bigint)', [MIXER_LOCK]);
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
    }
  } finally {
    await runner.release();
  }
}
