import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * The retention sweep's deletion of a survey's responses (P8, issue 15 point 1). It runs in
 * the caller's transaction, with the survey's lock, its mark and its audit row: the deletion
 * and its record commit together or not at all.
 */
@Injectable()
export class ResponseRetentionRepository {
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
}
