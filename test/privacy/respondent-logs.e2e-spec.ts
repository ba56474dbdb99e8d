import { DEMO_SURVEY_SLUG, type PublicSurvey } from '@candor/shared';
import { demoAnswers, fetchPublicSurvey, newKey } from '../factories/surveys';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 9 point 5: a log line carries the time it was written (Nest's console format, and
 * any collector stamps it on arrival), so while a respondent's request is handled nothing
 * may be logged about it — at any level, success or failure — and no line names a survey.
 */
describe('logs carry no respondent timing', () => {
  let testApp: TestApp;
  let demo: PublicSurvey;

  beforeAll(async () => {
    testApp = await startTestApp({ env: { LOG_LEVEL: 'debug', POW_DIFFICULTY: '50' } });
    demo = await fetchPublicSurvey(testApp, DEMO_SURVEY_SLUG);
  });
  afterAll(() => testApp.close());

  it('writes no line while respondent routes are used (survey, challenge, submission, no-JS form, quick exit)', async () => {
    testApp.logs.lines.length = 0;
    await testApp.http().get(`/api/public/surveys/${DEMO_SURVEY_SLUG}`).expect(200);
    await testApp.http().get(`/api/public/surveys/${DEMO_SURVEY_SLUG}/challenge`).expect(200);
    // Refused (no proof of work), invalid, unknown survey, broken JSON.
    await testApp
      .http()
      .post(`/api/public/surveys/${DEMO_SURVEY_SLUG}/responses`)
      .send({ versionId: demo.versionId, answers: demoAnswers(), idempotencyKey: newKey() });
    await testApp
      .http()
      .post(`/api/public/surveys/${DEMO_SURVEY_SLUG}/responses`)
      .send({ versionId: demo.versionId, answers: { nope: 1 }, idempotencyKey: newKey() });
    await testApp
      .http()
      .post('/api/public/surveys/no-such-survey/responses')
      .send({ versionId: demo.versionId, answers: {}, idempotencyKey: newKey() });
    await testApp.http().post(`/api/public/surveys/${DEMO_SURVEY_SLUG}/responses`).set('Content-Type', 'application/json').send('{broken');
    await testApp.http().get(`/f/${DEMO_SURVEY_SLUG}`).expect(200);
    await testApp
      .http()
      .post(`/f/${DEMO_SURVEY_SLUG}`)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('state=forged&action=next&adult=yes');
    await testApp.http().get('/api/public/exit');
    expect(testApp.logs.lines).toEqual([]);
  });

  it('writes no line for the shared link either (/s/:slug, the first page with its ticket)', async () => {
    testApp.logs.lines.length = 0;
    await testApp.http().get(`/s/${DEMO_SURVEY_SLUG}`).expect(200);
    await testApp.http().get('/s/no-such-survey');
    expect(testApp.logs.lines).toEqual([]);
  });

  it('still logs staff and dashboard routes (route pattern and status)', async () => {
    testApp.logs.lines.length = 0;
    await testApp.http().get('/api/health');
    expect(testApp.logs.lines.join('\n')).toContain('GET /api/health');
  });
});
