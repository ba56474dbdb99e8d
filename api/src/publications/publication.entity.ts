import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { PublicationSnapshot } from '@candor/shared';
import { SurveyEntity } from '../surveys/survey.entity';

/**
 * A published release: an immutable snapshot of aggregates (enforced by a database
 * trigger). Withdrawing hides it from the public but keeps it in the ledger, because
 * anyone may have copied it.
 */
@Entity({ name: 'publication' })
@Index(['surveyId', 'number'], { unique: true })
export class PublicationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  surveyId!: string;

  @ManyToOne(() => SurveyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'survey_id' })
  survey?: SurveyEntity;

  @Column({ type: 'int' })
  number!: number;

  @Column({ type: 'jsonb' })
  snapshot!: PublicationSnapshot;

  @Column({ type: 'uuid', nullable: true })
  publishedBy!: string | null;

  @Column({ type: 'timestamptz' })
  publishedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  withdrawnBy!: string | null;
}
