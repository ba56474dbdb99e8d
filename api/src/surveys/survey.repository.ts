import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { TimeGranularity } from '@candor/shared';
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
}
