import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { LessThan, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { SessionResolver, type StaffPrincipal } from '../common/staff-principal';
import { AppConfig } from '../config/app-config';
import { asInsert } from '../database/as-insert';
import { StaffSessionEntity } from './staff-session.entity';
import { StaffSessionRepository } from './staff-session.repository';

export interface NewSession {
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

/** Writes to `last_seen_at` at most this often per session. */
const TOUCH_INTERVAL_MS = 60_000;

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** The CSRF token is derived from the session token, so nothing more is stored. */
function csrfFor(token: string): string {
  return createHmac('sha256', token).update('candor-csrf').digest('base64url');
}

/** Server-side staff sessions in PostgreSQL, shared by every API instance. */
@Injectable()
export class SessionsService extends SessionResolver {
  constructor(
    @InjectRepository(StaffSessionEntity) private readonly sessions: Repository<StaffSessionEntity>,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly rows: StaffSessionRepository,
  ) {
    super();
  }

  async create(userId: string): Promise<NewSession> {
    const now = this.clock.now();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.SESSION_MAX_HOURS * 3_600_000);
    const session: Omit<StaffSessionEntity, 'user'> = { tokenHash: hashToken(token), userId, createdAt: now, lastSeenAt: now, expiresAt };
    await this.sessions.insert(asInsert(session));
    await this.sessions.delete({ expiresAt: LessThan(now) });
    return { token, csrfToken: csrfFor(token), expiresAt };
  }

  async resolve(token: string): Promise<StaffPrincipal | null> {
    if (token.length < 20 || token.length > 100) return null;
    const tokenHash = hashToken(token);
    const row = await this.rows.withUser(tokenHash);
    if (!row) return null;
    const now = this.clock.now().getTime();
    const idleLimit = row.last_seen_at.getTime() + this.config.SESSION_IDLE_MINUTES * 60_000;
    if (row.disabled_at || row.expires_at.getTime() <= now || idleLimit <= now) {
      await this.sessions.delete({ tokenHash });
      return null;
    }
    if (now - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
      await this.sessions.update({ tokenHash }, { lastSeenAt: new Date(now) });
    }
    return { userId: row.user_id, email: row.email, role: row.role, sessionId: tokenHash, csrfToken: csrfFor(token) };
  }

  async expiresAt(sessionId: Buffer): Promise<Date | null> {
    const session = await this.sessions.findOne({ where: { tokenHash: sessionId }, select: { tokenHash: true, expiresAt: true } });
    return session?.expiresAt ?? null;
  }

  async revoke(sessionId: Buffer): Promise<void> {
    await this.sessions.delete({ tokenHash: sessionId });
  }

  async revokeAllFor(userId: string): Promise<void> {
    await this.sessions.delete({ userId });
  }
}
