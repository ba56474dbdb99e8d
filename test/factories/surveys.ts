import { randomUUID } from 'node:crypto';
import { DEMO_SURVEY_DEFINITION, type PublicSurvey, type SurveyDefinition } from '@candor/shared';
import type { TestApp } from '../support/test-app';
import { staffAgent } from './staff';
import { SurveysService, type SurveyStatus } from '@candor/api-testing';

export interface SurveyOptions {
  readonly slug?: string;
  readonly definition?: SurveyDefinition;
  readonly status?: SurveyStatus;
  readonly locales?: readonly string[];
}

/** Creates a survey through the real service; open by default, with the demo definition. */
export async function createSurvey(testApp: TestApp, options: SurveyOptions = {}): Promise<{ id: string; slug: string }> {
  const surveys = testApp.app.get(SurveysService);
  const slug = options.slug ?? `survey-${randomUUID().slice(0, 8)}`;
  const survey = await surveys.createSurvey({
    slug,
    title: `Test survey ${slug}`,
    definition: options.definition ?? DEMO_SURVEY_DEFINITION,
    status: options.status ?? 'open',
    locales: options.locales ?? ['en', 'es'],
  });
  return { id: survey.id, slug };
}

/** Closes a survey the way a researcher does (POST /api/surveys/:id/close), lifecycle rules and all. */
export async function closeSurvey(testApp: TestApp, surveyId: string): Promise<void> {
  const researcher = await staffAgent(testApp, 'researcher');
  await researcher.post(`/api/surveys/${surveyId}/close`).expect(200);
}

export async function fetchPublicSurvey(testApp: TestApp, slug: string): Promise<PublicSurvey> {
  const response = await testApp.http().get(`/api/public/surveys/${slug}`).expect(200);
  return response.body as PublicSurvey;
}

/** A complete, valid set of answers to the demo survey. */
export function demoAnswers(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    adult: 'yes',
    screened_clients__before: 'yes',
    screened_clients__after: 'no',
    safety_tools: ['buddy', 'references'],
    violent_incident: 'yes',
    incident_reported: 'peers',
    ...overrides,
  };
}

export function newKey(): string {
  return `k-${randomUUID()}`;
}

export function submit(
  testApp: TestApp,
  slug: string,
  body: { versionId: string; answers: unknown; idempotencyKey?: string; [extra: string]: unknown },
) {
  return testApp
    .http()
    .post(`/api/public/surveys/${slug}/responses`)
    .set('Content-Type', 'application/json')
    .send({ idempotencyKey: newKey(), ...body });
}

export async function countResponses(testApp: TestApp): Promise<number> {
  const result = await testApp.db.query<{ n: string }>('SELECT count(*)::text AS n FROM stored_response');
  return Number(result.rows[0]?.n ?? 0);
}
