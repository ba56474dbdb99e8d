import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SurveyEntity } from '../surveys/survey.entity';
import { OutreachBatchEntity } from './outreach-batch.entity';

/**
 * One single-use code (P7), stored only as a keyed hash with a "used" bit: no time of use,
 * no column pointing at a response, and used bits are written in shuffled batches so no
 * write can be matched with the response it unlocked.
 */
@Entity({ name: 'outreach_code' })
@Index(['surveyId', 'used'])
export class OutreachCodeEntity {
  /** HMAC-SHA-256(OUTREACH_CODE_SECRET, survey id ":" code). */
  @PrimaryColumn({ type: 'bytea' })
  codeHash!: Buffer;

  @Column('uuid')
  surveyId!: string;

  @ManyToOne(() => SurveyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id' })
  survey?: SurveyEntity;

  @Column('uuid')
  batchId!: string;

  @ManyToOne(() => OutreachBatchEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'batch_id' })
  batch?: OutreachBatchEntity;

  @Column({ type: 'boolean', default: false })
  used!: boolean;
}
