import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SurveyEntity } from '../surveys/survey.entity';

/**
 * The custom-table ledger (issue 17, P4): every joint a custom table measured and showed to
 * staff, with the perturbed value of each of its cells (suppressed ones included, never
 * shown). Later custom tables are summed from these joints, refused when they would nest one,
 * audited against all of them, and held by the time rule when a cell moved a little. No
 * time and no staff member are kept here (the audit log has who and when); the order is
 * enough. Append-only: the API role may not update or delete rows.
 */
@Entity({ name: 'custom_table_view' })
@Index(['surveyId', 'number'], { unique: true })
export class CustomTableViewEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  surveyId!: string;

  @ManyToOne(() => SurveyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'survey_id' })
  survey?: SurveyEntity;

  /** 1, 2, … per survey, in the order the tables were shown. */
  @Column({ type: 'int' })
  number!: number;

  /** The joint's questions, sorted. */
  @Column({ type: 'jsonb' })
  joint!: string[];

  /** Cell id → perturbed value. */
  @Column({ type: 'jsonb' })
  values!: Record<string, number>;

  /**
   * How many responses the view counted (never shown): the audits model each view on its own
   * day. Null for views recorded before totals were kept.
   */
  @Column({ type: 'int', nullable: true })
  responses!: number | null;
}
