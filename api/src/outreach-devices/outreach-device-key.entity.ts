import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { SurveyEntity } from '../surveys/survey.entity';

/**
 * A survey's X25519 key pair for sealed outreach submissions. The private key is stored
 * wrapped (AES-256-GCM) under a key derived from OUTREACH_CODE_SECRET, so a copy of the
 * database alone cannot open boxes captured from a device; the database and the secret together can.
 */
@Entity({ name: 'outreach_device_key' })
export class OutreachDeviceKeyEntity {
  @PrimaryColumn('uuid')
  surveyId!: string;

  @OneToOne(() => SurveyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id' })
  survey?: SurveyEntity;

  @Column({ type: 'bytea' })
  publicKey!: Buffer;

  @Column({ type: 'bytea' })
  wrappedPrivateKey!: Buffer;
}
