import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** One validated submission waiting to be written by the fast path. */
export interface BatchedSubmission {
  readonly slug: string;
  readonly versionId: string;
  readonly idempotencyKey: string;
  readonly requestHash: Buffer;
  readonly responseId: string;
  readonly periods: { readonly day: string; readonly week: string; readonly month: string };
  readonly answers: string;
  readonly receiptExpires: string;
  /** The careful path reserved the survey's outreach code already; the fast path never has one. */
  readonly codeChecked: boolean;
}

interface Pending {
  readonly item: BatchedSubmission;
  resolve(stored: boolean): void;
  reject(error: unknown): void;
}

/** Most submissions written by one statement. */
const MAX_BATCH = 128;
/** Statements in flight at once (each holds one pooled connection). */
const MAX_IN_FLIGHT = 4;

/**
 * Group commit for the intake: submissions that arrive while earlier ones are being
 * written go out together in one statement — one round trip, one transaction, one WAL
 * flush for many rows — instead of one each. Nothing waits on a timer: under light load
 * every submission is written alone, at once; under heavy load batches form by themselves.
 *
 * The one place responses are written. The statement stores a row only where the survey
 * is open, the version is its current one, no outreach code is needed (or the caller
 * reserved one) and the idempotency key is new (one per key even within
 * a batch); for anything else it stores nothing and the caller takes the careful path,
 * which finds the exact reason. One statement is atomic: a failure stores none of its rows.
 */
@Injectable()
export class IntakeBatcher {
  private queue: Pending[] = [];
  private inFlight = 0;

  constructor(private readonly dataSource: DataSource) {}

  /** Resolves true when the row was stored, false when the careful path must decide. */
  submit(item: BatchedSubmission): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
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
    const column = <T>(pick: (item: BatchedSubmission) => T) => batch.map((pending) => pick(pending.item));
    try {
      const rows: Array<{ id: string }> = await this.dataSource.query(
        `WITH input AS (
           SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::bytea[], $5::uuid[], $6::date[], $7::date[], $8::date[], $9::jsonb[], $10::date[], $11::boolean[])
             AS t(slug, version_id, idempotency_key, request_hash, response_id, day, week, month, answers, expires, code_checked)
         ), ready AS (
           SELECT DISTINCT ON (key_hash) input.*, s.time_granularity, key_hash
             FROM input
             JOIN survey s ON s.slug = input.slug AND s.status = 'open' AND (NOT s.requires_outreach_code OR input.code_checked)
             CROSS JOIN LATERAL (SELECT sha256(convert_to(s.id::text || ':' || input.idempotency_key, 'UTF8')) AS key_hash) k
            WHERE input.version_id = (SELECT v.id FROM survey_version v WHERE v.survey_id = s.id ORDER BY v.number DESC LIMIT 1)
            ORDER BY key_hash, input.response_id
         ), receipt AS (
           INSERT INTO submission_receipt (key_hash, request_hash, expires_on)
           SELECT key_hash, request_hash, expires FROM ready
           ON CONFLICT (key_hash) DO NOTHING
           RETURNING key_hash
         )
         INSERT INTO response (id, survey_version_id, period, answers)
         SELECT ready.response_id, ready.version_id,
                CASE ready.time_granularity WHEN 'week' THEN ready.week WHEN 'month' THEN ready.month ELSE ready.day END,
                ready.answers
           FROM ready JOIN receipt ON receipt.key_hash = ready.key_hash
         RETURNING id`,
        [
          column((i) => i.slug),
          column((i) => i.versionId),
          column((i) => i.idempotencyKey),
          column((i) => i.requestHash),
          column((i) => i.responseId),
          column((i) => i.periods.day),
          column((i) => i.periods.week),
          column((i) => i.periods.month),
          column((i) => i.answers),
          column((i) => i.receiptExpires),
          column((i) => i.codeChecked),
        ],
      );
      const stored = new Set(rows.map((row) => row.id));
      for (const pending of batch) pending.resolve(stored.has(pending.item.responseId));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }
}
