import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Perturbation, TimeGranularity } from '@candor/shared';

export type SurveyStatus = 'draft' | 'open' | 'closed';

/**
 * A survey and its privacy settings. Staff metadata (created/updated) is fine here:
 * it describes the survey, never a respondent.
 */
@Entity({ name: 'survey' })
@Check('survey_status_check', `"status" IN ('draft', 'open', 'closed')`)
@Check('survey_time_granularity_check', `"time_granularity" IN ('day', 'week', 'month')`)
@Check('survey_k_check', `"k" >= 5`)
@Check('survey_thresholds_check', `"min_responses" >= 1 AND "min_group" >= 1 AND "retention_days" >= 1`)
@Check('survey_research_public_key_check', `"research_public_key" IS NULL OR "research_public_key" ~ '^[A-Za-z0-9_-]{43}$'`)
@Check('survey_perturbation_check', `"perturbation" IN ('none', 'ons_10_5', 'cell_key')`)
export class SurveyEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  slug!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status!: SurveyStatus;

  /** Languages offered to respondents, the first being the default. */
  @Column({ type: 'text', array: true, default: () => "'{en}'" })
  locales!: string[];

  /** Names respondents see for the survey's languages, where the researcher gave one. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  languageNames!: Record<string, string>;

  /** Per language, the fingerprint of the source text each translation was made from (`locale → path → hash`). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  translationSources!: Record<string, Record<string, string>>;

  /** Smallest publishable count (D3, docs/PRIVACY.md). */
  @Column({ type: 'int', default: 11 })
  k!: number;

  @Column({ type: 'int', default: 100 })
  minResponses!: number;

  @Column({ type: 'int', default: 40 })
  minGroup!: number;

  @Column({ type: 'varchar', length: 8, default: 'day' })
  timeGranularity!: TimeGranularity;

  @Column({ type: 'int', default: 365 })
  retentionDays!: number;

  /** Optional perturbation of published counts (D8). */
  @Column({ type: 'varchar', length: 16, default: 'none' })
  perturbation!: Perturbation;

  /** Submissions need a single-use code from a printed outreach card (P7). */
  @Column({ type: 'boolean', default: false })
  requiresOutreachCode!: boolean;

  /**
   * The research team's X25519 public key (base64url), to which free-text answers are sealed
   * (issue 17). The secret key stays in the researcher's key file; set while a draft, fixed once fielded.
   */
  @Column({ type: 'varchar', length: 64, nullable: true })
  researchPublicKey!: string | null;

  /** When the retention job deleted this closed survey's raw responses (P8); null while they exist. */
  @Column({ type: 'timestamptz', nullable: true })
  responsesDeletedAt!: Date | null;

  /** Grouping questions declared for cross-tabs before fielding (at most two per table). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  crosstabs!: string[][];

  /** The staff member who created it (null for the seeded demo). */
  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  /**
   * The version that opened fielding (D1): its tables are the catalogue that is counted and
   * published, whatever later versions change. Set on the first open, never changed.
   */
  @Column({ type: 'int', nullable: true })
  fieldingVersion!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
