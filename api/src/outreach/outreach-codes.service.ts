import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createHmac, randomInt, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OUTREACH_CODE, normalizeOutreachCode, type OutreachBatch } from '@candor/shared';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import type { StaffPrincipal } from '../common/staff-principal';
import { AppConfig } from '../config/app-config';
import { outreachCodeInvalid, outreachCodeRequired } from '../protection/protection.errors';


/** A code set aside for one submission until the response is stored (or not). */
export interface CodeReservation {
  /** The response was stored: the code counts as used. */
  commit(): Promise<void>;
  /** Nothing was stored: the code may be used again. */
  release(): void;
}

const NO_RESERVATION: CodeReservation = { commit: async () => undefined, release: () => undefined };

/**
 * Single-use outreach codes (P7). Staff create a batch and receive the codes once, to print
 * as cards; the database keeps only keyed hashes with a "used" bit. Spending a code never
 * writes in the response's transaction (which would share its transaction id): used codes
 * wait in memory and are written OUTREACH_FLUSH_BATCH at a time, shuffled, in one statement —
 * so each write covers at least that many responses and none can be matched to its code.
 * The cost, stated in the README: a crash forgets the unwritten spends (at most
 * OUTREACH_FLUSH_BATCH − 1 codes could be used once more), and instances do not share them.
 */
@Injectable()
export class OutreachCodesService implements OnApplicationShutdown {
  private readonly logger = new Logger('Outreach');
  /** hex hash → survey id, spent but not yet written. */
  private readonly spent = new Map<string, string>();
  /** hex hash, reserved by a submission in flight. */
  private readonly reserved = new Set<string>();
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async createBatch(surveyId: string, size: number, label: string, actor: StaffPrincipal): Promise<{ batch: OutreachBatch; codes: string[] }> {
    const secret = this.requireSecret();
    const codes = new Set<string>();
    while (codes.size < size) codes.add(randomCode());
    const batchId = randomUUID();
    const createdAt = this.clock.now();
    // Inserted in random order, so the table's physical order says nothing about the cards' order.
    const hashes = shuffle([...codes].map((code) => hashCode(secret, surveyId, code)));
    await this.dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO outreach_batch (id, survey_id, label, size, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [batchId, surveyId, label, size, actor.userId, createdAt]);
      await manager.query('INSERT INTO outreach_code (code_hash, survey_id, batch_id) SELECT h, $2, $3 FROM unnest($1::bytea[]) AS h', [hashes, surveyId, batchId]);
      await this.audit.record({ actor, action: 'outreach.batch.create', targetType: 'survey', targetId: surveyId, details: { batchId, size, label } }, manager);
    });
    return { batch: { id: batchId, label, size, used: 0, createdAt: createdAt.toISOString() }, codes: [...codes].map(formatCode) };
  }

  async listBatches(surveyId: string): Promise<OutreachBatch[]> {
    const rows: Array<{ id: string; label: string; size: number; used: number; created_at: Date }> = await this.dataSource.query(
      `SELECT b.id, b.label, b.size, b.created_at, count(c.*) FILTER (WHERE c.used)::int AS used
         FROM outreach_batch b LEFT JOIN outreach_code c ON c.batch_id = b.id
        WHERE b.survey_id = $1 GROUP BY b.id ORDER BY b.created_at`,
      [surveyId],
    );
    // Spends still waiting in memory are not counted: the README says the count lags by up to a batch.
    return rows.map((row) => ({ id: row.id, label: row.label, size: row.size, used: row.used, createdAt: row.created_at.toISOString() }));
  }

  /**
   * Sets a code aside for one submission. Throws the same error for unknown and used codes.
   * The caller commits after storing the response, or releases.
   */
  async reserve(surveyId: string, required: boolean, input: string | undefined): Promise<CodeReservation> {
    if (!required) return NO_RESERVATION;
    if (!input || input.trim() === '') throw outreachCodeRequired();
    const code = normalizeOutreachCode(input);
    if (code.length !== OUTREACH_CODE.length || [...code].some((c) => !OUTREACH_CODE.alphabet.includes(c))) throw outreachCodeInvalid();
    const hash = hashCode(this.requireSecret(), surveyId, code);
    const key = hash.toString('hex');
    if (this.spent.has(key) || this.reserved.has(key)) throw outreachCodeInvalid();
    this.reserved.add(key);
    try {
      const rows: Array<{ used: boolean }> = await this.dataSource.query('SELECT used FROM outreach_code WHERE code_hash = $1 AND survey_id = $2', [hash, surveyId]);
      if (rows.length !== 1 || rows[0]?.used) throw outreachCodeInvalid();
    } catch (error) {
      this.reserved.delete(key);
      throw error;
    }
    return {
      commit: async () => {
        this.reserved.delete(key);
        this.spent.set(key, surveyId);
        await this.flush(false);
      },
      release: () => {
        this.reserved.delete(key);
      },
    };
  }

  /** Writes spent codes once there are at least a batch of them (or when `all`), shuffled, in one statement. */
  async flush(all: boolean): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.spent.size === 0 || (!all && this.spent.size < this.config.OUTREACH_FLUSH_BATCH)) return;
      const batch = shuffle([...this.spent.keys()]);
      try {
        await this.dataSource.query('UPDATE outreach_code SET used = true WHERE code_hash = ANY($1::bytea[])', [batch.map((hex) => Buffer.from(hex, 'hex'))]);
        for (const key of batch) this.spent.delete(key);
      } catch (error) {
        // Kept in memory (still refused here); written with the next batch.
        this.logger.warn(`could not record ${batch.length} used outreach codes yet: ${(error as Error).message}`);
      }
    });
    return this.flushing;
  }

  /** How many spends wait in memory (for tests and health checks). */
  get pendingSpends(): number {
    return this.spent.size;
  }

  async onApplicationShutdown(): Promise<void> {
    // Fewer than a batch stay unwritten on purpose: writing them alone would link them to the last responses.
    await this.flush(false);
    if (this.spent.size > 0) this.logger.log(`${this.spent.size} used outreach code(s) not written (fewer than OUTREACH_FLUSH_BATCH); they could be used once more`);
  }

  private requireSecret(): string {
    const secret = this.config.OUTREACH_CODE_SECRET;
    if (!secret) {
      throw new DomainError('SERVICE_UNAVAILABLE', 'Outreach codes are not configured on this server: set OUTREACH_CODE_SECRET (npm start does it for you).');
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
