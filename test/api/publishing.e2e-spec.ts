import { buildCatalogue, buildPolicyImpactSurvey, type StaffPreview, type SurveyDetail } from '@candor/shared';
import { countJointsInMemory, seededRandom } from '@candor/shared/testing';
import { AggregationRepository } from '@candor/api-testing';
import { insertResponses, policyImpactAnswers, sealedAsBrowsersSend } from '../factories/responses';
import { staffAgent, type StaffAgent, giveResearchKey } from '../factories/staff';
import { newKey } from '../factories/surveys';
import { FixedClock, startTestApp, type TestApp } from '../support/test-app';

/** Audits are CPU-bound integer programs: generous on a shared, loaded machine. */
const PUBLISHING_TIMEOUT = 240_000;

const template = buildPolicyImpactSurvey({ eventName: 'FOSTA-SESTA', eventDate: '2018-04-11' });

describe('publishing aggregate findings', () => {
  const clock = new FixedClock(new Date('2026-11-20T12:00:00Z'));
  let testApp: TestApp;
  let researcher: StaffAgent;
  let organizer: StaffAgent;
  let counter = 0;

  const openTemplateSurvey = async (settings: Record<string, unknown> = {}): Promise<SurveyDetail> => {
    const created = (
      await researcher
        .post('/api/surveys', { slug: `pub-${++counter}`, title: 'Impact', source: 'template', definition: template })
        .expect(201)
    ).body as SurveyDetail;
    if (Object.keys(settings).length > 0) {
      await researcher
        .put(`/api/surveys/${created.id}/settings`, {
          k: 11,
          minResponses: 100,
          minGroup: 40,
          timeGranularity: 'day',
          retentionDays: 365,
          crosstabs: [],
          perturbation: 'none',
          ...settings,
        })
        .expect(200);
    }
    await giveResearchKey(researcher, created.id);
    return (await researcher.post(`/api/surveys/${created.id}/open`).expect(200)).body;
  };
  const preview = async (survey: SurveyDetail): Promise<StaffPreview> =>
    (await organizer.post(`/api/surveys/${survey.id}/publications/preview`).expect(200)).body;

  beforeAll(async () => {
    testApp = await startTestApp({ clock });
    researcher = await staffAgent(testApp, 'researcher');
    organizer = await staffAgent(testApp, 'organizer');
  });
  afterAll(() => testApp.close());

  it(
    'counts in SQL exactly what the reference implementation counts in memory',
    async () => {
      const survey = await openTemplateSurvey({ crosstabs: [['age_band'], ['region', 'gender']] });
      const answers = policyImpactAnswers(400, 21);
      await insertResponses(testApp, survey.id, answers);
      const catalogue = buildCatalogue(template, { crosstabs: [['age_band'], ['region', 'gender']] });
      const fromSql = await testApp.app.get(AggregationRepository).countJoints(survey.id, catalogue);
      const inMemory = countJointsInMemory(
        catalogue,
        answers.map((a) => ({ answers: a })),
      );
      expect(fromSql.responses).toBe(400);
      expect(fromSql.unknownAnswers).toBe(0);
      for (const joint of catalogue.joints) {
        const sql = Object.fromEntries([...(fromSql.counts.get(joint.id) ?? [])].map(([key, cell]) => [key, cell.count]));
        const memory = Object.fromEntries([...(inMemory.get(joint.id) ?? [])].map(([key, cell]) => [key, cell.count]));
        expect({ joint: joint.id, counts: sql }).toEqual({ joint: joint.id, counts: memory });
      }
    },
    PUBLISHING_TIMEOUT,
  );

  it(
    'previews and publishes two single-question cross-tabs that share a grouping set (region by age band and age band by region)',
    async () => {
      const crosstabs = [['age_band'], ['region']];
      const survey = await openTemplateSurvey({ crosstabs, k: 5, minGroup: 20 });
      const answers = policyImpactAnswers(220, 31);
      await insertResponses(testApp, survey.id, answers);
      const catalogue = buildCatalogue(template, { crosstabs });
      const fromSql = await testApp.app.get(AggregationRepository).countJoints(survey.id, catalogue);
      const inMemory = countJointsInMemory(
        catalogue,
        answers.map((a) => ({ answers: a })),
      );
      for (const joint of catalogue.joints) {
        const sql = Object.fromEntries([...(fromSql.counts.get(joint.id) ?? [])].map(([key, cell]) => [key, cell.count]));
        const memory = Object.fromEntries([...(inMemory.get(joint.id) ?? [])].map(([key, cell]) => [key, cell.count]));
        expect({ joint: joint.id, counts: sql }).toEqual({ joint: joint.id, counts: memory });
      }
      const result = await preview(survey);
      expect(result.audit?.passed).toBe(true);
      expect(result.canPublish).toBe(true);
      await organizer.post(`/api/surveys/${survey.id}/publications`).expect(201);
    },
    PUBLISHING_TIMEOUT,
  );

  it(
    'counts in SQL what memory counts for random cross-tab settings the settings allow',
    async () => {
      const groupable = ['age_band', 'gender', 'region', 'adult', 'sole_income', 'worked__before', 'worked__after'];
      const random = seededRandom(77);
      const pickOne = () => groupable[Math.floor(random() * groupable.length)] as string;
      const answers = policyImpactAnswers(150, 32);
      for (let trial = 0; trial < 6; trial++) {
        const crosstabs: string[][] = [];
        const wanted = 1 + Math.floor(random() * 3);
        const seen = new Set<string>();
        while (crosstabs.length < wanted) {
          const group = random() < 0.5 ? [pickOne()] : [pickOne(), pickOne()];
          const key = [...group].sort().join('|');
          if (new Set(group).size !== group.length || seen.has(key)) continue;
          seen.add(key);
          crosstabs.push(group);
        }
        const survey = await openTemplateSurvey({ crosstabs });
        await insertResponses(testApp, survey.id, answers);
        const catalogue = buildCatalogue(template, { crosstabs });
        const fromSql = await testApp.app.get(AggregationRepository).countJoints(survey.id, catalogue);
        const inMemory = countJointsInMemory(
          catalogue,
          answers.map((a) => ({ answers: a })),
        );
        for (const joint of catalogue.joints) {
          const sql = Object.fromEntries([...(fromSql.counts.get(joint.id) ?? [])].map(([key, cell]) => [key, cell.count]));
          const memory = Object.fromEntries([...(inMemory.get(joint.id) ?? [])].map(([key, cell]) => [key, cell.count]));
          expect({ crosstabs, joint: joint.id, counts: sql }).toEqual({ crosstabs, joint: joint.id, counts: memory });
        }
      }
    },
    PUBLISHING_TIMEOUT,
  );

  it(
    'refuses, when saved, cross-tab settings that declare the same grouping twice',
    async () => {
      const created = (
        await researcher
          .post('/api/surveys', { slug: `pub-${++counter}`, title: 'Impact', source: 'template', definition: template })
          .expect(201)
      ).body as SurveyDetail;
      const settings = { k: 11, minResponses: 100, minGroup: 40, timeGranularity: 'day', retentionDays: 365, perturbation: 'none' };
      const refused = await researcher.put(`/api/surveys/${created.id}/settings`, {
        ...settings,
        crosstabs: [
          ['region', 'gender'],
          ['gender', 'region'],
        ],
      });
      expect(refused.status).toBe(400);
      expect(refused.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'crosstabs[1]', code: 'DUPLICATE' })]));
    },
    PUBLISHING_TIMEOUT,
  );

  it(
    'publishes nothing below the release floor and says why, without the count',
    async () => {
      const survey = await openTemplateSurvey();
      await insertResponses(testApp, survey.id, policyImpactAnswers(60, 1));
      const result = await preview(survey);
      expect(result.canPublish).toBe(false);
      expect(result.snapshot).toBeNull();
      expect(result.blocks[0]?.code).toBe('BELOW_RELEASE_FLOOR');
      const refused = await organizer.post(`/api/surveys/${survey.id}/publications`);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('RELEASE_BLOCKED');
      expect((await testApp.db.query('SELECT count(*)::int AS n FROM publication WHERE survey_id = $1', [survey.id])).rows[0].n).toBe(0);
      await testApp.http().get(`/api/public/dashboards/${survey.slug}`).expect(404);
    },
    PUBLISHING_TIMEOUT,
  );

  it(
    'previews exactly what it then publishes, stores an immutable snapshot with its ledger, and serves it publicly',
    async () => {
      const survey = await openTemplateSurvey();
      await insertResponses(testApp, survey.id, policyImpactAnswers(180, 2));
      const previewed = await preview(survey);
      expect(previewed.canPublish).toBe(true);
      expect(previewed.audit?.passed).toBe(true);
      expect(previewed.suppressions.length).toBeGreaterThan(0);

      const published = (await organizer.post(`/api/surveys/${survey.id}/publications`).expect(201)).body;
      expect(published.publication).toMatchObject({ number: 1, responses: 180, withdrawnAt: null, publishedBy: organizer.email });
      expect(published.preview.snapshot).toEqual(previewed.snapshot);

      const dashboard = (await testApp.http().get(`/api/public/dashboards/${survey.slug}`).expect(200)).body;
      expect(dashboard).toEqual(previewed.snapshot);
      expect(dashboard.window).toEqual({ from: '2026-11-20', to: '2026-11-20' });
      expect(JSON.stringify(dashboard)).not.toMatch(/primary|complementary|suppressions/);

      const ledger = await testApp.db.query(
        'SELECT count(*)::int AS n FROM release_ledger_entry e JOIN publication p ON p.id = e.publication_id WHERE p.survey_id = $1',
        [survey.id],
      );
      expect(ledger.rows[0].n).toBeGreaterThan(100);
      await expect(testApp.db.query(`UPDATE publication SET snapshot = '{}' WHERE survey_id = $1`, [survey.id])).rejects.toThrow(
        /immutable/,
      );
      await expect(testApp.db.query(`DELETE FROM publication WHERE survey_id = $1`, [survey.id])).rejects.toThrow(/never deleted/);
      await expect(testApp.db.query(`DELETE FROM release_ledger_entry`)).rejects.toThrow(/append-only/);
    },
    PUBLISHING_TIMEOUT,
  );

  it(
    'downloads exactly the published snapshot as CSV and JSON',
    async () => {
      const survey = await openTemplateSurvey();
      await insertResponses(testApp, survey.id, policyImpactAnswers(150, 3));
      await organizer.post(`/api/surveys/${survey.id}/publications`).expect(201);
      const snapshot = (await testApp.http().get(`/api/public/dashboards/${survey.slug}`).expect(200)).body;

      const json = await testApp.http().get(`/api/public/dashboards/${survey.slug}/snapshot.json`).expect(200);
      expect(json.headers['content-disposition']).toBe(`attachment; filename="candor-${survey.slug}-1.json"`);
      expect(json.body).toEqual(snapshot);

      const csv = await testApp.http().get(`/api/public/dashboards/${survey.slug}/snapshot.csv?lang=es`).expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toBe('table,kind,question,group,category,count,percent,ci_low,ci_high,n,note');
      expect(lines[1]).toBe(`survey,total,,,responses,150,,,,,`);
      const suppressedInSnapshot = JSON.stringify(snapshot).match(/"count":null/g)?.length ?? 0;
      expect(lines.filter((line) => line.endsWith(',suppressed')).length).toBeGreaterThanOrEqual(suppressedInSnapshot);
      expect(csv.text).toContain('¿Tienes 18 años o más?');
    },
    PUBLISHING_TIMEOUT,
  );

  it(
    'holds a release whose numbers moved by less than k since the last one, and compares with the last published',
    async () => {
      const survey = await openTemplateSurvey();
      await insertResponses(testApp, survey.id, policyImpactAnswers(150, 4));
      await organizer.post(`/api/surveys/${survey.id}/publications`).expect(201);
      await insertResponses(testApp, survey.id, policyImpactAnswers(4, 5));
      const held = await preview(survey);
      expect(held.canPublish).toBe(false);
      expect(held.comparedWith).toBe(1);
      expect(held.blocks.map((b) => b.code)).toEqual(['HELD_BY_TIME_RULE']);
      // Staff see the reason, never the numbers that moved (P4): they would be the newest answers.
      expect(held).toMatchObject({ snapshot: null, held: [], suppressions: [], audit: null });
      await organizer.post(`/api/surveys/${survey.id}/publications`).expect(409);
    },
    PUBLISHING_TIMEOUT,
  );

  it(
    'withdraws a snapshot: gone from the public dashboard, kept in the ledger for later audits',
    async () => {
      const survey = await openTemplateSurvey();
      await insertResponses(testApp, survey.id, policyImpactAnswers(150, 6));
      const { publication } = (await organizer.post(`/api/surveys/${survey.id}/publications`).expect(201)).body;
      await organizer.post(`/api/surveys/${survey.id}/publications/${publication.id}/withdraw`).expect(200);
      const gone = await testApp.http().get(`/api/public/dashboards/${survey.slug}`).expect(410);
      expect(gone.body).toMatchObject({
        code: 'RELEASE_WITHDRAWN',
        message: 'These findings were withdrawn on 2026-11-20.',
        details: [{ path: 'withdrawnOn', message: '2026-11-20' }],
      });
      const list = (await researcher.get(`/api/surveys/${survey.id}/publications`).expect(200)).body;
      expect(list[0]).toMatchObject({ number: 1, withdrawnAt: expect.any(String) });
      await organizer.post(`/api/surveys/${survey.id}/publications/${publication.id}/withdraw`).expect(409);
      // The withdrawn release still counts: a small change since it holds the next one.
      await insertResponses(testApp, survey.id, policyImpactAnswers(3, 7));
      expect((await preview(survey)).blocks.map((b) => b.code)).toContain('HELD_BY_TIME_RULE');
    },
    PUBLISHING_TIMEOUT,
  );

  it(
    'withdrawing the latest release says so on the public page; an earlier release does not come back on its own',
    async () => {
      const survey = await openTemplateSurvey();
      await insertResponses(testApp, survey.id, policyImpactAnswers(150, 8));
      const { publication } = (await organizer.post(`/api/surveys/${survey.id}/publications`).expect(201)).body;
      // A second release (its audit is tested elsewhere): release 1's numbers under number 2.
      const second = await testApp.db.query<{ id: string }>(
        `INSERT INTO publication (id, survey_id, number, snapshot, published_by, published_at)
       SELECT gen_random_uuid(), survey_id, 2, jsonb_set(snapshot, '{number}', '2'), published_by, published_at FROM publication WHERE id = $1 RETURNING id`,
        [publication.id],
      );
      expect((await testApp.http().get(`/api/public/dashboards/${survey.slug}`).expect(200)).body.number).toBe(2);
      await organizer.post(`/api/surveys/${survey.id}/publications/${second.rows[0]?.id}/withdraw`).expect(200);
      const gone = await testApp.http().get(`/api/public/dashboards/${survey.slug}`).expect(410);
      expect(gone.body).toMatchObject({ code: 'RELEASE_WITHDRAWN', details: [{ path: 'withdrawnOn', message: '2026-11-20' }] });
      await testApp.http().get(`/api/public/dashboards/${survey.slug}/snapshot.csv`).expect(410);
      await testApp.http().get(`/api/public/dashboards/${survey.slug}/snapshot.json`).expect(410);
      const list = (await researcher.get(`/api/surveys/${survey.id}/publications`).expect(200)).body;
      expect(list.map((p: { number: number; withdrawnAt: string | null }) => [p.number, p.withdrawnAt === null])).toEqual([
        [2, false],
        [1, true],
      ]);
    },
    PUBLISHING_TIMEOUT,
  );

  it(
    'brings back an earlier release only when an organizer chooses to, as a new current release outside the ledger',
    async () => {
      const survey = await openTemplateSurvey();
      await insertResponses(testApp, survey.id, policyImpactAnswers(150, 9));
      const { publication: first } = (await organizer.post(`/api/surveys/${survey.id}/publications`).expect(201)).body;
      const snapshot = (await testApp.http().get(`/api/public/dashboards/${survey.slug}`).expect(200)).body;
      // A second release (its audit is tested elsewhere), then withdrawn: the page says so.
      const second = await testApp.db.query<{ id: string }>(
        `INSERT INTO publication (id, survey_id, number, snapshot, published_by, published_at)
       SELECT gen_random_uuid(), survey_id, 2, jsonb_set(snapshot, '{number}', '2'), published_by, published_at FROM publication WHERE id = $1 RETURNING id`,
        [first.id],
      );
      const secondId = second.rows[0]?.id as string;
      await organizer.post(`/api/surveys/${survey.id}/publications/${secondId}/withdraw`).expect(200);
      await testApp.http().get(`/api/public/dashboards/${survey.slug}`).expect(410);
      const ledgerSize = async () =>
        (
          await testApp.db.query(
            'SELECT count(*)::int AS n FROM release_ledger_entry e JOIN publication p ON p.id = e.publication_id WHERE p.survey_id = $1',
            [survey.id],
          )
        ).rows[0].n as number;
      const entriesBefore = await ledgerSize();

      // Only by an explicit choice: a withdrawn release never comes back; researchers cannot do it.
      const withdrawn = await organizer.post(`/api/surveys/${survey.id}/publications/${secondId}/republish`).expect(409);
      expect(withdrawn.body.code).toBe('CONFLICT');
      await researcher.post(`/api/surveys/${survey.id}/publications/${first.id}/republish`).expect(403);
      const back = (await organizer.post(`/api/surveys/${survey.id}/publications/${first.id}/republish`).expect(201)).body;
      expect(back).toMatchObject({ number: 3, republishes: 1, withdrawnAt: null, publishedBy: organizer.email, responses: 150 });

      // The public page shows release 1 again, exactly as it was published (its number included).
      expect((await testApp.http().get(`/api/public/dashboards/${survey.slug}`).expect(200)).body).toEqual(snapshot);
      const list = (await researcher.get(`/api/surveys/${survey.id}/publications`).expect(200)).body;
      expect(
        list.map((p: { number: number; republishes: number | null; withdrawnAt: string | null }) => [
          p.number,
          p.republishes,
          p.withdrawnAt === null,
        ]),
      ).toEqual([
        [3, 1, true],
        [2, null, false],
        [1, null, true],
      ]);
      // Nothing new was shown to anyone: the ledger is unchanged, and release 1 is already the current one.
      expect(await ledgerSize()).toBe(entriesBefore);
      await organizer.post(`/api/surveys/${survey.id}/publications/${first.id}/republish`).expect(409);
      const audit = await testApp.db.query(`SELECT details FROM audit_event WHERE action = 'publication.republish' AND target_id = $1`, [
        survey.id,
      ]);
      expect(audit.rows.map((r) => r.details)).toEqual([{ publication: back.id, number: 3, republishes: 1 }]);

      // The next release is numbered after the republication and still held to every earlier one.
      const next = (await organizer.post(`/api/surveys/${survey.id}/publications`).expect(201)).body;
      expect(next.publication.number).toBe(4);
      expect(next.preview.comparedWith).toBe(1);
    },
    PUBLISHING_TIMEOUT,
  );

  it(
    'refuses to bring back a release that breaks the time rule against a release published since',
    async () => {
      const survey = await openTemplateSurvey();
      await insertResponses(testApp, survey.id, policyImpactAnswers(150, 10));
      const { publication: first } = (await organizer.post(`/api/surveys/${survey.id}/publications`).expect(201)).body;
      // Release 2 as an older rule (comparing with the last release only) could have let it out:
      // one number 3 above release 1's, the rest equal.
      const second = await testApp.db.query<{ id: string }>(
        `INSERT INTO publication (id, survey_id, number, snapshot, published_by, published_at)
       SELECT gen_random_uuid(), survey_id, 2, jsonb_set(snapshot, '{number}', '2'), published_by, published_at FROM publication WHERE id = $1 RETURNING id`,
        [first.id],
      );
      await testApp.db.query(
        `INSERT INTO release_ledger_entry (publication_id, quantity_id, value, lower, upper)
         SELECT $2, quantity_id, value + CASE WHEN quantity_id = 'N' THEN 3 ELSE 0 END, lower + CASE WHEN quantity_id = 'N' THEN 3 ELSE 0 END,
                upper + CASE WHEN quantity_id = 'N' THEN 3 ELSE 0 END
           FROM release_ledger_entry WHERE publication_id = $1`,
        [first.id, second.rows[0]?.id],
      );
      await organizer.post(`/api/surveys/${survey.id}/publications/${second.rows[0]?.id}/withdraw`).expect(200);
      const refused = await organizer.post(`/api/surveys/${survey.id}/publications/${first.id}/republish`).expect(409);
      expect(refused.body).toMatchObject({ code: 'RELEASE_BLOCKED', details: [{ path: 'release', code: 'HELD_BY_TIME_RULE' }] });
      expect(refused.body.message).toMatch(/release 2/);
      // Nothing half-written: no new publication, the page still says the latest was withdrawn.
      expect((await testApp.db.query('SELECT count(*)::int AS n FROM publication WHERE survey_id = $1', [survey.id])).rows[0].n).toBe(2);
      await testApp.http().get(`/api/public/dashboards/${survey.slug}`).expect(410);
      // A publication of another survey is not found here.
      const other = await openTemplateSurvey();
      await organizer.post(`/api/surveys/${other.id}/publications/${first.id}/republish`).expect(404);
    },
    PUBLISHING_TIMEOUT,
  );

  it(
    'records previews, publications and withdrawals in the audit log',
    async () => {
      const actions = await testApp.db.query(`SELECT DISTINCT action FROM audit_event WHERE actor_email = $1`, [organizer.email]);
      expect(actions.rows.map((r) => r.action)).toEqual(
        expect.arrayContaining(['publication.preview', 'publication.publish', 'publication.withdraw', 'publication.republish']),
      );
    },
    PUBLISHING_TIMEOUT,
  );

  it(
    'publishes the ~150 responses a new user submits through the API',
    async () => {
      const survey = await openTemplateSurvey();
      const answers = policyImpactAnswers(150, 8);
      for (const answer of answers) {
        await testApp
          .http()
          .post(`/api/public/surveys/${survey.slug}/responses`)
          .send({
            versionId: survey.versionId,
            answers: sealedAsBrowsersSend({ definition: survey.definition, researchKey: survey.researchPublicKey ?? undefined }, answer),
            idempotencyKey: newKey(),
          })
          .expect((response) => {
            if (response.status !== 201) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
          });
      }
      const result = await preview(survey);
      expect(result.canPublish).toBe(true);
      expect(result.snapshot?.responses).toBe(150);
      const pair = result.snapshot?.pairs.find((p) => p.stem === 'screened_clients');
      expect(pair?.kind).toBe('ordinal');
    },
    PUBLISHING_TIMEOUT,
  );
});
