import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Clock } from '../common/clock';
import { SpentProofRepository } from './spent-proof.repository';

/** A proof of work or no-JS ticket: its identity and when it expires anyway (ms since epoch). */
export interface SpendableProof {
  readonly id: string;
  readonly until: number;
}

interface PendingReservation {
  readonly hash: Buffer;
  readonly expiresOn: string;
  resolve(reserved: boolean): void;
  reject(error: unknown): void;
}

const DAY = 86_400_000;
/** Most reservations written by one statement. */
const MAX_BATCH = 256;
/** Statements in flight at once (each holds one pooled connection). */
const MAX_IN_FLIGHT = 2;
/** How often expired rows are deleted (at most). */
const PURGE_EVERY_MS = 10 * 60_000;

/**
 * The spent set of proofs of work and no-JS tickets, in PostgreSQL so that every instance
 * sees it and a restart forgets nothing (issue 16). A proof is reserved (its row inserted)
 * before the submission is written and released (the row deleted) if the write fails, so
 * it can store at most one response wherever and whenever it is sent.
 *
 * A row holds only a SHA-256 of the proof's identity (a ticket's body holds its issue time,
 * so it is never stored as is) and the UTC day its challenge expires, rounded up: no time
 * of day, nothing that links to a response. Rows are deleted once that day has passed. Reservations arriving together go out
 * in one statement, as the intake does. A crash between reserve and write leaves the proof
 * spent without a response: the client fetches a new challenge (fail closed).
 */
@Injectable()
export class SpentProofStore {
  private readonly logger = new Logger('SpentProofs');
  private queue: PendingReservation[] = [];
  private inFlight = 0;
  private lastPurge = 0;

  constructor(
    private readonly rows: SpentProofRepository,
    private readonly clock: Clock,
  ) {}

  /** Inserts the proof's row; false when it is spent or held already, here or on another instance. */
  reserve(proof: SpendableProof): Promise<boolean> {
    this.purgeNowAndThen();
    return new Promise<boolean>((resolve, reject) => {
      this.queue.push({ hash: hashOf(proof.id), expiresOn: expiryDay(proof.until), resolve, reject });
      this.pump();
    });
  }

  /** The submission it was reserved for was not stored: the proof may be used again. */
  async release(proof: SpendableProof): Promise<void> {
    await this.rows.delete(hashOf(proof.id));
  }

  /** Whether the proof is spent or held (no reservation made). */
  async isTaken(proof: SpendableProof): Promise<boolean> {
    return this.rows.exists(hashOf(proof.id));
  }

  /** Deletes rows whose challenge has expired (a replay of one fails on its expiry anyway); returns how many. */
  async purgeExpired(): Promise<number> {
    const today = this.clock.now().toISOString().slice(0, 10);
    return this.rows.deleteExpired(today);
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

  private async write(batch: PendingReservation[]): Promise<void> {
    // The same proof twice in one batch: only the first may win.
    const first = new Map<string, PendingReservation>();
    const losers: PendingReservation[] = [];
    for (const pending of batch) {
      const key = pending.hash.toString('hex');
      if (first.has(key)) losers.push(pending);
      else first.set(key, pending);
    }
    for (const loser of losers) loser.resolve(false);
    const unique = [...first.values()];
    try {
      const hashes = await this.rows.insertNew(
        unique.map((p) => p.hash),
        unique.map((p) => p.expiresOn),
      );
      const inserted = new Set(hashes.map((hash) => hash.toString('hex')));
      for (const pending of unique) pending.resolve(inserted.has(pending.hash.toString('hex')));
    } catch (error) {
      for (const pending of unique) pending.reject(error);
    }
  }

  private purgeNowAndThen(): void {
    const now = this.clock.now().getTime();
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    void this.purgeExpired().catch((error: unknown) =>
      this.logger.warn(`could not delete expired spent proofs: ${(error as Error).message}`),
    );
  }
}

function hashOf(id: string): Buffer {
  return createHash('sha256').update(id).digest();
}

/**
 * The first UTC day that starts after the proof expires (YYYY-MM-DD): kept no finer than
 * the finest period a response may carry, so a row cannot date a submission to the hour.
 */
function expiryDay(until: number): string {
  return new Date(Math.ceil(until / DAY) * DAY).toISOString().slice(0, 10);
}
