import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { StaffRole } from '@candor/shared';

/** A researcher, organizer or admin. Respondents never have accounts. */
@Entity({ name: 'staff_user' })
@Check('staff_user_role_check', `"role" IN ('admin', 'researcher', 'organizer')`)
@Check('staff_user_locale_check', `"locale" IN ('en', 'es')`)
export class StaffUserEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Stored lowercased; unique. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email!: string;

  @Column({ type: 'varchar', length: 120 })
  displayName!: string;

  /** argon2id, with its parameters and salt (PHC string). */
  @Column({ type: 'text' })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: StaffRole;

  @Column({ type: 'varchar', length: 8, default: 'en' })
  locale!: 'en' | 'es';

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  /** Consecutive failed sign-ins; reset on success. */
  @Column({ type: 'int', default: 0 })
  failedLogins!: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
