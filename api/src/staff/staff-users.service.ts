import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import type { StaffRole, StaffUser } from '@candor/shared';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import type { StaffPrincipal } from '../common/staff-principal';
import { AppConfig } from '../config/app-config';
import { asInsert } from '../database/as-insert';
import { RateLimitedFailureLog } from './failed-sign-ins';
import { passwordProblem } from './password-policy';
import { PasswordService } from './password.service';
import { SessionsService } from './sessions.service';
import { StaffUserEntity } from './staff-user.entity';
import { StaffUserRepository } from './staff-user.repository';
import { toStaffUser } from './staff.mapper';

export interface NewStaffUser {
  readonly email: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly password: string;
  readonly locale?: 'en' | 'es';
}

const badCredentials = () => new DomainError('UNAUTHENTICATED', 'The email or password is wrong.');

@Injectable()
export class StaffUsersService implements OnApplicationShutdown {
  private readonly anonymousFailures = new RateLimitedFailureLog((count) =>
    this.audit.record({ actor: null, action: 'auth.login_failed', details: { account: 'unknown, disabled or locked', count } }),
  );

  constructor(
    @InjectRepository(StaffUserEntity) private readonly users: Repository<StaffUserEntity>,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly rows: StaffUserRepository,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.anonymousFailures.flush(this.clock.now()).catch(() => undefined);
  }

  async list(): Promise<StaffUser[]> {
    const users = await this.users.find({ order: { createdAt: 'ASC' } });
    return users.map(toStaffUser);
  }

  async countAdmins(): Promise<number> {
    return this.users.count({ where: { role: 'admin' } });
  }

  async create(input: NewStaffUser, actor: Pick<StaffPrincipal, 'userId' | 'email'> | null): Promise<StaffUser> {
    const email = input.email.trim().toLowerCase();
    const weak = passwordProblem(input.password, [email, input.displayName]);
    if (weak)
      throw new DomainError('VALIDATION_FAILED', 'Choose a stronger password.', [
        { path: 'password', code: 'WEAK_PASSWORD', message: weak },
      ]);
    if (await this.users.exists({ where: { email } })) throw new DomainError('CONFLICT', `There is already an account for ${email}.`);
    const user: Omit<StaffUserEntity, 'createdAt' | 'updatedAt'> = {
      id: randomUUID(),
      email,
      displayName: input.displayName.trim(),
      passwordHash: await this.passwords.hash(input.password),
      role: input.role,
      locale: input.locale ?? 'en',
      disabledAt: null,
      failedLogins: 0,
      lockedUntil: null,
      lastLoginAt: null,
    };
    await this.users.manager.transaction(async (manager) => {
      await manager.insert(StaffUserEntity, asInsert(user));
      await this.audit.record(
        { actor, action: 'staff_user.create', targetType: 'staff_user', targetId: user.id, details: { email, role: input.role } },
        manager,
      );
    });
    return toStaffUser(await this.users.findOneByOrFail({ id: user.id }));
  }

  async update(
    id: string,
    changes: { role?: StaffRole; disabled?: boolean; displayName?: string; locale?: 'en' | 'es' },
    actor: StaffPrincipal,
  ): Promise<StaffUser> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new DomainError('NOT_FOUND', 'There is no such staff account.');
    const demotesAdmin = user.role === 'admin' && ((changes.role && changes.role !== 'admin') || changes.disabled === true);
    if (demotesAdmin && user.disabledAt === null) {
      if ((await this.rows.otherActiveAdmins(id)) === 0)
        throw new DomainError('CONFLICT', 'This is the last active admin; make someone else admin first.');
    }
    if (id === actor.userId && changes.disabled === true) throw new DomainError('CONFLICT', 'You cannot disable your own account.');
    const patch: Partial<StaffUserEntity> = {};
    if (changes.role) patch.role = changes.role;
    if (changes.displayName) patch.displayName = changes.displayName.trim();
    if (changes.locale) patch.locale = changes.locale;
    if (changes.disabled !== undefined) patch.disabledAt = changes.disabled ? (user.disabledAt ?? this.clock.now()) : null;
    await this.users.manager.transaction(async (manager) => {
      await manager.update(StaffUserEntity, { id }, patch);
      await this.audit.record(
        { actor, action: 'staff_user.update', targetType: 'staff_user', targetId: id, details: { ...changes } },
        manager,
      );
    });
    if (changes.disabled === true || (changes.role && changes.role !== user.role)) await this.sessions.revokeAllFor(id);
    return toStaffUser(await this.users.findOneByOrFail({ id }));
  }

  async get(id: string): Promise<StaffUser> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new DomainError('NOT_FOUND', 'There is no such staff account.');
    return toStaffUser(user);
  }

  /**
   * Checks a sign-in. Unknown, disabled and locked accounts cost the same time as a wrong
   * password (one argon2 verification, against a dummy hash) and get exactly the same
   * answer, so nobody learns from it whether someone has an account. After
   * LOGIN_MAX_FAILURES wrong passwords the account is locked for LOGIN_LOCK_MINUTES; the
   * failures are counted by one atomic UPDATE in PostgreSQL, so parallel attempts and
   * several instances each count.
   */
  async authenticate(emailInput: string, password: string): Promise<StaffUserEntity> {
    const email = emailInput.trim().toLowerCase();
    const user = await this.users.findOneBy({ email });
    const now = this.clock.now();
    const usable = user !== null && !user.disabledAt && !(user.lockedUntil && user.lockedUntil > now);
    const correct = usable ? await this.passwords.verify(user.passwordHash, password) : await this.passwords.verifyNothing(password);
    if (!usable || !correct) {
      if (usable) await this.countFailure(user, email, now);
      else await this.anonymousFailures.note(now);
      throw badCredentials();
    }
    // The account was read before argon2 ran: parallel failures may have locked it (or an admin
    // disabled it) meanwhile. Clearing the counter only while it is still usable keeps the lock.
    const cleared = await this.rows.clearFailuresIfUsable(user.id, now);
    if (!cleared) {
      await this.anonymousFailures.note(now);
      throw badCredentials();
    }
    const patch: Partial<StaffUserEntity> = { failedLogins: 0, lockedUntil: null, lastLoginAt: now };
    if (this.passwords.needsRehash(user.passwordHash)) {
      patch.passwordHash = await this.passwords.hash(password);
      await this.users.update({ id: user.id }, { passwordHash: patch.passwordHash });
    }
    return { ...user, ...patch };
  }

  /** One more wrong password for a real account, counted atomically; the one that reaches the limit locks it. */
  private async countFailure(user: StaffUserEntity, email: string, now: Date): Promise<void> {
    const lockUntil = new Date(now.getTime() + this.config.LOGIN_LOCK_MINUTES * 60_000);
    const locked = await this.rows.countFailure(user.id, this.config.LOGIN_MAX_FAILURES, lockUntil);
    // At most LOGIN_MAX_FAILURES rows per account per lock period: bounded.
    await this.audit.record({
      actor: null,
      action: 'auth.login_failed',
      targetType: 'staff_user',
      targetId: user.id,
      details: { email, locked },
    });
  }

  async changePassword(actor: StaffPrincipal, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findOneByOrFail({ id: actor.userId });
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      throw new DomainError('VALIDATION_FAILED', 'The current password is wrong.', [
        { path: 'currentPassword', code: 'WRONG_PASSWORD', message: 'the current password is wrong' },
      ]);
    }
    const weak = passwordProblem(newPassword, [user.email, user.displayName]);
    if (weak)
      throw new DomainError('VALIDATION_FAILED', 'Choose a stronger password.', [
        { path: 'newPassword', code: 'WEAK_PASSWORD', message: weak },
      ]);
    await this.users.update({ id: user.id }, { passwordHash: await this.passwords.hash(newPassword) });
    await this.audit.record({ actor, action: 'staff_user.password_changed', targetType: 'staff_user', targetId: user.id });
    await this.sessions.revokeAllFor(user.id);
  }
}
