import type { SurveyDefinition, SurveyDetail } from '@candor/shared';
import { staffAgent, type StaffAgent } from '../factories/staff';
import { createSurvey, fetchPublicSurvey, newKey, submit } from '../factories/surveys';
import { startTestApp, type TestApp } from '../support/test-app';

const META_REFRESH = '<meta http-equiv="refresh" content="0; url=http://elsewhere.example/">';

/** Researcher content as a hostile (or careless, or coerced) researcher writes it. */
function navigatingDefinition(): SurveyDefinition {
  return {
    completedHtml: { default: `<p>Thank you</p>${META_REFRESH}`, es: `<p>Gracias</p><base href="//elsewhere.example/">` },
    completedBeforeHtml: '<form action="https://elsewhere.example/"><button>Go</button></form>',
    pages: [
      {
        elements: [
          {
            type: 'html',
            name: 'intro',
            html: { default: `<p>Welcome</p>${META_REFRESH}`, es: '<p>Hola</p><img src="/\\elsewhere.example/pixel.png">' },
          },
          { type: 'radiogroup', name: 'adult', isRequired: true, choices: ['yes', 'no'] },
        ],
      },
    ],
  };
}

const LETTERS_ONLY = '^([a-zA-Z]+ ?)+$';

describe('researcher content that cannot hurt respondents (issue 11)', () => {
  let testApp: TestApp;
  let researcher: StaffAgent;
  let counter = 0;
  const slug = () => `hostile-${++counter}-${Date.now().toString(36)}`;

  beforeAll(async () => {
    testApp = await startTestApp();
    researcher = await staffAgent(testApp, 'researcher');
  });
  afterAll(() => testApp.close());

  it('cleans navigating HTML (elements, translations, closing pages) when a survey is saved, and says so when checked', async () => {
    const check = await researcher.post('/api/surveys/check-definition', { definition: navigatingDefinition() }).expect(200);
    expect(check.body.valid).toBe(true);
    expect(check.body.warnings.map((w: { path: string }) => w.path)).toEqual(
      expect.arrayContaining([
        'completedHtml.default',
        'completedHtml.es',
        'completedBeforeHtml',
        'pages[0].elements[0].html.default',
        'pages[0].elements[0].html.es',
      ]),
    );

    const created: SurveyDetail = (
      await researcher
        .post('/api/surveys', { slug: slug(), title: 'Hostile', source: 'json', definition: navigatingDefinition() })
        .expect(201)
    ).body;
    const edited = (
      await researcher
        .put(`/api/surveys/${created.id}/definition`, {
          definition: { ...navigatingDefinition(), loadingHtml: META_REFRESH },
          baseVersion: created.currentVersion,
        })
        .expect(200)
    ).body;
    const translated = await researcher.put(`/api/surveys/${created.id}/translations`, {
      locale: 'es',
      texts: { 'pages.0.elements.0.html': `<p>Hola</p>${META_REFRESH}` },
      baseVersion: edited.survey.currentVersion,
    });
    expect(translated.status).toBe(200);

    const stored = await testApp.db.query<{ definition: unknown }>(
      'SELECT definition FROM survey_version v JOIN survey s ON s.id = v.survey_id WHERE s.id = $1',
      [created.id],
    );
    const text = JSON.stringify(stored.rows);
    expect(text).not.toMatch(/elsewhere|<meta|<base|<form/i);
    expect(text).toContain('Welcome');
    expect(text).toContain('Hola');
  });

  it('serves respondents cleaned HTML only', async () => {
    const survey = await createSurvey(testApp, { definition: navigatingDefinition() });
    const open = await fetchPublicSurvey(testApp, survey.slug);
    expect(JSON.stringify(open.definition)).not.toMatch(/elsewhere|<meta|<base|<form/i);
    const form = await testApp.http().get(`/f/${survey.slug}`).expect(200);
    expect(form.text).not.toMatch(/elsewhere|<meta http-equiv/i);
  });

  it('refuses, when saving, a regex validator the linear-time engine cannot run, saying which and why', async () => {
    const definition = { elements: [{ type: 'text', name: 'code', validators: [{ type: 'regex', regex: '^(\\w)\\1+$' }] }] };
    const response = await researcher
      .post('/api/surveys', { slug: slug(), title: 'Backreference', source: 'json', definition })
      .expect(400);
    expect(response.body.code).toBe('INVALID_DEFINITION');
    expect(response.body.details[0]).toMatchObject({ path: 'elements[0].validators[0].regex' });
    expect(response.body.details[0].message).toMatch(/RE2/);
  });

  it('answers a catastrophic-backtracking pattern against a 2,000-character answer, and /api/health answers meanwhile', async () => {
    const survey = await createSurvey(testApp, {
      definition: {
        elements: [{ type: 'comment', name: 'in_your_words', maxLength: 2000, validators: [{ type: 'regex', regex: LETTERS_ONLY }] }],
      },
    });
    const open = await fetchPublicSurvey(testApp, survey.slug);
    const answer = `${'a'.repeat(1999)}1`;
    // Both requests are in flight together; with a backtracking engine the first blocks the
    // process for hours and the second never answers (the test times out).
    const [submission, health] = await Promise.all([
      submit(testApp, survey.slug, { versionId: open.versionId, answers: { in_your_words: answer }, idempotencyKey: newKey() }),
      testApp.http().get('/api/health'),
    ]);
    expect(health.status).toBe(200);
    expect(submission.status).toBe(400);
    expect(submission.body.details).toEqual([expect.objectContaining({ path: 'in_your_words', code: 'PATTERN_MISMATCH' })]);
    await submit(testApp, survey.slug, {
      versionId: open.versionId,
      answers: { in_your_words: 'only letters here' },
      idempotencyKey: newKey(),
    }).expect(201);
  });
});
