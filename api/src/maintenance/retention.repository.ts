import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface DueSurvey {
  readonly id: string;
  readonly retention_days: number;
  readonly k: number;
  readonly min_responses: number;
}

/**
 * The retention sweep's statements (P8, issue 15 point 1). They delete rows of the response
 * tables and mark the survey, so they run in the caller's transaction with its audit row:
 * the deletion and its record commit together or not at all.
 */
@Injectable()
export class RetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Closed surveys whose retention period has passed and whose responses are not yet deleted. */
  async due(now: Date): Promise<DueSurvey[]> {
    return this.dataSource.query(
      `SELECT id, retention_days, k, min_responses FROM survey
        WHERE status = 'closed' AND closed_at IS NOT NULL
          AND closed_at + make_interval(days => retention_days) <= $1
          AND (responses_deleted_at IS NULL OR responses_deleted_at < closed_at)`,
      [now],
    );
  }

  /** Re-checks under a row lock that the survey is still closed past its retention (it may have been reopened). */
  async lockIfStillDue(manager: EntityManager, surveyId: string, now: Date): Promise<boolean> {
    const still: Array<{ id: string }> = await manager.query(
      `SELECT id FROM survey WHERE id = $1 AND status = 'closed' AND closed_at + make_interval(days => retention_days) <= $2 FOR UPDATE`,
      [surveyId, now],
    );
    return still.length > 0;
  }

  /** Deletes the survey's mixed responses and those still waiting in the intake; returns how many in all. */
  async deleteResponses(manager: EntityManager, surveyId: string): Promise<number> {
    const result: [unknown[], number] = await manager.query(
      'DELETE FROM response WHERE survey_version_id IN (SELECT id FROM survey_version WHERE survey_id = $1)',
      [surveyId],
    );
    // Rows of the survey's last period may still wait in the intake.
    const pending: [unknown[], number] = await manager.query(
      'DELETE FROM response_intake WHERE survey_version_id IN (SELECT id FROM survey_version WHERE survey_id = $1)',
      [surveyId],
    );
    return result[1] + pending[1];
  }

  async markDeleted(manager: EntityManager, surveyId: string, now: Date): Promise<void> {
    await manager.query('UPDATE survey SET responses_deleted_at = $2 WHERE id = $1', [surveyId, now]);
  }
}
