import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { StaffUserEntity } from './staff-user.entity';

/**
 * The raw statements on `staff_user` (issue 15 point 1). Each is one atomic statement, so
 * parallel sign-ins and several instances see one consistent counter and lock.
 */
@Injectable()
export class StaffUserRepository {
  constructor(@InjectRepository(StaffUserEntity) private readonly users: Repository<StaffUserEntity>) {}

  /** Active admins other than `id`. */
  async otherActiveAdmins(id: string): Promise<number> {
    const others: Array<{ n: number }> = await this.users.query(
      `SELECT count(*)::int AS n FROM staff_user WHERE role = 'admin' AND disabled_at IS NULL AND id <> $1`,
      [id],
    );
    return others[0]?.n ?? 0;
  }

  /**
   * Clears the failure counter and records the sign-in, only while the account is still usable
   * (not disabled, not locked at `now`). False when parallel failures or an admin got there first.
   */
  async clearFailuresIfUsable(id: string, now: Date): Promise<boolean> {
    const [cleared]: [Array<{ id: string }>, number] = await this.users.query(
      `UPDATE staff_user SET failed_logins = 0, locked_until = NULL, last_login_at = $2
        WHERE id = $1 AND disabled_at IS NULL AND (locked_until IS NULL OR locked_until <= $2)
        RETURNING id`,
      [id, now],
    );
    return cleared.length > 0;
  }

  /** One more wrong password, counted atomically; true when this one reached the limit and locked the account. */
  async countFailure(id: string, maxFailures: number, lockUntil: Date): Promise<boolean> {
    const [rows]: [Array<{ locked: boolean }>, number] = await this.users.query(
      `UPDATE staff_user
          SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
              locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
        WHERE id = $1
        RETURNING locked_until = $3::timestamptz AS locked`,
      [id, maxFailures, lockUntil],
    );
    return rows[0]?.locked === true;
  }
}
