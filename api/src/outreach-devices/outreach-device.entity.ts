import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SurveyEntity } from '../surveys/survey.entity';

/**
 * A staff tablet prepared for offline collection (issue 18): staff-side bookkeeping only.
 * Uploads never write here — no last-seen time, no count, nothing linking a device or the
 * staff member who prepared it to a response.
 */
@Entity({ name: 'outreach_device' })
export class OutreachDeviceEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  surveyId!: string;

  @ManyToOne(() => SurveyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id' })
  survey?: SurveyEntity;

  @Column({ type: 'varchar', length: 120 })
  label!: string;

  /** SHA-256 of the device token (256 random bits, so no key is needed). */
  @Column({ type: 'bytea', unique: true })
  tokenHash!: Buffer;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** After this the token is refused (OUTREACH_DEVICE_DAYS after preparation). */
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
