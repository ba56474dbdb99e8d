import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SurveyDefinition, TimeGranularity } from '@candor/shared';
import type { SurveyStatus } from './survey.entity';

export interface SubmissionTargetRow {
  readonly survey_id: string;
  readonly status: SurveyStatus;
  readonly time_granularity: TimeGranularity;
  readonly version_id: string;
  readonly definition_hash: string;
  readonly requires_outreach_code: boolean;
  readonly research_public_key: string | null;
}

/** A closed survey whose responses the retention sweep deletes (P8). */
export interface DueSurvey {
  readonly id: string;
  readonly retention_days: number;
  readonly k: number;
  readonly min_responses: number;
}

export interface VersionRow {
  readonly number: number;
  readonly id: string;
  readonly created_at: Date;
  readonly created_by: string | null;
  readonly responses: number;
}

/**
 * The raw statements on `survey` and `survey_version` (issue 15 point 1), and the counts of
 * `stored_response` the designer and the fielding monitor show: counts only, never answers.
 * Other modules reach them through SurveysService (the retention sweep's reads and marks,
 * the free-text reader's definitions), with their transaction's `EntityManager` where given.
 */
@Injectable()
export class SurveyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The survey behind `slug` with its current version, in one query; drafts count as absent. */
  async submissionTarget(slug: string): Promise<SubmissionTargetRow | undefined> {
    const rows: SubmissionTargetRow[] = await this.dataSource.query(
      `SELECT s.id AS survey_id, s.status, s.time_granularity, s.requires_outreach_code, s.research_public_key, v.id AS version_id, v.definition_hash
         FROM survey s
         JOIN LATERAL (
           SELECT id, definition_hash FROM survey_version WHERE survey_id = s.id ORDER BY number DESC LIMIT 1
         ) v ON true
        WHERE s.slug = $1 AND s.status <> 'draft'`,
      [slug],
    );
    return rows[0];
  }

  /** Locks the survey row until `manager`'s transaction ends, so concurrent edits number their versions one after another. */
  async lock(manager: EntityManager, surveyId: string): Promise<void> {
    await manager.query('SELECT 1 FROM survey WHERE id = $1 FOR UPDATE', [surveyId]);
  }

  /** Each survey's latest version number. */
  async latestVersionNumbers(): Promise<Map<string, number>> {
    const latest: Array<{ survey_id: string; number: number }> = await this.dataSource.query(
      'SELECT survey_id, max(number)::int AS number FROM survey_version GROUP BY survey_id',
    );
    return new Map(latest.map((row) => [row.survey_id, row.number]));
  }

  /** Whether any stored response answers this version. */
  async versionAnswered(manager: EntityManager, versionId: string): Promise<boolean> {
    const answered: unknown[] = await manager.query('SELECT 1 FROM stored_response WHERE survey_version_id = $1 LIMIT 1', [versionId]);
    return answered.length > 0;
  }

  /** The survey's versions, newest first, each with its author's email and its response count. */
  async versionsWithCounts(surveyId: string): Promise<VersionRow[]> {
    return this.dataSource.query(
      `SELECT v.number, v.id, v.created_at, u.email AS created_by,
              (SELECT count(*)::int FROM stored_response r WHERE r.survey_version_id = v.id) AS responses
         FROM survey_version v LEFT JOIN staff_user u ON u.id = v.created_by
        WHERE v.survey_id = $1 ORDER BY v.number DESC`,
      [surveyId],
    );
  }

  /** Stored responses per survey (one survey's, or every survey's). */
  async responseCounts(surveyId?: string, manager: EntityManager = this.dataSource.manager): Promise<Map<string, number>> {
    const rows: Array<{ survey_id: string; n: number }> = await manager.query(
      `SELECT v.survey_id, count(r.id)::int AS n FROM survey_version v JOIN stored_response r ON r.survey_version_id = v.id
        ${surveyId ? 'WHERE v.survey_id = $1' : ''} GROUP BY v.survey_id`,
      surveyId ? [surveyId] : [],
    );
    return new Map(rows.map((row) => [row.survey_id, row.n]));
  }

  /** Stored responses per period (`YYYY-MM-DD`) of one survey: counts per period only. */
  async periodCounts(surveyId: string): Promise<Map<string, number>> {
    const rows: Array<{ period: string; n: number }> = await this.dataSource.query(
      `SELECT to_char(r.period, 'YYYY-MM-DD') AS period, count(*)::int AS n
         FROM stored_response r JOIN survey_version v ON v.id = r.survey_version_id
        WHERE v.survey_id = $1 GROUP BY r.period`,
      [surveyId],
    );
    return new Map(rows.map((row) => [row.period, row.n]));
  }

  /** Every version's definition, newest first (the free-text reader looks for its fields in each). */
  async definitions(surveyId: string): Promise<SurveyDefinition[]> {
    const rows: Array<{ definition: SurveyDefinition }> = await this.dataSource.query(
      'SELECT definition FROM survey_version WHERE survey_id = $1 ORDER BY number DESC',
      [surveyId],
    );
    return rows.map((row) => row.definition);
  }

  /** Closed surveys whose retention period has passed and whose responses are not yet deleted (P8). */
  async dueForRetention(now: Date): Promise<DueSurvey[]> {
    return this.dataSource.query(
      `SELECT id, retention_days, k, min_responses FROM survey
        WHERE status = 'closed' AND closed_at IS NOT NULL
          AND closed_at + make_interval(days => retention_days) <= $1
          AND (responses_deleted_at IS NULL OR responses_deleted_at < closed_at)`,
      [now],
    );
  }

  /** Re-checks under a row lock that the survey is still closed past its retention (it may have been reopened). */
  async lockIfRetentionDue(manager: EntityManager, surveyId: string, now: Date): Promise<boolean> {
    const still: Array<{ id: string }> = await manager.query(
      `SELECT id FROM survey WHERE id = $1 AND status = 'closed' AND closed_at + make_interval(days => retention_days) <= $2 FOR UPDATE`,
      [surveyId, now],
    );
    return still.length > 0;
  }

  /** Records on the survey when the retention sweep deleted its responses. */
  async markResponsesDeleted(manager: EntityManager, surveyId: string, now: Date): Promise<void> {
    await manager.query('UPDATE survey SET responses_deleted_at = $2 WHERE id = $1', [surveyId, now]);
  }
}
