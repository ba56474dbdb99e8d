import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import { compileSurvey, DEMO_SURVEY_DEFINITION, DEMO_SURVEY_SLUG, isApiErrorBody, validateAnswers } from '@candor/shared';
import { createConditionEvaluator } from '@candor/api-testing';
import { fetchPublicSurvey } from '../factories/surveys';
import {
  FORMULA_STRINGS,
  hostileCorpus,
  NAVIGATION_HTML,
  PROTOTYPE_KEYS,
  REDOS_ANSWERS,
  SCRIPT_STRINGS,
  SQL_STRINGS,
} from '../support/hostile-corpus';
import { startTestApp, type TestApp } from '../support/test-app';

interface Reply {
  readonly status: number;
  readonly type: string;
  readonly text: string;
}

/** An in-process API on a real port, and a client that sends exact bytes (no re-encoding). */
function publicIntake(powDifficulty: string) {
  const state = { testApp: undefined as unknown as TestApp, base: '', versionId: '' };
  beforeAll(async () => {
    state.testApp = await startTestApp({ env: { LOG_LEVEL: 'warn', POW_DIFFICULTY: powDifficulty } });
    await state.testApp.app.listen(0, '127.0.0.1');
    state.base = `http://127.0.0.1:${(state.testApp.app.getHttpServer().address() as AddressInfo).port}`;
    state.versionId = (await fetchPublicSurvey(state.testApp, DEMO_SURVEY_SLUG)).versionId;
  });
  afterAll(() => state.testApp.close());
  return {
    get testApp() {
      return state.testApp;
    },
    get versionId() {
      return state.versionId;
    },
    async send(method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Reply> {
      const response = await fetch(`${state.base}${path}`, {
        method,
        headers,
        body: body && method !== 'GET' && method !== 'HEAD' ? new Uint8Array(body) : undefined,
      });
      return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
    },
    stored: async () => (await state.testApp.db.query('SELECT count(*)::int AS n FROM stored_response')).rows[0].n as number,
  };
}

describe('hostile input to the public intake, with proof of work on as in production', () => {
  const intake = publicIntake('100');
  const { send, stored } = intake;

  it('refuses every case of the corpus (≥ 300) with a 4xx that says what was wrong, stores nothing and keeps serving', async () => {
    const corpus = hostileCorpus(DEMO_SURVEY_SLUG, intake.versionId);
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const failures: string[] = [];
    for (const item of corpus) {
      let reply: Reply;
      try {
        reply = await send(item.method, item.path, item.headers, item.body);
      } catch (error) {
        failures.push(`${item.name}: the connection failed (${(error as Error).message})`);
        continue;
      }
      if (item.path.startsWith('/f/')) {
        // The no-JS form answers with a page: re-rendered (200/400) or an error page, never a 5xx.
        if (reply.status >= 500) failures.push(`${item.name}: ${reply.status}`);
        if (!reply.type.startsWith('text/html')) failures.push(`${item.name}: answered ${reply.type}, not a page`);
        if (reply.text.includes('<script>alert(1)</script>')) failures.push(`${item.name}: reflected a script`);
        continue;
      }
      if (reply.status < 400 || reply.status >= 500) {
        failures.push(`${item.name}: ${reply.status} ${reply.text.slice(0, 120)}`);
        continue;
      }
      let body: unknown;
      try {
        body = JSON.parse(reply.text);
      } catch {
        failures.push(`${item.name}: ${reply.status} without a JSON error body`);
        continue;
      }
      if (!isApiErrorBody(body) || body.message.trim() === '')
        failures.push(`${item.name}: the error body does not say what was wrong: ${reply.text.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
    expect(await stored()).toBe(0);
    expect((await intake.testApp.db.query('SELECT count(*)::int AS n FROM submission_receipt')).rows[0].n).toBe(0);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect((await send('GET', '/api/health', {})).status).toBe(200);
    // A valid submission still gets through to the last gate: the puzzle.
    const ok = await send(
      'POST',
      `/api/public/surveys/${DEMO_SURVEY_SLUG}/responses`,
      { 'content-type': 'application/json' },
      Buffer.from(JSON.stringify({ versionId: intake.versionId, answers: { adult: 'no' }, idempotencyKey: 'after-the-corpus-0123456789' })),
    );
    expect(JSON.parse(ok.text).code).toBe('PROOF_OF_WORK_REQUIRED');
  }, 180_000);
});

describe('hostile survey content, backtracking bait and races (issue 11), proof of work on', () => {
  const intake = publicIntake('100');
  const { send, stored } = intake;

  it('answers every payload against a survey with a letters-only pattern with a 4xx, in parallel bursts, storing nothing', async () => {
    const surveys = intake.testApp.app.get((await import('@candor/api-testing')).SurveysService);
    await surveys.createSurvey({
      slug: 'letters-only',
      title: 'Letters only',
      status: 'open',
      definition: {
        completedHtml: NAVIGATION_HTML.join(''),
        pages: [
          {
            name: 'p',
            elements: [
              { type: 'html', name: 'intro', html: NAVIGATION_HTML.join('') },
              { type: 'comment', name: 'words', maxLength: 2000, validators: [{ type: 'regex', regex: '^([a-zA-Z]+ ?)+$' }] },
            ],
          },
        ],
      },
    });
    const open = await fetchPublicSurvey(intake.testApp, 'letters-only');
    expect(JSON.stringify(open.definition)).not.toMatch(/elsewhere|<meta|<base|<form|<link/);
    const payloads = [...REDOS_ANSWERS, ...FORMULA_STRINGS, ...NAVIGATION_HTML];
    const submitOne = (words: string, key: string, proofOfWork?: string) =>
      send(
        'POST',
        '/api/public/surveys/letters-only/responses',
        { 'content-type': 'application/json' },
        Buffer.from(
          JSON.stringify({ versionId: open.versionId, answers: { words }, idempotencyKey: key, ...(proofOfWork ? { proofOfWork } : {}) }),
        ),
      );
    // Races: each payload 8 times at once (under the per-address connection cap), the same key
    // and different keys, without a proof and with a forged one.
    const replies: Reply[] = [];
    for (const [i, words] of payloads.entries()) {
      replies.push(
        ...(await Promise.all([
          ...Array.from({ length: 4 }, () => submitOne(words, `race-same-${i}-0123456789`)),
          ...Array.from({ length: 4 }, (_, j) =>
            submitOne(words, `race-${i}-${j}-0123456789`, Buffer.from('{"challenge":{},"solution":{}}').toString('base64')),
          ),
        ])),
      );
    }
    const health = await send('GET', '/api/health', {});
    expect(health.status).toBe(200);
    expect(replies.filter((r) => r.status < 400 || r.status >= 500).map((r) => `${r.status} ${r.text.slice(0, 80)}`)).toEqual([]);
    // Parallel wrong sign-ins at the same time: answered, never a 5xx.
    const logins = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        send(
          'POST',
          '/api/auth/login',
          { 'content-type': 'application/json' },
          Buffer.from(JSON.stringify({ email: `race-${i % 2}@candor.test`, password: 'wrong wrong wrong' })),
        ),
      ),
    );
    expect(logins.every((r) => r.status === 401 || r.status === 429)).toBe(true);
    expect(await stored()).toBe(0);
  }, 180_000);
});

describe('fuzzing the public intake (proof of work off, so valid answers are stored)', () => {
  const intake = publicIntake('0');
  const { send, stored } = intake;

  it('fuzzing (fast-check): random answers never cause a 5xx, and whatever is stored passes the validator', async () => {
    const compiled = compileSurvey(DEMO_SURVEY_DEFINITION);
    const evaluate = createConditionEvaluator();
    const names = [...compiled.questions.keys(), ...compiled.commentKeys.keys()];
    const values = [...new Set([...compiled.questions.values()].flatMap((q) => q.choices.map((c) => c.value)))];
    const answerValue = fc.oneof(
      fc.constantFrom(...values),
      fc.array(fc.constantFrom(...values), { maxLength: 4 }),
      fc.constantFrom(...SQL_STRINGS, ...SCRIPT_STRINGS),
      fc.string({ maxLength: 40 }),
      fc.jsonValue({ maxDepth: 3 }),
    );
    const randomAnswers = fc.dictionary(
      fc.oneof(fc.constantFrom(...names), fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 12 })),
      answerValue,
      { maxKeys: 8 },
    );
    // Mostly-valid answers too, so the accepting path is fuzzed as well.
    const nearlyValid = fc
      .record(
        {
          screened_clients__before: fc.constantFrom('yes', 'no', 'refused', 'sometimes'),
          screened_clients__after: fc.constantFrom('yes', 'no', 'refused'),
          safety_tools: fc.subarray(['buddy', 'references', 'bad_date_list', 'deposit', 'none', 'refused']),
          violent_incident: fc.constantFrom('yes', 'no', 'refused'),
          incident_reported: fc.constantFrom('police', 'peers', 'nobody', 'refused'),
        },
        { requiredKeys: [] },
      )
      .chain((rest) =>
        fc.constantFrom<Record<string, unknown>>(
          { adult: 'no' },
          // Skip logic respected: the follow-up only after "yes"; empty multi-selects left out.
          Object.fromEntries(
            Object.entries({ adult: 'yes', ...rest }).filter(
              ([key, value]) =>
                !(key === 'incident_reported' && rest.violent_incident !== 'yes') && !(Array.isArray(value) && value.length === 0),
            ),
          ),
          { adult: 'yes', ...rest },
        ),
      );
    const answers = fc.oneof(randomAnswers, nearlyValid);
    await intake.testApp.db.query('DELETE FROM response; DELETE FROM response_intake; DELETE FROM submission_receipt');
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(answers, fc.boolean(), fc.nat(), async (candidate, useKnownVersion, n) => {
        const body = {
          versionId: useKnownVersion ? intake.versionId : '11111111-1111-4111-8111-111111111111',
          answers: candidate,
          idempotencyKey: `fuzz-${n}-${Math.random().toString(36).slice(2)}-key`,
        };
        const reply = await send(
          'POST',
          `/api/public/surveys/${DEMO_SURVEY_SLUG}/responses`,
          { 'content-type': 'application/json' },
          Buffer.from(JSON.stringify(body)),
        );
        expect(reply.status).toBeLessThan(500);
        if (reply.status === 201) {
          accepted++;
          // Anything accepted must be exactly what the validator allows.
          expect(validateAnswers(compiled, JSON.parse(JSON.stringify(candidate)), evaluate)).toEqual([]);
        } else {
          expect(isApiErrorBody(JSON.parse(reply.text))).toBe(true);
        }
      }),
      { numRuns: 400, seed: 20261129 },
    );
    // Random bytes, any content type.
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
        async (bytes, type) => {
          const reply = await send(
            'POST',
            `/api/public/surveys/${DEMO_SURVEY_SLUG}/responses`,
            { 'content-type': type },
            Buffer.from(bytes),
          );
          expect(reply.status).toBeGreaterThanOrEqual(400);
          expect(reply.status).toBeLessThan(500);
        },
      ),
      { numRuns: 200, seed: 20261129 },
    );
    expect(accepted).toBeGreaterThan(20);
    expect(await stored()).toBe(accepted);
    expect((await send('GET', '/api/health', {})).status).toBe(200);
  }, 180_000);

  it('keeps script strings typed as free text inert: stored as data, never in a published page, CSV, JSON or the audit log', async () => {
    // A survey with a free-text box, opened, answered with script strings.
    const surveys = intake.testApp.app.get((await import('@candor/api-testing')).SurveysService);
    const survey = await surveys.createSurvey({
      slug: 'free-text',
      title: 'Free text',
      status: 'open',
      definition: {
        pages: [
          {
            name: 'p',
            elements: [
              { type: 'radiogroup', name: 'adult', choices: ['yes', 'no'] },
              { type: 'comment', name: 'comments' },
            ],
          },
        ],
      },
    });
    const open = await fetchPublicSurvey(intake.testApp, 'free-text');
    for (const [i, text] of SCRIPT_STRINGS.entries()) {
      const reply = await send(
        'POST',
        '/api/public/surveys/free-text/responses',
        { 'content-type': 'application/json' },
        Buffer.from(
          JSON.stringify({
            versionId: open.versionId,
            answers: { adult: 'yes', comments: text },
            idempotencyKey: `script-${i}-0123456789abcdef`,
          }),
        ),
      );
      expect(reply.status).toBe(201);
    }
    const rows = await intake.testApp.db.query(
      `SELECT answers->>'comments' AS text FROM stored_response r JOIN survey_version v ON v.id = r.survey_version_id WHERE v.survey_id = $1`,
      [survey.id],
    );
    expect(rows.rows.map((r) => r.text).sort()).toEqual([...SCRIPT_STRINGS].sort());
    // Free text is never aggregated or shown: no public page or staff view carries it.
    const audit = await intake.testApp.db.query('SELECT details::text AS d FROM audit_event');
    for (const text of SCRIPT_STRINGS) expect(audit.rows.some((r) => r.d.includes(text))).toBe(false);
    const lean = await send('GET', '/f/free-text', {});
    expect(lean.text).not.toContain('<script>alert(1)</script>');
  });
});
