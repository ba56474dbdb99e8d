import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { StaffRole } from '@candor/shared';
import { StaffSessionEntity } from './staff-session.entity';

export interface SessionRow {
  readonly user_id: string;
  readonly email: string;
  readonly role: StaffRole;
  readonly last_seen_at: Date;
  readonly expires_at: Date;
  readonly disabled_at: Date | null;
}

/** The raw statements on `staff_session` (issue 15 point 1). */
@Injectable()
export class StaffSessionRepository {
  constructor(@InjectRepository(StaffSessionEntity) private readonly sessions: Repository<StaffSessionEntity>) {}

  /** The session with this token hash and its account, in one read. */
  async withUser(tokenHash: Buffer): Promise<SessionRow | undefined> {
    const rows: SessionRow[] = await this.sessions.query(
      `SELECT s.user_id, u.email, u.role, s.last_seen_at, s.expires_at, u.disabled_at
           FROM staff_session s JOIN staff_user u ON u.id = s.user_id
          WHERE s.token_hash = $1`,
      [tokenHash],
    );
    return rows[0];
  }
}
