import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { coarsePeriod } from '@candor/shared';
import { Clock } from '../common/clock';
import { RespondentLog } from '../common/respondent-log';
import { AppConfig } from '../config/app-config';
import { OutreachCodesService } from '../outreach/outreach-codes.service';
import { IntakeMixRepository, type MixResult } from './intake-mix.repository';

export type { MixResult } from './intake-mix.repository';

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
    private readonly statements: IntakeMixRepository,
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
    if ((await this.statements.commitTimestamps()) === 'on') {
      throw new Error(
        'Candor cannot start: PostgreSQL has track_commit_timestamp = on, which records the time of every transaction and would date each response. Set track_commit_timestamp = off in postgresql.conf and restart PostgreSQL.',
      );
    }
  }

  /** Runs once now (also what the timer calls). */
  async mix(): Promise<MixResult> {
    const now = this.clock.now();
    const current = [coarsePeriod(now, 'day'), coarsePeriod(now, 'week'), coarsePeriod(now, 'month')];
    return this.statements.mix(current, (manager) => this.outreach.applyPendingSpends(manager));
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
