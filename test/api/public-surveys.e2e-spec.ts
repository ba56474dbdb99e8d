import { DEMO_SURVEY_DEFINITION, DEMO_SURVEY_SLUG } from '@candor/shared';
import { closeSurvey, createSurvey } from '../factories/surveys';
import { startTestApp, type TestApp } from '../support/test-app';
import { SurveysService } from '@candor/api-testing';

describe('reading a survey as a respondent', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('seeds the open demo survey on an empty database', async () => {
    const response = await testApp.http().get(`/api/public/surveys/${DEMO_SURVEY_SLUG}`).expect(200);
    expect(response.body.slug).toBe('demo');
    expect(response.body.locales).toEqual(['en', 'es']);
    expect(response.body.definition.pages.length).toBeGreaterThan(1);
  });

  it('returns the version id, the definition and the privacy settings — and nothing about other respondents', async () => {
    const response = await testApp.http().get(`/api/public/surveys/${DEMO_SURVEY_SLUG}`).expect(200);
    expect(Object.keys(response.body).sort()).toEqual([
      'definition',
      'languageNames',
      'locales',
      'privacy',
      'protection',
      'slug',
      'versionId',
    ]);
    expect(response.body.privacy).toEqual({ timeGranularity: 'day', retentionDays: 365, k: 11, minResponses: 100 });
    expect(response.body.protection).toEqual({ proofOfWork: false, outreachCode: false });
    expect(response.body.definition).toEqual(DEMO_SURVEY_DEFINITION);
  });

  it('serves the latest version', async () => {
    const survey = await createSurvey(testApp);
    const before = (await testApp.http().get(`/api/public/surveys/${survey.slug}`)).body.versionId;
    const added = await testApp.app.get(SurveysService).addVersion(survey.id, { elements: [{ type: 'comment', name: 'note' }] });
    const after = (await testApp.http().get(`/api/public/surveys/${survey.slug}`)).body;
    expect(after.versionId).toBe(added.id);
    expect(after.versionId).not.toBe(before);
  });

  it('answers 404 for a survey that does not exist or is still a draft', async () => {
    const draft = await createSurvey(testApp, { status: 'draft' });
    for (const slug of ['no-such-survey', draft.slug]) {
      const response = await testApp.http().get(`/api/public/surveys/${slug}`).expect(404);
      expect(response.body.code).toBe('SURVEY_NOT_FOUND');
    }
  });

  it('answers 410 for a closed survey', async () => {
    const survey = await createSurvey(testApp);
    await closeSurvey(testApp, survey.id);
    const response = await testApp.http().get(`/api/public/surveys/${survey.slug}`).expect(410);
    expect(response.body.code).toBe('SURVEY_CLOSED');
  });

  it('answers 400 for an address that cannot be a survey', async () => {
    const response = await testApp.http().get('/api/public/surveys/Not_A_Slug').expect(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: 'slug' })] });
  });
});

describe('the API surface', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('reports health with the database reachable', async () => {
    await testApp.http().get('/api/health').expect(200, { status: 'ok', database: 'up' });
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const response = await testApp.http().get('/api/nothing-here').expect(404);
    expect(response.body).toEqual({ code: 'NOT_FOUND', message: expect.any(String), details: [] });
  });

  it('sends the no-trace and security headers on every response', async () => {
    const response = await testApp.http().get('/api/health');
    expect(response.headers['cache-control']).toBe('no-store, max-age=0');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['etag']).toBeUndefined();
    expect(response.headers['set-cookie']).toBeUndefined();
  });
});
