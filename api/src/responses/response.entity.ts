import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SurveyVersionEntity } from '../surveys/survey-version.entity';

/**
 * One respondent's answers (P1, P2, docs/PRIVACY.md): a random id, the version answered, a
 * coarse period, and the validated answers. Deliberately nothing else — no timestamp,
 * no sequence, no address, agent, referrer or cookie.
 */
@Entity({ name: 'response' })
export class ResponseEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Index()
  @Column('uuid')
  surveyVersionId!: string;

  @ManyToOne(() => SurveyVersionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'survey_version_id' })
  surveyVersion?: SurveyVersionEntity;

  /** First day of the day, week or month the response arrived in (the survey chooses). */
  @Column({ type: 'date' })
  period!: string;

  @Column({ type: 'jsonb' })
  answers!: Record<string, unknown>;
}
