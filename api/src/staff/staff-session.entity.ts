import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StaffUserEntity } from './staff-user.entity';

/**
 * A signed-in staff session, stored server-side so any API instance can serve it. The
 * cookie holds a random token; only its SHA-256 is stored here.
 */
@Entity({ name: 'staff_session' })
export class StaffSessionEntity {
  @PrimaryColumn({ type: 'bytea' })
  tokenHash!: Buffer;

  @Index()
  @Column('uuid')
  userId!: string;

  @ManyToOne(() => StaffUserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: StaffUserEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt!: Date;

  /** Absolute end of the session, however active it is. */
  @Index()
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
