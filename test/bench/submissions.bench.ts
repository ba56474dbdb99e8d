/**
 * Validated submissions per second at 64 concurrent clients against the real API (its own
 * process, built app) and PostgreSQL, beside a raw `pg` insert of the same rows from 64
 * connections, in one run. Also p50/p99 latency and the API's resident memory before and
 * after. Proof of work is off here (POW_DIFFICULTY=0): solving is the client's cost, and the
 * server's share — verifying — is measured by bench:pow (0.4 ms per submission).
 *
 * Usage: npm run bench:submissions [-- --count 20000 --concurrency 64]   (--smoke: 2,000)
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { Pool } from 'pg';
import { startBuiltApp } from '../support/app-process';
import { residentMb, runLoad, type LoadResult } from '../support/load';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const smoke = process.argv.includes('--smoke');
const COUNT = argument('count', smoke ? 2000 : 20_000);
const CONCURRENCY = argument('concurrency', 64);
const ANSWERS = { adult: 'yes', screened_clients__before: 'yes', screened_clients__after: 'no', safety_tools: ['buddy', 'references'], violent_incident: 'yes', incident_reported: 'peers' };

function post(agent: Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const line = (label: string, result: LoadResult) =>
  `${label.padEnd(34)}| ${result.perSecond.toFixed(0).padStart(7)}/s | p50 ${result.percentile(50).toFixed(1).padStart(6)} ms | p99 ${result.percentile(99).toFixed(1).padStart(6)} ms`;

async function main(): Promise<void> {
  const app = await startBuiltApp({ POW_DIFFICULTY: '0', SUBMISSION_RATE_PER_MINUTE: '1000000', LOG_LEVEL: 'warn', MAINTENANCE_INTERVAL_MINUTES: '0' });
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const db = new Pool({ connectionString: app.database.url, max: CONCURRENCY });
  try {
    const survey = (await (await fetch(`${app.baseUrl}/api/public/surveys/demo`)).json()) as { versionId: string };
    const url = new URL(`${app.baseUrl}/api/public/surveys/demo/responses`);
    const submit = async () => post(agent, url, JSON.stringify({ versionId: survey.versionId, answers: ANSWERS, idempotencyKey: randomUUID() }));
    await runLoad(Math.min(2000, COUNT), CONCURRENCY, submit); // warm-up: JIT, pools, the validator's cache
    const rssBefore = residentMb(app.pid);
    // Resident memory sampled through the run: flat means it levels off, not that it never moves.
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(residentMb(app.pid)), 250);
    const api = await runLoad(COUNT, CONCURRENCY, submit);
    clearInterval(sampler);
    const rssAfter = residentMb(app.pid);
    const quarter = Math.max(1, Math.floor(samples.length / 4));
    const firstQuarterMax = Math.max(...samples.slice(0, quarter));
    const lastQuarterMax = Math.max(...samples.slice(-quarter));
    const stored = (await db.query('SELECT count(*)::int AS n FROM response')).rows[0].n as number;

    const raw = await runLoad(COUNT, CONCURRENCY, async () => {
      await db.query('INSERT INTO response (id, survey_version_id, period, answers) VALUES ($1, $2, $3, $4::jsonb)', [randomUUID(), survey.versionId, '2026-11-29', JSON.stringify(ANSWERS)]);
      return 201;
    });

    console.log(`submissions at ${CONCURRENCY} concurrent clients, ${COUNT} each (proof of work off), loopback, one run`);
    console.log(line('API: validated, idempotent intake', api));
    console.log(line('raw pg INSERT of the same rows', raw));
    console.log(`API ÷ raw: ${((100 * api.perSecond) / raw.perSecond).toFixed(0)}%; statuses ${JSON.stringify(api.statuses)}; stored ${stored - Math.min(2000, COUNT)} of ${COUNT}`);
    console.log(
      `API resident memory: ${rssBefore.toFixed(0)} MB before, peak ${firstQuarterMax.toFixed(0)} MB in the first quarter of the run and ${lastQuarterMax.toFixed(0)} MB in the last, ${rssAfter.toFixed(0)} MB after ${COUNT} submissions`,
    );
  } finally {
    agent.destroy();
    await db.end();
    await app.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
