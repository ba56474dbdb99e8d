import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { SurveyDefinition } from '@candor/shared';
import { SurveyEntity } from './survey.entity';

/**
 * One version of a survey's SurveyJS definition. Once a version has responses it is
 * immutable (enforced by a database trigger too); edits then create a new version.
 */
@Entity({ name: 'survey_version' })
@Index(['surveyId', 'number'], { unique: true })
export class SurveyVersionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  surveyId!: string;

  @ManyToOne(() => SurveyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id' })
  survey?: SurveyEntity;

  @Column({ type: 'int' })
  number!: number;

  @Column({ type: 'jsonb' })
  definition!: SurveyDefinition;

  /** SHA-256 of the canonical definition: a cheap key for caches of compiled validators. */
  @Column({ type: 'char', length: 64 })
  definitionHash!: string;

  /** The staff member who saved it (null for the seeded demo). */
  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
