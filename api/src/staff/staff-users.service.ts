import { Injectable } from '@nestjs/common';
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
import { PasswordService } from './password.service';
import { SessionsService } from './sessions.service';
import { StaffUserEntity } from './staff-user.entity';
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
export class StaffUsersService {
  constructor(
    @InjectRepository(StaffUserEntity) private readonly users: Repository<StaffUserEntity>,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<StaffUser[]> {
    const users = await this.users.find({ order: { createdAt: 'ASC' } });
    return users.map(toStaffUser);
  }

  async countAdmins(): Promise<number> {
    return this.users.count({ where: { role: 'admin' } });
  }

  async create(input: NewStaffUser, actor: Pick<StaffPrincipal, 'userId' | 'email'> | null): Promise<StaffUser> {
    const email = input.email.trim().toLowerCase();
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
      await this.audit.record({ actor, action: 'staff_user.create', targetType: 'staff_user', targetId: user.id, details: { email, role: input.role } }, manager);
    });
    return toStaffUser(await this.users.findOneByOrFail({ id: user.id }));
  }

  async update(id: string, changes: { role?: StaffRole; disabled?: boolean; displayName?: string; locale?: 'en' | 'es' }, actor: StaffPrincipal): Promise<StaffUser> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new DomainError('NOT_FOUND', 'There is no such staff account.');
    const demotesAdmin = user.role === 'admin' && ((changes.role && changes.role !== 'admin') || changes.disabled === true);
    if (demotesAdmin && user.disabledAt === null) {
      const others = await this.users.query(`SELECT count(*)::int AS n FROM staff_user WHERE role = 'admin' AND disabled_at IS NULL AND id <> $1`, [id]);
      if (others[0].n === 0) throw new DomainError('CONFLICT', 'This is the last active admin; make someone else admin first.');
    }
    if (id === actor.userId && changes.disabled === true) throw new DomainError('CONFLICT', 'You cannot disable your own account.');
    const patch: Partial<StaffUserEntity> = {};
    if (changes.role) patch.role = changes.role;
    if (changes.displayName) patch.displayName = changes.displayName.trim();
    if (changes.locale) patch.locale = changes.locale;
    if (changes.disabled !== undefined) patch.disabledAt = changes.disabled ? (user.disabledAt ?? this.clock.now()) : null;
    await this.users.manager.transaction(async (manager) => {
      await manager.update(StaffUserEntity, { id }, patch);
      await this.audit.record({ actor, action: 'staff_user.update', targetType: 'staff_user', targetId: id, details: { ...changes } }, manager);
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
   * Checks a sign-in. Unknown and disabled accounts cost the same time as real ones and
   * get the same answer; after LOGIN_MAX_FAILURES wrong passwords in a row the account
   * is locked for LOGIN_LOCK_MINUTES (stored in PostgreSQL, so it holds across instances).
   */
  async authenticate(emailInput: string, password: string): Promise<StaffUserEntity> {
    const email = emailInput.trim().toLowerCase();
    const user = await this.users.findOneBy({ email });
    const now = this.clock.now();
    if (!user || user.disabledAt) {
      await this.passwords.verifyNothing(password);
      await this.audit.record({ actor: null, action: 'auth.login_failed', details: { email, reason: user ? 'disabled' : 'unknown' } });
      throw badCredentials();
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      const minutes = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000);
      throw new DomainError('RATE_LIMITED', `Too many failed sign-ins for this account. Try again in ${minutes} minute(s).`, [], {
        'Retry-After': String(minutes * 60),
      });
    }
    if (!(await this.passwords.verify(user.passwordHash, password))) {
      const failures = user.failedLogins + 1;
      const lock = failures >= this.config.LOGIN_MAX_FAILURES;
      await this.users.update(
        { id: user.id },
        lock ? { failedLogins: 0, lockedUntil: new Date(now.getTime() + this.config.LOGIN_LOCK_MINUTES * 60_000) } : { failedLogins: failures },
      );
      await this.audit.record({ actor: null, action: 'auth.login_failed', targetType: 'staff_user', targetId: user.id, details: { email, locked: lock } });
      throw badCredentials();
    }
    const patch: Partial<StaffUserEntity> = { failedLogins: 0, lockedUntil: null, lastLoginAt: now };
    if (this.passwords.needsRehash(user.passwordHash)) patch.passwordHash = await this.passwords.hash(password);
    await this.users.update({ id: user.id }, patch);
    return { ...user, ...patch } as StaffUserEntity;
  }

  async changePassword(actor: StaffPrincipal, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findOneByOrFail({ id: actor.userId });
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      throw new DomainError('VALIDATION_FAILED', 'The current password is wrong.', [{ path: 'currentPassword', code: 'WRONG_PASSWORD', message: 'the current password is wrong' }]);
    }
    await this.users.update({ id: user.id }, { passwordHash: await this.passwords.hash(newPassword) });
    await this.audit.record({ actor, action: 'staff_user.password_changed', targetType: 'staff_user', targetId: user.id });
    await this.sessions.revokeAllFor(user.id);
  }
}
