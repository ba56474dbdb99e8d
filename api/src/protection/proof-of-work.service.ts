import { Injectable, Logger } from '@nestjs/common';
import { createChallenge, randomInt, verifySolution, type Challenge, type Payload } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { proofInvalid, proofRequired } from './protection.errors';
import { SpentProofStore, type SpendableProof } from './spent-proof.store';

/** A checked proof: its identity and when it expires anyway. */
export type VerifiedProof = SpendableProof;

/** A checked no-JS ticket, and how many seconds the respondent must still wait before sending. */
export interface CheckedTicket {
  readonly proof: VerifiedProof;
  readonly wait: number;
}

/**
 * P7, proof of work without identity: altcha v2 challenges (SHA-256, deterministic mode,
 * signed with POW_SECRET), each bound to one survey and spendable once. The no-JS form gets
 * a signed ticket instead: a submission must come at least NOJS_MIN_SECONDS after the form
 * was first served, once. Spent proofs and tickets are kept by {@link SpentProofStore} in
 * PostgreSQL, so every instance refuses them and a restart forgets none; nothing here is
 * tied to an address.
 */
@Injectable()
export class ProofOfWorkService {
  private readonly logger = new Logger('ProofOfWork');
  private readonly secret: string;
  private readonly keySecret: string;
  /** Proofs reserved by submissions in flight on this instance, settled when they finish. */
  private readonly held = new Map<string, { settled: Promise<void>; settle(): void }>();

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly spent: SpentProofStore,
  ) {
    this.secret = config.POW_SECRET ?? randomBytes(32).toString('hex');
    this.keySecret = createHmac('sha256', this.secret).update('altcha key signatures').digest('hex');
  }

  get enabled(): boolean {
    return this.config.POW_DIFFICULTY > 0;
  }

  /** A fresh challenge for one survey; the client solves it while the respondent answers. */
  async challenge(slug: string): Promise<Challenge> {
    const max = Math.max(2, this.config.POW_DIFFICULTY);
    return createChallenge({
      algorithm: 'SHA-256',
      cost: 1,
      counter: randomInt(Math.floor(max / 2), max),
      deriveKey,
      data: { survey: slug },
      expiresAt: new Date(this.clock.now().getTime() + this.config.POW_TTL_MINUTES * 60_000),
      hmacSignatureSecret: this.secret,
      hmacKeySignatureSecret: this.keySecret,
    });
  }

  /**
   * Checks a solved challenge for this survey (signature, solution, expiry, survey) without
   * spending it; throws a 400 saying what was wrong. Returns the proof's identity for
   * {@link reserve}, {@link spend} and {@link release}.
   */
  async verify(slug: string, proof: string | undefined): Promise<VerifiedProof> {
    if (!proof) throw proofRequired();
    let payload: Payload;
    try {
      payload = JSON.parse(Buffer.from(proof, 'base64').toString('utf8')) as Payload;
    } catch {
      throw proofInvalid('proofOfWork is not base64-encoded JSON');
    }
    const challenge = payload?.challenge;
    if (typeof challenge !== 'object' || challenge === null || typeof payload.solution !== 'object' || payload.solution === null) {
      throw proofInvalid('proofOfWork must hold { challenge, solution }');
    }
    if (challenge.parameters?.data?.['survey'] !== slug) throw proofInvalid('the challenge was issued for another survey');
    let result: Awaited<ReturnType<typeof verifySolution>>;
    try {
      result = await verifySolution({
        challenge,
        solution: payload.solution,
        deriveKey,
        hmacSignatureSecret: this.secret,
        hmacKeySignatureSecret: this.keySecret,
      });
    } catch {
      throw proofInvalid('the challenge or solution is malformed');
    }
    // Expiry by this service's clock too (altcha reads the system clock): the spent set forgets a proof once its day is over.
    const expiresAt = (challenge.parameters.expiresAt ?? 0) * 1000;
    if (result.expired || (result.verified && expiresAt <= this.clock.now().getTime())) throw proofInvalid('the challenge has expired');
    if (!result.verified)
      throw proofInvalid(result.invalidSignature ? 'the challenge was not issued by this server' : 'the solution is wrong');
    return { id: `pow:${challenge.signature}`, until: expiresAt };
  }

  /**
   * Holds a proof for one submission, on every instance (before the write); false if it is
   * spent or already held anywhere. Follow with {@link spendReserved} or {@link release}.
   */
  async reserve(proof: VerifiedProof): Promise<boolean> {
    if (this.held.has(proof.id)) return false;
    let settle: (() => void) | undefined;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    this.held.set(proof.id, { settled, settle: () => settle?.() });
    let reserved = false;
    try {
      reserved = await this.spent.reserve(proof);
    } finally {
      if (!reserved) this.settle(proof);
    }
    return reserved;
  }

  /** The submission it was held for was stored: the proof can never be used again. */
  spendReserved(proof: VerifiedProof): void {
    this.settle(proof);
  }

  /** The submission was not stored: the proof may be used again. */
  async release(proof: VerifiedProof): Promise<void> {
    try {
      await this.spent.release(proof);
    } catch (error) {
      // The proof stays spent (fail closed); the respondent fetches a new one.
      this.logger.warn(`could not release a proof of work: ${(error as Error).message}`);
    } finally {
      this.settle(proof);
    }
  }

  /** Resolves once a submission in flight on this instance that holds the proof has finished. */
  settled(proof: VerifiedProof): Promise<void> {
    return this.held.get(proof.id)?.settled ?? Promise.resolve();
  }

  private settle(proof: VerifiedProof): void {
    const entry = this.held.get(proof.id);
    this.held.delete(proof.id);
    entry?.settle();
  }

  /** A signed ticket for the no-JS form: when it was first served, for which survey. */
  issueFormTicket(slug: string): string {
    const body = Buffer.from(
      JSON.stringify({ s: slug, t: Math.floor(this.clock.now().getTime() / 1000), n: randomBytes(9).toString('base64url') }),
    ).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /**
   * Checks a no-JS ticket's signature, survey and expiry, without spending it (the intake
   * reserves it before the write). Returns how many seconds the respondent must still wait.
   */
  checkFormTicket(slug: string, ticket: string | undefined): CheckedTicket | null {
    if (!this.enabled) return null;
    if (!ticket) throw proofRequired();
    const [body, signature] = ticket.split('.');
    if (!body || !signature || !safeEqual(signature, this.sign(body))) throw proofInvalid('the form ticket was not issued by this server');
    let parsed: { s?: unknown; t?: unknown; n?: unknown };
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw proofInvalid('the form ticket is malformed');
    }
    if (parsed.s !== slug || typeof parsed.t !== 'number') throw proofInvalid('the form ticket belongs to another survey');
    const age = this.clock.now().getTime() / 1000 - parsed.t;
    if (age > this.config.POW_TTL_MINUTES * 60) throw proofInvalid('the form ticket has expired');
    return {
      proof: { id: `ticket:${body}`, until: (parsed.t + this.config.POW_TTL_MINUTES * 60) * 1000 },
      wait: Math.max(0, Math.ceil(this.config.NOJS_MIN_SECONDS - age)),
    };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(`form-ticket:${body}`).digest('base64url');
  }
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
