import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { MIXER_LOCK } from '../database/advisory-locks';

export interface MixResult {
  /** False when another instance was mixing (nothing done here). */
  readonly ran: boolean;
  /** Rows moved into `response` (their period has ended). */
  readonly moved: number;
  /** Rows still pending (their period is still running), rewritten in random order. */
  readonly pending: number;
  /** Outreach codes whose used bit was set. */
  readonly spends: number;
}

/**
 * The intake mixer's statements (issue 9 point 2, issue 15 point 1), all in ONE transaction:
 * the advisory lock, the table locks in the intake statement's order, the move of ended
 * periods, the random-order rewrite and the truncation commit together or not at all — see
 * {@link IntakeMixer} for why each step is there. The statements are kept byte for byte as
 * they were in the mixer; they touch several tables on purpose, so they live together here.
 */
@Injectable()
export class IntakeMixRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** PostgreSQL's `track_commit_timestamp` setting ('on' or 'off'). */
  async commitTimestamps(): Promise<string | undefined> {
    const rows: Array<{ track_commit_timestamp: string }> = await this.dataSource.query('SHOW track_commit_timestamp');
    return rows[0]?.track_commit_timestamp;
  }

  /**
   * One run, in one transaction. `current` holds the running day, week and month
   * (YYYY-MM-DD); `applySpends` sets the used bits of the pending outreach spends inside this
   * transaction, before `outreach_spend` is truncated.
   */
  async mix(current: string[], applySpends: (manager: EntityManager) => Promise<number>): Promise<MixResult> {
    return this.dataSource.transaction(async (manager) => {
      const [lock] = await manager.query<Array<{ ok: boolean }>>('SELECT pg_try_advisory_xact_lock($1) AS ok', [MIXER_LOCK]);
      if (!lock?.ok) return { ran: false, moved: 0, pending: 0, spends: 0 };
      // The same order as the intake statement and a code's spend take them.
      await manager.query('LOCK TABLE outreach_spend, submission_receipt, response_intake IN ACCESS EXCLUSIVE MODE');
      // Reservations touch spent_proof alone, in their own statements: taking it last cannot deadlock.
      await manager.query('LOCK TABLE spent_proof IN ACCESS EXCLUSIVE MODE');
      // An outreach upload (issue 18) deletes a quota slot, then writes its box id, after the intake row: the same order here.
      await manager.query('LOCK TABLE outreach_quota_slot IN ACCESS EXCLUSIVE MODE');
      await manager.query('LOCK TABLE outreach_box IN ACCESS EXCLUSIVE MODE');
      const ended = `i.period < CASE s.time_granularity WHEN 'week' THEN $2::date WHEN 'month' THEN $3::date ELSE $1::date END`;
      const from = 'response_intake i JOIN survey_version v ON v.id = i.survey_version_id JOIN survey s ON s.id = v.survey_id';
      const moved = await count(
        manager,
        `INSERT INTO response (id, survey_version_id, period, answers)
         SELECT i.id, i.survey_version_id, i.period, i.answers FROM ${from} WHERE ${ended} ORDER BY random()`,
        current,
      );
      await manager.query(
        `CREATE TEMPORARY TABLE mix_intake ON COMMIT DROP AS
         SELECT i.id, i.survey_version_id, i.period, i.answers FROM ${from} WHERE NOT (${ended})`,
        current,
      );
      await manager.query(
        'CREATE TEMPORARY TABLE mix_receipt ON COMMIT DROP AS SELECT key_hash, request_hash, expires_on FROM submission_receipt',
      );
      await manager.query('CREATE TEMPORARY TABLE mix_spent ON COMMIT DROP AS SELECT token_hash, expires_on FROM spent_proof');
      await manager.query('CREATE TEMPORARY TABLE mix_box ON COMMIT DROP AS SELECT box_hash FROM outreach_box');
      // Deleted slots stay in the file (device id, the deleting response's transaction id) until vacuumed: rewritten too.
      await manager.query('CREATE TEMPORARY TABLE mix_slot ON COMMIT DROP AS SELECT id, device_id FROM outreach_quota_slot');
      const spends = await applySpends(manager);
      await manager.query('TRUNCATE outreach_spend, submission_receipt, response_intake, spent_proof, outreach_box, outreach_quota_slot');
      const pending = await count(
        manager,
        'INSERT INTO response_intake (id, survey_version_id, period, answers) SELECT id, survey_version_id, period, answers FROM mix_intake ORDER BY random()',
      );
      await manager.query(
        'INSERT INTO submission_receipt (key_hash, request_hash, expires_on) SELECT key_hash, request_hash, expires_on FROM mix_receipt ORDER BY random()',
      );
      await manager.query(
        'INSERT INTO spent_proof (token_hash, expires_on) SELECT token_hash, expires_on FROM mix_spent ORDER BY random()',
      );
      await manager.query('INSERT INTO outreach_box (box_hash) SELECT box_hash FROM mix_box ORDER BY random()');
      await manager.query('INSERT INTO outreach_quota_slot (id, device_id) SELECT id, device_id FROM mix_slot ORDER BY random()');
      return { ran: true, moved, pending, spends };
    });
  }
}

/** Runs an INSERT … SELECT and returns how many rows it wrote. */
async function count(manager: EntityManager, insert: string, parameters: unknown[] = []): Promise<number> {
  const rows: Array<{ n: number }> = await manager.query(
    `WITH written AS (${insert} RETURNING 1) SELECT count(*)::int AS n FROM written`,
    parameters,
  );
  return rows[0]?.n ?? 0;
}
