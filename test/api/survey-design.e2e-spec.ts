import { buildPolicyImpactSurvey, DEMO_SURVEY_DEFINITION, sealText, type SurveyDefinition, type SurveyDetail } from '@candor/shared';
import { staffAgent, type StaffAgent, giveResearchKey } from '../factories/staff';
import { demoAnswers, newKey } from '../factories/surveys';
import { startTestApp, type TestApp } from '../support/test-app';

const template = () =>
  buildPolicyImpactSurvey({ eventName: 'FOSTA-SESTA', eventDate: '2018-04-11', resources: [{ name: 'Peer line', contact: '555-0100' }] });

describe('designing, versioning and fielding surveys', () => {
  let testApp: TestApp;
  let researcher: StaffAgent;
  let organizer: StaffAgent;
  let counter = 0;
  const slug = () => `design-${++counter}-${Date.now().toString(36)}`;

  const create = async (body: Record<string, unknown>): Promise<SurveyDetail> =>
    (await researcher.post('/api/surveys', body).expect(201)).body;
  const respond = (survey: SurveyDetail, answers: Record<string, unknown>) =>
    testApp
      .http()
      .post(`/api/public/surveys/${survey.slug}/responses`)
      .send({ versionId: survey.versionId, answers, idempotencyKey: newKey() });

  beforeAll(async () => {
    testApp = await startTestApp();
    researcher = await staffAgent(testApp, 'researcher');
    organizer = await staffAgent(testApp, 'organizer');
  });
  afterAll(() => testApp.close());

  it('creates a blank draft survey that respondents cannot see yet', async () => {
    const survey = await create({ slug: slug(), title: 'Blank', source: 'blank' });
    expect(survey).toMatchObject({
      status: 'draft',
      currentVersion: 1,
      responseCount: { atLeast: 0, step: 11, floorReached: false },
      settingsLocked: false,
      locales: ['en', 'es'],
    });
    expect(survey.privacy).toEqual({
      k: 11,
      minResponses: 100,
      minGroup: 40,
      timeGranularity: 'day',
      retentionDays: 365,
      crosstabs: [],
      perturbation: 'none',
      requiresOutreachCode: false,
    });
    await testApp.http().get(`/api/public/surveys/${survey.slug}`).expect(404);
  });

  it('creates a survey from imported SurveyJS JSON', async () => {
    const survey = await create({ slug: slug(), title: 'Imported', source: 'json', definition: DEMO_SURVEY_DEFINITION });
    expect(survey.definition).toEqual(DEMO_SURVEY_DEFINITION);
  });

  it('creates the policy-impact survey from the template', async () => {
    const survey = await create({ slug: slug(), title: 'FOSTA-SESTA impact', source: 'template', definition: template() });
    const check = await researcher.post('/api/surveys/check-definition', { definition: survey.definition }).expect(200);
    expect(check.body).toMatchObject({ valid: true, questionCount: 39 });
    expect(check.body.pairs).toEqual(expect.arrayContaining(['screened_clients', 'support_dependants']));
  });

  it('warns, in the survey check, about questions that ask for identifying details, in English and Spanish wording', async () => {
    const definition = {
      pages: [
        {
          elements: [
            { type: 'text', name: 'who', title: { default: 'What is your name?', es: '¿Cómo te llamas?' } },
            { type: 'text', name: 'reach', title: { default: 'Best way to reach you', es: 'Número de teléfono o correo electrónico' } },
            {
              type: 'comment',
              name: 'story',
              title: 'What changed?',
              description: 'Please do not include names or phone numbers.',
              maxLength: 500,
            },
          ],
        },
      ],
    };
    const check = await researcher.post('/api/surveys/check-definition', { definition }).expect(200);
    expect(check.body.valid).toBe(true);
    const identifying = (check.body.warnings as { path: string; message: string }[]).filter((w) =>
      w.message.startsWith('asks for details that identify someone'),
    );
    expect(identifying).toEqual([
      { path: 'who', message: expect.stringContaining('(a name)') },
      { path: 'reach', message: expect.stringContaining('(a phone number, an email address)') },
    ]);
  });

  it('refuses an invalid definition with every problem and its path, and saves nothing', async () => {
    const before = (await researcher.get('/api/surveys').expect(200)).body.length;
    const response = await researcher.post('/api/surveys', {
      slug: slug(),
      title: 'Broken',
      source: 'json',
      definition: { cookieName: 'x', elements: [{ type: 'file', name: 'upload' }, { type: 'text' }] },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('INVALID_DEFINITION');
    expect(response.body.details.map((d: { path: string }) => d.path)).toEqual(['cookieName', 'elements[0].type', 'elements[1].name']);
    expect((await researcher.get('/api/surveys').expect(200)).body.length).toBe(before);
  });

  it('refuses conditions, validators and expressions that read the clock, naming the function and where (P2)', async () => {
    const clocked = {
      pages: [
        {
          name: 'p1',
          elements: [
            { type: 'radiogroup', name: 'mood', choices: ['ok', 'bad'], visibleIf: "dateDiff('2020-01-01', today(), 'hours') % 2 = 0" },
          ],
        },
      ],
    };
    const refused = await researcher.post('/api/surveys', { slug: slug(), title: 'Clock', source: 'json', definition: clocked });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('INVALID_DEFINITION');
    expect(refused.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'pages[0].elements[0].visibleIf', message: expect.stringContaining('dateDiff()') }),
      ]),
    );

    const survey = await create({ slug: slug(), title: 'Clock later', source: 'json', definition: DEMO_SURVEY_DEFINITION });
    const edited = structuredClone(survey.definition) as unknown as { pages: { elements: Record<string, unknown>[] }[] };
    (edited.pages[0]?.elements[0] as Record<string, unknown>)['validators'] = [
      { type: 'expression', expression: 'iif(weekday(currentDate()) > 5, true, false)' },
    ];
    const update = await researcher.put(`/api/surveys/${survey.id}/definition`, { definition: edited, baseVersion: survey.currentVersion });
    expect(update.status).toBe(400);
    expect(update.body.details.map((d: { message: string }) => d.message).join(' ')).toMatch(
      /weekday\(\).*currentDate\(\)|currentDate\(\).*weekday\(\)/,
    );
    expect((await researcher.get(`/api/surveys/${survey.id}`).expect(200)).body.definition).toEqual(DEMO_SURVEY_DEFINITION);
  });

  it('answers a clear 400, never a 500, for a version saved before the clock rule existed', async () => {
    const survey = await create({ slug: slug(), title: 'Legacy clock', source: 'json', definition: DEMO_SURVEY_DEFINITION });
    const legacy = structuredClone(DEMO_SURVEY_DEFINITION) as unknown as { pages: { elements: Record<string, unknown>[] }[] };
    (legacy.pages[0]?.elements[0] as Record<string, unknown>)['requiredIf'] = 'weekday(today()) > 5';
    await testApp.db.query('UPDATE survey_version SET definition = $1 WHERE survey_id = $2', [JSON.stringify(legacy), survey.id]);
    await giveResearchKey(researcher, survey.id);
    const open = await researcher.post(`/api/surveys/${survey.id}/open`);
    expect(open.status).toBe(400);
    expect(open.body.details.map((d: { message: string }) => d.message).join(' ')).toContain('weekday()');
    await testApp.db.query(`UPDATE survey SET status = 'open', opened_at = now(), fielding_version = 1 WHERE id = $1`, [survey.id]);
    const answered = await respond(survey, demoAnswers());
    expect(answered.status).toBe(400);
    expect(answered.body.code).toBe('INVALID_DEFINITION');
    const previewed = await organizer.post(`/api/surveys/${survey.id}/publications/preview`);
    expect(previewed.status).toBe(400);
  });

  it('refuses a slug that is taken', async () => {
    const taken = slug();
    await create({ slug: taken, title: 'First', source: 'blank' });
    const response = await researcher.post('/api/surveys', { slug: taken, title: 'Second', source: 'blank' });
    expect(response.status).toBe(409);
    expect(response.body.details[0].path).toBe('slug');
  });

  it('edits a draft in place, then versions edits once fielding starts, keeping responses on their version', async () => {
    const survey = await create({ slug: slug(), title: 'Versions', source: 'json', definition: DEMO_SURVEY_DEFINITION });
    const edited = { ...DEMO_SURVEY_DEFINITION, title: { default: 'Edited in draft' } } as SurveyDefinition;
    const inPlace = await researcher.put(`/api/surveys/${survey.id}/definition`, { definition: edited, baseVersion: 1 }).expect(200);
    expect(inPlace.body).toMatchObject({ newVersion: false, survey: { currentVersion: 1 } });

    await giveResearchKey(researcher, survey.id);
    const opened = (await researcher.post(`/api/surveys/${survey.id}/open`).expect(200)).body as SurveyDetail;
    await respond(opened, demoAnswers()).expect(201);

    const again = { ...edited, title: { default: 'Edited while open' } } as SurveyDefinition;
    const versioned = await researcher.put(`/api/surveys/${survey.id}/definition`, { definition: again, baseVersion: 1 }).expect(200);
    expect(versioned.body).toMatchObject({ newVersion: true, survey: { currentVersion: 2 } });

    const versions = (await organizer.get(`/api/surveys/${survey.id}/versions`).expect(200)).body;
    // Staff see coarse counts (P4): one response does not show; the database keeps it on version 1.
    expect(versions.map((v: { number: number; responseCount: unknown }) => [v.number, v.responseCount])).toEqual([
      [2, { atLeast: 0, step: 11, floorReached: false }],
      [1, { atLeast: 0, step: 11, floorReached: false }],
    ]);
    const stored = await testApp.db.query(
      'SELECT v.number FROM stored_response r JOIN survey_version v ON v.id = r.survey_version_id WHERE v.survey_id = $1',
      [survey.id],
    );
    expect(stored.rows).toEqual([{ number: 1 }]);
    expect(versions[0].createdBy).toBe(researcher.email);
    const v1 = (await organizer.get(`/api/surveys/${survey.id}/versions/1`).expect(200)).body;
    expect(v1.definition.title).toEqual({ default: 'Edited in draft' });

    const diff = (await organizer.get(`/api/surveys/${survey.id}/versions/2/diff`).expect(200)).body;
    expect(diff).toEqual({ from: 1, to: 2, changes: [{ kind: 'changed', target: 'survey', name: 'survey', fields: ['title'] }] });
  });

  it('refuses an edit based on a stale version, so no one overwrites another edit', async () => {
    const survey = await create({ slug: slug(), title: 'Concurrent', source: 'blank' });
    const defA = { ...DEMO_SURVEY_DEFINITION, title: { default: 'A' } };
    const defB = { ...DEMO_SURVEY_DEFINITION, title: { default: 'B' } };
    await researcher.put(`/api/surveys/${survey.id}/definition`, { definition: defA, baseVersion: 1 }).expect(200);
    await giveResearchKey(researcher, survey.id);
    await researcher.post(`/api/surveys/${survey.id}/open`).expect(200);
    await researcher.put(`/api/surveys/${survey.id}/definition`, { definition: defB, baseVersion: 1 }).expect(200);
    const stale = await researcher.put(`/api/surveys/${survey.id}/definition`, { definition: defA, baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.details[0]).toMatchObject({ path: 'baseVersion', code: 'STALE' });
  });

  it('changes privacy settings in draft, locks them when the survey opens, and shows them to respondents', async () => {
    const survey = await create({ slug: slug(), title: 'Settings', source: 'template', definition: template() });
    const settings = {
      k: 15,
      minResponses: 150,
      minGroup: 50,
      timeGranularity: 'week',
      retentionDays: 180,
      crosstabs: [['age_band'], ['region', 'gender']],
      perturbation: 'ons_10_5',
      requiresOutreachCode: true,
    };
    const updated = (await researcher.put(`/api/surveys/${survey.id}/settings`, settings).expect(200)).body;
    expect(updated.privacy).toEqual(settings);

    await giveResearchKey(researcher, survey.id);
    const opened = (await researcher.post(`/api/surveys/${survey.id}/open`).expect(200)).body;
    expect(opened).toMatchObject({ status: 'open', settingsLocked: true });
    const locked = await researcher.put(`/api/surveys/${survey.id}/settings`, { ...settings, k: 5 });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('SETTINGS_LOCKED');

    const publicView = (await testApp.http().get(`/api/public/surveys/${survey.slug}`).expect(200)).body;
    expect(publicView.privacy).toEqual({ timeGranularity: 'week', retentionDays: 180, k: 15, minResponses: 150 });
    expect(publicView.protection).toEqual({ proofOfWork: false, outreachCode: true });

    await researcher.post(`/api/surveys/${survey.id}/close`).expect(200);
    expect((await researcher.put(`/api/surveys/${survey.id}/settings`, settings)).status).toBe(409);
  });

  it.each([
    ['k below 5', { k: 4 }, 'k'],
    ['an unknown grouping question', { crosstabs: [['favourite_food']] }, 'crosstabs[0]'],
    ['a free-text grouping question', { crosstabs: [['comments']] }, 'crosstabs[0]'],
    ['three grouping questions in one table', { crosstabs: [['age_band', 'gender', 'region']] }, 'crosstabs[0]'],
  ])('refuses settings with %s', async (_what, change, path) => {
    const survey = await create({ slug: slug(), title: 'Bad settings', source: 'template', definition: template() });
    const response = await researcher.put(`/api/surveys/${survey.id}/settings`, {
      k: 11,
      minResponses: 100,
      minGroup: 40,
      timeGranularity: 'day',
      retentionDays: 365,
      crosstabs: [],
      perturbation: 'none',
      ...change,
    });
    expect(response.status).toBe(400);
    expect(response.body.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('moves through draft → open → closed → open, refusing other moves', async () => {
    const survey = await create({ slug: slug(), title: 'Lifecycle', source: 'json', definition: DEMO_SURVEY_DEFINITION });
    expect((await researcher.post(`/api/surveys/${survey.id}/close`)).body.code).toBe('INVALID_TRANSITION');
    await giveResearchKey(researcher, survey.id);
    await researcher.post(`/api/surveys/${survey.id}/open`).expect(200);
    expect((await researcher.post(`/api/surveys/${survey.id}/open`)).body.code).toBe('INVALID_TRANSITION');
    const closed = (await researcher.post(`/api/surveys/${survey.id}/close`).expect(200)).body;
    expect(closed.status).toBe('closed');
    await testApp.http().get(`/api/public/surveys/${survey.slug}`).expect(410);
    await giveResearchKey(researcher, survey.id);
    await researcher.post(`/api/surveys/${survey.id}/open`).expect(200);
    await testApp.http().get(`/api/public/surveys/${survey.slug}`).expect(200);
  });

  it('refuses to open a survey with no questions', async () => {
    const survey = await create({ slug: slug(), title: 'Empty', source: 'blank' });
    await giveResearchKey(researcher, survey.id);
    const response = await researcher.post(`/api/surveys/${survey.id}/open`);
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('INVALID_TRANSITION');
  });

  it('lists strings that lack a translation and saves translations as an edit', async () => {
    const definition: SurveyDefinition = {
      elements: [{ type: 'radiogroup', name: 'q', title: 'Did you work?', choices: ['yes', { value: 'no', text: 'No' }] }],
    };
    const survey = await create({ slug: slug(), title: 'Translate', source: 'json', definition });
    const view = (await researcher.get(`/api/surveys/${survey.id}/translations`).expect(200)).body;
    expect(view.missing).toEqual({ es: 3 });
    expect(view.strings.map((s: { path: string; source: string }) => [s.path, s.source])).toEqual([
      ['elements.0.title', 'Did you work?'],
      ['elements.0.choices.0.text', 'yes'],
      ['elements.0.choices.1.text', 'No'],
    ]);
    const saved = await researcher
      .put(`/api/surveys/${survey.id}/translations`, {
        locale: 'es',
        baseVersion: 1,
        texts: { 'elements.0.title': '¿Trabajaste?', 'elements.0.choices.0.text': 'sí' },
      })
      .expect(200);
    expect(saved.body.survey.definition.elements[0].title).toEqual({ default: 'Did you work?', es: '¿Trabajaste?' });
    expect(saved.body.survey.definition.elements[0].choices[0]).toEqual({ value: 'yes', text: { default: 'yes', es: 'sí' } });
    const after = (await researcher.get(`/api/surveys/${survey.id}/translations`).expect(200)).body;
    expect(after.missing).toEqual({ es: 1 });

    const unknown = await researcher.put(`/api/surveys/${survey.id}/translations`, {
      locale: 'es',
      baseVersion: 1,
      texts: { 'elements.0.name': 'x' },
    });
    expect(unknown.status).toBe(400);
    const notOffered = await researcher.put(`/api/surveys/${survey.id}/translations`, { locale: 'fr', baseVersion: 1, texts: {} });
    expect(notOffered.status).toBe(400);
  });

  it('lets respondents answer the template survey (answers are stored as values, the same in every language)', async () => {
    const survey = await create({ slug: slug(), title: 'Answer me', source: 'template', definition: template() });
    await giveResearchKey(researcher, survey.id);
    const opened = (await researcher.post(`/api/surveys/${survey.id}/open`).expect(200)).body as SurveyDetail;
    const answers = {
      adult: 'yes',
      worked__before: 'yes',
      worked__after: 'yes',
      work_settings: ['online', 'indoor_independent'],
      screened_clients__before: 'always',
      screened_clients__after: 'sometimes',
      weekly_income__before: '1000_1999',
      weekly_income__after: '250_499',
      safety_skip: 'skip',
      police_skip: 'continue',
      police_harassment__before: 'no',
      police_harassment__after: 'yes',
      age_band: '25_34',
      // Free text is sealed to the research key in the browser (issue 17).
      comments: sealText('It got harder to screen.', opened.researchPublicKey as string),
    };
    await respond(opened, answers).expect(201);
    await respond(opened, { ...answers, violence__before: 'yes' }).expect(400);
  });

  it('records every design step in the audit log with the researcher as actor', async () => {
    const survey = await create({ slug: slug(), title: 'Audited', source: 'json', definition: DEMO_SURVEY_DEFINITION });
    await giveResearchKey(researcher, survey.id);
    await researcher.post(`/api/surveys/${survey.id}/open`).expect(200);
    await researcher.post(`/api/surveys/${survey.id}/close`).expect(200);
    const rows = await testApp.db.query(`SELECT action, actor_email FROM audit_event WHERE target_id = $1 ORDER BY occurred_at`, [
      survey.id,
    ]);
    expect(rows.rows).toEqual([
      { action: 'survey.create', actor_email: researcher.email },
      { action: 'survey.open', actor_email: researcher.email },
      { action: 'survey.close', actor_email: researcher.email },
    ]);
  });
});
