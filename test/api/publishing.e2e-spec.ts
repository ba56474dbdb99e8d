import { buildCatalogue, buildPolicyImpactSurvey, countJointsInMemory, type PublicationPreview, type SurveyDetail } from '@candor/shared';
import { AggregationRepository } from '@candor/api-testing';
import { insertResponses, policyImpactAnswers } from '../factories/responses';
import { staffAgent, type StaffAgent } from '../factories/staff';
import { newKey } from '../factories/surveys';
import { FixedClock, startTestApp, type TestApp } from '../support/test-app';

const template = buildPolicyImpactSurvey({ eventName: 'FOSTA-SESTA', eventDate: '2018-04-11' });

describe('publishing aggregate findings', () => {
  const clock = new FixedClock(new Date('2026-11-20T12:00:00Z'));
  let testApp: TestApp;
  let researcher: StaffAgent;
  let organizer: StaffAgent;
  let counter = 0;

  const openTemplateSurvey = async (settings: Record<string, unknown> = {}): Promise<SurveyDetail> => {
    const created = (await researcher.post('/api/surveys', { slug: `pub-${++counter}`, title: 'Impact', source: 'template', definition: template }).expect(201)).body as SurveyDetail;
    if (Object.keys(settings).length > 0) {
      await researcher.put(`/api/surveys/${created.id}/settings`, { k: 11, minResponses: 100, minGroup: 40, timeGranularity: 'day', retentionDays: 365, crosstabs: [], perturbation: 'none', ...settings }).expect(200);
    }
    return (await researcher.post(`/api/surveys/${created.id}/open`).expect(200)).body;
  };
  const preview = async (survey: SurveyDetail): Promise<PublicationPreview> => (await organizer.post(`/api/surveys/${survey.id}/publications/preview`).expect(200)).body;

  beforeAll(async () => {
    testApp = await startTestApp({ clock });
    researcher = await staffAgent(testApp, 'researcher');
    organizer = await staffAgent(testApp, 'organizer');
  });
  afterAll(() => testApp.close());

  it('counts in SQL exactly what the reference implementation counts in memory', async () => {
    const survey = await openTemplateSurvey({ crosstabs: [['age_band'], ['region', 'gender']] });
    const answers = policyImpactAnswers(400, 21);
    await insertResponses(testApp, survey.id, answers);
    const catalogue = buildCatalogue(template, { crosstabs: [['age_band'], ['region', 'gender']] });
    const fromSql = await testApp.app.get(AggregationRepository).countJoints(survey.id, catalogue);
    const inMemory = countJointsInMemory(catalogue, answers.map((a) => ({ answers: a })));
    expect(fromSql.responses).toBe(400);
    expect(fromSql.unknownAnswers).toBe(0);
    for (const joint of catalogue.joints) {
      const sql = Object.fromEntries([...(fromSql.counts.get(joint.id) ?? [])].map(([key, cell]) => [key, cell.count]));
      const memory = Object.fromEntries([...(inMemory.get(joint.id) ?? [])].map(([key, cell]) => [key, cell.count]));
      expect({ joint: joint.id, counts: sql }).toEqual({ joint: joint.id, counts: memory });
    }
  });

  it('publishes nothing below the release floor and says why, without the count', async () => {
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
  });

  it('previews exactly what it then publishes, stores an immutable snapshot with its ledger, and serves it publicly', async () => {
    const survey = await openTemplateSurvey();
    await insertResponses(testApp, survey.id, policyImpactAnswers(180, 2));
    const previewed = await preview(survey);
    expect(previewed.canPublish).toBe(true);
    expect(previewed.audit.passed).toBe(true);
    expect(previewed.suppressions.length).toBeGreaterThan(0);

    const published = (await organizer.post(`/api/surveys/${survey.id}/publications`).expect(201)).body;
    expect(published.publication).toMatchObject({ number: 1, responses: 180, withdrawnAt: null, publishedBy: organizer.email });
    expect(published.preview.snapshot).toEqual(previewed.snapshot);

    const dashboard = (await testApp.http().get(`/api/public/dashboards/${survey.slug}`).expect(200)).body;
    expect(dashboard).toEqual(previewed.snapshot);
    expect(dashboard.window).toEqual({ from: '2026-11-20', to: '2026-11-20' });
    expect(JSON.stringify(dashboard)).not.toMatch(/primary|complementary|suppressions/);

    const ledger = await testApp.db.query('SELECT count(*)::int AS n FROM release_ledger_entry e JOIN publication p ON p.id = e.publication_id WHERE p.survey_id = $1', [survey.id]);
    expect(ledger.rows[0].n).toBeGreaterThan(100);
    await expect(testApp.db.query(`UPDATE publication SET snapshot = '{}' WHERE survey_id = $1`, [survey.id])).rejects.toThrow(/immutable/);
    await expect(testApp.db.query(`DELETE FROM publication WHERE survey_id = $1`, [survey.id])).rejects.toThrow(/never deleted/);
    await expect(testApp.db.query(`DELETE FROM release_ledger_entry`)).rejects.toThrow(/append-only/);
  });

  it('downloads exactly the published snapshot as CSV and JSON', async () => {
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
  });

  it('holds a release whose numbers moved by less than k since the last one, and compares with the last published', async () => {
    const survey = await openTemplateSurvey();
    await insertResponses(testApp, survey.id, policyImpactAnswers(150, 4));
    await organizer.post(`/api/surveys/${survey.id}/publications`).expect(201);
    await insertResponses(testApp, survey.id, policyImpactAnswers(4, 5));
    const held = await preview(survey);
    expect(held.canPublish).toBe(false);
    expect(held.comparedWith).toBe(1);
    expect(held.blocks.map((b) => b.code)).toEqual(['HELD_BY_TIME_RULE']);
    expect(held.held).toEqual(expect.arrayContaining([{ id: 'N', previous: 150, current: 154 }]));
    await organizer.post(`/api/surveys/${survey.id}/publications`).expect(409);
  });

  it('withdraws a snapshot: gone from the public dashboard, kept in the ledger for later audits', async () => {
    const survey = await openTemplateSurvey();
    await insertResponses(testApp, survey.id, policyImpactAnswers(150, 6));
    const { publication } = (await organizer.post(`/api/surveys/${survey.id}/publications`).expect(201)).body;
    await organizer.post(`/api/surveys/${survey.id}/publications/${publication.id}/withdraw`).expect(200);
    await testApp.http().get(`/api/public/dashboards/${survey.slug}`).expect(404);
    const list = (await researcher.get(`/api/surveys/${survey.id}/publications`).expect(200)).body;
    expect(list[0]).toMatchObject({ number: 1, withdrawnAt: expect.any(String) });
    await organizer.post(`/api/surveys/${survey.id}/publications/${publication.id}/withdraw`).expect(409);
    // The withdrawn release still counts: a small change since it holds the next one.
    await insertResponses(testApp, survey.id, policyImpactAnswers(3, 7));
    expect((await preview(survey)).blocks.map((b) => b.code)).toContain('HELD_BY_TIME_RULE');
  });

  it('records previews, publications and withdrawals in the audit log', async () => {
    const actions = await testApp.db.query(`SELECT DISTINCT action FROM audit_event WHERE actor_email = $1`, [organizer.email]);
    expect(actions.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['publication.preview', 'publication.publish', 'publication.withdraw']));
  });

  it('publishes the ~150 responses a new user submits through the API', async () => {
    const survey = await openTemplateSurvey();
    const answers = policyImpactAnswers(150, 8);
    for (const answer of answers) {
      await testApp.http().post(`/api/public/surveys/${survey.slug}/responses`).send({ versionId: survey.versionId, answers: answer, idempotencyKey: newKey() }).expect(201);
    }
    const result = await preview(survey);
    expect(result.canPublish).toBe(true);
    expect(result.snapshot?.responses).toBe(150);
    const pair = result.snapshot?.pairs.find((p) => p.stem === 'screened_clients');
    expect(pair?.kind).toBe('ordinal');
  });
});
