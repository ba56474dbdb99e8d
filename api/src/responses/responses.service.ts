import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { canonicalJson, coarsePeriod } from '@candor/shared';
import { Clock } from '../common/clock';
import { OutreachCodesService } from '../outreach/outreach-codes.service';
import { ProofOfWorkService } from '../protection/proof-of-work.service';
import { surveyClosed, surveyNotFound } from '../surveys/surveys.errors';
import { SurveysService, type SubmissionTarget } from '../surveys/surveys.service';
import { AnswerValidatorService } from './answer-validation/answer-validator.service';
import type { SubmitResponseDto } from './dto/submit-response.dto';
import { idempotencyConflict, invalidAnswers, versionMismatch } from './responses.errors';

/** How long a receipt lets a retry be recognised. */
export const RECEIPT_DAYS = 7;

export type SubmissionOutcome = 'stored' | 'replayed';

/**
 * The respondent intake: validate against the answered version, then store the answers
 * with a coarse period and nothing else, exactly once per idempotency key.
 */
@Injectable()
export class ResponsesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly surveys: SurveysService,
    private readonly validator: AnswerValidatorService,
    private readonly clock: Clock,
    private readonly proofOfWork: ProofOfWorkService,
    private readonly outreach: OutreachCodesService,
  ) {}

  /**
   * `proof` says how the sender proved it is not a flood: a solved challenge (the JSON API)
   * or a form ticket the no-JS form checked already.
   */
  async submit(slug: string, request: SubmitResponseDto, proof: 'challenge' | 'checked' = 'challenge'): Promise<SubmissionOutcome> {
    const target = await this.surveys.findSubmissionTarget(slug);
    if (!target) throw surveyNotFound();
    const keyHash = sha256(`${target.surveyId}:${request.idempotencyKey}`);
    const requestHash = sha256(canonicalJson({ versionId: request.versionId, answers: request.answers }));

    if (target.status !== 'open' || request.versionId !== target.versionId) {
      // A retry of a submission that was stored before the survey closed or changed
      // still gets its 201; anything else is refused.
      if (await this.isReplay(keyHash, requestHash)) return 'replayed';
      if (target.status !== 'open') throw surveyClosed();
      throw versionMismatch(target.versionId);
    }

    await this.ensureCompiled(target);
    const problems = this.validator.validate(target.versionId, request.answers);
    if (problems.length > 0) throw invalidAnswers(problems);

    const guarded = proof === 'challenge' && this.proofOfWork.enabled;
    if (guarded || target.requiresOutreachCode) {
      // A retry of a stored submission needs neither a new proof nor an unused code.
      if (await this.isReplay(keyHash, requestHash)) return 'replayed';
    }
    if (guarded) await this.proofOfWork.verifyAndSpend(slug, request.proofOfWork);
    const code = await this.outreach.reserve(target.surveyId, target.requiresOutreachCode, request.outreachCode);

    const now = this.clock.now();
    let inserted: Array<{ id: string }>;
    try {
      inserted = await this.dataSource.query(
        `WITH receipt AS (
           INSERT INTO submission_receipt (key_hash, request_hash, expires_on)
           VALUES ($1, $2, $3)
           ON CONFLICT (key_hash) DO NOTHING
           RETURNING 1
         )
         INSERT INTO response (id, survey_version_id, period, answers)
         SELECT $4, $5, $6, $7::jsonb FROM receipt
         RETURNING id`,
        [
          keyHash,
          requestHash,
          coarsePeriod(addDays(now, RECEIPT_DAYS), 'day'),
          randomUUID(),
          target.versionId,
          coarsePeriod(now, target.timeGranularity),
          JSON.stringify(request.answers),
        ],
      );
    } catch (error) {
      code.release();
      throw error;
    }
    if (inserted.length === 1) {
      await code.commit();
      return 'stored';
    }
    code.release();
    if (await this.isReplay(keyHash, requestHash)) return 'replayed';
    throw idempotencyConflict();
  }

  /** True if this key already stored this exact request; throws if it stored another. */
  private async isReplay(keyHash: Buffer, requestHash: Buffer): Promise<boolean> {
    const rows: Array<{ request_hash: Buffer }> = await this.dataSource.query(
      'SELECT request_hash FROM submission_receipt WHERE key_hash = $1',
      [keyHash],
    );
    const row = rows[0];
    if (!row) return false;
    if (!row.request_hash.equals(requestHash)) throw idempotencyConflict();
    return true;
  }

  private async ensureCompiled(target: SubmissionTarget): Promise<void> {
    if (this.validator.isCompiled(target.versionId, target.definitionHash)) return;
    const definition = await this.surveys.getDefinition(target.versionId);
    this.validator.compile(target.versionId, target.definitionHash, definition);
  }

  /** Deletes receipts past their expiry; returns how many. */
  async purgeExpiredReceipts(): Promise<number> {
    const today = coarsePeriod(this.clock.now(), 'day');
    const result: [unknown[], number] = await this.dataSource.query(
      'DELETE FROM submission_receipt WHERE expires_on < $1',
      [today],
    );
    return result[1];
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}
