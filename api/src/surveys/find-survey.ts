import type { EntityManager } from 'typeorm';
import { SurveyEntity } from './survey.entity';
import { noSuchSurvey } from './surveys.errors';

/**
 * "Find the survey or 404", written once for every staff route (issue 15): the survey with
 * this id, read in `manager`'s transaction. `lock` holds its row until that transaction
 * ends, so concurrent edits of one survey apply one after another.
 */
export async function findSurvey(manager: EntityManager, id: string, lock = false): Promise<SurveyEntity> {
  const survey = await manager.findOne(SurveyEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!survey) throw noSuchSurvey();
  return survey;
}
