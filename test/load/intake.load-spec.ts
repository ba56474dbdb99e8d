import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SurveysService } from '@candor/api-testing';
import { runLoad } from '../support/load';
import { restartablePostgres, type RestartablePostgres } from '../support/restartable-postgres';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Load and fault tests (issue 6), bounded in count and time, on loopback:
 *  - 20,000 submissions from 64 concurrent clients: accepted == stored, 0 duplicates;
 *  - PostgreSQL restarted in the middle of a load: 0 acknowledged-but-lost, clients see 503
 *    and retry with the same idempotency key, and the API recovers without a restart.
 * Every submission carries a unique marker in a free-text answer, so the database can be
 * checked against exactly what the clients were told.
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

interface Client {
  readonly base: string;
  readonly agent: Agent;
  readonly versionId: string;
}

function post(client: Client, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      `${client.base}/api/public/surveys/marked/responses`,
      { method: 'POST', agent: client.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.setTimeout(15_000, () => req.destroy());
    req.on('error', () => resolve(0)); // the connection failed: the client does not know if it was stored
    req.end(body);
  });
}

/** A respondent's browser: sends, and on 503 or a failed connection retries with the same key. */
async function submitWithRetries(client: Client, marker: string, seen: Map<number, number>): Promise<number> {
  const body = JSON.stringify({ versionId: client.versionId, answers: { adult: 'yes', marker }, idempotencyKey: `load-${marker}` });
  for (let attempt = 0; attempt < 60; attempt++) {
    const status = await post(client, body);
    seen.set(status, (seen.get(status) ?? 0) + 1);
    if (status !== 503 && status !== 0) return status;
    await new Promise((resolve) => setTimeout(resolve, 100 + attempt * 50));
  }
  return -1;
}

async function markedSurvey(testApp: TestApp, base: string): Promise<Client> {
  await testApp.app.get(SurveysService).createSurvey({ slug: 'marked', title: 'Load', status: 'open', definition: MARKED_SURVEY });
  const survey = (await (await fetch(`${base}/api/public/surveys/marked`)).json()) as { versionId: string };
  return { base, agent: new Agent({ keepAlive: true, maxSockets: 64 }), versionId: survey.versionId };
}

async function listen(testApp: TestApp): Promise<string> {
  await testApp.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(testApp.app.getHttpServer().address() as AddressInfo).port}`;
}

async function storedMarkers(testApp: TestApp): Promise<{ total: number; distinct: number; markers: Set<string> }> {
  const rows = await testApp.db.query<{ marker: string }>(`SELECT answers->>'marker' AS marker FROM stored_response`);
  const markers = new Set(rows.rows.map((row) => row.marker));
  return { total: rows.rows.length, distinct: markers.size, markers };
}

describe('load: 20,000 submissions from 64 concurrent clients', () => {
  let testApp: TestApp;
  let client: Client;

  beforeAll(async () => {
    // The intake mixer runs every second or so during the load: its rewrites race the inserts.
    testApp = await startTestApp({ env: { LOG_LEVEL: 'warn', MIX_INTERVAL_SECONDS: '1' } });
    client = await markedSurvey(testApp, await listen(testApp));
  });
  afterAll(async () => {
    client?.agent.destroy();
    await testApp?.close();
  });

  it('stores exactly what it accepted, once each', async () => {
    const accepted = new Set<string>();
    const seen = new Map<number, number>();
    const result = await runLoad(20_000, 64, async (i) => {
      const marker = `m${i}-${randomUUID()}`;
      const status = await submitWithRetries(client, marker, seen);
      if (status === 201) accepted.add(marker);
      return status;
    });
    const stored = await storedMarkers(testApp);
    console.log(
      `20,000 submissions at 64 concurrent: ${result.perSecond.toFixed(0)}/s, p99 ${result.percentile(99).toFixed(1)} ms, statuses ${JSON.stringify(Object.fromEntries(seen))}`,
    );
    expect(accepted.size).toBe(20_000);
    expect(stored.total).toBe(accepted.size);
    expect(stored.distinct).toBe(stored.total);
    for (const marker of accepted) if (!stored.markers.has(marker)) throw new Error(`acknowledged but not stored: ${marker}`);
  }, 300_000);
});

describe('fault: PostgreSQL restarts in the middle of a load', () => {
  let postgres: RestartablePostgres;
  let testApp: TestApp;
  let client: Client;
  const previousUrl = process.env['DATABASE_URL'];

  beforeAll(async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const chosen = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(chosen));
      });
    });
    postgres = await restartablePostgres(port);
    process.env['DATABASE_URL'] = postgres.serverUrl;
    testApp = await startTestApp({ env: { LOG_LEVEL: 'error', DATABASE_POOL_SIZE: '10', MIX_INTERVAL_SECONDS: '1' } });
    process.env['DATABASE_URL'] = previousUrl;
    client = await markedSurvey(testApp, await listen(testApp));
  }, 120_000);

  afterAll(async () => {
    client?.agent.destroy();
    await testApp?.close().catch(() => undefined);
    await postgres?.remove();
  });

  it('loses no acknowledged submission, stores none twice, answers 503 meanwhile, and recovers without a restart', async () => {
    const accepted = new Set<string>();
    const seen = new Map<number, number>();
    let restarted = false;
    const restart = (async () => {
      while (accepted.size < 1000) await new Promise((resolve) => setTimeout(resolve, 20));
      await postgres.stop();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await postgres.start();
      restarted = true;
    })();
    await runLoad(5000, 64, async (i) => {
      const marker = `f${i}-${randomUUID()}`;
      const status = await submitWithRetries(client, marker, seen);
      if (status === 201) accepted.add(marker);
      return status;
    });
    await restart;
    expect(restarted).toBe(true);
    console.log(`restart under load: statuses seen ${JSON.stringify(Object.fromEntries(seen))}`);
    expect(seen.get(503) ?? 0).toBeGreaterThan(0);
    expect(seen.get(500) ?? 0).toBe(0);
    expect(accepted.size).toBe(5000);
    const stored = await storedMarkers(testApp);
    expect(stored.distinct).toBe(stored.total);
    expect(stored.total).toBe(5000);
    for (const marker of accepted) if (!stored.markers.has(marker)) throw new Error(`acknowledged but not stored: ${marker}`);
    // The same process serves again.
    expect((await fetch(`${client.base}/api/health`)).status).toBe(200);
  }, 300_000);
});
