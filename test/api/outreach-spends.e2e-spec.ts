import { buildPolicyImpactSurvey, type CreatedOutreachBatch, type PublicSurvey, type SurveyDetail } from '@candor/shared';
import { staffAgent, giveResearchKey } from '../factories/staff';
import { fetchPublicSurvey, submit } from '../factories/surveys';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 9 point 8 and issue 16 point 3: an outreach code is spent once, whatever instance
 * the submission reaches and across restarts — a spend is written with the response, never
 * kept only in one process's memory.
 */
describe('outreach codes across instances and restarts', () => {
  let first: TestApp;
  let second: TestApp | null = null;
  let open: PublicSurvey;
  let codes: string[];
  let surveyId: string;
  const answers = { adult: 'no' };
  // Instances of one deployment share the secret codes are hashed with.
  const env = { OUTREACH_CODE_SECRET: 'a shared outreach secret for both instances, 32+ characters' };

  beforeAll(async () => {
    first = await startTestApp({ env });
    const researcher = await staffAgent(first, 'researcher');
    const template = buildPolicyImpactSurvey({ eventName: 'FOSTA-SESTA', eventDate: '2018-04-11' });
    const created = (
      await researcher.post('/api/surveys', { slug: 'cards', title: 'Cards', source: 'template', definition: template }).expect(201)
    ).body as SurveyDetail;
    surveyId = created.id;
    await researcher
      .put(`/api/surveys/${surveyId}/settings`, {
        k: 11,
        minResponses: 100,
        minGroup: 40,
        timeGranularity: 'day',
        retentionDays: 365,
        crosstabs: [],
        perturbation: 'none',
        requiresOutreachCode: true,
      })
      .expect(200);
    await giveResearchKey(researcher, surveyId);
    await researcher.post(`/api/surveys/${surveyId}/open`).expect(200);
    open = await fetchPublicSurvey(first, 'cards');
    codes = [
      ...(
        (await researcher.post(`/api/surveys/${surveyId}/outreach-batches`, { size: 5, label: 'Clinic' }).expect(201))
          .body as CreatedOutreachBatch
      ).codes,
    ];
  });
  afterAll(async () => {
    await second?.close();
    await first.close();
  });

  it('refuses on a second instance a code the first one accepted', async () => {
    await submit(first, 'cards', { versionId: open.versionId, answers, outreachCode: codes[0] }).expect(201);
    second = await startTestApp({ env, database: first.database });
    const again = await submit(second, 'cards', { versionId: open.versionId, answers, outreachCode: codes[0] });
    expect(again.status).toBe(403);
    expect(again.body.code).toBe('OUTREACH_CODE_INVALID');
  });

  it('lets exactly one of simultaneous submissions with one code through, across both instances', async () => {
    const other = second as TestApp;
    const results = await Promise.all(
      [first, other, first, other, first, other].map((app) =>
        submit(app, 'cards', { versionId: open.versionId, answers, outreachCode: codes[1] }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 403, 403, 403, 403, 403]);
  });

  it('still refuses a spent code after a restart', async () => {
    await submit(first, 'cards', { versionId: open.versionId, answers, outreachCode: codes[2] }).expect(201);
    // The second instance stops (its spends were never "flushed" in any sense) and starts again.
    await (second as TestApp).close();
    second = await startTestApp({ env, database: first.database });
    for (const code of codes.slice(0, 3)) {
      const again = await submit(second, 'cards', { versionId: open.versionId, answers, outreachCode: code });
      expect(again.status).toBe(403);
    }
    const stored = await first.db.query(
      'SELECT count(*)::int AS n FROM stored_response r JOIN survey_version v ON v.id = r.survey_version_id WHERE v.survey_id = $1',
      [surveyId],
    );
    expect(stored.rows[0].n).toBe(3);
  });

  it('answers a used code exactly as an unknown one', async () => {
    const used = await submit(first, 'cards', { versionId: open.versionId, answers, outreachCode: codes[0] });
    const unknown = await submit(first, 'cards', { versionId: open.versionId, answers, outreachCode: 'ZZZZZ-ZZZZZ' });
    expect(used.status).toBe(unknown.status);
    expect(used.body).toEqual(unknown.body);
  });
});
