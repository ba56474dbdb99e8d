import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SurveyEntity } from '../surveys/survey.entity';

/** A batch of outreach codes printed as cards: staff-side bookkeeping, nothing about respondents. */
@Entity({ name: 'outreach_batch' })
export class OutreachBatchEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  surveyId!: string;

  @ManyToOne(() => SurveyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id' })
  survey?: SurveyEntity;

  @Column({ type: 'varchar', length: 120 })
  label!: string;

  @Column({ type: 'int' })
  size!: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
