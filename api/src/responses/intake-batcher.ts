import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ResponseRepository, type BatchedSubmission, type IntakeOutcome } from './response.repository';

interface Pending {
  readonly item: BatchedSubmission;
  resolve(outcome: IntakeOutcome): void;
  reject(error: unknown): void;
}

/** Most submissions written by one statement. */
const MAX_BATCH = 128;
/** Statements in flight at once (each holds one pooled connection). */
const MAX_IN_FLIGHT = 4;
const LOST: IntakeOutcome = { verdict: 'unsure', surveyId: null, currentVersionId: null };

/**
 * Group commit for the intake: submissions that arrive while earlier ones are being
 * written go out together in one statement — one round trip, one transaction, one WAL
 * flush for many rows — instead of one each. Nothing waits on a timer: under light load
 * every submission is written alone, at once; under heavy load batches form by themselves.
 * One statement is atomic: a failure stores none of its rows.
 */
@Injectable()
export class IntakeBatcher {
  private queue: Pending[] = [];
  private inFlight = 0;

  constructor(private readonly responses: ResponseRepository) {}

  /** Resolves with what the statement did with this submission. */
  submit(item: BatchedSubmission): Promise<IntakeOutcome> {
    return new Promise<IntakeOutcome>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  /**
   * Stores one submission inside the caller's transaction (used with an outreach code, whose
   * spend must commit or roll back with the row).
   */
  async submitWithin(manager: EntityManager, item: BatchedSubmission): Promise<IntakeOutcome> {
    return (await this.responses.storeWithin(manager, item)) ?? LOST;
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      const outcomes = await this.responses.store(batch.map((pending) => pending.item));
      for (const pending of batch) pending.resolve(outcomes.get(pending.item.responseId) ?? LOST);
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }
}
