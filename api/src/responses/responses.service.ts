import { Injectable } from '@nestjs/common';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { canonicalJson, coarsePeriod } from '@candor/shared';
import { Clock } from '../common/clock';
import { OutreachCodesService } from '../outreach/outreach-codes.service';
import { ProofOfWorkService, type VerifiedProof } from '../protection/proof-of-work.service';
import { outreachCodeInvalid, outreachCodeRequired, proofInvalid } from '../protection/protection.errors';
import { surveyClosed, surveyNotFound } from '../surveys/surveys.errors';
import { SurveysService, type SubmissionTarget } from '../surveys/surveys.service';
import { AnswerValidatorService, type FreeTextArrival } from './answer-validation/answer-validator.service';
import type { SubmitResponseDto } from './dto/submit-response.dto';
import { IntakeBatcher } from './intake-batcher';
import { ResponseRepository, type BatchedSubmission, type IntakeOutcome } from './response.repository';
import { ResponseRetentionRepository } from './response-retention.repository';
import { SealedTextRepository } from './sealed-text.repository';
import { idempotencyConflict, invalidAnswers, versionMismatch } from './responses.errors';
import { Transactions } from '../database/transactions';

export type SubmissionOutcome = 'stored' | 'replayed';

/**
 * A solved challenge in the request (the JSON API), or a no-JS form ticket checked by the caller
 * (null: proof of work is off). `freeText` says whether the sender's browser sealed free text
 * itself (an outreach device does) or the server seals it on receipt (the no-JS form, the default).
 */
export type SubmissionProof =
  'challenge' | { readonly ticket: VerifiedProof | null; readonly freeText?: FreeTextArrival; readonly alongside?: WriteAlongside };

/**
 * Writes that must commit with the response or not at all, in the very transaction that stores
 * it (an outreach device's box id and quota, issue 18): throwing refuses the response.
 */
export type WriteAlongside = (manager: EntityManager) => Promise<void>;

/**
 * The respondent intake: validate against the answered version, then store the answers
 * with a coarse period and nothing else, exactly once per idempotency key.
 */
@Injectable()
export class ResponsesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly surveys: SurveysService,
    private readonly validator: AnswerValidatorService,
    private readonly clock: Clock,
    private readonly proofOfWork: ProofOfWorkService,
    private readonly outreach: OutreachCodesService,
    private readonly batcher: IntakeBatcher,
    private readonly responses: ResponseRepository,
    private readonly retention: ResponseRetentionRepository,
    private readonly sealed: SealedTextRepository,
  ) {}

  /**
   * `proof` says how the sender proved it is not a flood: a solved challenge (the JSON API)
   * or a form ticket the no-JS form checked already (`{ ticket }`, null when proof of work
   * is off). Either is reserved on every instance before the write and released if nothing
   * was stored, so it stores at most one response. `arrival` says whether free text must come
   * sealed (a browser on the JSON API) or may come plain, to be sealed on receipt (the server's
   * own form, which checked it in full, even when its page's script solved the proof).
   *
   * The common case: answers are checked against the compiled version the client names,
   * then one statement (shared with other submissions arriving at the same time, see
   * {@link IntakeBatcher}) confirms that version is the open survey's current one, records
   * the receipt, stores the row — or says exactly why not, which {@link settle} turns into
   * the one matching answer. Only a version not compiled yet, invalid answers, an outreach
   * code or a used proof take the careful path.
   */
  async submit(
    slug: string,
    request: SubmitResponseDto,
    proof: SubmissionProof = 'challenge',
    arrival: FreeTextArrival = freeTextArrival(proof),
  ): Promise<SubmissionOutcome> {
    // The proof is checked before any answer is: an anonymous sender gets no validation
    // work out of the server without paying for it first.
    const verified = await this.verifiedProof(slug, request, proof);
    if (verified === 'replayed') return 'replayed';
    if (
      !this.validator.isCompiledVersion(request.versionId) ||
      this.validator.validate(request.versionId, request.answers, arrival).length > 0
    ) {
      return this.submitCarefully(slug, request, verified, proof, arrival);
    }
    const alongside = proof === 'challenge' ? undefined : proof.alongside;
    const outcome = await this.writeWithProof(verified, () => this.store(this.batchItem(slug, request, false), null, alongside));
    // A used proof (perhaps this request's own, retried) or an outreach code: the careful path decides.
    if (outcome === null || outcome.verdict === 'code_required') return this.submitCarefully(slug, request, verified, proof, arrival);
    return this.settle(outcome, request);
  }

  /**
   * The sender's proof, verified (a no-JS ticket was verified by the form already; null when
   * proof of work is off). A missing or invalid proof is refused — unless the request is a
   * retry of a stored submission (same key, same answers), which needs no new proof.
   */
  private async verifiedProof(
    slug: string,
    request: SubmitResponseDto,
    proof: SubmissionProof,
  ): Promise<VerifiedProof | null | 'replayed'> {
    if (proof !== 'challenge') return proof.ticket;
    if (!this.proofOfWork.enabled) return null;
    try {
      return await this.proofOfWork.verify(slug, request.proofOfWork);
    } catch (error) {
      if (await this.isStoredRetry(slug, request)) return 'replayed';
      throw error;
    }
  }

  private async submitCarefully(
    slug: string,
    request: SubmitResponseDto,
    proof: VerifiedProof | null,
    sent: SubmissionProof,
    arrival: FreeTextArrival,
  ): Promise<SubmissionOutcome> {
    const viaTicket = sent !== 'challenge';
    const alongside = sent === 'challenge' ? undefined : sent.alongside;
    const target = await this.surveys.findSubmissionTarget(slug);
    if (!target) throw surveyNotFound();
    const current = target.status === 'open' && request.versionId === target.versionId;
    if (current) {
      await this.ensureCompiled(target);
      const problems = this.validator.validate(target.versionId, request.answers, arrival);
      if (problems.length > 0) throw invalidAnswers(problems);
      // A retry of a stored submission needs neither a new proof nor an unused code.
      if ((proof || target.requiresOutreachCode) && (await this.isReplay(target.surveyId, request))) return 'replayed';
    } else {
      // Closed, or not the current version (perhaps one this instance never compiled): nothing
      // is written. A retry of a stored submission still gets its 201, a reused key its 409.
      if (await this.isReplay(target.surveyId, request)) return 'replayed';
      if (target.status !== 'open') throw surveyClosed();
      throw versionMismatch(target.versionId);
    }
    const verified = proof;
    const outcome = await this.writeWithProof(verified, async () => {
      const codeHash = await this.outreach.check(target.surveyId, target.requiresOutreachCode, request.outreachCode);
      const item = this.batchItem(slug, request, codeHash !== null);
      return this.store(item, codeHash, alongside);
    });
    if (outcome === null && verified) {
      // Held by a submission in flight (a double tap): once it settles, a retry of it is a replay.
      await this.proofOfWork.settled(verified);
      if (await this.isReplay(target.surveyId, request)) return 'replayed';
    }
    if (outcome === null) throw proofInvalid(viaTicket ? 'the form ticket was already used' : 'this challenge was already used');
    return this.settle(outcome, request);
  }

  /**
   * The one place a proof of work is reserved, spent or released around a write: spent when
   * the row was stored, released otherwise (also on an error). Null when the proof is in use.
   */
  private async writeWithProof(verified: VerifiedProof | null, write: () => Promise<IntakeOutcome>): Promise<IntakeOutcome | null> {
    if (verified && !(await this.proofOfWork.reserve(verified))) return null;
    let outcome: IntakeOutcome | null = null;
    try {
      outcome = await write();
      return outcome;
    } finally {
      if (verified && outcome?.verdict === 'stored') this.proofOfWork.spendReserved(verified);
      else if (verified) await this.proofOfWork.release(verified);
    }
  }

  /** The one mapping from what the intake statement did to the respondent's answer. */
  private async settle(outcome: IntakeOutcome, request: SubmitResponseDto): Promise<SubmissionOutcome> {
    switch (outcome.verdict) {
      case 'stored':
        return 'stored';
      case 'replayed':
        return 'replayed';
      case 'conflict':
        throw idempotencyConflict();
      case 'no_survey':
        throw surveyNotFound();
      case 'closed':
        throw surveyClosed();
      case 'stale_version':
        throw versionMismatch(outcome.currentVersionId ?? '');
      case 'code_required':
        throw outreachCodeRequired();
      case 'unsure':
        // Another transaction wrote the same key meanwhile: now it is committed, look at it.
        if (outcome.surveyId && (await this.isReplay(outcome.surveyId, request))) return 'replayed';
        throw idempotencyConflict();
    }
  }

  /**
   * Stores one submission: batched with others when nothing must commit with it; otherwise in
   * its own transaction with the outreach code's spend (refused like a used code when another
   * submission, on any instance, spent it meanwhile) and the caller's writes — all or nothing.
   */
  private async store(item: BatchedSubmission, codeHash: Buffer | null, alongside?: WriteAlongside): Promise<IntakeOutcome> {
    if (codeHash === null && !alongside) return this.batcher.submit(item);
    try {
      return await this.transactions.run(async (manager) => {
        if (codeHash !== null && !(await this.outreach.spendWithin(manager, codeHash))) throw outreachCodeInvalid();
        const outcome = await this.batcher.submitWithin(manager, item);
        if (outcome.verdict !== 'stored') throw new NotStored(outcome);
        if (alongside) await alongside(manager);
        return outcome;
      });
    } catch (error) {
      if (error instanceof NotStored) return error.outcome;
      throw error;
    }
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
      // Only a compiled (validated) version is stored; for any other the statement stores nothing
      // and only tells a retry from a stale or unknown version, so the answers need no coarsening.
      answers: JSON.stringify(
        this.validator.isCompiledVersion(request.versionId)
          ? this.validator.storedAnswers(request.versionId, request.answers)
          : request.answers,
      ),
      codeChecked,
    };
  }

  /** True if this key already stored this exact request (never throws: the caller refuses otherwise). */
  private async isStoredRetry(slug: string, request: SubmitResponseDto): Promise<boolean> {
    const target = await this.surveys.findSubmissionTarget(slug);
    if (!target) return false;
    try {
      return await this.isReplay(target.surveyId, request);
    } catch {
      return false;
    }
  }

  /** True if this key already stored this exact request; throws if it stored another. */
  private async isReplay(surveyId: string, request: SubmitResponseDto): Promise<boolean> {
    const stored = await this.responses.receiptRequestHash(sha256(`${surveyId}:${request.idempotencyKey}`));
    if (!stored) return false;
    if (!stored.equals(requestHashOf(request))) throw idempotencyConflict();
    return true;
  }

  private async ensureCompiled(target: SubmissionTarget): Promise<void> {
    await this.validator.ensureCompiled(
      { id: target.versionId, definitionHash: target.definitionHash },
      () => this.surveys.getDefinition(target.versionId),
      target.researchKey,
    );
  }

  /** Deletes receipts past their expiry; returns how many. */
  async purgeExpiredReceipts(): Promise<number> {
    const today = coarsePeriod(this.clock.now(), 'day');
    return this.responses.purgeExpiredReceipts(today);
  }

  /** P8: deletes the survey's responses, mixed and waiting, in the retention sweep's transaction; returns how many. */
  async deleteForRetention(manager: EntityManager, surveyId: string): Promise<number> {
    return this.retention.deleteResponses(manager, surveyId);
  }

  /** Issue 17: the values at `path` of the survey's mixed responses, shuffled and bare (sealed free text). */
  async sealedTexts(surveyId: string, path: readonly string[]): Promise<unknown[]> {
    return this.sealed.values(surveyId, path);
  }

  /** How many of the survey's responses wait in the intake for the next mix (a count, nothing else). */
  async pendingCount(surveyId: string): Promise<number> {
    return this.sealed.pending(surveyId);
  }
}

/**
 * Tells a retry from a different submission under the same key. Keyed with the idempotency
 * key (which only the respondent's device held), so whoever holds the database cannot
 * recompute it from a response row and match receipts to responses.
 */
function requestHashOf(request: SubmitResponseDto): Buffer {
  return createHmac('sha256', request.idempotencyKey)
    .update(canonicalJson({ versionId: request.versionId, answers: request.answers }))
    .digest();
}

/**
 * The JSON API's browsers seal free text themselves (issue 17); the no-JS form (a ticket) sends
 * it as typed, for the server to seal on receipt.
 */
function freeTextArrival(proof: SubmissionProof): FreeTextArrival {
  return proof === 'challenge' ? 'sealed-by-browser' : (proof.freeText ?? 'sealed-on-receipt');
}

/** Rolls back a code's spend when the response was not stored, carrying the reason. */
class NotStored extends Error {
  constructor(readonly outcome: IntakeOutcome) {
    super(`not stored: ${outcome.verdict}`);
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
