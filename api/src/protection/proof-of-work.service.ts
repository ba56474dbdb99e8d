import { Injectable } from '@nestjs/common';
import { createChallenge, randomInt, verifySolution, type Challenge, type Payload } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { proofInvalid, proofRequired } from './protection.errors';

/** Remembered spent challenges and tickets; beyond this many, the oldest go first. */
const MAX_SPENT = 500_000;

/**
 * P7, proof of work without identity: altcha v2 challenges (SHA-256, deterministic mode,
 * signed with a secret that never leaves this process), each bound to one survey and
 * spendable once. The no-JS form gets a signed ticket instead: a submission must come at
 * least NOJS_MIN_SECONDS after the form was first served. Nothing here is persisted or
 * tied to an address — the spent-set holds only challenge signatures, in memory.
 */
/** A checked proof: its identity and when it expires anyway. */
export interface VerifiedProof {
  readonly id: string;
  readonly until: number;
}

@Injectable()
export class ProofOfWorkService {
  private readonly secret: string;
  private readonly keySecret: string;
  /** signature → when it may be forgotten (ms since epoch), in insertion order. */
  private readonly spent = new Map<string, number>();
  /** Proofs held by submissions in flight. */
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
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
      result = await verifySolution({ challenge, solution: payload.solution, deriveKey, hmacSignatureSecret: this.secret, hmacKeySignatureSecret: this.keySecret });
    } catch {
      throw proofInvalid('the challenge or solution is malformed');
    }
    if (result.expired) throw proofInvalid('the challenge has expired');
    if (!result.verified) throw proofInvalid(result.invalidSignature ? 'the challenge was not issued by this server' : 'the solution is wrong');
    return { id: `pow:${challenge.signature}`, until: (challenge.parameters.expiresAt ?? 0) * 1000 };
  }

  /** Whether a verified proof was spent, or is held by a submission in flight. */
  isTaken(proof: VerifiedProof): boolean {
    return this.spent.has(proof.id) || this.inFlight.has(proof.id);
  }

  /** Holds a proof for one submission in flight; false if it is spent or already held. */
  reserve(proof: VerifiedProof): boolean {
    if (this.isTaken(proof)) return false;
    this.inFlight.add(proof.id);
    return true;
  }

  /** The submission it was held for was stored: the proof can never be used again. */
  spendReserved(proof: VerifiedProof): void {
    this.inFlight.delete(proof.id);
    this.remember(proof.id, proof.until);
  }

  /** The submission was not stored: the proof may be used again. */
  release(proof: VerifiedProof): void {
    this.inFlight.delete(proof.id);
  }

  /** A signed ticket for the no-JS form: when it was first served, for which survey. */
  issueFormTicket(slug: string): string {
    const body = Buffer.from(JSON.stringify({ s: slug, t: Math.floor(this.clock.now().getTime() / 1000), n: randomBytes(9).toString('base64url') })).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /**
   * Checks a no-JS ticket. `spend` marks it used (the final page); pages before only check it.
   * Returns how many seconds the respondent must still wait, 0 when the ticket may be used.
   */
  checkFormTicket(slug: string, ticket: string | undefined, spend: boolean): number {
    if (!this.enabled) return 0;
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
    if (this.spent.has(`ticket:${body}`)) throw proofInvalid('the form ticket was already used');
    const wait = Math.ceil(this.config.NOJS_MIN_SECONDS - age);
    if (wait > 0) return wait;
    if (spend) this.remember(`ticket:${body}`, (parsed.t + this.config.POW_TTL_MINUTES * 60) * 1000);
    return 0;
  }

  private remember(id: string, forgetAfter: number): void {
    const now = this.clock.now().getTime();
    // Forget what has expired anyway (a replay of it fails on expiry), oldest first.
    for (const [key, until] of this.spent) {
      if (until > now && this.spent.size < MAX_SPENT) break;
      this.spent.delete(key);
    }
    this.spent.set(id, forgetAfter);
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
