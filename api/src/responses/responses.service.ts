import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { canonicalJson, coarsePeriod } from '@candor/shared';
import { Clock } from '../common/clock';
import { OutreachCodesService, type CodeReservation } from '../outreach/outreach-codes.service';
import { ProofOfWorkService } from '../protection/proof-of-work.service';
import { proofInvalid } from '../protection/protection.errors';
import { surveyClosed, surveyNotFound } from '../surveys/surveys.errors';
import { SurveysService, type SubmissionTarget } from '../surveys/surveys.service';
import { AnswerValidatorService } from './answer-validation/answer-validator.service';
import type { SubmitResponseDto } from './dto/submit-response.dto';
import { IntakeBatcher, type BatchedSubmission } from './intake-batcher';
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
    private readonly batcher: IntakeBatcher,
  ) {}

  /**
   * `proof` says how the sender proved it is not a flood: a solved challenge (the JSON API)
   * or a form ticket the no-JS form checked already.
   *
   * The common case: answers are checked against the compiled version the client names,
   * then one statement (shared with other submissions arriving at the same time, see
   * {@link IntakeBatcher}) confirms that version is the open survey's current one, records
   * the receipt and stores the row. Anything unusual (first request
   * for a version, invalid answers, a closed survey, a newer version, outreach codes, a
   * retry) takes the careful path below, which decides the exact error.
   */
  async submit(slug: string, request: SubmitResponseDto, proof: 'challenge' | 'checked' = 'challenge'): Promise<SubmissionOutcome> {
    const guarded = proof === 'challenge' && this.proofOfWork.enabled;
    if (!this.validator.isCompiledVersion(request.versionId) || this.validator.validate(request.versionId, request.answers).length > 0) {
      return this.submitCarefully(slug, request, guarded);
    }
    const verified = guarded ? await this.proofOfWork.verify(slug, request.proofOfWork) : null;
    if (verified && !this.proofOfWork.reserve(verified)) return this.submitCarefully(slug, request, guarded);
    let stored: boolean;
    try {
      stored = await this.batcher.submit(this.batchItem(slug, request, false));
    } catch (error) {
      if (verified) this.proofOfWork.release(verified);
      throw error;
    }
    if (stored) {
      if (verified) this.proofOfWork.spendReserved(verified);
      return 'stored';
    }
    if (verified) this.proofOfWork.release(verified);
    // Not stored: no such survey, closed, a newer version, a code needed, or a retry.
    return this.submitCarefully(slug, request, guarded);
  }

  private async submitCarefully(slug: string, request: SubmitResponseDto, guarded: boolean): Promise<SubmissionOutcome> {
    const target = await this.surveys.findSubmissionTarget(slug);
    if (!target) throw surveyNotFound();
    const keyHash = sha256(`${target.surveyId}:${request.idempotencyKey}`);
    const requestHash = requestHashOf(request);

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

    // A retry of a stored submission needs neither a new proof nor an unused code.
    if ((guarded || target.requiresOutreachCode) && (await this.isReplay(keyHash, requestHash))) return 'replayed';
    const verified = guarded ? await this.proofOfWork.verify(slug, request.proofOfWork) : null;
    if (verified && !this.proofOfWork.reserve(verified)) throw proofInvalid('this challenge was already used');
    let code: CodeReservation | null = null;
    let outcome: 'stored' | 'conflict' = 'conflict';
    try {
      code = await this.outreach.reserve(target.surveyId, target.requiresOutreachCode, request.outreachCode);
      if (await this.batcher.submit(this.batchItem(slug, request, target.requiresOutreachCode))) outcome = 'stored';
    } finally {
      if (outcome === 'stored') {
        if (verified) this.proofOfWork.spendReserved(verified);
        await code?.commit();
      } else {
        if (verified) this.proofOfWork.release(verified);
        code?.release();
      }
    }
    if (outcome === 'stored') return 'stored';
    if (await this.isReplay(keyHash, requestHash)) return 'replayed';
    // Closed or changed between the check above and the write: say so, rather than "conflict".
    const current = await this.surveys.findSubmissionTarget(slug);
    if (!current || current.status !== 'open') throw surveyClosed();
    if (current.versionId !== request.versionId) throw versionMismatch(current.versionId);
    throw idempotencyConflict();
  }

  private batchItem(slug: string, request: SubmitResponseDto, codeChecked: boolean): BatchedSubmission {
    const now = this.clock.now();
    return {
      slug,
      versionId: request.versionId,
      idempotencyKey: request.idempotencyKey,
      requestHash: requestHashOf(request),
      responseId: randomUUID(),
      periods: { day: coarsePeriod(now, 'day'), week: coarsePeriod(now, 'week'), month: coarsePeriod(now, 'month') },
      answers: JSON.stringify(request.answers),
      receiptExpires: coarsePeriod(addDays(now, RECEIPT_DAYS), 'day'),
      codeChecked,
    };
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

function requestHashOf(request: SubmitResponseDto): Buffer {
  return sha256(canonicalJson({ versionId: request.versionId, answers: request.answers }));
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}
