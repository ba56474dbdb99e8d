import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { CreatedOutreachBatch, PublicSurvey, SurveyDetail } from '@candor/shared';
import { buildPolicyImpactSurvey } from '@candor/shared';
import { RetentionService } from '@candor/api-testing';
import { staffAgent, type StaffAgent, giveResearchKey } from '../factories/staff';
import { createSurvey, demoAnswers, fetchPublicSurvey, newKey, submit } from '../factories/surveys';
import { dumpDatabase } from '../support/database-dump';
import { mixNow } from '../support/mixing';
import { FixedClock, startTestApp, type TestApp } from '../support/test-app';

async function solve(testApp: TestApp, slug: string): Promise<string> {
  const challenge = (await testApp.http().get(`/api/public/surveys/${slug}/challenge`).expect(200)).body as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('could not solve the challenge');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

const countResponses = async (testApp: TestApp, surveyId: string): Promise<number> =>
  (
    await testApp.db.query(
      'SELECT count(*)::int AS n FROM stored_response r JOIN survey_version v ON v.id = r.survey_version_id WHERE v.survey_id = $1',
      [surveyId],
    )
  ).rows[0].n;

describe('P7: proof of work', () => {
  const clock = new FixedClock(new Date());
  let testApp: TestApp;
  let survey: { id: string; slug: string };
  let open: PublicSurvey;

  beforeAll(async () => {
    testApp = await startTestApp({ clock, env: { POW_DIFFICULTY: '400', POW_TTL_MINUTES: '60' } });
    survey = await createSurvey(testApp);
    open = await fetchPublicSurvey(testApp, survey.slug);
  });
  afterAll(() => testApp.close());
  afterEach(() => clock.set(new Date()));

  it('tells respondents a puzzle is required, and serves signed challenges bound to the survey', async () => {
    expect(open.protection).toEqual({ proofOfWork: true, outreachCode: false });
    const challenge = (await testApp.http().get(`/api/public/surveys/${survey.slug}/challenge`).expect(200)).body as Challenge;
    expect(challenge.parameters).toMatchObject({ algorithm: 'SHA-256', data: { survey: survey.slug } });
    expect(challenge.signature).toMatch(/^[0-9a-f]{64}$/);
    await testApp.http().get('/api/public/surveys/no-such-survey/challenge').expect(404);
  });

  it('stores a submission with a solved challenge, once; a retry with the same key is not a replay of the proof', async () => {
    const proofOfWork = await solve(testApp, survey.slug);
    const body = { versionId: open.versionId, answers: demoAnswers(), proofOfWork, idempotencyKey: newKey() };
    await submit(testApp, survey.slug, body).expect(201);
    // The same request again (a lost response): still 201, still one row.
    await submit(testApp, survey.slug, body).expect(201);
    expect(await countResponses(testApp, survey.id)).toBe(1);
    // The same proof for a new submission: refused.
    const reused = await submit(testApp, survey.slug, { ...body, idempotencyKey: newKey() }).expect(400);
    expect(reused.body).toMatchObject({
      code: 'PROOF_OF_WORK_INVALID',
      details: [{ path: 'proofOfWork', message: 'this challenge was already used' }],
    });
    expect(await countResponses(testApp, survey.id)).toBe(1);
  });

  it.each([
    ['missing', async () => undefined, 'PROOF_OF_WORK_REQUIRED'],
    ['not base64 JSON', async () => '%%%not-base64%%%', 'PROOF_OF_WORK_INVALID'],
    [
      'a wrong key',
      async (t: TestApp, slug: string) => {
        const payload = JSON.parse(Buffer.from(await solve(t, slug), 'base64').toString());
        payload.solution.derivedKey =
          `00${payload.solution.derivedKey.slice(2)}` === payload.solution.derivedKey
            ? `11${payload.solution.derivedKey.slice(2)}`
            : `00${payload.solution.derivedKey.slice(2)}`;
        return Buffer.from(JSON.stringify(payload)).toString('base64');
      },
      'PROOF_OF_WORK_INVALID',
    ],
    [
      'a forged signature',
      async (t: TestApp, slug: string) => {
        const payload = JSON.parse(Buffer.from(await solve(t, slug), 'base64').toString());
        payload.challenge.signature = 'f'.repeat(64);
        return Buffer.from(JSON.stringify(payload)).toString('base64');
      },
      'PROOF_OF_WORK_INVALID',
    ],
  ])('refuses a proof that is %s and stores nothing', async (_label, makeProof, code) => {
    const before = await countResponses(testApp, survey.id);
    const proofOfWork = await makeProof(testApp, survey.slug);
    const response = await submit(testApp, survey.slug, {
      versionId: open.versionId,
      answers: demoAnswers(),
      idempotencyKey: newKey(),
      ...(proofOfWork ? { proofOfWork } : {}),
    }).expect(400);
    expect(response.body.code).toBe(code);
    expect(response.body.details[0].path).toBe('proofOfWork');
    expect(await countResponses(testApp, survey.id)).toBe(before);
  });

  it('refuses a proof for another survey and an expired one', async () => {
    const other = await createSurvey(testApp);
    const forOther = await solve(testApp, other.slug);
    const wrongSurvey = await submit(testApp, survey.slug, {
      versionId: open.versionId,
      answers: demoAnswers(),
      idempotencyKey: newKey(),
      proofOfWork: forOther,
    }).expect(400);
    expect(wrongSurvey.body.details[0].message).toBe('the challenge was issued for another survey');

    clock.set(new Date(Date.now() - 2 * 3600_000)); // issued two hours ago, valid for one
    const stale = await solve(testApp, survey.slug);
    clock.set(new Date());
    const expired = await submit(testApp, survey.slug, {
      versionId: open.versionId,
      answers: demoAnswers(),
      idempotencyKey: newKey(),
      proofOfWork: stale,
    }).expect(400);
    expect(expired.body.details[0].message).toBe('the challenge has expired');
  });

  it('checks the answers before spending the proof, so a rejected submission can be corrected and resent', async () => {
    const proofOfWork = await solve(testApp, survey.slug);
    const bad = await submit(testApp, survey.slug, {
      versionId: open.versionId,
      answers: { ...demoAnswers(), nonsense: 1 },
      idempotencyKey: newKey(),
      proofOfWork,
    }).expect(400);
    expect(bad.body.code).toBe('INVALID_ANSWERS');
    await submit(testApp, survey.slug, { versionId: open.versionId, answers: demoAnswers(), idempotencyKey: newKey(), proofOfWork }).expect(
      201,
    );
  });

  it('checks the proof before the answers: an unproven sender gets no validation work', async () => {
    const unproven = await submit(testApp, survey.slug, {
      versionId: open.versionId,
      answers: { ...demoAnswers(), nonsense: 1 },
      idempotencyKey: newKey(),
    }).expect(400);
    expect(unproven.body.code).toBe('PROOF_OF_WORK_REQUIRED');
  });

  it('acknowledges a retry of a stored submission without a new proof (the fast path too), and stores it once', async () => {
    const before = await countResponses(testApp, survey.id);
    const body = { versionId: open.versionId, answers: demoAnswers(), idempotencyKey: newKey() };
    await submit(testApp, survey.slug, { ...body, proofOfWork: await solve(testApp, survey.slug) }).expect(201);
    await submit(testApp, survey.slug, body).expect(201);
    // An expired proof on the retry (the phone was offline for hours) is no obstacle either.
    clock.set(new Date(Date.now() + 2 * 3_600_000));
    await submit(testApp, survey.slug, body).expect(201);
    expect(await countResponses(testApp, survey.id)).toBe(before + 1);
    // Without a proof, other answers under the same key are refused for the missing proof.
    const other = await submit(testApp, survey.slug, { ...body, answers: demoAnswers({ adult: 'no' }) }).expect(400);
    expect(other.body.code).toBe('PROOF_OF_WORK_REQUIRED');
  });
});

describe('P7: the submission rate limit and quick exit', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ env: { SUBMISSION_RATE_PER_MINUTE: '3', QUICK_EXIT_URL: 'https://neutral.example/weather' } });
  });
  afterAll(() => testApp.close());

  it('answers 429 after the per-address limit, stores nothing more, and keeps serving', async () => {
    const survey = await createSurvey(testApp);
    const open = await fetchPublicSurvey(testApp, survey.slug);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await submit(testApp, survey.slug, { versionId: open.versionId, answers: demoAnswers() })).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const limited = await submit(testApp, survey.slug, { versionId: open.versionId, answers: demoAnswers() });
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await countResponses(testApp, survey.id)).toBe(3);
    await testApp.http().get('/api/health').expect(200);
    // The limiter keys on a keyed hash kept in memory: nothing about it reaches the database or the logs.
    expect(await dumpDatabase(testApp)).not.toMatch(/127\.0\.0\.1|::ffff/);
    expect(testApp.logs.text()).not.toMatch(/127\.0\.0\.1|::ffff/);
  });

  it('quick exit clears site data and leaves for the neutral page without a referrer', async () => {
    const response = await testApp.http().get('/api/public/exit').expect(303);
    expect(response.headers['location']).toBe('https://neutral.example/weather');
    expect(response.headers['clear-site-data']).toBe('"cache", "cookies"');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toContain('no-store');
    expect(response.headers['set-cookie']).toBeUndefined();
  });
});

describe('P7: single-use outreach codes', () => {
  let testApp: TestApp;
  let researcher: StaffAgent;
  let survey: SurveyDetail;
  let open: PublicSurvey;
  let codes: string[];

  const template = buildPolicyImpactSurvey({ eventName: 'FOSTA-SESTA', eventDate: '2018-04-11' });
  const answers = { adult: 'no' };

  beforeAll(async () => {
    testApp = await startTestApp();
    researcher = await staffAgent(testApp, 'researcher');
    survey = (
      await researcher.post('/api/surveys', { slug: 'cards', title: 'Cards', source: 'template', definition: template }).expect(201)
    ).body;
    await researcher
      .put(`/api/surveys/${survey.id}/settings`, {
        k: 11,
        minResponses: 100,
        minGroup: 40,
        timeGranularity: 'day',
        retentionDays: 365,
        crosstabs: [],
        perturbation: 'none',
        requiresOutreachCode: true,
      })
      .expect(200);
    await giveResearchKey(researcher, survey.id);
    await researcher.post(`/api/surveys/${survey.id}/open`).expect(200);
    open = await fetchPublicSurvey(testApp, 'cards');
    const created = (
      await researcher.post(`/api/surveys/${survey.id}/outreach-batches`, { size: 6, label: 'Street outreach, December' }).expect(201)
    ).body as CreatedOutreachBatch;
    codes = [...created.codes];
  });
  afterAll(() => testApp.close());

  it('creates printable codes once and keeps only keyed hashes', async () => {
    expect(codes).toHaveLength(6);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
    expect(new Set(codes).size).toBe(6);
    const dump = await dumpDatabase(testApp);
    for (const code of codes) {
      expect(dump).not.toContain(code);
      expect(dump).not.toContain(code.replace('-', ''));
    }
    const audit = await testApp.db.query(`SELECT details FROM audit_event WHERE action = 'outreach.batch.create'`);
    expect(audit.rows[0].details).toMatchObject({ size: 6, label: 'Street outreach, December' });
    expect(JSON.stringify(audit.rows)).not.toContain(codes[0]);
    const columns = await testApp.db.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'outreach_code' ORDER BY column_name`,
    );
    expect(columns.rows.map((r) => r.column_name)).toEqual(['batch_id', 'code_hash', 'survey_id', 'used']);
    expect(open.protection.outreachCode).toBe(true);
  });

  it('requires a code, refuses unknown ones with the same answer as used ones, and accepts a code typed loosely', async () => {
    const missing = await submit(testApp, 'cards', { versionId: open.versionId, answers }).expect(403);
    expect(missing.body).toMatchObject({ code: 'OUTREACH_CODE_REQUIRED', details: [{ path: 'outreachCode' }] });
    const unknown = await submit(testApp, 'cards', { versionId: open.versionId, answers, outreachCode: 'ZZZZZ-ZZZZZ' }).expect(403);
    expect(unknown.body.code).toBe('OUTREACH_CODE_INVALID');
    const code = codes[0] as string;
    await submit(testApp, 'cards', {
      versionId: open.versionId,
      answers,
      outreachCode: ` ${code.toLowerCase().replace('-', ' ')} `,
    }).expect(201);
    const again = await submit(testApp, 'cards', { versionId: open.versionId, answers, outreachCode: code }).expect(403);
    expect(again.body).toEqual({ ...unknown.body });
    expect(await countResponses(testApp, survey.id)).toBe(1);
  });

  it('lets one of two simultaneous submissions with the same code through', async () => {
    const code = codes[1] as string;
    const results = await Promise.all(
      [1, 2, 3].map(() => submit(testApp, 'cards', { versionId: open.versionId, answers, outreachCode: code })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 403, 403]);
    expect(await countResponses(testApp, survey.id)).toBe(2);
  });

  it('cannot tie a code to the response it unlocked: used bits are set by the mixer, for every survey at once, in a transaction of its own', async () => {
    // Two codes spent so far: pending, their used bits not written yet.
    expect((await testApp.db.query('SELECT count(*)::int AS n FROM outreach_spend')).rows[0].n).toBe(2);
    expect((await testApp.db.query('SELECT count(*)::int AS n FROM outreach_code WHERE used')).rows[0].n).toBe(0);
    await submit(testApp, 'cards', { versionId: open.versionId, answers, outreachCode: codes[2] }).expect(201);
    await mixNow(testApp);
    expect((await testApp.db.query('SELECT count(*)::int AS n FROM outreach_spend')).rows[0].n).toBe(0);
    const used = await testApp.db.query(`SELECT xmin::text AS tx FROM outreach_code WHERE used`);
    expect(used.rows).toHaveLength(3);
    // One transaction marked all three …
    expect(new Set(used.rows.map((r) => r.tx)).size).toBe(1);
    // … the same one that rewrote every pending response (today's has not ended), in random order: none stands out.
    const responses = await testApp.db.query(
      `SELECT r.xmin::text AS tx FROM response_intake r JOIN survey_version v ON v.id = r.survey_version_id WHERE v.survey_id = $1`,
      [survey.id],
    );
    expect(responses.rows).toHaveLength(3);
    expect(responses.rows.map((r) => r.tx)).toEqual([used.rows[0].tx, used.rows[0].tx, used.rows[0].tx]);
    // No column of a response refers to a code, and no code row to a response.
    const responseColumns = await testApp.db.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'response' ORDER BY column_name`,
    );
    expect(responseColumns.rows.map((r) => r.column_name)).toEqual(['answers', 'id', 'period', 'survey_version_id']);
    const batches = (await researcher.get(`/api/surveys/${survey.id}/outreach-batches`).expect(200)).body;
    // Staff see spends as they see responses: rounded down to a multiple of k (11), so 3 shows as 0 (P4).
    expect(batches).toMatchObject([{ label: 'Street outreach, December', size: 6, used: 0 }]);
  });

  it('refuses batches that are too large or unnamed, saying which field', async () => {
    const big = await researcher.post(`/api/surveys/${survey.id}/outreach-batches`, { size: 5000, label: 'x' }).expect(400);
    expect(big.body.details[0]).toMatchObject({ path: 'size' });
    const unnamed = await researcher.post(`/api/surveys/${survey.id}/outreach-batches`, { size: 5, label: '' }).expect(400);
    expect(unnamed.body.details[0]).toMatchObject({ path: 'label' });
    expect((await testApp.db.query('SELECT count(*)::int AS n FROM outreach_batch')).rows[0].n).toBe(1);
  });
});

describe('P8: retention', () => {
  const clock = new FixedClock(new Date('2026-01-01T12:00:00Z'));
  let testApp: TestApp;
  let researcher: StaffAgent;
  let organizer: StaffAgent;

  beforeAll(async () => {
    testApp = await startTestApp({ clock });
    researcher = await staffAgent(testApp, 'researcher');
    organizer = await staffAgent(testApp, 'organizer');
  });
  afterAll(() => testApp.close());

  it('deletes the raw responses of a closed survey once its retention period has passed, and keeps the published snapshot', async () => {
    const template = buildPolicyImpactSurvey({ eventName: 'FOSTA-SESTA', eventDate: '2018-04-11' });
    const survey = (
      await researcher
        .post('/api/surveys', { slug: 'kept-30-days', title: 'Retention', source: 'template', definition: template })
        .expect(201)
    ).body as SurveyDetail;
    await researcher
      .put(`/api/surveys/${survey.id}/settings`, {
        k: 5,
        minResponses: 10,
        minGroup: 5,
        timeGranularity: 'day',
        retentionDays: 30,
        crosstabs: [],
        perturbation: 'none',
      })
      .expect(200);
    await giveResearchKey(researcher, survey.id);
    await researcher.post(`/api/surveys/${survey.id}/open`).expect(200);
    const keep = await createSurvey(testApp); // an open survey: never touched
    const open = await fetchPublicSurvey(testApp, 'kept-30-days');
    for (let i = 0; i < 12; i++)
      await submit(testApp, 'kept-30-days', { versionId: open.versionId, answers: { adult: i % 3 === 0 ? 'no' : 'yes' } }).expect(201);
    const keepOpen = await fetchPublicSurvey(testApp, keep.slug);
    await submit(testApp, keep.slug, { versionId: keepOpen.versionId, answers: demoAnswers() }).expect(201);
    await organizer.post(`/api/surveys/${survey.id}/publications`).expect(201);
    await researcher.post(`/api/surveys/${survey.id}/close`).expect(200);

    const retention = testApp.app.get(RetentionService);
    clock.set(new Date('2026-01-31T11:59:00Z')); // 29 days 23 hours 59 minutes after closing
    expect((await retention.sweep()).surveys).toEqual([]);
    expect(await countResponses(testApp, survey.id)).toBe(12);

    clock.set(new Date('2026-01-31T12:00:00Z'));
    expect((await retention.sweep()).surveys).toEqual([{ surveyId: survey.id, responses: 12 }]);
    expect(await countResponses(testApp, survey.id)).toBe(0);
    expect(await countResponses(testApp, keep.id)).toBe(1);
    // The published aggregates stay, publicly.
    await testApp.http().get('/api/public/dashboards/kept-30-days').expect(200);
    const events = await testApp.db.query(`SELECT actor_id, details FROM audit_event WHERE action = 'retention.responses.delete'`);
    // k = 5: staff see the count as coarsely as the live one, never how many answered after the last release.
    expect(events.rows).toEqual([{ actor_id: null, details: { responsesAtLeast: 10, retentionDays: 30 } }]);
    // A second sweep has nothing to do.
    expect((await retention.sweep()).surveys).toEqual([]);
  });
});
