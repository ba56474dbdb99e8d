import { createHash } from 'node:crypto';
import { canonicalJson } from '@candor/shared';
import { AuditService, IntakeMixer, SpentProofStore, SurveysService } from '@candor/api-testing';
import { mixNow } from '../support/mixing';
import { ctidNumber, spearman } from '../support/rank-correlation';
import { FixedClock, startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 9, points 2 and 3: whoever holds a copy of the database (a seizure, a leaked
 * backup) learns no arrival order and no time finer than the survey's period — not from
 * the physical row order (ctid), not from transaction ids (xmin) bracketed between
 * timestamped staff rows, not from the idempotency receipts.
 */
const MARKED_SURVEY = {
  pages: [
    {
      name: 'p',
      elements: [
        { type: 'radiogroup', name: 'adult', choices: ['yes', 'no'], isRequired: true },
        { type: 'comment', name: 'marker' },
      ],
    },
  ],
};

describe('a copied database holds no arrival order and no time finer than the period (issue 9)', () => {
  const clock = new FixedClock(new Date('2026-03-18T08:00:00.000Z'));
  let testApp: TestApp;
  let versionId: string;
  let surveyId: string;
  const keys: string[] = [];

  async function submitMarked(marker: number): Promise<void> {
    const key = `seized-${String(marker).padStart(6, '0')}-xxxxxxxxxx`;
    keys[marker] = key;
    await testApp
      .http()
      .post('/api/public/surveys/marked/responses')
      .send({ versionId, answers: { adult: 'yes', marker: String(marker) }, idempotencyKey: key })
      .expect(201);
  }

  beforeAll(async () => {
    testApp = await startTestApp({ clock, env: { LOG_LEVEL: 'warn' } });
    const survey = await testApp.app
      .get(SurveysService)
      .createSurvey({ slug: 'marked', title: 'Order', status: 'open', definition: MARKED_SURVEY });
    surveyId = survey.id;
    versionId = ((await testApp.http().get('/api/public/surveys/marked').expect(200)).body as { versionId: string }).versionId;
    // 1,000 submissions in a known order through one day, with staff activity in between.
    const audit = testApp.app.get(AuditService);
    for (let i = 0; i < 1000; i++) {
      clock.set(new Date(Date.parse('2026-03-18T08:00:00.000Z') + i * 30_000));
      await submitMarked(i);
      if (i % 50 === 25)
        await audit.record({ actor: null, action: 'test.staff-activity', targetType: 'survey', targetId: surveyId, details: { i } });
    }
    // The day is over: the mixer moves the day's submissions.
    clock.set(new Date('2026-03-19T00:07:00.000Z'));
    await mixNow(testApp);
  }, 600_000);

  afterAll(() => testApp.close());

  it('stored every submission once', async () => {
    const rows = await testApp.db.query(`SELECT count(*)::int AS n, count(DISTINCT answers->>'marker')::int AS d FROM response`);
    expect(rows.rows[0]).toEqual({ n: 1000, d: 1000 });
  });

  it('leaves no submission order in the transaction ids or the physical order of stored rows (|ρ| < 0.1)', async () => {
    const rows = (await testApp.db.query(`SELECT answers->>'marker' AS marker, xmin::text AS tx, ctid::text AS ctid FROM response`)).rows;
    const order = rows.map((row) => Number(row.marker));
    const byXmin = spearman(
      order,
      rows.map((row) => Number(row.tx)),
    );
    const byCtid = spearman(
      order,
      rows.map((row) => ctidNumber(row.ctid)),
    );
    console.log(`Spearman ρ, submission order vs stored rows: xmin ${byXmin.toFixed(3)}, ctid ${byCtid.toFixed(3)} (${rows.length} rows)`);
    expect(Math.abs(byXmin)).toBeLessThan(0.1);
    expect(Math.abs(byCtid)).toBeLessThan(0.1);
  });

  it('lets staff rows written between submissions place a response no more finely than its day', async () => {
    const responses = (await testApp.db.query(`SELECT period, xmin::text AS tx FROM response`)).rows as Array<{ period: Date; tx: string }>;
    const staff = (await testApp.db.query(`SELECT occurred_at, xmin::text AS tx FROM audit_event WHERE action = 'test.staff-activity'`))
      .rows as Array<{ occurred_at: Date; tx: string }>;
    expect(staff.length).toBe(20);
    for (const response of responses) {
      const periodEnd = response.period.getTime() + 86_400_000;
      // The earliest staff row written after the response's transaction bounds when it arrived.
      const after = staff.filter((row) => BigInt(row.tx) > BigInt(response.tx)).map((row) => row.occurred_at.getTime());
      const upper = after.length === 0 ? Infinity : Math.min(...after);
      expect(upper).toBeGreaterThanOrEqual(periodEnd);
    }
  });

  it('keeps receipts unlinkable: keyed request hash, expiry from the period alone, no transaction shared with one response', async () => {
    const receipts = (await testApp.db.query(`SELECT request_hash, expires_on, xmin::text AS tx FROM submission_receipt`)).rows as Array<{
      request_hash: Buffer;
      expires_on: Date;
      tx: string;
    }>;
    expect(receipts).toHaveLength(1000);
    // Whoever holds the database cannot recompute a receipt's hash from a response row.
    const stored = (await testApp.db.query(`SELECT answers, xmin::text AS tx FROM response`)).rows as Array<{
      answers: Record<string, unknown>;
      tx: string;
    }>;
    const hashes = new Set(receipts.map((r) => r.request_hash.toString('hex')));
    for (const row of stored.slice(0, 50)) {
      const unkeyed = createHash('sha256')
        .update(canonicalJson({ versionId, answers: row.answers }))
        .digest('hex');
      expect(hashes.has(unkeyed)).toBe(false);
    }
    // Expiry depends only on the period (the day here), not on the time of submission within it.
    expect(new Set(receipts.map((r) => r.expires_on.toISOString())).size).toBe(1);
    // A transaction a receipt was written in holds no response, or all of the period's (the mixer's): never a single one.
    const perTx = new Map<string, number>();
    for (const row of stored) perTx.set(row.tx, (perTx.get(row.tx) ?? 0) + 1);
    for (const receipt of receipts) expect([0, 1000]).toContain(perTx.get(receipt.tx) ?? 0);
  });

  it('still answers a retry with the same key and answers with 201, and refuses other answers', async () => {
    await testApp
      .http()
      .post('/api/public/surveys/marked/responses')
      .send({ versionId, answers: { adult: 'yes', marker: '7' }, idempotencyKey: keys[7] })
      .expect(201);
    await testApp
      .http()
      .post('/api/public/surveys/marked/responses')
      .send({ versionId, answers: { adult: 'yes', marker: '8' }, idempotencyKey: keys[7] })
      .expect(409);
    expect((await testApp.db.query(`SELECT count(*)::int AS n FROM response`)).rows[0].n).toBe(1000);
  });
});

describe('receipt expiry under month granularity', () => {
  it('is the same for a submission on the 3rd and on the 28th of the month', async () => {
    const clock = new FixedClock(new Date('2026-03-03T09:15:00.000Z'));
    const testApp = await startTestApp({ clock, env: { LOG_LEVEL: 'warn' } });
    try {
      const survey = await testApp.app
        .get(SurveysService)
        .createSurvey({ slug: 'monthly', title: 'Monthly', status: 'open', definition: MARKED_SURVEY });
      await testApp.db.query(`UPDATE survey SET time_granularity = 'month' WHERE id = $1`, [survey.id]);
      const open = (await testApp.http().get('/api/public/surveys/monthly').expect(200)).body as { versionId: string };
      await testApp
        .http()
        .post('/api/public/surveys/monthly/responses')
        .send({ versionId: open.versionId, answers: { adult: 'yes' }, idempotencyKey: 'monthly-first-xxxxxxxx' })
        .expect(201);
      clock.set(new Date('2026-03-28T22:40:00.000Z'));
      await testApp
        .http()
        .post('/api/public/surveys/monthly/responses')
        .send({ versionId: open.versionId, answers: { adult: 'no' }, idempotencyKey: 'monthly-second-xxxxxxx' })
        .expect(201);
      const expiries = (await testApp.db.query(`SELECT DISTINCT expires_on FROM submission_receipt`)).rows;
      expect(expiries).toHaveLength(1);
      // Still recognised as a retry seven days after the month ended.
      expect((expiries[0] as { expires_on: Date }).expires_on.toISOString().slice(0, 10) >= '2026-04-08').toBe(true);
    } finally {
      await testApp.close();
    }
  });
});

describe('the intake mixer across instances and restarts', () => {
  const clock = new FixedClock(new Date('2026-05-04T10:00:00.000Z'));
  let first: TestApp;

  beforeAll(async () => {
    first = await startTestApp({ clock, env: { LOG_LEVEL: 'warn' } });
    await first.app.get(SurveysService).createSurvey({ slug: 'marked', title: 'Order', status: 'open', definition: MARKED_SURVEY });
  });
  afterAll(() => first.close());

  it('runs once at a time across instances: a run finding the lock held does nothing', async () => {
    const holder = await first.db.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1)', [0x63616e64]);
      await expect(first.app.get(IntakeMixer).mix()).resolves.toEqual({ ran: false, moved: 0, pending: 0, spends: 0 });
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
  });

  it('leaves no submission order in the spent proofs either: a run rewrites them in random order', async () => {
    const store = first.app.get(SpentProofStore);
    const until = Date.parse('2026-05-04T10:10:00.000Z');
    // Reserved one at a time, in a known order, as submissions spend them.
    for (let i = 0; i < 1000; i++) expect(await store.reserve({ id: `proof-order-${String(i).padStart(4, '0')}`, until })).toBe(true);
    await mixNow(first);
    const rows = (await first.db.query(`SELECT token_hash, xmin::text AS tx, ctid::text AS ctid FROM spent_proof`)).rows as Array<{
      token_hash: Buffer;
      tx: string;
      ctid: string;
    }>;
    const position = new Map(
      Array.from({ length: 1000 }, (_, i) => [
        createHash('sha256')
          .update(`proof-order-${String(i).padStart(4, '0')}`)
          .digest('hex'),
        i,
      ]),
    );
    const mine = rows.filter((row) => position.has(row.token_hash.toString('hex')));
    expect(mine).toHaveLength(1000);
    const order = mine.map((row) => position.get(row.token_hash.toString('hex')) as number);
    expect(
      Math.abs(
        spearman(
          order,
          mine.map((row) => Number(row.tx)),
        ),
      ),
    ).toBeLessThan(0.1);
    expect(
      Math.abs(
        spearman(
          order,
          mine.map((row) => ctidNumber(row.ctid)),
        ),
      ),
    ).toBeLessThan(0.1);
    // Still spent, on every instance.
    expect(await store.reserve({ id: 'proof-order-0007', until })).toBe(false);
  });

  it('loses nothing pending when an instance stops: another moves it once the period has ended', async () => {
    const open = (await first.http().get('/api/public/surveys/marked').expect(200)).body as { versionId: string };
    for (let i = 0; i < 5; i++) {
      await first
        .http()
        .post('/api/public/surveys/marked/responses')
        .send({ versionId: open.versionId, answers: { adult: 'yes', marker: `r${i}` }, idempotencyKey: `restart-${i}-xxxxxxxxxxxx` })
        .expect(201);
    }
    expect((await first.app.get(IntakeMixer).mix()).moved).toBe(0); // the day is still running
    const laterClock = new FixedClock(new Date('2026-05-05T00:03:00.000Z'));
    const second = await startTestApp({ clock: laterClock, database: first.database, env: { LOG_LEVEL: 'warn' } });
    try {
      expect(await second.app.get(IntakeMixer).mix()).toMatchObject({ ran: true, moved: 5, pending: 0 });
      const rows = await first.db.query(`SELECT answers->>'marker' AS marker FROM response ORDER BY 1`);
      expect(rows.rows.map((r) => r.marker)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
      expect((await first.db.query('SELECT count(*)::int AS n FROM response_intake')).rows[0].n).toBe(0);
    } finally {
      await second.close();
    }
  });
});
