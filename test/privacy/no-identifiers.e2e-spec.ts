import { randomBytes } from 'node:crypto';
import { DEMO_SURVEY_SLUG, type PublicSurvey } from '@candor/shared';
import { demoAnswers, fetchPublicSurvey, newKey } from '../factories/surveys';
import { dumpDatabase } from '../support/database-dump';
import { startTestApp, type TestApp } from '../support/test-app';

describe('P1: nothing identifying is read or stored', () => {
  let testApp: TestApp;
  let demo: PublicSurvey;
  const token = randomBytes(6).toString('hex');
  const sentinels = {
    forwardedFor: `203.0.113.${(token.charCodeAt(0) % 200) + 1}`,
    xForwardedFor: `xff-sentinel-${token}`,
    forwarded: `fwd-sentinel-${token}`,
    userAgent: `ua-sentinel-${token}`,
    referer: `ref-sentinel-${token}`,
    cookie: `cookie-sentinel-${token}`,
  };
  const headers = {
    'X-Forwarded-For': `${sentinels.xForwardedFor}, ${sentinels.forwardedFor}`,
    'X-Real-IP': sentinels.forwardedFor,
    Forwarded: `for="${sentinels.forwarded}";proto=https`,
    'User-Agent': sentinels.userAgent,
    Referer: `https://${sentinels.referer}.example/path?from=${sentinels.referer}`,
    Cookie: `session=${sentinels.cookie}; tracker=${sentinels.cookie}`,
  };

  beforeAll(async () => {
    testApp = await startTestApp();
    demo = await fetchPublicSurvey(testApp, DEMO_SURVEY_SLUG);

    const key = newKey();
    const requests = [
      testApp.http().get(`/api/public/surveys/${DEMO_SURVEY_SLUG}`).set(headers),
      testApp.http().get('/api/health').set(headers),
      // accepted, then replayed, then conflicting
      testApp
        .http()
        .post(`/api/public/surveys/${DEMO_SURVEY_SLUG}/responses`)
        .set(headers)
        .send({ versionId: demo.versionId, answers: demoAnswers(), idempotencyKey: key }),
    ];
    for (const request of requests) await request;
    await testApp
      .http()
      .post(`/api/public/surveys/${DEMO_SURVEY_SLUG}/responses`)
      .set(headers)
      .send({ versionId: demo.versionId, answers: demoAnswers(), idempotencyKey: key });
    await testApp
      .http()
      .post(`/api/public/surveys/${DEMO_SURVEY_SLUG}/responses`)
      .set(headers)
      .send({ versionId: demo.versionId, answers: { adult: 'no' }, idempotencyKey: key });
    // rejected in several ways
    await testApp
      .http()
      .post(`/api/public/surveys/${DEMO_SURVEY_SLUG}/responses`)
      .set(headers)
      .send({ versionId: demo.versionId, answers: { nope: 1 }, idempotencyKey: newKey() });
    await testApp
      .http()
      .post(`/api/public/surveys/${DEMO_SURVEY_SLUG}/responses`)
      .set(headers)
      .set('Content-Type', 'application/json')
      .send('{broken');
    await testApp
      .http()
      .post('/api/public/surveys/missing/responses')
      .set(headers)
      .send({ versionId: demo.versionId, answers: {}, idempotencyKey: newKey() });
    await testApp.http().get('/api/not-a-route').set(headers);
  });

  afterAll(() => testApp.close());

  it('stored the accepted response', async () => {
    const rows = await testApp.db.query('SELECT count(*)::int AS n FROM stored_response');
    expect(rows.rows[0].n).toBe(1);
  });

  it.each(Object.entries(sentinels))('keeps the %s sentinel out of every table', async (_name, sentinel) => {
    const dump = await dumpDatabase(testApp);
    expect(dump.length).toBeGreaterThan(0);
    expect(dump).not.toContain(sentinel);
  });

  it.each(Object.entries(sentinels))('keeps the %s sentinel out of the logs', (_name, sentinel) => {
    expect(testApp.logs.lines.length).toBeGreaterThan(0);
    expect(testApp.logs.text()).not.toContain(sentinel);
  });

  it('logs other requests as method, route pattern and status only, and respondent requests not at all (issue 9 point 5)', () => {
    const http = testApp.logs.lines.filter((line) => line.includes('HTTP'));
    expect(http).toEqual(
      expect.arrayContaining([expect.stringContaining('GET /api/health 200'), expect.stringContaining('GET (no route) 404')]),
    );
    expect(http.filter((line) => line.includes('/api/public/surveys'))).toEqual([]);
    expect(testApp.logs.text()).not.toContain('missing');
    expect(testApp.logs.text()).not.toMatch(/\b(127\.0\.0\.1|::1|::ffff:)/);
  });
});

describe('P1, P2: the response tables have no identifying or time columns', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  const RESPONSE_TABLES = ['response', 'response_intake', 'submission_receipt', 'outreach_spend'];
  const IDENTIFYING_NAME =
    /(^|_)(ip|ips|addr|address|remote|host|agent|ua|user_agent|referr?er|cookie|session|email|phone|device|fingerprint|browser|os|location|geo|lat|lng|created|updated|time|timestamp|seq|serial|order|arrival|submitted|received)(_|$)|_at$/i;

  it('lists the response tables', async () => {
    const tables = await testApp.db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(RESPONSE_TABLES));
  });

  it.each(RESPONSE_TABLES)('%s has no column named like an address, agent, referrer, cookie, contact or timestamp', async (table) => {
    const columns = await testApp.db.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
      [table],
    );
    expect(columns.rows.length).toBeGreaterThan(0);
    const suspicious = columns.rows.map((r) => r.column_name as string).filter((name) => IDENTIFYING_NAME.test(name));
    expect(suspicious).toEqual([]);
  });

  it.each(RESPONSE_TABLES)('%s has no time-of-day, network-address or sequence-backed column', async (table) => {
    const columns = await testApp.db.query(
      `SELECT column_name, data_type, column_default FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
      [table],
    );
    const offending = columns.rows.filter(
      (column) =>
        /time|inet|cidr|macaddr|interval/.test(column.data_type) ||
        /nextval|now\(\)|current_timestamp|clock_timestamp/i.test(String(column.column_default ?? '')),
    );
    expect(offending).toEqual([]);
  });

  it('keys responses by random UUIDs, not by a sequence', async () => {
    const pk = await testApp.db.query(
      `SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type FROM pg_index i
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = 'response'::regclass AND i.indisprimary`,
    );
    expect(pk.rows).toEqual([{ attname: 'id', type: 'uuid' }]);
  });
});
