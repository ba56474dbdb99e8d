import { Model } from 'survey-core';
import { buildCatalogue, compileSurvey, sealFreeText, type SurveyDefinition, type SurveyDetail } from '@candor/shared';
import { countJointsInMemory } from '@candor/shared/testing';
import { AggregationRepository } from '@candor/api-testing';
import { insertResponses } from '../factories/responses';
import { staffAgent, type StaffAgent, giveResearchKey } from '../factories/staff';
import { fetchPublicSurvey, submit } from '../factories/surveys';
import { FixedClock, startTestApp, type TestApp } from '../support/test-app';

/** A questionnaire as people write it for SurveyJS (issue 14). */
const IMPORTED = {
  pages: [
    {
      questions: [
        {
          type: 'dropdown',
          name: 'Care Provider',
          choices: ['clinic|A clinic', 'outreach|Outreach'],
          allowCustomChoices: true,
          isRequired: true,
        },
        { type: 'text', name: 'last visit', inputType: 'date' },
        { type: 'matrix', name: 'price-to-competitors', rows: ['r1|Rent', 'r2|Food'], columns: ['lower', 'same', 'higher'] },
        {
          type: 'matrixdropdown',
          name: 'by-client',
          rows: ['regular', 'new'],
          choices: ['never', 'sometimes', 'always'],
          columns: [
            { name: 'screened', showRefuseItem: true },
            { name: 'count', cellType: 'text', inputType: 'number' },
          ],
        },
        { type: 'multipletext', name: 'costs', items: [{ name: 'rent', inputType: 'number' }, { name: 'note' }] },
      ],
    },
  ],
} as unknown as SurveyDefinition;

const PROVIDERS = ['clinic', 'outreach', 'my aunt’s place'];
const LEVELS = ['never', 'sometimes', 'always', 'refused'];
const PRICES = ['lower', 'same', 'higher'];

/** What survey-core sends when a respondent answers these values and completes. */
function clientAnswers(model: Model, i: number): Record<string, unknown> {
  model.clear(true, true);
  model.setValue('Care Provider', PROVIDERS[i % 3]);
  if (i % 4 !== 0) model.setValue('last visit', `2024-0${1 + (i % 9)}-1${i % 10}`);
  model.setValue('price-to-competitors', { r1: PRICES[i % 3], r2: PRICES[(i + 1) % 3] });
  model.setValue('by-client', {
    regular: { screened: LEVELS[i % 4], count: i % 7 },
    ...(i % 5 === 0 ? {} : { new: { screened: LEVELS[(i * 7) % 4] } }),
  });
  if (i % 2 === 0) model.setValue('costs', { rent: 100 + i, note: 'shared flat' });
  let sent: Record<string, unknown> = {};
  model.onComplete.add((sender) => {
    sent = JSON.parse(JSON.stringify(sender.data));
  });
  model.doComplete();
  return sent;
}

describe('a SurveyJS questionnaire imported as JSON', () => {
  let testApp: TestApp;
  let researcher: StaffAgent;
  let survey: SurveyDetail;

  beforeAll(async () => {
    testApp = await startTestApp();
    researcher = await staffAgent(testApp, 'researcher');
    const created = (
      await researcher.post('/api/surveys', { slug: 'imported-clinic', title: 'Clinic', source: 'json', definition: IMPORTED }).expect(201)
    ).body as SurveyDetail;
    await giveResearchKey(researcher, created.id);
    survey = (await researcher.post(`/api/surveys/${created.id}/open`).expect(200)).body as SurveyDetail;
  });
  afterAll(() => testApp.close());

  it('stores what SurveyJS itself sends, with the date cut to the month', async () => {
    const open = await fetchPublicSurvey(testApp, 'imported-clinic');
    const model = new Model(open.definition);
    // Free text (the "note" box) is sealed to the research key in the browser (issue 17).
    const sent = [1, 2, 3].map((i) => sealFreeText(compileSurvey(open.definition), clientAnswers(model, i), open.researchKey as string));
    for (const answers of sent) await submit(testApp, 'imported-clinic', { versionId: open.versionId, answers }).expect(201);
    const stored = await testApp.db.query(
      `SELECT r.answers FROM stored_response r JOIN survey_version v ON v.id = r.survey_version_id WHERE v.survey_id = $1`,
      [survey.id],
    );
    const months = stored.rows.map((r) => r.answers['last visit']).sort();
    expect(months).toEqual(['2024-02', '2024-03', '2024-04']);
    expect(stored.rows.map((r) => ({ ...r.answers, 'last visit': undefined }))).toEqual(
      expect.arrayContaining(sent.map((answers) => ({ ...answers, 'last visit': undefined }))),
    );
  });

  it('refuses a cell that is not offered, naming the row and the column', async () => {
    const open = await fetchPublicSurvey(testApp, 'imported-clinic');
    const response = await submit(testApp, 'imported-clinic', {
      versionId: open.versionId,
      answers: { 'Care Provider': 'clinic', 'by-client': { new: { screened: 'daily' } } },
    }).expect(400);
    expect(response.body.details).toEqual([expect.objectContaining({ path: 'by-client.new.screened', code: 'CHOICE_NOT_OFFERED' })]);
  });

  it('counts its choice questions, matrix rows and choice cells in SQL exactly as the reference counts them in memory', async () => {
    const model = new Model(IMPORTED);
    const answers = Array.from({ length: 120 }, (_, i) => clientAnswers(model, i));
    await insertResponses(testApp, survey.id, answers);
    const catalogue = buildCatalogue(IMPORTED, { crosstabs: [] });
    expect(catalogue.tables.map((t) => t.id)).toEqual([
      'q:Care Provider',
      'q:price-to-competitors.r1',
      'q:price-to-competitors.r2',
      'q:by-client.regular.screened',
      'q:by-client.new.screened',
    ]);
    const fromSql = await testApp.app.get(AggregationRepository).countJoints(survey.id, catalogue);
    const all = await testApp.db.query(
      `SELECT r.answers FROM stored_response r JOIN survey_version v ON v.id = r.survey_version_id WHERE v.survey_id = $1`,
      [survey.id],
    );
    const inMemory = countJointsInMemory(
      catalogue,
      all.rows.map((r) => ({ answers: r.answers as Record<string, unknown> })),
    );
    for (const joint of catalogue.joints) {
      const sql = Object.fromEntries([...(fromSql.counts.get(joint.id) ?? [])].map(([key, cell]) => [key, cell.count]));
      const memory = Object.fromEntries([...(inMemory.get(joint.id) ?? [])].map(([key, cell]) => [key, cell.count]));
      expect({ joint: joint.id, counts: sql }).toEqual({ joint: joint.id, counts: memory });
    }
    // Values respondents added are counted together, never one by one.
    const providers = Object.fromEntries([...(fromSql.counts.get('Care Provider') ?? [])].map(([key, cell]) => [key, cell.count]));
    expect(Object.keys(providers).sort()).toEqual(['clinic', 'other', 'outreach']);
  });
});

describe('an imported SurveyJS questionnaire without JavaScript (/f/:slug)', () => {
  const clock = new FixedClock(new Date('2026-11-20T12:00:00Z'));
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ clock, env: { NOJS_MIN_SECONDS: '5' } });
    const researcher = await staffAgent(testApp, 'researcher');
    const definition = {
      ...IMPORTED,
      pages: [
        {
          questions: [...((IMPORTED.pages?.[0]?.['questions'] as unknown[]) ?? [])].map((q) =>
            (q as { name: string }).name === 'by-client'
              ? {
                  ...(q as object),
                  columns: [
                    { name: 'screened', isRequired: true },
                    { name: 'count', cellType: 'text', inputType: 'number' },
                  ],
                }
              : q,
          ),
        },
      ],
    };
    const created = (
      await researcher.post('/api/surveys', { slug: 'imported-nojs', title: 'Clinic', source: 'json', definition }).expect(201)
    ).body as SurveyDetail;
    await giveResearchKey(researcher, created.id);
    await researcher.post(`/api/surveys/${created.id}/open`).expect(200);
  });
  afterAll(() => testApp.close());

  /** A page sent as a browser does: the POST, then the one-time GET it redirects to (POST-redirect-GET). */
  const post = (fields: Record<string, string>) => ({
    async expect(status: number) {
      const posted = await testApp
        .http()
        .post('/f/imported-nojs')
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send(new URLSearchParams(fields).toString())
        .expect(303);
      return testApp
        .http()
        .get(posted.headers['location'] as string)
        .expect(status);
    },
  });
  const state = (html: string) => /<input type="hidden" name="state" value="([^"]*)">/.exec(html)?.[1] as string;

  it('shows the spaced names, the date, the matrix of dropdowns and the boxes, and stores what was typed', async () => {
    const html = (await testApp.http().get('/f/imported-nojs').expect(200)).text;
    for (const field of [
      'name="Care Provider"',
      'name="last visit"',
      'type="date"',
      'name="by-client.regular.screened"',
      'name="costs.rent"',
    ])
      expect(html).toContain(field);
    // A required column left empty in one row is refused, and the form comes back.
    const refused = await post({
      state: state(html),
      action: 'next',
      'Care Provider': 'clinic',
      'by-client.regular.screened': 'always',
    }).expect(400);
    clock.set(new Date('2026-11-20T12:01:00Z'));
    const done = await post({
      state: state(refused.text),
      action: 'next',
      'Care Provider': 'clinic',
      'last visit': '2024-05-17',
      'by-client.regular.screened': 'always',
      'by-client.regular.count': '3',
      'by-client.new.screened': 'never',
      'costs.rent': '500',
    }).expect(200);
    expect(done.text).toContain('Thank you');
    const stored = await testApp.db.query(
      `SELECT r.answers FROM stored_response r JOIN survey_version v ON v.id = r.survey_version_id JOIN survey s ON s.id = v.survey_id WHERE s.slug = 'imported-nojs'`,
    );
    expect(stored.rows.map((r) => r.answers)).toEqual([
      {
        'Care Provider': 'clinic',
        'last visit': '2024-05',
        'by-client': { regular: { screened: 'always', count: 3 }, new: { screened: 'never' } },
        costs: { rent: 500 },
      },
    ]);
  });
});

describe('an imported question name that holds markup (/f/:slug)', () => {
  let testApp: TestApp;
  const hostile = 'x"><meta http-equiv="refresh" content="0;url=http://3232235777/"><b id="y';

  beforeAll(async () => {
    testApp = await startTestApp();
    const researcher = await staffAgent(testApp, 'researcher');
    const definition = {
      pages: [
        {
          elements: [
            { type: 'text', name: hostile, title: 'Name' },
            { type: 'comment', name: `${hostile} c`, title: 'More' },
            { type: 'radiogroup', name: `${hostile} r`, choices: ['a', 'b'], showOtherItem: true },
            { type: 'multipletext', name: `${hostile} m`, items: [{ name: 'one' }] },
          ],
        },
      ],
    } as unknown as SurveyDefinition;
    const created = (
      await researcher.post('/api/surveys', { slug: 'markup-names', title: 'Names', source: 'json', definition }).expect(201)
    ).body as SurveyDetail;
    await giveResearchKey(researcher, created.id);
    await researcher.post(`/api/surveys/${created.id}/open`).expect(200);
  });
  afterAll(() => testApp.close());

  it('never lets the name out of its attribute, on the shared link and the plain form', async () => {
    for (const path of ['/s/markup-names', '/f/markup-names']) {
      const html = (await testApp.http().get(path).expect(200)).text;
      expect(html).not.toMatch(/<meta http-equiv="refresh"/i);
      expect(html).not.toContain('id="y');
      expect(html).toContain('name="x&quot;&gt;&lt;meta');
    }
  });
});

describe('translations that are not text', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it.each([
    ['an object as a title', { title: { en: { x: 1 } }, elements: [{ type: 'text', name: 't' }] }],
    [
      'null as an html translation',
      {
        elements: [
          { type: 'html', name: 'h', html: { en: null } },
          { type: 'text', name: 't' },
        ],
      },
    ],
    ['a number as an other text', { elements: [{ type: 'tagbox', name: 'c', choices: ['a'], showOtherItem: true, otherText: { es: 5 } }] }],
    ['an array as a description', { elements: [{ type: 'text', name: 't', description: { default: ['x'] } }] }],
  ])('are refused when saved or shown without failing: %s', async (_what, definition) => {
    const researcher = await staffAgent(testApp, 'researcher');
    const slug = `loc-${Math.random().toString(36).slice(2, 10)}`;
    const created = await researcher.post('/api/surveys', { slug, title: 'Loc', source: 'json', definition });
    expect(created.status).toBeLessThan(500);
    if (created.status !== 201) return;
    await giveResearchKey(researcher, (created.body as SurveyDetail).id);
    await researcher.post(`/api/surveys/${(created.body as SurveyDetail).id}/open`).expect(200);
    for (const path of [`/s/${slug}`, `/f/${slug}`, `/f/${slug}?lang=es`]) await testApp.http().get(path).expect(200);
    const html = (await testApp.http().get(`/f/${slug}`)).text;
    const state = /name="state" value="([^"]*)"/.exec(html)?.[1] ?? '';
    const posted = await testApp
      .http()
      .post(`/f/${slug}`)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(new URLSearchParams({ state, action: 'next' }).toString());
    expect(posted.status).toBeLessThan(500);
  });
});
