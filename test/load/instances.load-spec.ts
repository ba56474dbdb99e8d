import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import Redis from 'ioredis';
import { SurveysService } from '@candor/api-testing';
import { freePort, startBuiltApp, type RunningApp } from '../support/app-process';
import { startHaproxy, type LoadBalancer } from '../support/haproxy';
import { runLoad } from '../support/load';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 16 point 4: two built API processes on one PostgreSQL behind HAProxy (Debian's
 * package, on loopback ports), with shared rate limits in Redis. 20,000 submissions with
 * proof of work go round-robin through the load balancer while one instance is killed
 * (SIGKILL) and restarted; then proofs and no-JS tickets are replayed on both instances,
 * and sign-in attempts are counted against one limit across both.
 * Checks: accepted = stored, 0 duplicates, 0 acknowledged-but-lost, every replay refused,
 * the limit counted once.
 */

const REDIS_URL = process.env['CANDOR_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const SUBMISSIONS = Number(process.env['CANDOR_LOAD_SUBMISSIONS'] ?? 20_000);
const CONCURRENCY = 64;
const LOGIN_LIMIT = 10;

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

interface Reply {
  readonly status: number;
  readonly body: string;
  readonly location?: string | undefined;
}

function send(agent: Agent, url: string, method: 'GET' | 'POST', body?: string, contentType = 'application/json'): Promise<Reply> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> =
      body === undefined ? {} : { 'content-type': contentType, 'content-length': Buffer.byteLength(body) };
    const req = request(url, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
          location: typeof res.headers.location === 'string' ? res.headers.location : undefined,
        }),
      );
      res.on('error', () => resolve({ status: 0, body: '' }));
    });
    req.setTimeout(20_000, () => req.destroy());
    // The connection failed: the client does not know whether it was stored.
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(body);
  });
}

const transient = (status: number) => status === 0 || status === 502 || status === 503 || status === 504;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 50 + attempt * 50));

describe('two instances behind HAProxy, one killed and restarted mid-load', () => {
  const prefix = `candor-load-${randomBytes(6).toString('hex')}:`;
  let testApp: TestApp;
  let instances: RunningApp[] = [];
  let haproxy: LoadBalancer | null = null;
  let lb = '';
  let env: Record<string, string>;
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

  beforeAll(async () => {
    // Migrations and the survey through an in-process app; the instances are the built API.
    testApp = await startTestApp({ env: { LOG_LEVEL: 'warn' } });
    await testApp.app.get(SurveysService).createSurvey({ slug: 'marked', title: 'Load', status: 'open', definition: MARKED_SURVEY });
    env = {
      LOG_LEVEL: 'error',
      POW_DIFFICULTY: '2',
      POW_SECRET: randomBytes(32).toString('hex'),
      OUTREACH_CODE_SECRET: randomBytes(32).toString('hex'),
      NOJS_MIN_SECONDS: '0',
      SUBMISSION_RATE_PER_MINUTE: '1000000',
      LOGIN_RATE_PER_MINUTE: String(LOGIN_LIMIT),
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      SEED_DEMO_SURVEY: 'false',
      MAINTENANCE_INTERVAL_MINUTES: '0',
      DATABASE_POOL_SIZE: '10',
    };
    instances = await Promise.all([startBuiltApp(env, { database: testApp.database }), startBuiltApp(env, { database: testApp.database })]);
    const port = await freePort();
    haproxy = await startHaproxy(
      port,
      instances.map((instance) => instance.port),
    );
    lb = haproxy.baseUrl;
  }, 180_000);

  afterAll(async () => {
    agent.destroy();
    await haproxy?.stop();
    for (const instance of instances) await instance.stop().catch(() => undefined);
    await testApp?.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`).catch(() => [] as string[]);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  /** A solved challenge from whichever instance the load balancer picks. */
  async function proof(): Promise<string> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const reply = await send(agent, `${lb}/api/public/surveys/marked/challenge`, 'GET');
      if (reply.status === 200) {
        const challenge = JSON.parse(reply.body) as Challenge;
        const solution = await solveChallenge({ challenge, deriveKey });
        return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
      }
      await pause(attempt);
    }
    throw new Error('no challenge could be fetched');
  }

  it('stores exactly what it accepted across a crash, refuses every replay, and counts the limit once', async () => {
    const { versionId } = JSON.parse((await send(agent, `${lb}/api/public/surveys/marked`, 'GET')).body) as { versionId: string };
    const accepted = new Map<string, string>();
    const seen = new Map<number, number>();
    const count = (status: number) => seen.set(status, (seen.get(status) ?? 0) + 1);
    const failures = new Map<string, number>();

    /** A respondent's browser: retries with the same key; a new puzzle if the crash burnt the proof. */
    const respondent = async (i: number): Promise<number> => {
      const marker = `m${i}-${randomUUID()}`;
      let proofOfWork = await proof();
      for (let attempt = 0; attempt < 80; attempt++) {
        const body = JSON.stringify({ versionId, answers: { adult: 'yes', marker }, idempotencyKey: `load-${marker}`, proofOfWork });
        const reply = await send(agent, `${lb}/api/public/surveys/marked/responses`, 'POST', body);
        count(reply.status);
        if (reply.status >= 500) {
          const source = reply.body.includes('No server is available')
            ? 'haproxy: no server'
            : (/"code":"([A-Z_]+)"/.exec(reply.body)?.[1] ?? reply.body.slice(0, 40));
          failures.set(`${reply.status} ${source}`, (failures.get(`${reply.status} ${source}`) ?? 0) + 1);
        }
        if (reply.status === 201) {
          accepted.set(marker, proofOfWork);
          return 201;
        }
        if (reply.status === 400 && reply.body.includes('PROOF_OF_WORK_INVALID')) proofOfWork = await proof();
        else if (!transient(reply.status)) return reply.status;
        else await pause(attempt);
      }
      return -1;
    };

    const victim = instances[1] as RunningApp;
    let crashed = false;
    const crash = (async () => {
      while (accepted.size < SUBMISSIONS * 0.3) await pause(2);
      await victim.kill();
      const atKill = accepted.size;
      while (accepted.size < atKill + SUBMISSIONS * 0.1) await pause(2);
      instances[1] = await startBuiltApp(env, { database: testApp.database, port: victim.port });
      crashed = true;
    })();
    const result = await runLoad(SUBMISSIONS, CONCURRENCY, respondent);
    await crash;
    expect(crashed).toBe(true);
    console.log(
      `two instances behind HAProxy, one killed and restarted: ${SUBMISSIONS} submissions at ${CONCURRENCY} clients in ${result.seconds.toFixed(1)} s ` +
        `(${result.perSecond.toFixed(0)}/s with a challenge each), p99 ${result.percentile(99).toFixed(0)} ms, statuses ${JSON.stringify(Object.fromEntries(seen))}, 5xx by source ${JSON.stringify(Object.fromEntries(failures))}`,
    );

    // Accepted = stored, once each, none lost.
    const rows = (await testApp.db.query<{ marker: string }>(`SELECT answers->>'marker' AS marker FROM stored_response`)).rows;
    const stored = new Set(rows.map((row) => row.marker));
    expect(result.statuses).toEqual({ 201: SUBMISSIONS });
    expect(accepted.size).toBe(SUBMISSIONS);
    expect(rows.length).toBe(accepted.size);
    expect(stored.size).toBe(rows.length);
    for (const marker of accepted.keys()) if (!stored.has(marker)) throw new Error(`acknowledged but not stored: ${marker}`);

    // Both instances serve again (the restarted one too).
    for (const instance of instances) expect((await send(agent, `${instance.baseUrl}/api/health`, 'GET')).status).toBe(200);

    // Every spent proof is refused on both instances, with a new idempotency key.
    const sample = [...accepted.values()].filter((_, i) => i % Math.max(1, Math.floor(SUBMISSIONS / 100)) === 0);
    const replays: number[] = [];
    for (const proofOfWork of sample) {
      for (const instance of instances) {
        const body = JSON.stringify({ versionId, answers: { adult: 'no' }, idempotencyKey: `replay-${randomUUID()}`, proofOfWork });
        replays.push((await send(agent, `${instance.baseUrl}/api/public/surveys/marked/responses`, 'POST', body)).status);
      }
    }
    expect(replays.length).toBeGreaterThanOrEqual(200);
    expect(replays.every((status) => status === 400)).toBe(true);

    // No-JS tickets: each stores once; a copy in another form is refused on both instances.
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const formContentType = 'application/x-www-form-urlencoded';
    // As a browser sends a form: the POST, then the one-time page it redirects to (POST-redirect-GET).
    const sendForm = async (base: string, body: string) => {
      const posted = await send(agent, `${base}/f/marked`, 'POST', body, formContentType);
      return posted.status === 303 && posted.location ? send(agent, `${base}${posted.location}`, 'GET') : posted;
    };
    let ticketReplaysRefused = 0;
    for (let i = 0; i < 20; i++) {
      const first = await send(agent, `${lb}/f/marked`, 'GET');
      const state = /name="state" value="([^"]*)"/.exec(first.body)?.[1] as string;
      const done = await sendForm(lb, form({ state, action: 'next', adult: 'yes', marker: `nojs-${i}` }));
      expect(done.body).toContain('Thank you');
      const decoded = JSON.parse(Buffer.from(state, 'base64url').toString('utf8'));
      for (const instance of instances) {
        const copy = Buffer.from(JSON.stringify({ ...decoded, k: randomBytes(18).toString('base64url') })).toString('base64url');
        const replay = await sendForm(instance.baseUrl, form({ state: copy, action: 'next', adult: 'yes', marker: `copy-${i}` }));
        if (!replay.body.includes('Thank you')) ticketReplaysRefused++;
      }
    }
    expect(ticketReplaysRefused).toBe(40);
    const nojs = (await testApp.db.query(`SELECT count(*)::int AS n FROM stored_response WHERE answers->>'marker' LIKE 'nojs-%'`)).rows[0]
      .n;
    const copies = (await testApp.db.query(`SELECT count(*)::int AS n FROM stored_response WHERE answers->>'marker' LIKE 'copy-%'`)).rows[0]
      .n;
    expect({ nojs, copies }).toEqual({ nojs: 20, copies: 0 });

    // The sign-in limit is counted once across both instances (Redis), not once per instance.
    const logins: number[] = [];
    for (let i = 0; i < LOGIN_LIMIT * 2; i++) {
      logins.push(
        (await send(agent, `${lb}/api/auth/login`, 'POST', JSON.stringify({ email: 'nobody@candor.test', password: 'not the password' })))
          .status,
      );
    }
    console.log(`sign-in attempts through the load balancer: ${JSON.stringify(logins)}`);
    expect(logins.filter((status) => status !== 429)).toHaveLength(LOGIN_LIMIT);
    expect(logins.slice(LOGIN_LIMIT).every((status) => status === 429)).toBe(true);
  }, 900_000);
});
