import { randomUUID } from 'node:crypto';
import { compileSurvey, sealFreeText, type PublicSurvey } from '@candor/shared';
import { seededRandom, syntheticPolicyImpactAnswers } from '@candor/shared/testing';
import type { TestApp } from '../support/test-app';

/** Stores answers straight into the database (for volume); the intake itself is tested elsewhere. */
export async function insertResponses(testApp: TestApp, surveyId: string, answers: readonly Record<string, unknown>[]): Promise<void> {
  const version = await testApp.db.query<{ id: string }>(
    'SELECT id FROM survey_version WHERE survey_id = $1 ORDER BY number DESC LIMIT 1',
    [surveyId],
  );
  const versionId = version.rows[0]?.id as string;
  for (let i = 0; i < answers.length; i += 500) {
    const chunk = answers.slice(i, i + 500);
    const values: unknown[] = [];
    const rows = chunk.map((a, j) => {
      values.push(randomUUID(), versionId, '2026-11-01', JSON.stringify(a));
      return `($${j * 4 + 1}, $${j * 4 + 2}, $${j * 4 + 3}, $${j * 4 + 4}::jsonb)`;
    });
    await testApp.db.query(`INSERT INTO response (id, survey_version_id, period, answers) VALUES ${rows.join(', ')}`, values);
  }
}

export function policyImpactAnswers(count: number, seed: number): Record<string, unknown>[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => syntheticPolicyImpactAnswers(random));
}

/** Answers as a respondent's browser sends them: free text sealed to the survey's research key (issue 17). */
export function sealedAsBrowsersSend(
  survey: Pick<PublicSurvey, 'definition' | 'researchKey'>,
  answers: Record<string, unknown>,
): Record<string, unknown> {
  return survey.researchKey ? sealFreeText(compileSurvey(survey.definition), answers, survey.researchKey) : answers;
}
