import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SurveyVersionEntity } from '../surveys/survey-version.entity';

/**
 * An acknowledged response waiting to be mixed (issue 9): the same columns as `response`.
 * Submissions land here durably, each in its own transaction; the intake mixer
 * ({@link IntakeMixer}) rewrites the pending rows in random order on a random timer and moves
 * a period's rows into `response` only after that period has ended, in one transaction, in
 * random order — then truncates this table, so neither transaction ids nor the physical
 * order of either table keep the order of arrival. No index besides the key: nothing here
 * is looked up, and every index would be one more ordered structure on disk.
 */
@Entity({ name: 'response_intake' })
export class ResponseIntakeEntity {
  @PrimaryColumn('uuid')
  id!: string;

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
