import { buildPolicyImpactSurvey, type StaffPreview, type SurveyDetail } from '@candor/shared';
import { ReleasePool } from '@candor/api-testing';
import { insertResponses, policyImpactAnswers } from '../factories/responses';
import { staffAgent, type StaffAgent, giveResearchKey } from '../factories/staff';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 10, point 6: a release is built in a worker thread, so while a preview's audit runs
 * the instance keeps answering respondents; a release over RELEASE_TIMEOUT_SECONDS answers
 * 503 saying so and lets go of the survey. The pool's gate holds a job inside its worker
 * thread (the thread is taken, the main thread is not), so the tests wait for states.
 */
const template = buildPolicyImpactSurvey({ eventName: 'FOSTA-SESTA', eventDate: '2018-04-11' });
const TIMEOUT = 240_000;

const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('release worker threads', () => {
  let testApp: TestApp;
  let researcher: StaffAgent;
  let organizer: StaffAgent;
  let pool: ReleasePool;
  let survey: SurveyDetail;

  beforeAll(async () => {
    testApp = await startTestApp({ env: { RELEASE_WORKERS: '1', RELEASE_TIMEOUT_SECONDS: '600' } });
    researcher = await staffAgent(testApp, 'researcher');
    organizer = await staffAgent(testApp, 'organizer');
    pool = testApp.app.get(ReleasePool);
    const created = (
      await researcher.post('/api/surveys', { slug: 'worker', title: 'Impact', source: 'template', definition: template }).expect(201)
    ).body as SurveyDetail;
    await researcher
      .put(`/api/surveys/${created.id}/settings`, {
        k: 5,
        minResponses: 100,
        minGroup: 20,
        timeGranularity: 'day',
        retentionDays: 365,
        crosstabs: [],
        perturbation: 'none',
      })
      .expect(200);
    await giveResearchKey(researcher, created.id);
    survey = (await researcher.post(`/api/surveys/${created.id}/open`).expect(200)).body;
    await insertResponses(testApp, survey.id, policyImpactAnswers(150, 5));
    await until(() => pool.ready === 1);
  }, TIMEOUT);
  afterAll(async () => {
    pool?.open();
    await testApp?.close();
  });

  it(
    'answers respondents while a preview is being built in its worker',
    async () => {
      pool.hold();
      const previewing = organizer.post(`/api/surveys/${survey.id}/publications/preview`).then((response) => response);
      try {
        await until(() => pool.running === 1);
        // The release is inside the worker thread now, and stays there until the gate opens.
        const page = await testApp.http().get('/api/public/surveys/worker');
        expect(page.status).toBe(200);
        expect(pool.running).toBe(1);
      } finally {
        pool.open();
      }
      const response = await previewing;
      expect(response.status).toBe(200);
      expect((response.body as StaffPreview).audit?.passed).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'audits a custom table in the worker too, against the release staff were shown',
    async () => {
      // The preview above is in the staff ledger: the table builder's audit takes its exact numbers.
      pool.hold();
      const building = organizer.post(`/api/surveys/${survey.id}/custom-tables`, { questions: ['region', 'age_band'] }).then((r) => r);
      try {
        await until(() => pool.running === 1);
        const page = await testApp.http().get('/api/public/surveys/worker');
        expect(page.status).toBe(200);
        expect(pool.running).toBe(1);
      } finally {
        pool.open();
      }
      const response = await building;
      expect(response.status).toBe(200);
      const body = response.body as { status: string; hold: { code: string } | null };
      if (body.status === 'held') expect(body.hold?.code).toBe('AUDIT_FAILED');
      else expect(body.status).toBe('shown');
    },
    TIMEOUT,
  );

  it(
    'stops a release over the time limit with a 503 naming it, and lets go of the survey',
    async () => {
      // A different answer count, so the preview is computed again rather than shown from memory.
      await insertResponses(testApp, survey.id, policyImpactAnswers(3, 6));
      pool.hold();
      pool.limitSeconds = 3;
      let response;
      try {
        response = await organizer.post(`/api/surveys/${survey.id}/publications/preview`);
      } finally {
        pool.open();
        pool.limitSeconds = 600;
      }
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: [{ path: 'release', code: 'AUDIT_TIMEOUT' }] });
      expect(response.body.message).toMatch(/took longer than 3 s/);
      expect(pool.running).toBe(0);
      // The lock is free and a new worker (once loaded) takes the next release.
      await until(() => pool.ready === 1);
      const again = await organizer.post(`/api/surveys/${survey.id}/publications/preview`);
      expect(again.status).toBe(200);
      // Three answers since the last preview: the time rule holds it back, which only a finished release can say.
      expect((again.body as StaffPreview).blocks.map((b) => b.code)).toContain('HELD_BY_TIME_RULE');
    },
    TIMEOUT,
  );
});
