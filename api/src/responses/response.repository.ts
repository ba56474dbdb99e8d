import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** One validated submission waiting to be written by the intake statement. */
export interface BatchedSubmission {
  readonly slug: string;
  readonly versionId: string;
  readonly idempotencyKey: string;
  /** HMAC of the canonical request keyed with the idempotency key: nobody without the key can recompute it. */
  readonly requestHash: Buffer;
  readonly responseId: string;
  readonly periods: { readonly day: string; readonly week: string; readonly month: string };
  readonly answers: string;
  /** The careful path checked the survey's outreach code already (and spends it in the same transaction). */
  readonly codeChecked: boolean;
}

/**
 * What the intake statement did with one submission — the one place the reasons are found:
 * stored; a retry of a stored submission (same key and answers); another submission under
 * a used key; no such (public) survey; closed; not its current version; an outreach code
 * needed; or "unsure" (another transaction was writing the same key: look again).
 */
export type IntakeVerdict = 'stored' | 'replayed' | 'conflict' | 'no_survey' | 'closed' | 'stale_version' | 'code_required' | 'unsure';

export interface IntakeOutcome {
  readonly verdict: IntakeVerdict;
  readonly surveyId: string | null;
  /** The survey's current version (for "stale_version"). */
  readonly currentVersionId: string | null;
}

/** How long after the end of its period a receipt still lets a retry be recognised. */
export const RECEIPT_DAYS = 7;

/**
 * The one statement that stores submissions, and says for each why it did or did not (issue
 * 15 point 2: no second pass re-deriving it). It stores a row only where the survey is open,
 * the version is its current one, no outreach code is needed (or the caller checked one) and
 * the idempotency key is new (one per key even within a batch). Rows land in
 * `response_intake`, never in `response`: the intake mixer moves them later, in random order,
 * after their period has ended (issue 9). The receipt's expiry is computed from the period
 * alone, so it dates the submission no more finely than the response row does.
 */
const INTAKE_SQL = `WITH input AS (
     SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::bytea[], $5::uuid[], $6::date[], $7::date[], $8::date[], $9::jsonb[], $10::boolean[])
       AS t(slug, version_id, idempotency_key, request_hash, response_id, day, week, month, answers, code_checked)
   ), judged AS (
     SELECT input.*, s.id AS survey_id, cur.id AS current_version,
            sha256(convert_to(s.id::text || ':' || input.idempotency_key, 'UTF8')) AS key_hash,
            CASE WHEN s.id IS NULL THEN 'no_survey'
                 WHEN s.status <> 'open' THEN 'closed'
                 WHEN input.version_id IS DISTINCT FROM cur.id THEN 'stale_version'
                 WHEN s.requires_outreach_code AND NOT input.code_checked THEN 'code_required'
                 ELSE 'ready' END AS verdict,
            CASE s.time_granularity WHEN 'week' THEN input.week WHEN 'month' THEN input.month ELSE input.day END AS period,
            CASE s.time_granularity WHEN 'week' THEN input.week + 7 WHEN 'month' THEN (input.month + interval '1 month')::date ELSE input.day + 1 END AS next_period
       FROM input
       LEFT JOIN survey s ON s.slug = input.slug AND s.status <> 'draft'
       LEFT JOIN LATERAL (SELECT v.id FROM survey_version v WHERE v.survey_id = s.id ORDER BY v.number DESC LIMIT 1) cur ON true
   ), ready AS (
     SELECT DISTINCT ON (key_hash) * FROM judged WHERE verdict = 'ready' ORDER BY key_hash, response_id
   ), receipt AS (
     INSERT INTO submission_receipt (key_hash, request_hash, expires_on)
     SELECT key_hash, request_hash, next_period + $11::int FROM ready
     ON CONFLICT (key_hash) DO NOTHING
     RETURNING key_hash
   ), stored AS (
     INSERT INTO response_intake (id, survey_version_id, period, answers)
     SELECT ready.response_id, ready.version_id, ready.period, ready.answers
       FROM ready JOIN receipt ON receipt.key_hash = ready.key_hash
     RETURNING id
   )
   SELECT j.response_id::text AS response_id, j.survey_id::text AS survey_id, j.current_version::text AS current_version,
          CASE WHEN st.id IS NOT NULL THEN 'stored'
               WHEN j.survey_id IS NULL THEN 'no_survey'
               WHEN old.request_hash = j.request_hash OR won.request_hash = j.request_hash THEN 'replayed'
               WHEN old.key_hash IS NOT NULL OR won.key_hash IS NOT NULL THEN 'conflict'
               WHEN j.verdict <> 'ready' THEN j.verdict
               ELSE 'unsure' END AS verdict
     FROM judged j
     LEFT JOIN stored st ON st.id = j.response_id
     LEFT JOIN submission_receipt old ON old.key_hash = j.key_hash
     LEFT JOIN (ready JOIN stored w ON w.id = ready.response_id) won ON won.key_hash = j.key_hash AND won.response_id <> j.response_id`;

interface OutcomeRow {
  readonly response_id: string;
  readonly survey_id: string | null;
  readonly current_version: string | null;
  readonly verdict: IntakeVerdict;
}

function outcomesById(rows: readonly OutcomeRow[]): Map<string, IntakeOutcome> {
  return new Map(
    rows.map((row) => [row.response_id, { verdict: row.verdict, surveyId: row.survey_id, currentVersionId: row.current_version }]),
  );
}

/**
 * The statements on the response tables — `response_intake`, `submission_receipt` (issue 15
 * point 1); `response` is written only by the intake mixer ({@link IntakeMixRepository}).
 * The intake statement is one statement: atomic, a failure stores none of its rows.
 */
@Injectable()
export class ResponseRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs the intake statement for these submissions, on its own (one statement, one transaction). */
  async store(items: readonly BatchedSubmission[]): Promise<Map<string, IntakeOutcome>> {
    const rows: OutcomeRow[] = await this.dataSource.query(INTAKE_SQL, parameters(items));
    return outcomesById(rows);
  }

  /** Runs the intake statement for one submission inside the caller's transaction. */
  async storeWithin(manager: EntityManager, item: BatchedSubmission): Promise<IntakeOutcome | undefined> {
    const rows: OutcomeRow[] = await manager.query(INTAKE_SQL, parameters([item]));
    return outcomesById(rows).get(item.responseId);
  }

  /** The request hash stored under this idempotency key's hash, if any. */
  async receiptRequestHash(keyHash: Buffer): Promise<Buffer | undefined> {
    const rows: Array<{ request_hash: Buffer }> = await this.dataSource.query(
      'SELECT request_hash FROM submission_receipt WHERE key_hash = $1',
      [keyHash],
    );
    return rows[0]?.request_hash;
  }

  /** Deletes receipts that expired before `today` (YYYY-MM-DD); returns how many. */
  async purgeExpiredReceipts(today: string): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query('DELETE FROM submission_receipt WHERE expires_on < $1', [today]);
    return result[1];
  }
}

function parameters(items: readonly BatchedSubmission[]): unknown[] {
  const column = <T>(pick: (item: BatchedSubmission) => T) => items.map(pick);
  return [
    column((i) => i.slug),
    column((i) => i.versionId),
    column((i) => i.idempotencyKey),
    column((i) => i.requestHash),
    column((i) => i.responseId),
    column((i) => i.periods.day),
    column((i) => i.periods.week),
    column((i) => i.periods.month),
    column((i) => i.answers),
    column((i) => i.codeChecked),
    RECEIPT_DAYS,
  ];
}
