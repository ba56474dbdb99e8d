import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { coarsePeriod } from '@candor/shared';
import { Clock } from '../common/clock';
import { RespondentLog } from '../common/respondent-log';
import { AppConfig } from '../config/app-config';
import { OutreachCodesService } from '../outreach/outreach-codes.service';

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
 * One advisory lock key for the whole cluster: one mixer at a time, whatever the instance
 * count. Readers whose snapshot must see the intake whole (a backup, a release) hold it too,
 * shared: the mixer's TRUNCATE is not MVCC-safe, so a snapshot taken before it would see an
 * empty intake. A run finding it held steps aside.
 */
export const MIXER_LOCK = 0x63616e64; // "cand"

/**
 * The intake mixer (issue 9 point 2). Submissions land in `response_intake`, each in its own
 * transaction; left there, their transaction ids and physical order would give the order of
 * arrival, and each could be dated between timestamped staff rows. One run, in one
 * transaction, on a random timer:
 *
 *  1. moves every pending row whose period (day, week or month, as its survey chose) has
 *     ENDED into `response`, in random order — so all of a period's rows share one
 *     transaction id that commits after the period, and their physical order is random;
 *  2. rewrites the rows of periods still running, the idempotency receipts, the spent proofs,
 *     the outreach devices' box ids and quota slots and nothing else in random order, and sets the used bit of every pending outreach spend;
 *  3. truncates what it rewrote (`response_intake`, `submission_receipt`, `outreach_spend`,
 *     `spent_proof`, `outreach_box`, `outreach_quota_slot`):
 *     a new file, so no dead row keeps the old order.
 *
 * A move happens only after the period ends, so the moving transaction cannot be placed
 * inside the period. Locks are taken in the order the intake statement takes them, so
 * submissions wait for a run instead of deadlocking with it. Nothing pending is lost on a
 * restart (the table is durable; a run at start-up catches up), and several instances
 * share one advisory lock.
 */
@Injectable()
export class IntakeMixer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IntakeMixer');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly outreach: OutreachCodesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refuseCommitTimestamps();
    if (this.config.MIX_INTERVAL_SECONDS === 0) return;
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    RespondentLog.flush();
  }

  /**
   * PostgreSQL's commit timestamps would date every transaction — the mixing included — to
   * the microsecond. Candor refuses to run with them on.
   */
  async refuseCommitTimestamps(): Promise<void> {
    const rows: Array<{ track_commit_timestamp: string }> = await this.dataSource.query('SHOW track_commit_timestamp');
    if (rows[0]?.track_commit_timestamp === 'on') {
      throw new Error(
        'Candor cannot start: PostgreSQL has track_commit_timestamp = on, which records the time of every transaction and would date each response. Set track_commit_timestamp = off in postgresql.conf and restart PostgreSQL.',
      );
    }
  }

  /** Runs once now (also what the timer calls). */
  async mix(): Promise<MixResult> {
    const now = this.clock.now();
    const current = [coarsePeriod(now, 'day'), coarsePeriod(now, 'week'), coarsePeriod(now, 'month')];
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
      const spends = await this.outreach.applyPendingSpends(manager);
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

  /** The next run comes after a random delay: 0.5–1.5 × MIX_INTERVAL_SECONDS. */
  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.mix()
        .catch((error: unknown) => this.logger.error(`mixing failed (nothing is lost; the next run retries): ${(error as Error).message}`))
        .finally(() => {
          RespondentLog.flush();
          const interval = this.config.MIX_INTERVAL_SECONDS * 1000;
          this.schedule(interval / 2 + randomInt(Math.max(1, interval)));
        });
    }, delayMs);
    this.timer.unref();
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
