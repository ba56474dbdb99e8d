import { createHash } from 'node:crypto';
import {
  CUSTOM_CELL_SEPARATOR,
  addKeySums,
  buildCatalogue,
  buildPolicyImpactSurvey,
  protectCustomTable,
  type CustomTableResult,
  type Dimension,
  type KeyedCount,
  type SurveyDetail,
} from '@candor/shared';
import { categoryOf } from '@candor/shared/testing';
import { insertResponses, policyImpactAnswers } from '../factories/responses';
import { staffAgent, type StaffAgent, giveResearchKey } from '../factories/staff';
import { FixedClock, startTestApp, type TestApp } from '../support/test-app';

/** Audits are CPU-bound integer programs: generous on a shared, loaded machine. */
const TIMEOUT = 240_000;

const template = buildPolicyImpactSurvey({ eventName: 'FOSTA-SESTA', eventDate: '2018-04-11' });
const catalogue = buildCatalogue(template, { crosstabs: [] });
const dimension = (question: string) => catalogue.dimensions.get(question) as Dimension;

describe('the table builder (custom tables for staff)', () => {
  const clock = new FixedClock(new Date('2026-11-20T12:00:00Z'));
  let testApp: TestApp;
  let researcher: StaffAgent;
  let organizer: StaffAgent;
  let admin: StaffAgent;
  let counter = 0;

  const openSurvey = async (settings: Record<string, unknown> = {}): Promise<SurveyDetail> => {
    const created = (
      await researcher
        .post('/api/surveys', { slug: `custom-${++counter}`, title: 'Impact', source: 'template', definition: template })
        .expect(201)
    ).body as SurveyDetail;
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
    await giveResearchKey(researcher, created.id);
    return (await researcher.post(`/api/surveys/${created.id}/open`).expect(200)).body;
  };
  const table = async (agent: StaffAgent, survey: SurveyDetail, body: unknown, status = 200) =>
    (await agent.post(`/api/surveys/${survey.id}/custom-tables`, body).expect(status)).body as CustomTableResult;

  /** The table as the in-memory reference computes it from the stored rows (answers and ids). */
  const expected = async (
    survey: SurveyDetail,
    joint: string[],
    questions: string[],
    filter: { question: string; values: string[] } | null,
    k: number,
  ) => {
    const rows = await testApp.db.query<{ id: string; answers: Record<string, unknown> }>(
      'SELECT r.id, r.answers FROM stored_response r JOIN survey_version v ON v.id = r.survey_version_id WHERE v.survey_id = $1',
      [survey.id],
    );
    const counts = new Map<string, KeyedCount>();
    for (const row of rows.rows) {
      const key = joint.map((q) => categoryOf(dimension(q), row.answers)).join(CUSTOM_CELL_SEPARATOR);
      const recordKey = parseInt(createHash('md5').update(row.id).digest('hex').slice(0, 12), 16);
      const current = counts.get(key) ?? { count: 0, keySum: 0 };
      counts.set(key, { count: current.count + 1, keySum: addKeySums(current.keySum, recordKey) });
    }
    return protectCustomTable({ questions: joint, categories: joint.map((q) => dimension(q).categories) }, counts, questions, filter, k);
  };

  beforeAll(async () => {
    testApp = await startTestApp({ clock });
    researcher = await staffAgent(testApp, 'researcher');
    organizer = await staffAgent(testApp, 'organizer');
    admin = await staffAgent(testApp, 'admin');
  });
  afterAll(() => testApp.close());

  it('lists only single-choice and banded questions, with every category counted', async () => {
    const survey = await openSurvey();
    const questions = (await researcher.get(`/api/surveys/${survey.id}/custom-tables/questions`).expect(200)).body as Array<{
      question: string;
      categories: Array<{ value: string }>;
    }>;
    const names = questions.map((q) => q.question);
    expect(names).toEqual(expect.arrayContaining(['region', 'age_band', 'gender', 'sole_income']));
    expect(names).not.toContain('comments');
    expect(names).not.toContain('work_settings');
    expect(questions.find((q) => q.question === 'region')?.categories.map((c) => c.value)).toEqual(dimension('region').categories);
  });

  it('shows nothing below the release floor', async () => {
    const survey = await openSurvey();
    await insertResponses(testApp, survey.id, policyImpactAnswers(60, 3));
    const result = await table(organizer, survey, { questions: ['region'] });
    expect(result).toMatchObject({ status: 'held', hold: { code: 'BELOW_RELEASE_FLOOR' }, cells: [], totals: [] });
  });

  it(
    'counts in SQL, perturbs by the cell key and suppresses exactly as the in-memory reference does',
    async () => {
      const survey = await openSurvey();
      await insertResponses(testApp, survey.id, policyImpactAnswers(400, 41));
      const result = await table(researcher, survey, { questions: ['region', 'age_band'] });
      const reference = await expected(survey, ['age_band', 'region'], ['region', 'age_band'], null, 11);
      expect(result.status).toBe('shown');
      expect(result.noise).toBe(6);
      expect(result.cells).toEqual(reference.cells);
      expect(result.totals).toEqual(reference.totals);
      expect(result.cells.some((cell) => cell.suppressed === 'SMALL_CELL')).toBe(true);
      for (const cell of result.cells) if (cell.value !== null) expect(cell.value === 0 || cell.value >= 11).toBe(true);

      const filtered = await table(organizer, survey, {
        questions: ['region'],
        filter: {
          question: 'age_band',
          values: [dimension('age_band').categories[1] as string, dimension('age_band').categories[2] as string],
        },
      });
      const filteredReference = await expected(
        survey,
        ['age_band', 'region'],
        ['region'],
        { question: 'age_band', values: [dimension('age_band').categories[1] as string, dimension('age_band').categories[2] as string] },
        11,
      );
      expect(filtered.cells).toEqual(filteredReference.cells);
    },
    TIMEOUT,
  );

  it(
    'gives the same cell the same value however the table is asked for',
    async () => {
      const survey = await openSurvey();
      await insertResponses(testApp, survey.id, policyImpactAnswers(500, 42));
      const region = dimension('region').categories[0] as string;
      const age = dimension('age_band').categories[1] as string;
      const byRegionAge = await table(researcher, survey, { questions: ['region', 'age_band'] });
      const byAgeRegion = await table(organizer, survey, { questions: ['age_band', 'region'] });
      const filteredByAge = await table(researcher, survey, { questions: ['region'], filter: { question: 'age_band', values: [age] } });
      const filteredByRegion = await table(researcher, survey, {
        questions: ['age_band'],
        filter: { question: 'region', values: [region, region] },
      });
      const everyone = await table(researcher, survey, {
        questions: ['region', 'age_band'],
        filter: { question: 'gender', values: dimension('gender').categories },
      });
      const values = [
        byRegionAge.cells.find((c) => c.categories[0] === region && c.categories[1] === age),
        byAgeRegion.cells.find((c) => c.categories[0] === age && c.categories[1] === region),
        filteredByAge.cells.find((c) => c.categories[0] === region),
        filteredByRegion.cells.find((c) => c.categories[0] === age),
        everyone.cells.find((c) => c.categories[0] === region && c.categories[1] === age),
      ].map((cell) => cell?.value);
      expect(values[0]).toEqual(expect.any(Number));
      expect(new Set(values).size).toBe(1);
      // One joint measured, four tables summed from it: the ledger keeps one view.
      const ledger = await testApp.db.query<{ joint: string[] }>('SELECT joint FROM custom_table_view WHERE survey_id = $1', [survey.id]);
      expect(ledger.rows.map((r) => r.joint)).toEqual([['age_band', 'region']]);
    },
    TIMEOUT,
  );

  it(
    'sums smaller tables from a joint already shown, and refuses a table that would nest it',
    async () => {
      const survey = await openSurvey();
      await insertResponses(testApp, survey.id, policyImpactAnswers(400, 43));
      await table(researcher, survey, { questions: ['region', 'gender'] });
      const smaller = await table(researcher, survey, { questions: ['gender'] });
      expect(smaller.status).toBe('shown');
      const refused = (
        await researcher.post(`/api/surveys/${survey.id}/custom-tables`, { questions: ['region', 'gender', 'age_band'] }).expect(409)
      ).body;
      expect(refused).toMatchObject({ code: 'CONFLICT', details: [{ code: 'NESTS_EARLIER_TABLE' }] });
      const filtered = (
        await researcher
          .post(`/api/surveys/${survey.id}/custom-tables`, {
            questions: ['region'],
            filter: { question: 'gender', values: [dimension('gender').categories[0]] },
          })
          .expect(200)
      ).body as CustomTableResult;
      expect(filtered.status).toBe('shown');
    },
    TIMEOUT,
  );

  it(
    'records every query in the audit log (who, which table, when), refused ones included',
    async () => {
      const survey = await openSurvey();
      await insertResponses(testApp, survey.id, policyImpactAnswers(300, 44));
      await table(organizer, survey, { questions: ['region'] });
      await researcher.post(`/api/surveys/${survey.id}/custom-tables`, { questions: ['region', 'gender'] }).expect(409);
      const log = (await admin.get('/api/audit-events?action=custom_table.view&limit=100').expect(200)).body as Array<{
        actor: { email: string } | null;
        targetId: string | null;
        details: Record<string, unknown>;
        occurredAt: string;
      }>;
      const mine = log.filter((event) => event.targetId === survey.id);
      expect(mine).toHaveLength(2);
      expect(new Set(mine.map((event) => event.actor?.email)).size).toBe(2);
      expect(mine.map((event) => event.details['questions'])).toEqual(expect.arrayContaining([['region'], ['region', 'gender']]));
      expect(mine.map((event) => event.details['outcome']).sort()).toEqual(['refused', 'shown']);
      for (const event of mine) {
        expect(event.actor?.email).toMatch(/@candor\.test$/);
        expect(event.occurredAt).toBe('2026-11-20T12:00:00.000Z');
      }
    },
    TIMEOUT,
  );

  it(
    'holds a table shown before when a new response moved one of its cells a little (time rule)',
    async () => {
      const survey = await openSurvey({ k: 5, minGroup: 20 });
      await insertResponses(testApp, survey.id, policyImpactAnswers(200, 45));
      const first = await table(researcher, survey, { questions: ['region', 'gender'] });
      expect(first.status).toBe('shown');
      let held: CustomTableResult | null = null;
      for (let extra = 0; extra < 8 && !held; extra++) {
        await insertResponses(testApp, survey.id, policyImpactAnswers(1, 100 + extra));
        const again = await table(researcher, survey, { questions: ['region', 'gender'] });
        if (again.status === 'held') held = again;
        else expect(again.cells).toEqual(first.cells);
      }
      expect(held).toMatchObject({ status: 'held', hold: { code: 'HELD_BY_TIME_RULE' }, cells: [], totals: [] });
    },
    TIMEOUT,
  );

  it(
    'refuses bad specifications with a clear 400 and records nothing in the ledger',
    async () => {
      const survey = await openSurvey();
      await insertResponses(testApp, survey.id, policyImpactAnswers(150, 46));
      const bad: Array<[unknown, string]> = [
        [{ questions: ['no_such_question'] }, 'UNKNOWN_QUESTION'],
        [{ questions: ['comments'] }, 'NOT_SINGLE_CHOICE'],
        [{ questions: ['work_settings'] }, 'NOT_SINGLE_CHOICE'],
        [{ questions: ['region', 'region'] }, 'DUPLICATE'],
        [{ questions: ['region'], filter: { question: 'region', values: ['x'] } }, 'DUPLICATE'],
        [{ questions: ['region'], filter: { question: 'gender', values: ['not-a-choice'] } }, 'UNKNOWN_ANSWER'],
        [{ questions: ['region'], filter: { question: 'comments', values: ['a'] } }, 'NOT_SINGLE_CHOICE'],
      ];
      for (const [body, code] of bad) {
        const response = (await researcher.post(`/api/surveys/${survey.id}/custom-tables`, body).expect(400)).body;
        expect({ body, code: response.code, details: response.details.map((d: { code: string }) => d.code) }).toEqual({
          body,
          code: 'VALIDATION_FAILED',
          details: expect.arrayContaining([code]),
        });
      }
      for (const body of [
        { questions: ['region', 'gender', 'age_band', 'sole_income'] },
        { questions: [] },
        { questions: 'region' },
        { questions: ['region'], extra: 1 },
        { questions: ['region'], filter: { question: 'gender', values: [] } },
        {},
      ]) {
        const response = (await researcher.post(`/api/surveys/${survey.id}/custom-tables`, body).expect(400)).body;
        expect(response.code).toBe('VALIDATION_FAILED');
      }
      await researcher.post('/api/surveys/7d1e5b1c-6b7a-4c41-9d2a-1f0a3b9c8e21/custom-tables', { questions: ['region'] }).expect(404);
      const ledger = await testApp.db.query('SELECT 1 FROM custom_table_view WHERE survey_id = $1', [survey.id]);
      expect(ledger.rowCount).toBe(0);
    },
    TIMEOUT,
  );

  it(
    "audits a release preview against the custom tables shown before, and custom tables against a preview's cross-tabs",
    async () => {
      const preview = async (survey: SurveyDetail) =>
        (await organizer.post(`/api/surveys/${survey.id}/publications/preview`).expect(200)).body as {
          canPublish: boolean;
          audit: { targets: number };
        };
      const settings = { k: 5, minGroup: 20, crosstabs: [['region']] };
      // Two surveys with the same answers: one with a custom table shown first, one without.
      const plain = await openSurvey(settings);
      const viewed = await openSurvey(settings);
      await insertResponses(testApp, plain.id, policyImpactAnswers(220, 47));
      await insertResponses(testApp, viewed.id, policyImpactAnswers(220, 47));
      const shown = await table(researcher, viewed, { questions: ['gender', 'age_band'] });
      expect(shown.status).toBe('shown');
      const baseline = await preview(plain);
      const audited = await preview(viewed);
      // The custom cells of 1 … k − 1 people are targets of the release's audit too (or it is held).
      expect(baseline.canPublish).toBe(true);
      if (audited.canPublish) expect(audited.audit.targets).toBeGreaterThan(baseline.audit.targets);
      // And a custom table after the preview is audited with its cross-tab by region (region joins the audited joint).
      const after = await table(researcher, plain, { questions: ['gender', 'sole_income'] });
      expect(['shown', 'held']).toContain(after.status);
      if (after.status === 'held') expect(after.hold?.code).toBe('AUDIT_FAILED');
    },
    TIMEOUT,
  );

  it(
    'audits a custom table against a preview of an earlier day, and refuses one whose audit would be too large',
    async () => {
      const survey = await openSurvey({ k: 5, minGroup: 20 });
      await insertResponses(testApp, survey.id, policyImpactAnswers(150, 48));
      await organizer.post(`/api/surveys/${survey.id}/publications/preview`).expect(200);
      // Responses since: the preview is of an earlier day, modelled as a block of its own. The
      // template gates every question on "adult" (and many on "worked"); that day's preview did
      // not publish those margins exactly, so the audit would take in every gated question.
      await insertResponses(testApp, survey.id, policyImpactAnswers(60, 49));
      const refused = (await researcher.post(`/api/surveys/${survey.id}/custom-tables`, { questions: ['gender', 'age_band'] }).expect(409))
        .body as { code: string; message: string; details: { code: string }[] };
      expect(refused.details.map((d) => d.code)).toEqual(['AUDIT_TOO_LARGE']);
      expect(refused.message).toMatch(/earlier day/);
      const ledger = await testApp.db.query('SELECT 1 FROM custom_table_view WHERE survey_id = $1', [survey.id]);
      expect(ledger.rowCount).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'keeps the total each view counted, and a table shown again over other responses as a view of its own day',
    async () => {
      const survey = await openSurvey();
      await insertResponses(testApp, survey.id, policyImpactAnswers(200, 61));
      expect((await table(researcher, survey, { questions: ['region'] })).status).toBe('shown');
      expect((await table(researcher, survey, { questions: ['region'] })).status).toBe('shown'); // the same numbers: nothing new
      const views = () =>
        testApp.db
          .query<{ responses: number | null; values: Record<string, number> }>(
            'SELECT responses, "values" FROM custom_table_view WHERE survey_id = $1 ORDER BY number',
            [survey.id],
          )
          .then((result) => result.rows);
      expect((await views()).map((view) => view.responses)).toEqual([200]);
      // Far more responses, then the same table: a second day, with its own total.
      await insertResponses(testApp, survey.id, policyImpactAnswers(220, 62));
      const later = await table(researcher, survey, { questions: ['region'] });
      if (later.status === 'shown') expect((await views()).map((view) => view.responses)).toEqual([200, 420]);
      else expect(later.hold?.code).toMatch(/HELD_BY_TIME_RULE|AUDIT_FAILED/);
      // A preview after both days is audited with each day's view on its own day (and is answered, not a 500).
      const preview = await organizer.post(`/api/surveys/${survey.id}/publications/preview`).expect(200);
      expect(preview.body.blocks.map((b: { code: string }) => b.code)).not.toContain('SURVEY_DRAFT');
      expect(JSON.stringify(preview.body)).not.toMatch(/disagree with today/);
    },
    TIMEOUT,
  );

  it('lets researchers and organizers build tables, and nobody signed out', async () => {
    const survey = await openSurvey();
    await testApp
      .http()
      .post(`/api/surveys/${survey.id}/custom-tables`)
      .send({ questions: ['region'] })
      .expect(401);
    await testApp.http().get(`/api/surveys/${survey.id}/custom-tables/questions`).expect(401);
  });
});

describe('the table builder turned off (CUSTOM_TABLES_ENABLED=false)', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ env: { CUSTOM_TABLES_ENABLED: 'false' } });
  });
  afterAll(() => testApp.close());

  it('answers 403 TABLE_BUILDER_OFF, saying how to turn it on, and records nothing', async () => {
    const researcher = await staffAgent(testApp, 'researcher');
    const created = (
      await researcher.post('/api/surveys', { slug: 'builder-off', title: 'Off', source: 'template', definition: template }).expect(201)
    ).body as SurveyDetail;
    const refused = await researcher.post(`/api/surveys/${created.id}/custom-tables`, { questions: ['region'] }).expect(403);
    expect(refused.body.details).toEqual([expect.objectContaining({ code: 'TABLE_BUILDER_OFF' })]);
    expect(refused.body.message).toMatch(/CUSTOM_TABLES_ENABLED/);
    await researcher.get(`/api/surveys/${created.id}/custom-tables/questions`).expect(403);
    const views = await testApp.db.query('SELECT count(*)::int AS n FROM custom_table_view');
    expect(views.rows[0]).toEqual({ n: 0 });
  });
});
