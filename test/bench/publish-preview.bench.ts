/**
 * Publish-preview time on generated policy-impact responses, beside one hand-written SQL
 * GROUP BY pass over the same rows, in one run:
 *  - preview: POST /api/surveys/:id/publications/preview as an organizer (the GROUPING SETS
 *    aggregation, primary and complementary suppression, the HiGHS interval audit, statistics);
 *  - of which aggregation: the GROUPING SETS query alone (AggregationRepository), and
 *    release: suppression, the audit and statistics on those counts (buildRelease);
 *  - baseline: SELECT question, answer, count(*) … GROUP BY over jsonb_each — the least a
 *    frequency table of every question costs in PostgreSQL.
 * The survey declares one cross-tab (by age band), as a real release would.
 *
 * Usage: npm run bench:publish [-- --sizes 400,1000,10000,100000,1000000 --runs 3]
 *        (--smoke: 1,000 and 10,000 responses, one run — what CI runs)
 * Small surveys are where suppression and the audit work hardest; large ones where the
 * aggregation does.
 * Uses DATABASE_URL when set, an embedded PostgreSQL otherwise (scripts/with-database.js).
 */
import { performance } from 'node:perf_hooks';
import { buildCatalogue, buildPolicyImpactSurvey, buildRelease, seededRandom, syntheticPolicyImpactAnswers, type PublicationPreview, type SurveyDetail } from '@candor/shared';
import { AggregationRepository, AuditSolver } from '@candor/api-testing';
import { staffAgent } from '../factories/staff';
import { startTestApp, type TestApp } from '../support/test-app';


const argument = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const smoke = process.argv.includes('--smoke');
const sizes = (argument('sizes') ?? (smoke ? '1000,10000' : '400,1000,10000,100000')).split(',').map(Number);
const runs = Number(argument('runs') ?? (smoke ? 1 : 3));
const CROSSTABS = [['age_band']];
const BATCH = 5000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await run();
  return { ms: performance.now() - start, result };
}

/** Appends generated responses in batches of 5,000 (one JSON array parameter each). */
async function appendResponses(testApp: TestApp, surveyId: string, from: number, to: number, random: () => number): Promise<void> {
  const version = await testApp.db.query<{ id: string }>('SELECT id FROM survey_version WHERE survey_id = $1 ORDER BY number DESC LIMIT 1', [surveyId]);
  for (let start = from; start < to; start += BATCH) {
    const answers = Array.from({ length: Math.min(BATCH, to - start) }, () => syntheticPolicyImpactAnswers(random));
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
    const organizer = await staffAgent(testApp, 'organizer');
    const template = buildPolicyImpactSurvey({ eventName: 'FOSTA-SESTA', eventDate: '2018-04-11' });
    const created = (await researcher.post('/api/surveys', { slug: 'bench', title: 'Bench', source: 'template', definition: template }).expect(201)).body as SurveyDetail;
    await researcher
      .put(`/api/surveys/${created.id}/settings`, { k: 11, minResponses: 100, minGroup: 40, timeGranularity: 'day', retentionDays: 365, crosstabs: CROSSTABS, perturbation: 'none' })
      .expect(200);
    await researcher.post(`/api/surveys/${created.id}/open`).expect(200);
    const catalogue = buildCatalogue(template, { crosstabs: CROSSTABS });
    const aggregation = testApp.app.get(AggregationRepository);
    const solver = testApp.app.get(AuditSolver);
    const random = seededRandom(2018);

    console.log(`publish preview, policy-impact template (${catalogue.tables.length} tables, ${catalogue.pairs.length} pairs, ${catalogue.joints.length} joints, cross-tab by age band), median of ${runs}`);
    console.log('responses  | preview  | aggregation | release+audit | SQL GROUP BY | preview / GROUP BY | hidden | rss');
    console.log('-----------|----------|-------------|---------------|--------------|--------------------|--------|-------');
    let stored = 0;
    for (const size of sizes) {
      await appendResponses(testApp, created.id, stored, size, random);
      stored = size;
      const previews: number[] = [];
      const aggregations: number[] = [];
      const releases: number[] = [];
      const baselines: number[] = [];
      let last: PublicationPreview | null = null;
      for (let run = 0; run < runs; run++) {
        const baseline = await timed(() =>
          testApp.db.query(
            `SELECT q.key, q.value, count(*)
               FROM response r JOIN survey_version v ON v.id = r.survey_version_id, jsonb_each(r.answers) AS q
              WHERE v.survey_id = $1
              GROUP BY q.key, q.value`,
            [created.id],
          ),
        );
        baselines.push(baseline.ms);
        const counted = await timed(() => aggregation.countJoints(created.id, catalogue));
        aggregations.push(counted.ms);
        const released = await timed(() =>
          buildRelease({
            catalogue,
            counts: counted.result.counts,
            responses: counted.result.responses,
            settings: { k: 11, minResponses: 100, minGroup: 40, perturbation: 'none' },
            survey: { slug: 'bench', title: 'Bench', locales: ['en'] },
            number: 1,
            publishedOn: '2026-11-29',
            window: { from: '2026-11-01', to: '2026-11-29' },
            ledger: [],
            solver,
          }),
        );
        releases.push(released.ms);
        const preview = await timed(async () => (await organizer.post(`/api/surveys/${created.id}/publications/preview`).expect(200)).body as PublicationPreview);
        previews.push(preview.ms);
        last = preview.result;
      }
      const p = median(previews);
      const a = median(aggregations);
      const r = median(releases);
      const b = median(baselines);
      const hidden = last?.suppressions.length ?? 0;
      console.log(
        `${String(size).padEnd(10)} | ${seconds(p).padEnd(8)} | ${seconds(a).padEnd(11)} | ${seconds(r).padEnd(13)} | ${seconds(b).padEnd(12)} | ${(p / b).toFixed(2).padEnd(18)} | ${String(hidden).padEnd(6)} | ${Math.round(process.memoryUsage().rss / 1048576)} MB`,
      );
      if (!last?.canPublish) console.log(`  (not publishable: ${last?.blocks.map((block) => block.code).join(', ')})`);
    }
  } finally {
    await testApp.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
