import { DEMO_SURVEY_DEFINITION, type PlannedRelease, type SurveyDetail } from '@candor/shared';
import { insertResponses } from '../factories/responses';
import { staffAgent, type StaffAgent, giveResearchKey } from '../factories/staff';
import { startTestApp, type TestApp } from '../support/test-app';

/** Issue 13 point 8: what would be publishable at N responses, before the settings lock, from synthetic answers only. */
const SETTINGS = {
  k: 5,
  minResponses: 40,
  minGroup: 10,
  timeGranularity: 'day',
  retentionDays: 365,
  crosstabs: [] as string[][],
  perturbation: 'none',
};

describe('planning a release before fielding (POST /api/surveys/:id/publications/plan)', () => {
  let testApp: TestApp;
  let researcher: StaffAgent;
  let organizer: StaffAgent;
  let counter = 0;

  const draftSurvey = async (): Promise<SurveyDetail> =>
    (
      await researcher
        .post('/api/surveys', { slug: `plan-${++counter}`, title: 'Plan', source: 'json', definition: DEMO_SURVEY_DEFINITION })
        .expect(201)
    ).body as SurveyDetail;

  beforeAll(async () => {
    testApp = await startTestApp();
    researcher = await staffAgent(testApp, 'researcher');
    organizer = await staffAgent(testApp, 'organizer');
  });
  afterAll(() => testApp.close());

  it('simulates the floor and the planned size with unsaved settings, per table and pair', async () => {
    const survey = await draftSurvey();
    const body = (await researcher.post(`/api/surveys/${survey.id}/publications/plan`, { ...SETTINGS, responses: 400 }).expect(200))
      .body as PlannedRelease[];
    expect(body.map((plan) => plan.responses)).toEqual([40, 400]);
    const [atFloor, planned] = body as [PlannedRelease, PlannedRelease];
    expect(planned.blocks).toEqual([]);
    expect(planned.figures.length).toBeGreaterThan(0);
    expect(planned.figures.some((f) => f.kind === 'pair')).toBe(true);
    for (const figure of [...atFloor.figures, ...planned.figures]) expect(['shown', 'partly-hidden', 'hidden']).toContain(figure.outcome);
    const shown = (plan: PlannedRelease) => plan.figures.filter((f) => f.outcome === 'shown').length;
    expect(shown(planned)).toBeGreaterThanOrEqual(shown(atFloor));

    // A cross-tab by a question: its figure appears in the plan (settings not saved, nothing locked).
    const grouped = (
      await organizer
        .post(`/api/surveys/${survey.id}/publications/plan`, { ...SETTINGS, crosstabs: [['violent_incident']], responses: 60 })
        .expect(200)
    ).body as PlannedRelease[];
    expect(grouped[1]?.figures.some((f) => f.kind === 'crosstab')).toBe(true);
    const detail = (await researcher.get(`/api/surveys/${survey.id}`).expect(200)).body as SurveyDetail;
    expect(detail.privacy.crosstabs).toEqual([]);
  });

  it('reads no response: the plan is the same with or without real answers', async () => {
    const survey = await draftSurvey();
    await researcher.put(`/api/surveys/${survey.id}/settings`, SETTINGS).expect(200);
    const before = (await organizer.post(`/api/surveys/${survey.id}/publications/plan`, { ...SETTINGS, responses: 120 }).expect(200)).body;
    await giveResearchKey(researcher, survey.id);
    await researcher.post(`/api/surveys/${survey.id}/open`).expect(200);
    await insertResponses(
      testApp,
      survey.id,
      Array.from({ length: 60 }, () => ({
        adult: 'yes',
        screened_clients__before: 'no',
        screened_clients__after: 'no',
        safety_tools: ['none'],
        violent_incident: 'no',
      })),
    );
    const after = (await organizer.post(`/api/surveys/${survey.id}/publications/plan`, { ...SETTINGS, responses: 120 }).expect(200)).body;
    expect(after).toEqual(before);
  });

  it('refuses bad plans with a clear 400', async () => {
    const survey = await draftSurvey();
    const plan = (body: Record<string, unknown>) => researcher.post(`/api/surveys/${survey.id}/publications/plan`, body);
    expect((await plan({ ...SETTINGS, responses: 0 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await plan({ ...SETTINGS, responses: 1e9 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await plan({ ...SETTINGS, responses: 'many' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const unknown = await plan({ ...SETTINGS, crosstabs: [['no_such_question']], responses: 100 }).expect(400);
    expect(unknown.body.details[0].message).toMatch(/no_such_question/);
    await plan({ ...SETTINGS, crosstabs: [['adult', 'violent_incident', 'screened_clients__after']], responses: 100 }).expect(400);
    await researcher
      .post(`/api/surveys/00000000-0000-4000-8000-000000000000/publications/plan`, { ...SETTINGS, responses: 100 })
      .expect(404);
  });
});
