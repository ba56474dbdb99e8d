import { randomBytes } from 'node:crypto';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { DEMO_SURVEY_SLUG, type PublicSurvey } from '@candor/shared';
import { SpentProofStore } from '@candor/api-testing';
import { createSurvey, demoAnswers, fetchPublicSurvey, newKey, submit } from '../factories/surveys';
import { createTestDatabase } from '../support/database';
import { FixedClock, startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 16 point 1 and issue 9 point 7: spent proofs of work and no-JS tickets are shared
 * by every instance on one database and survive a restart; a ticket is reserved before
 * the write, so simultaneous posts with one ticket store one response.
 */

async function solve(testApp: TestApp, slug: string): Promise<string> {
  const challenge = (await testApp.http().get(`/api/public/surveys/${slug}/challenge`).expect(200)).body as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('could not solve the challenge');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

function hidden(html: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html);
  if (!match) throw new Error(`no hidden field ${name} in:\n${html}`);
  return match[1] as string;
}

const sendForm = (testApp: TestApp, fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return testApp.http().post(`/f/${DEMO_SURVEY_SLUG}`).set('Content-Type', 'application/x-www-form-urlencoded').send(body.toString());
};

/** A page sent as a browser does: the POST, then the one-time GET it redirects to (POST-redirect-GET), on the same instance. */
const postForm = (testApp: TestApp, fields: Record<string, string | string[]>) => ({
  async expect(status: number) {
    const posted = await sendForm(testApp, fields).expect(303);
    return testApp
      .http()
      .get(posted.headers['location'] as string)
      .expect(status);
  },
  then<T>(resolve: (response: Awaited<ReturnType<typeof sendForm>>) => T, reject?: (error: unknown) => unknown) {
    return sendForm(testApp, fields)
      .then((posted) => (posted.status === 303 ? testApp.http().get(posted.headers['location'] as string) : posted))
      .then(resolve, reject);
  },
});

/** Walks the no-JS demo survey to its last page; returns that page's state field. */
async function lastPageState(testApp: TestApp): Promise<string> {
  let html = (await testApp.http().get(`/f/${DEMO_SURVEY_SLUG}`).expect(200)).text;
  html = (await postForm(testApp, { state: hidden(html, 'state'), action: 'next', adult: 'yes' }).expect(200)).text;
  html = (
    await postForm(testApp, {
      state: hidden(html, 'state'),
      action: 'next',
      screened_clients__before: 'yes',
      screened_clients__after: 'no',
      safety_tools: ['buddy'],
    }).expect(200)
  ).text;
  return hidden(html, 'state');
}

const finalFields = (state: string) => ({ state, action: 'next', violent_incident: 'no' });

/** The same form state with another idempotency key: what someone copying a ticket would send. */
function withKey(state: string, key: string): string {
  const decoded = JSON.parse(Buffer.from(state, 'base64url').toString('utf8'));
  return Buffer.from(JSON.stringify({ ...decoded, k: key })).toString('base64url');
}

const demoResponses = async (testApp: TestApp): Promise<number> =>
  (
    await testApp.db.query(
      `SELECT count(*)::int AS n FROM stored_response r JOIN survey_version v ON v.id = r.survey_version_id JOIN survey s ON s.id = v.survey_id WHERE s.slug = $1`,
      [DEMO_SURVEY_SLUG],
    )
  ).rows[0].n;

describe('spent proofs and tickets across instances and restarts', () => {
  const clock = new FixedClock(new Date());
  const env = { POW_DIFFICULTY: '200', POW_SECRET: randomBytes(32).toString('hex'), NOJS_MIN_SECONDS: '20' };
  let first: TestApp;
  let second: TestApp;
  let survey: { id: string; slug: string };
  let open: PublicSurvey;

  beforeAll(async () => {
    first = await startTestApp({ clock, env });
    second = await startTestApp({ clock, env: { ...env, SEED_DEMO_SURVEY: 'false' }, database: first.database });
    survey = await createSurvey(first);
    open = await fetchPublicSurvey(first, survey.slug);
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  const count = async () =>
    (
      await first.db.query(
        'SELECT count(*)::int AS n FROM stored_response r JOIN survey_version v ON v.id = r.survey_version_id WHERE v.survey_id = $1',
        [survey.id],
      )
    ).rows[0].n;

  it('refuses on one instance a proof of work spent on the other', async () => {
    const proofOfWork = await solve(first, survey.slug);
    await submit(first, survey.slug, { versionId: open.versionId, answers: demoAnswers(), proofOfWork, idempotencyKey: newKey() }).expect(
      201,
    );
    const before = await count();
    const replay = await submit(second, survey.slug, {
      versionId: open.versionId,
      answers: demoAnswers(),
      proofOfWork,
      idempotencyKey: newKey(),
    }).expect(400);
    expect(replay.body).toMatchObject({ code: 'PROOF_OF_WORK_INVALID', details: [{ message: 'this challenge was already used' }] });
    expect(await count()).toBe(before);
  });

  it('stores one response when one proof is sent to both instances at once', async () => {
    const proofOfWork = await solve(first, survey.slug);
    const before = await count();
    // Each sender retries a 503 (the database briefly out of connections on a loaded machine) with the same request, as browsers do.
    const sendUntilDecided = async (app: TestApp, body: Parameters<typeof submit>[2]) => {
      for (let attempt = 0; ; attempt++) {
        const response = await submit(app, survey.slug, body);
        if (response.status !== 503 || attempt >= 20) return response;
      }
    };
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        sendUntilDecided(i % 2 ? second : first, {
          versionId: open.versionId,
          answers: demoAnswers(),
          proofOfWork,
          idempotencyKey: newKey(),
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 400, 400, 400, 400, 400, 400, 400]);
    expect(await count()).toBe(before + 1);
  });

  it('refuses a no-JS ticket on one instance once it was spent on the other', async () => {
    const state = await lastPageState(first);
    clock.set(new Date(clock.now().getTime() + 30_000));
    const before = await demoResponses(first);
    expect((await postForm(first, finalFields(state)).expect(200)).text).toContain('Thank you');
    // Another form carrying the same ticket, sent to the other instance.
    const copied = await postForm(second, finalFields(withKey(state, newKey())));
    expect(copied.text).not.toContain('Thank you');
    expect(await demoResponses(first)).toBe(before + 1);
  });

  it('keeps the spent set in the database as hashed challenge signatures with a day-coarse expiry, nothing else', async () => {
    const columns = (
      await first.db.query(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'spent_proof' ORDER BY column_name`,
      )
    ).rows;
    expect(columns).toEqual([
      { column_name: 'expires_on', data_type: 'date' },
      { column_name: 'token_hash', data_type: 'bytea' },
    ]);
    const rows = (await first.db.query(`SELECT length(token_hash) AS bytes, expires_on::text AS day FROM spent_proof`)).rows;
    expect(rows.length).toBeGreaterThanOrEqual(3);
    // The day after the challenges expire (POW_TTL_MINUTES=240 from now), no time of day.
    const dayAfter = (ms: number) => new Date(Math.ceil((ms + 240 * 60_000) / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
    const allowed = [dayAfter(clock.now().getTime() - 60_000), dayAfter(clock.now().getTime())];
    for (const row of rows) {
      expect(row.bytes).toBe(32);
      expect(allowed).toContain(row.day);
    }
  });
});

describe('spent proofs and tickets after a restart', () => {
  const clock = new FixedClock(new Date());
  const env = { POW_DIFFICULTY: '200', POW_SECRET: randomBytes(32).toString('hex'), NOJS_MIN_SECONDS: '20' };

  it('refuses a proof and a ticket spent before the restart', async () => {
    const database = await createTestDatabase();
    const before = await startTestApp({ clock, env, database });
    const survey = await createSurvey(before);
    const open = await fetchPublicSurvey(before, survey.slug);
    const proofOfWork = await solve(before, survey.slug);
    await submit(before, survey.slug, { versionId: open.versionId, answers: demoAnswers(), proofOfWork, idempotencyKey: newKey() }).expect(
      201,
    );
    const state = await lastPageState(before);
    clock.set(new Date(clock.now().getTime() + 30_000));
    expect((await postForm(before, finalFields(state)).expect(200)).text).toContain('Thank you');
    await before.close();

    const after = await startTestApp({ clock, env: { ...env, SEED_DEMO_SURVEY: 'false' }, database });
    try {
      const replay = await submit(after, survey.slug, {
        versionId: open.versionId,
        answers: demoAnswers(),
        proofOfWork,
        idempotencyKey: newKey(),
      }).expect(400);
      expect(replay.body.code).toBe('PROOF_OF_WORK_INVALID');
      const copied = await postForm(after, finalFields(withKey(state, newKey())));
      expect(copied.text).not.toContain('Thank you');
      const stored = (await after.db.query('SELECT count(*)::int AS n FROM stored_response')).rows[0].n;
      expect(stored).toBe(2);
    } finally {
      await after.close();
      await database.drop();
    }
  });
});

describe('issue 9 point 7: the no-JS ticket is spent once', () => {
  const clock = new FixedClock(new Date());
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ clock, env: { POW_DIFFICULTY: '200', NOJS_MIN_SECONDS: '20' } });
  });
  afterAll(() => testApp.close());
  beforeEach(() => testApp.db.query('DELETE FROM response; DELETE FROM response_intake'));

  it('stores one response when eight forms carrying one ticket are sent at once', async () => {
    const state = await lastPageState(testApp);
    clock.set(new Date(clock.now().getTime() + 30_000));
    const results = await Promise.all(Array.from({ length: 8 }, () => postForm(testApp, finalFields(withKey(state, newKey())))));
    const thanked = results.filter((r) => r.text.includes('Thank you')).length;
    expect(await demoResponses(testApp)).toBe(1);
    // "Thank you" exactly for the form whose answers were stored.
    expect(thanked).toBe(1);
  });

  it('says thank you to every one of eight simultaneous sends of the same form, and stores it once', async () => {
    const state = await lastPageState(testApp);
    clock.set(new Date(clock.now().getTime() + 30_000));
    const results = await Promise.all(Array.from({ length: 8 }, () => postForm(testApp, finalFields(state))));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(results.filter((r) => r.text.includes('Thank you'))).toHaveLength(8);
    expect(await demoResponses(testApp)).toBe(1);
  });
});

describe('issue 9 point 7: no-JS tickets are issued at the challenge rate', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ env: { POW_DIFFICULTY: '200', SUBMISSION_RATE_PER_MINUTE: '3' } });
  });
  afterAll(() => testApp.close());

  it('answers 429 to a fourth first page within the minute, and keeps serving', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await testApp.http().get(`/f/${DEMO_SURVEY_SLUG}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    await testApp.http().get('/api/health').expect(200);
  });
});

describe('expired spent proofs', () => {
  const clock = new FixedClock(new Date());
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ clock, env: { POW_DIFFICULTY: '200', POW_TTL_MINUTES: '60' } });
  });
  afterAll(() => testApp.close());

  it('are deleted once their day has passed, and a replay of one is still refused, by its expiry', async () => {
    const survey = await createSurvey(testApp);
    const open = await fetchPublicSurvey(testApp, survey.slug);
    const proofOfWork = await solve(testApp, survey.slug);
    await submit(testApp, survey.slug, { versionId: open.versionId, answers: demoAnswers(), proofOfWork, idempotencyKey: newKey() }).expect(
      201,
    );
    const store = testApp.app.get(SpentProofStore);
    expect(await store.purgeExpired()).toBe(0);
    clock.set(new Date(clock.now().getTime() + 2 * 86_400_000));
    expect(await store.purgeExpired()).toBe(1);
    expect((await testApp.db.query('SELECT count(*)::int AS n FROM spent_proof')).rows[0].n).toBe(0);
    const replay = await submit(testApp, survey.slug, {
      versionId: open.versionId,
      answers: demoAnswers(),
      proofOfWork,
      idempotencyKey: newKey(),
    }).expect(400);
    expect(replay.body.details[0].message).toBe('the challenge has expired');
  });
});

describe('a no-JS ticket burnt by a crash', () => {
  const clock = new FixedClock(new Date());
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ clock, env: { POW_DIFFICULTY: '200', NOJS_MIN_SECONDS: '20' } });
  });
  afterAll(() => testApp.close());

  it('gets a fresh ticket instead of a dead end, and the answers are sent after the wait', async () => {
    const state = await lastPageState(testApp);
    clock.set(new Date(clock.now().getTime() + 30_000));
    // What a crash between reserving the ticket and writing the answers leaves behind.
    const ticket = JSON.parse(Buffer.from(state, 'base64url').toString('utf8')).t as string;
    await testApp.db.query(`INSERT INTO spent_proof (token_hash, expires_on) VALUES (sha256(convert_to($1, 'UTF8')), current_date + 1)`, [
      `ticket:${ticket.split('.')[0]}`,
    ]);
    const refused = await postForm(testApp, finalFields(state));
    expect(refused.text).not.toContain('Thank you');
    const fresh = hidden(refused.text, 'state');
    expect(JSON.parse(Buffer.from(fresh, 'base64url').toString('utf8')).t).not.toBe(ticket);
    expect(await demoResponses(testApp)).toBe(0);
    clock.set(new Date(clock.now().getTime() + 30_000));
    expect((await postForm(testApp, finalFields(fresh))).text).toContain('Thank you');
    expect(await demoResponses(testApp)).toBe(1);
  });
});
