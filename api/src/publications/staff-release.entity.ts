import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SurveyEntity } from '../surveys/survey.entity';

/** A shown number as stored in the staff ledger: `[value, lower, upper]`. */
export type StaffLedgerValues = Record<string, readonly [number, number, number]>;

/**
 * The staff ledger (P4): every distinct set of numbers a preview showed to staff. A
 * preview is a release to staff, so later previews and publications obey the time rule
 * and the audit against these as they do against published releases. A preview showing
 * exactly what an earlier one showed adds nothing (one row per distinct set). No time is
 * kept: the order is enough. Append-only (a database trigger refuses updates and deletes).
 */
@Entity({ name: 'staff_release' })
@Index(['surveyId', 'number'], { unique: true })
@Index(['surveyId', 'valuesHash'], { unique: true })
export class StaffReleaseEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  surveyId!: string;

  @ManyToOne(() => SurveyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'survey_id' })
  survey?: SurveyEntity;

  /** 1, 2, … per survey, in the order the previews were shown. */
  @Column({ type: 'int' })
  number!: number;

  /** SHA-256 of the canonical values, so a repeated preview is recognised cheaply. */
  @Column({ type: 'char', length: 64 })
  valuesHash!: string;

  @Column({ type: 'jsonb' })
  values!: StaffLedgerValues;
}
