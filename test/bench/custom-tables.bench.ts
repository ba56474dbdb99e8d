/**
 * Table-builder answer time (issue 17) on generated policy-impact responses, beside one
 * hand-written SQL GROUP BY over the same rows, in one run:
 *  - first: POST /api/surveys/:id/custom-tables for a three-way table (region × age band ×
 *    gender) on a survey with no custom table yet — the GROUP BY in SQL, the cell-key
 *    perturbation and suppression, the HiGHS audit of the new joint, the ledger write and
 *    the audit-log row;
 *  - repeat: the same table again (summed from the joint already shown: no audit);
 *  - smaller: region × gender, summed from the same joint;
 *  - baseline: SELECT answers->>'region', answers->>'age_band', answers->>'gender', count(*)
 *    … GROUP BY 1, 2, 3 — the least the same counts cost in PostgreSQL.
 *
 * Usage: npm run bench:tables [-- --sizes 1000,10000,100000 --runs 5]
 *        (--smoke: 1,000 and 10,000 responses, one run — what CI runs)
 * Uses DATABASE_URL when set, an embedded PostgreSQL otherwise (scripts/with-database.js).
 */
import { performance } from 'node:perf_hooks';
import { buildPolicyImpactSurvey, type CustomTableResult, type SurveyDetail } from '@candor/shared';
import { seededRandom, syntheticPolicyImpactAnswers } from '@candor/shared/testing';
import { staffAgent, giveResearchKey } from '../factories/staff';
import { startTestApp, type TestApp } from '../support/test-app';

const argument = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const smoke = process.argv.includes('--smoke');
const sizes = (argument('sizes') ?? (smoke ? '1000,10000' : '1000,10000,100000')).split(',').map(Number);
const runs = Number(argument('runs') ?? (smoke ? 1 : 5));
const BATCH = 5000;
const THREE_WAY = { questions: ['region', 'age_band', 'gender'] };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await run();
  return { ms: performance.now() - start, result };
}

async function appendResponses(testApp: TestApp, surveyId: string, count: number, random: () => number): Promise<void> {
  const version = await testApp.db.query<{ id: string }>(
    'SELECT id FROM survey_version WHERE survey_id = $1 ORDER BY number DESC LIMIT 1',
    [surveyId],
  );
  for (let start = 0; start < count; start += BATCH) {
    const answers = Array.from({ length: Math.min(BATCH, count - start) }, () => syntheticPolicyImpactAnswers(random));
    await testApp.db.query(
      `INSERT INTO response (id, survey_version_id, period, answers)
       SELECT gen_random_uuid(), $1, '2026-11-01', a FROM jsonb_array_elements($2::jsonb) AS a`,
      [version.rows[0]?.id, JSON.stringify(answers)],
    );
  }
  await testApp.db.query('VACUUM ANALYZE response');
}

async function main(): Promise<void> {
  const testApp = await startTestApp({ env: { LOG_LEVEL: 'warn' } });
  try {
    const researcher = await staffAgent(testApp, 'researcher');
    const template = buildPolicyImpactSurvey({ eventName: 'FOSTA-SESTA', eventDate: '2018-04-11' });
    const random = seededRandom(2017);
    console.log(`custom tables: a three-way table (region × age band × gender), median of ${runs} run(s) where repeated`);
    console.log('responses | first table | repeat | smaller (summed) | SQL GROUP BY | cells shown / hidden');
    for (const size of sizes) {
      const survey = (
        await researcher
          .post('/api/surveys', { slug: `bench-tables-${size}`, title: 'Bench', source: 'template', definition: template })
          .expect(201)
      ).body as SurveyDetail;
      await researcher
        .put(`/api/surveys/${survey.id}/settings`, {
          k: 11,
          minResponses: 100,
          minGroup: 40,
          timeGranularity: 'day',
          retentionDays: 365,
          crosstabs: [],
          perturbation: 'none',
        })
        .expect(200);
      await giveResearchKey(researcher, survey.id);
      await researcher.post(`/api/surveys/${survey.id}/open`).expect(200);
      await appendResponses(testApp, survey.id, size, random);
      const ask = (body: unknown) =>
        timed(async () => (await researcher.post(`/api/surveys/${survey.id}/custom-tables`, body).expect(200)).body as CustomTableResult);
      const first = await ask(THREE_WAY);
      if (first.result.status !== 'shown') throw new Error(`the first table was held: ${first.result.hold?.code}`);
      const repeats: number[] = [];
      const smaller: number[] = [];
      const baseline: number[] = [];
      for (let run = 0; run < runs; run++) {
        repeats.push((await ask(THREE_WAY)).ms);
        smaller.push((await ask({ questions: ['region', 'gender'] })).ms);
        baseline.push(
          (
            await timed(() =>
              testApp.db.query(
                `SELECT r.answers ->> 'region', r.answers ->> 'age_band', r.answers ->> 'gender', count(*)
                   FROM stored_response r JOIN survey_version v ON v.id = r.survey_version_id
                  WHERE v.survey_id = $1 GROUP BY 1, 2, 3`,
                [survey.id],
              ),
            )
          ).ms,
        );
      }
      const shown = first.result.cells.filter((cell) => cell.value !== null).length;
      console.log(
        `${size.toLocaleString('en')} | ${ms(first.ms)} | ${ms(median(repeats))} | ${ms(median(smaller))} | ${ms(median(baseline))} | ${shown} / ${first.result.cells.length - shown}`,
      );
    }
    const os = await import('node:os');
    console.log(
      `(load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${os.cpus().length} cores)`,
    );
  } finally {
    await testApp.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
