import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One staff action: who, what, on what, when. Respondents are never recorded here —
 * there is nothing about them to record.
 */
@Entity({ name: 'audit_event' })
@Index(['occurredAt'])
export class AuditEventEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** The staff member, or null for system actions and failed sign-ins. */
  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  /** The email at the time, kept even if the account is later renamed or deleted. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  actorEmail!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  targetType!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  targetId!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;
}
