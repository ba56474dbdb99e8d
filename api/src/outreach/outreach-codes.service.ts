import { Injectable } from '@nestjs/common';
import { createHmac, randomInt, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { OUTREACH_CODE, normalizeOutreachCode, type OutreachBatch } from '@candor/shared';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import type { StaffPrincipal } from '../common/staff-principal';
import { AppConfig } from '../config/app-config';
import { outreachCodeInvalid, outreachCodeRequired } from '../protection/protection.errors';
import { OutreachCodeRepository } from './outreach-code.repository';
import { Transactions } from '../database/transactions';

/**
 * Single-use outreach codes (P7). Staff create a batch and receive the codes once, to print
 * as cards; the database keeps only keyed hashes with a "used" bit. A spend is written in the
 * submission's own transaction, but into `outreach_spend`, which the intake mixer empties on
 * its random timer across all surveys, setting the used bits of every pending spend at once
 * (issue 9 point 8, issue 16 point 3): the used bit's transaction covers everything spent
 * since the last run, whatever the survey; a spend is never lost (it commits with the
 * response) and never doubled (its key refuses a second spend on any instance, after any restart).
 */
@Injectable()
export class OutreachCodesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly codes: OutreachCodeRepository,
  ) {}

  async createBatch(
    surveyId: string,
    size: number,
    label: string,
    actor: StaffPrincipal,
  ): Promise<{ batch: OutreachBatch; codes: string[] }> {
    const secret = this.requireSecret();
    const codes = new Set<string>();
    while (codes.size < size) codes.add(randomCode());
    const batchId = randomUUID();
    const createdAt = this.clock.now();
    // Inserted in random order, so the table's physical order says nothing about the cards' order.
    const hashes = shuffle([...codes].map((code) => hashCode(secret, surveyId, code)));
    await this.transactions.run(async (manager) => {
      await this.codes.insertBatch(manager, { id: batchId, surveyId, label, size, createdBy: actor.userId, createdAt }, hashes);
      await this.audit.record(
        { actor, action: 'outreach.batch.create', targetType: 'survey', targetId: surveyId, details: { batchId, size, label } },
        manager,
      );
    });
    return { batch: { id: batchId, label, size, used: 0, createdAt: createdAt.toISOString() }, codes: [...codes].map(formatCode) };
  }

  async listBatches(surveyId: string): Promise<OutreachBatch[]> {
    const rows = await this.codes.batches(surveyId);
    // Spends not yet applied by the intake mixer are not counted: the count lags by up to one mixer run.
    // Each spend is a response: staff see the count rounded down to a multiple of k, like response counts (P4).
    return rows.map((row) => ({
      id: row.id,
      label: row.label,
      size: row.size,
      used: Math.floor(row.used / row.k) * row.k,
      createdAt: row.created_at.toISOString(),
    }));
  }

  /**
   * Checks a code for one submission: returns its hash when it exists for this survey and is
   * neither used nor spent by a pending submission, null when the survey needs no code.
   * Unknown, used and pending codes get the same error after the same single query, so
   * neither the answer nor its timing tells them apart.
   */
  async check(surveyId: string, required: boolean, input: string | undefined): Promise<Buffer | null> {
    if (!required) return null;
    if (!input || input.trim() === '') throw outreachCodeRequired();
    const code = normalizeOutreachCode(input);
    if (code.length !== OUTREACH_CODE.length || [...code].some((c) => !OUTREACH_CODE.alphabet.includes(c))) throw outreachCodeInvalid();
    const hash = hashCode(this.requireSecret(), surveyId, code);
    if ((await this.codes.spent(hash, surveyId)) !== false) throw outreachCodeInvalid();
    return hash;
  }

  /**
   * Spends a checked code inside the submission's transaction. False when another submission
   * spent it meanwhile (on any instance): the caller rolls back and refuses.
   */
  async spendWithin(manager: EntityManager, hash: Buffer): Promise<boolean> {
    return this.codes.spend(manager, hash);
  }

  /**
   * Sets the used bit of every pending spend; the intake mixer calls it inside its
   * transaction (which then truncates `outreach_spend`). Returns how many.
   */
  async applyPendingSpends(manager: EntityManager): Promise<number> {
    return this.codes.applyPendingSpends(manager);
  }

  private requireSecret(): string {
    const secret = this.config.OUTREACH_CODE_SECRET;
    if (!secret) {
      throw new DomainError(
        'SERVICE_UNAVAILABLE',
        'Outreach codes are not configured on this server: set OUTREACH_CODE_SECRET (npm start does it for you).',
      );
    }
    return secret;
  }
}

function randomCode(): string {
  let code = '';
  for (let i = 0; i < OUTREACH_CODE.length; i++) code += OUTREACH_CODE.alphabet[randomInt(OUTREACH_CODE.alphabet.length)];
  return code;
}

/** "ABCDE23456" → "ABCDE-23456", as printed on the card. */
function formatCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

function hashCode(secret: string, surveyId: string, code: string): Buffer {
  return createHmac('sha256', secret).update(`${surveyId}:${code}`).digest();
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
