import { DEMO_SURVEY_DEFINITION, DEMO_SURVEY_SLUG, type PublicSurvey } from '@candor/shared';
import { closeSurvey, countResponses, createSurvey, demoAnswers, fetchPublicSurvey, newKey, submit } from '../factories/surveys';
import { FixedClock, startTestApp, type TestApp } from '../support/test-app';
import { SurveysService } from '@candor/api-testing';

describe('submitting a response', () => {
  const clock = new FixedClock(new Date('2026-03-18T14:37:21.123Z'));
  let testApp: TestApp;
  let demo: PublicSurvey;

  beforeAll(async () => {
    testApp = await startTestApp({ clock });
    demo = await fetchPublicSurvey(testApp, DEMO_SURVEY_SLUG);
  });

  afterAll(() => testApp.close());

  beforeEach(() => testApp.db.query('TRUNCATE response, response_intake, submission_receipt'));

  it('stores valid answers with a random id, the version, the day and nothing else', async () => {
    const response = await submit(testApp, DEMO_SURVEY_SLUG, { versionId: demo.versionId, answers: demoAnswers() });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({ status: 'received' });
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.headers['clear-site-data']).toBe('"cache", "cookies"');
    const rows = await testApp.db.query('SELECT * FROM stored_response');
    expect(rows.rows).toHaveLength(1);
    const row = rows.rows[0];
    expect(Object.keys(row).sort()).toEqual(['answers', 'id', 'period', 'survey_version_id']);
    expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(row.survey_version_id).toBe(demo.versionId);
    expect(row.period.toISOString().slice(0, 10)).toBe('2026-03-18');
    expect(row.answers).toEqual(demoAnswers());
  });

  it.each([
    ['week', '2026-03-16'],
    ['month', '2026-03-01'],
  ])('writes only the %s (P2) when the survey asks for it, first answer and later ones alike', async (granularity, period) => {
    const survey = await createSurvey(testApp);
    await testApp.db.query('UPDATE survey SET time_granularity = $1 WHERE id = $2', [granularity, survey.id]);
    const open = await fetchPublicSurvey(testApp, survey.slug);
    // The first submission for a version compiles it (the careful path); the next ones take the batched path.
    for (let i = 0; i < 3; i++) await submit(testApp, survey.slug, { versionId: open.versionId, answers: demoAnswers() }).expect(201);
    const rows = await testApp.db.query(
      `SELECT period FROM stored_response r JOIN survey_version v ON v.id = r.survey_version_id WHERE v.survey_id = $1`,
      [survey.id],
    );
    expect(rows.rows.map((r) => r.period.toISOString().slice(0, 10))).toEqual([period, period, period]);
  });

  it('accepts a response that skips every optional question', async () => {
    const response = await submit(testApp, DEMO_SURVEY_SLUG, { versionId: demo.versionId, answers: { adult: 'no' } });
    expect(response.status).toBe(201);
    expect(await countResponses(testApp)).toBe(1);
  });

  describe('rejects, with a code that says why, and stores nothing', () => {
    const cases: Array<[string, () => Record<string, unknown>, number, string, string | undefined]> = [
      ['an unknown question', () => demoAnswers({ favourite_colour: 'blue' }), 400, 'INVALID_ANSWERS', 'UNKNOWN_QUESTION'],
      [
        'an answer to a question hidden by skip logic',
        () => demoAnswers({ violent_incident: 'no', incident_reported: 'police' }),
        400,
        'INVALID_ANSWERS',
        'HIDDEN_QUESTION',
      ],
      [
        'answers on a page hidden by skip logic',
        () => ({ adult: 'no', screened_clients__before: 'yes' }),
        400,
        'INVALID_ANSWERS',
        'HIDDEN_QUESTION',
      ],
      [
        'a choice that is not offered',
        () => demoAnswers({ screened_clients__before: 'sometimes' }),
        400,
        'INVALID_ANSWERS',
        'CHOICE_NOT_OFFERED',
      ],
      ['a wrong type', () => demoAnswers({ safety_tools: 'buddy' }), 400, 'INVALID_ANSWERS', 'WRONG_TYPE'],
      ['a number where a choice is expected', () => demoAnswers({ adult: 1 }), 400, 'INVALID_ANSWERS', 'CHOICE_NOT_OFFERED'],
      [
        '"none" combined with other choices',
        () => demoAnswers({ safety_tools: ['none', 'buddy'] }),
        400,
        'INVALID_ANSWERS',
        'EXCLUSIVE_CHOICE',
      ],
      ['a missing required answer', () => ({ screened_clients__before: 'yes' }), 400, 'INVALID_ANSWERS', 'HIDDEN_QUESTION'],
      ['no answers at all (the 18+ gate is required)', () => ({}), 400, 'INVALID_ANSWERS', 'REQUIRED'],
      ['an empty answer sent instead of leaving it out', () => demoAnswers({ safety_tools: [] }), 400, 'INVALID_ANSWERS', 'EMPTY_ANSWER'],
      ['null as an answer', () => demoAnswers({ violent_incident: null }), 400, 'INVALID_ANSWERS', 'EMPTY_ANSWER'],
    ];

    it.each(cases)('%s', async (_name, answers, status, code, detailCode) => {
      const response = await submit(testApp, DEMO_SURVEY_SLUG, { versionId: demo.versionId, answers: answers() });
      expect(response.status).toBe(status);
      expect(response.body.code).toBe(code);
      expect(typeof response.body.message).toBe('string');
      if (detailCode) expect(response.body.details.map((d: { code: string }) => d.code)).toContain(detailCode);
      expect(await countResponses(testApp)).toBe(0);
    });

    it('a missing required answer, naming the question', async () => {
      const response = await submit(testApp, DEMO_SURVEY_SLUG, { versionId: demo.versionId, answers: {} });
      expect(response.body.details).toEqual([expect.objectContaining({ path: 'adult', code: 'REQUIRED' })]);
    });

    it('answers that are not an object', async () => {
      const response = await submit(testApp, DEMO_SURVEY_SLUG, { versionId: demo.versionId, answers: ['yes'] });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details[0].path).toBe('answers');
      expect(await countResponses(testApp)).toBe(0);
    });

    it('a versionId that is not a version id', async () => {
      const response = await submit(testApp, DEMO_SURVEY_SLUG, { versionId: 'latest', answers: demoAnswers() });
      expect(response.status).toBe(400);
      expect(response.body.details[0]).toMatchObject({ path: 'versionId' });
    });

    it('a version id that names no version at all (never a 5xx)', async () => {
      const response = await submit(testApp, DEMO_SURVEY_SLUG, {
        versionId: '11111111-1111-4111-8111-111111111111',
        answers: demoAnswers(),
      });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('VERSION_MISMATCH');
      expect(await countResponses(testApp)).toBe(0);
    });

    it('a version of another survey', async () => {
      const other = await createSurvey(testApp);
      const otherVersion = (await fetchPublicSurvey(testApp, other.slug)).versionId;
      const response = await submit(testApp, DEMO_SURVEY_SLUG, { versionId: otherVersion, answers: demoAnswers() });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('VERSION_MISMATCH');
      expect(await countResponses(testApp)).toBe(0);
    });

    it('a stale version after the survey was edited', async () => {
      const survey = await createSurvey(testApp);
      const first = await fetchPublicSurvey(testApp, survey.slug);
      await testApp.app.get(SurveysService).addVersion(survey.id, { ...DEMO_SURVEY_DEFINITION, title: 'Edited' });
      const response = await submit(testApp, survey.slug, { versionId: first.versionId, answers: demoAnswers() });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('VERSION_MISMATCH');
      const current = await fetchPublicSurvey(testApp, survey.slug);
      expect(response.body.details[0].message).toContain(current.versionId);
      expect(await countResponses(testApp)).toBe(0);
    });

    it('unknown top-level fields', async () => {
      const response = await submit(testApp, DEMO_SURVEY_SLUG, { versionId: demo.versionId, answers: demoAnswers(), userId: 'x' });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([expect.objectContaining({ path: 'userId', code: 'UNKNOWN_FIELD' })]);
    });

    it('an idempotency key that is too short', async () => {
      const response = await submit(testApp, DEMO_SURVEY_SLUG, {
        versionId: demo.versionId,
        answers: demoAnswers(),
        idempotencyKey: 'abc',
      });
      expect(response.status).toBe(400);
      expect(response.body.details[0].path).toBe('idempotencyKey');
    });

    it('an oversized body', async () => {
      const big = 'x'.repeat(70 * 1024);
      const response = await submit(testApp, DEMO_SURVEY_SLUG, { versionId: demo.versionId, answers: { adult: 'yes', padding: big } });
      expect(response.status).toBe(413);
      expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await countResponses(testApp)).toBe(0);
    });

    it('a too deeply nested body', async () => {
      let nested: unknown = 'yes';
      for (let i = 0; i < 10; i++) nested = { a: nested };
      const response = await submit(testApp, DEMO_SURVEY_SLUG, { versionId: demo.versionId, answers: { adult: nested } });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('PAYLOAD_TOO_DEEP');
    });

    it('a body that is not JSON', async () => {
      const response = await testApp
        .http()
        .post(`/api/public/surveys/${DEMO_SURVEY_SLUG}/responses`)
        .set('Content-Type', 'application/json')
        .send('{"versionId": ');
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('MALFORMED_JSON');
    });

    it('a body that is not UTF-8', async () => {
      const body = Buffer.concat([Buffer.from('{"versionId":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]);
      const response = await testApp.raw(
        'POST',
        `/api/public/surveys/${DEMO_SURVEY_SLUG}/responses`,
        { 'Content-Type': 'application/json' },
        body,
      );
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'MALFORMED_JSON', message: expect.stringContaining('UTF-8') });
    });

    it('the wrong content type', async () => {
      const response = await testApp
        .http()
        .post(`/api/public/surveys/${DEMO_SURVEY_SLUG}/responses`)
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send('versionId=x&adult=yes');
      expect(response.status).toBe(415);
      expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('a survey that does not exist', async () => {
      const response = await submit(testApp, 'no-such-survey', { versionId: demo.versionId, answers: demoAnswers() });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('SURVEY_NOT_FOUND');
    });

    it('a draft survey, as if it did not exist', async () => {
      const draft = await createSurvey(testApp, { status: 'draft' });
      const response = await submit(testApp, draft.slug, { versionId: demo.versionId, answers: demoAnswers() });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('SURVEY_NOT_FOUND');
    });

    it('a closed survey', async () => {
      const survey = await createSurvey(testApp);
      const version = await fetchPublicSurvey(testApp, survey.slug);
      await closeSurvey(testApp, survey.id);
      const response = await submit(testApp, survey.slug, { versionId: version.versionId, answers: demoAnswers() });
      expect(response.status).toBe(410);
      expect(response.body.code).toBe('SURVEY_CLOSED');
      expect(await countResponses(testApp)).toBe(0);
    });
  });

  describe('idempotency', () => {
    it('returns the same 201 for a retry and stores the answers once', async () => {
      const body = { versionId: demo.versionId, answers: demoAnswers(), idempotencyKey: newKey() };
      const first = await submit(testApp, DEMO_SURVEY_SLUG, body);
      const retry = await submit(testApp, DEMO_SURVEY_SLUG, body);
      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(await countResponses(testApp)).toBe(1);
    });

    it('treats the same answers with keys in another order as the same request', async () => {
      const key = newKey();
      await submit(testApp, DEMO_SURVEY_SLUG, {
        versionId: demo.versionId,
        answers: { adult: 'yes', violent_incident: 'no' },
        idempotencyKey: key,
      });
      const retry = await submit(testApp, DEMO_SURVEY_SLUG, {
        versionId: demo.versionId,
        answers: { violent_incident: 'no', adult: 'yes' },
        idempotencyKey: key,
      });
      expect(retry.status).toBe(201);
      expect(await countResponses(testApp)).toBe(1);
    });

    it('refuses the same key with different answers', async () => {
      const key = newKey();
      await submit(testApp, DEMO_SURVEY_SLUG, { versionId: demo.versionId, answers: demoAnswers(), idempotencyKey: key });
      const other = await submit(testApp, DEMO_SURVEY_SLUG, { versionId: demo.versionId, answers: { adult: 'no' }, idempotencyKey: key });
      expect(other.status).toBe(409);
      expect(other.body.code).toBe('IDEMPOTENCY_CONFLICT');
      expect(await countResponses(testApp)).toBe(1);
    });

    it('stores once when the same submission arrives many times at once', async () => {
      const body = { versionId: demo.versionId, answers: demoAnswers(), idempotencyKey: newKey() };
      const results = await Promise.all(Array.from({ length: 12 }, () => submit(testApp, DEMO_SURVEY_SLUG, body)));
      expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
      expect(await countResponses(testApp)).toBe(1);
    });

    it('still acknowledges a retry after the survey closed', async () => {
      const survey = await createSurvey(testApp);
      const version = await fetchPublicSurvey(testApp, survey.slug);
      const body = { versionId: version.versionId, answers: demoAnswers(), idempotencyKey: newKey() };
      expect((await submit(testApp, survey.slug, body)).status).toBe(201);
      await closeSurvey(testApp, survey.id);
      expect((await submit(testApp, survey.slug, body)).status).toBe(201);
      expect(await countResponses(testApp)).toBe(1);
    });

    it('keeps receipts apart per survey: the same key on two surveys stores two responses', async () => {
      const other = await createSurvey(testApp);
      const otherVersion = await fetchPublicSurvey(testApp, other.slug);
      const key = newKey();
      await submit(testApp, DEMO_SURVEY_SLUG, { versionId: demo.versionId, answers: demoAnswers(), idempotencyKey: key }).expect(201);
      await submit(testApp, other.slug, { versionId: otherVersion.versionId, answers: demoAnswers(), idempotencyKey: key }).expect(201);
      expect(await countResponses(testApp)).toBe(2);
    });
  });

  it('keeps serving after a burst of bad requests', async () => {
    const bad = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 3 === 0
          ? testApp.http().post(`/api/public/surveys/${DEMO_SURVEY_SLUG}/responses`).set('Content-Type', 'application/json').send('{{{')
          : submit(testApp, DEMO_SURVEY_SLUG, { versionId: demo.versionId, answers: { nope: i } }),
      ),
    );
    expect(bad.every((r) => r.status >= 400 && r.status < 500)).toBe(true);
    await submit(testApp, DEMO_SURVEY_SLUG, { versionId: demo.versionId, answers: demoAnswers() }).expect(201);
    await testApp.http().get('/api/health').expect(200);
  });
});
