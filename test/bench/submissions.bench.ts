/**
 * Validated submissions per second at 64 concurrent clients against the real API (its own
 * process, built app) and PostgreSQL, beside a raw `pg` insert of the same rows from 64
 * connections, in one run — for the demo survey and for the policy-impact template with
 * synthetic answer sets (demographics included). Also p50/p99 latency and the API's resident memory before and
 * after. Proof of work is off here (POW_DIFFICULTY=0): solving is the client's cost, and the
 * server's share — verifying — is measured by bench:pow (0.4 ms per submission).
 *
 * With `--instances 2` it also runs the demo load through HAProxy round-robin over two API
 * processes on the same database (rate limits shared in Redis at CANDOR_BENCH_REDIS_URL,
 * default redis://127.0.0.1:6379), beside one instance and the raw insert, in the same run.
 *
 * Usage: npm run bench:submissions [-- --count 20000 --concurrency 64 --mix-seconds 300 --instances 2]   (--smoke: 2,000)
 */
import { createHash, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { Pool } from 'pg';
import { buildPolicyImpactSurvey, canonicalJson } from '@candor/shared';
import { seededRandom, syntheticPolicyImpactAnswers } from '@candor/shared/testing';
import os from 'node:os';
import { freePort, startBuiltApp, type RunningApp } from '../support/app-process';
import { startHaproxy, type LoadBalancer } from '../support/haproxy';
import { residentMb, runLoad, type LoadResult } from '../support/load';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const smoke = process.argv.includes('--smoke');
const COUNT = argument('count', smoke ? 2000 : 20_000);
const CONCURRENCY = argument('concurrency', 64);
const MIX_SECONDS = argument('mix-seconds', 300);
const INSTANCES = argument('instances', 1);
const ANSWERS = {
  adult: 'yes',
  screened_clients__before: 'yes',
  screened_clients__after: 'no',
  safety_tools: ['buddy', 'references'],
  violent_incident: 'yes',
  incident_reported: 'peers',
};

function post(agent: Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const line = (label: string, result: LoadResult) =>
  `${label.padEnd(34)}| ${result.perSecond.toFixed(0).padStart(7)}/s | p50 ${result.percentile(50).toFixed(1).padStart(6)} ms | p99 ${result.percentile(99).toFixed(1).padStart(6)} ms`;

interface Measured {
  readonly api: LoadResult;
  readonly raw: LoadResult;
  readonly stored: number;
}

/** The API's intake and a raw insert of the same rows, one after the other, in the same run. */
async function measure(
  app: RunningApp,
  agent: Agent,
  db: Pool,
  slug: string,
  answerSets: readonly Record<string, unknown>[],
): Promise<Measured> {
  const survey = (await (await fetch(`${app.baseUrl}/api/public/surveys/${slug}`)).json()) as { versionId: string };
  const url = new URL(`${app.baseUrl}/api/public/surveys/${slug}/responses`);
  let next = 0;
  const nextAnswers = () => answerSets[next++ % answerSets.length] as Record<string, unknown>;
  const submit = async () =>
    post(agent, url, JSON.stringify({ versionId: survey.versionId, answers: nextAnswers(), idempotencyKey: randomUUID() }));
  const count = async () =>
    (
      await db.query(
        'SELECT count(*)::int AS n FROM stored_response r JOIN survey_version v ON v.id = r.survey_version_id WHERE v.id = $1',
        [survey.versionId],
      )
    ).rows[0].n as number;
  await runLoad(Math.min(2000, COUNT), CONCURRENCY, submit); // warm-up: JIT, pools, the validator's cache
  const before = await count();
  const api = await runLoad(COUNT, CONCURRENCY, submit);
  const stored = (await count()) - before;
  next = 0;
  const raw = await runLoad(COUNT, CONCURRENCY, async () => {
    await db.query('INSERT INTO response (id, survey_version_id, period, answers) VALUES ($1, $2, $3, $4::jsonb)', [
      randomUUID(),
      survey.versionId,
      '2026-11-29',
      JSON.stringify(nextAnswers()),
    ]);
    return 201;
  });
  return { api, raw, stored };
}

/** Opens the policy-impact template as a survey, straight in the database (the bench has no staff session). */
async function openPolicyImpactSurvey(db: Pool): Promise<string> {
  const definition = buildPolicyImpactSurvey({ eventName: 'FOSTA-SESTA', eventDate: '2018-04-11' });
  const surveyId = randomUUID();
  await db.query(`INSERT INTO survey (id, slug, title, status, opened_at) VALUES ($1, 'policy-impact', 'Policy impact', 'open', now())`, [
    surveyId,
  ]);
  await db.query('INSERT INTO survey_version (id, survey_id, number, definition, definition_hash) VALUES ($1, $2, 1, $3, $4)', [
    randomUUID(),
    surveyId,
    JSON.stringify(definition),
    createHash('sha256').update(canonicalJson(definition)).digest('hex'),
  ]);
  return 'policy-impact';
}

const report = (label: string, measured: Measured, goal: number) => {
  const ratio = (100 * measured.api.perSecond) / measured.raw.perSecond;
  console.log(line(`API: ${label}`, measured.api));
  console.log(line(`raw pg INSERT of the same rows`, measured.raw));
  console.log(
    `  API ÷ raw: ${ratio.toFixed(0)}% (goal ≥ ${goal}%); statuses ${JSON.stringify(measured.api.statuses)}; stored ${measured.stored} of ${COUNT}`,
  );
};

async function main(): Promise<void> {
  // The intake mixer's timer stays on, as in production (default 300 s; --mix-seconds to run it more often).
  const env = {
    POW_DIFFICULTY: '0',
    SUBMISSION_RATE_PER_MINUTE: '1000000',
    LOG_LEVEL: 'warn',
    MAINTENANCE_INTERVAL_MINUTES: '0',
    MIX_INTERVAL_SECONDS: String(MIX_SECONDS),
  };
  const app = await startBuiltApp(env);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const db = new Pool({ connectionString: app.database.url, max: CONCURRENCY });
  const others: RunningApp[] = [];
  let balancer: LoadBalancer | null = null;
  try {
    const rssBefore = residentMb(app.pid);
    // Resident memory sampled through the run: flat means it levels off, not that it never moves.
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(residentMb(app.pid)), 250);
    const demo = await measure(app, agent, db, 'demo', [ANSWERS]);
    clearInterval(sampler);
    const rssAfter = residentMb(app.pid);
    const quarter = Math.max(1, Math.floor(samples.length / 4));
    const firstQuarterMax = Math.max(...samples.slice(0, quarter));
    const lastQuarterMax = Math.max(...samples.slice(-quarter));

    const random = seededRandom(2018);
    const policyAnswers = Array.from({ length: 1000 }, () => syntheticPolicyImpactAnswers(random, { includeDemographics: true }));
    const policy = await measure(app, agent, db, await openPolicyImpactSurvey(db), policyAnswers);

    console.log(
      `submissions at ${CONCURRENCY} concurrent clients, ${COUNT} each (proof of work off, intake mixer every ~${MIX_SECONDS} s), loopback, one run`,
    );
    report('demo survey, validated intake', demo, 25);
    report('policy-impact template, synthetic full answer sets', policy, 50);

    if (INSTANCES > 1) {
      // N processes on the same database behind HAProxy, rate limits shared in Redis.
      const shared = {
        ...env,
        REDIS_URL: process.env['CANDOR_BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
        REDIS_KEY_PREFIX: `candor-bench-${randomUUID().slice(0, 8)}:`,
        SEED_DEMO_SURVEY: 'false',
      };
      for (let i = 0; i < INSTANCES; i++) others.push(await startBuiltApp(shared, { database: app.database }));
      balancer = await startHaproxy(
        await freePort(),
        others.map((other) => other.port),
      );
      const survey = (await (await fetch(`${app.baseUrl}/api/public/surveys/demo`)).json()) as { versionId: string };
      const spreadUrl = new URL(`${balancer.baseUrl}/api/public/surveys/demo/responses`);
      const submitSpread = async () =>
        post(agent, spreadUrl, JSON.stringify({ versionId: survey.versionId, answers: ANSWERS, idempotencyKey: randomUUID() }));
      await runLoad(Math.min(2000, COUNT), CONCURRENCY, submitSpread); // warm-up, as above
      const spread = await runLoad(COUNT, CONCURRENCY, submitSpread);
      console.log(line(`${INSTANCES} instances behind HAProxy + Redis`, spread));
      console.log(
        `  ${INSTANCES} instances ÷ one: ${((100 * spread.perSecond) / demo.api.perSecond).toFixed(0)}%; ÷ raw: ${((100 * spread.perSecond) / demo.raw.perSecond).toFixed(0)}%; statuses ${JSON.stringify(spread.statuses)} (${os.cpus().length} CPU cores on this machine)`,
      );
    }
    console.log(
      `API resident memory (demo run): ${rssBefore.toFixed(0)} MB before, peak ${firstQuarterMax.toFixed(0)} MB in the first quarter of the run and ${lastQuarterMax.toFixed(0)} MB in the last, ${rssAfter.toFixed(0)} MB after`,
    );
  } finally {
    agent.destroy();
    await db.end();
    await balancer?.stop();
    for (const other of others) await other.stop();
    await app.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
