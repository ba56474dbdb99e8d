import { DEMO_SURVEY_DEFINITION, parseCsvRecords, type SurveyDefinition, type SurveyDetail, type TranslationsView } from '@candor/shared';
import { staffAgent, type StaffAgent, giveResearchKey } from '../factories/staff';
import { demoAnswers, newKey } from '../factories/surveys';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Translation people can do (issue 13 point 5): any ISO 639-1 language a researcher adds,
 * offered to respondents on both paths; a CSV for translators, out and back in, refused
 * whole when anything is wrong and cleaned like every save; stale translations flagged.
 */
describe('survey languages and translations', () => {
  let testApp: TestApp;
  let researcher: StaffAgent;
  let organizer: StaffAgent;
  let counter = 0;
  const slug = () => `lang-${++counter}-${Date.now().toString(36)}`;

  const create = async (definition: SurveyDefinition = DEMO_SURVEY_DEFINITION): Promise<SurveyDetail> =>
    (await researcher.post('/api/surveys', { slug: slug(), title: 'Languages', source: 'json', definition }).expect(201)).body;
  const addPortuguese = async (survey: SurveyDetail): Promise<SurveyDetail> =>
    (
      await researcher
        .patch(`/api/surveys/${survey.id}`, { locales: ['en', 'es', 'pt'], languageNames: { pt: 'Português (Brasil)' } })
        .expect(200)
    ).body;
  const exportCsv = async (survey: SurveyDetail, locale: string): Promise<string> => {
    const response = await researcher.get(`/api/surveys/${survey.id}/translations/export?locale=${locale}`).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    return response.text;
  };
  const view = async (survey: SurveyDetail): Promise<TranslationsView> =>
    (await researcher.get(`/api/surveys/${survey.id}/translations`).expect(200)).body;
  const detail = async (survey: SurveyDetail): Promise<SurveyDetail> =>
    (await researcher.get(`/api/surveys/${survey.id}`).expect(200)).body;
  /** The exported CSV with a translation filled in for the given keys. */
  const fill = (csv: string, texts: Record<string, string>): string => {
    const rows = parseCsvRecords(csv).map(({ fields }) => fields);
    const quote = (field: string) => `"${field.replace(/"/g, '""')}"`;
    return rows
      .map((fields) =>
        (fields[0] !== undefined && texts[fields[0]] !== undefined ? [...fields.slice(0, 4), texts[fields[0]] as string] : fields)
          .map(quote)
          .join(','),
      )
      .join('\r\n');
  };

  beforeAll(async () => {
    testApp = await startTestApp();
    researcher = await staffAgent(testApp, 'researcher');
    organizer = await staffAgent(testApp, 'organizer');
  });
  afterAll(() => testApp.close());

  describe('adding a language', () => {
    it('accepts any ISO 639-1 code with a name, and offers it to respondents', async () => {
      const survey = await addPortuguese(await create());
      expect(survey.locales).toEqual(['en', 'es', 'pt']);
      expect(survey.languageNames).toEqual({ pt: 'Português (Brasil)' });
      await giveResearchKey(researcher, survey.id);
      const open = (await researcher.post(`/api/surveys/${survey.id}/open`).expect(200)).body as SurveyDetail;
      const publicView = (await testApp.http().get(`/api/public/surveys/${open.slug}`).expect(200)).body;
      expect(publicView.locales).toEqual(['en', 'es', 'pt']);
      expect(publicView.languageNames).toEqual({ pt: 'Português (Brasil)' });
    });

    it('refuses a code that is not ISO 639-1, a name with markup, and a name for a language not offered, changing nothing', async () => {
      const survey = await create();
      const unknown = await researcher.patch(`/api/surveys/${survey.id}`, { locales: ['en', 'xx'] }).expect(400);
      expect(unknown.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ code: 'UNKNOWN_LANGUAGE' })] });
      expect(unknown.body.message).toContain('"xx"');
      const markup = await researcher
        .patch(`/api/surveys/${survey.id}`, { locales: ['en', 'pt'], languageNames: { pt: '<b>PT</b>' } })
        .expect(400);
      expect(markup.body.details[0]).toMatchObject({ path: 'languageNames.pt', code: 'INVALID_NAME' });
      const notOffered = await researcher.patch(`/api/surveys/${survey.id}`, { languageNames: { fr: 'Français' } }).expect(400);
      expect(notOffered.body.details[0]).toMatchObject({ path: 'languageNames.fr', code: 'NOT_OFFERED' });
      const upper = await researcher.patch(`/api/surveys/${survey.id}`, { locales: ['en', 'PT'] }).expect(400);
      expect(upper.body.code).toBe('VALIDATION_FAILED');
      expect((await detail(survey)).locales).toEqual(['en', 'es']);
      expect((await researcher.post('/api/surveys', { slug: slug(), title: 'x', source: 'blank', locales: ['en', 'zz'] })).status).toBe(
        400,
      );
    });

    it('lets a respondent answer in the added language on the server-rendered form, Candor’s own words in English', async () => {
      const survey = await addPortuguese(await create());
      await researcher
        .put(`/api/surveys/${survey.id}/translations`, {
          locale: 'pt',
          texts: { 'pages.0.elements.0.title': 'Você tem 18 anos ou mais?', 'pages.0.elements.0.choices.0.text': 'Sim' },
          baseVersion: survey.currentVersion,
        })
        .expect(200);
      await giveResearchKey(researcher, survey.id);
      const open = (await researcher.post(`/api/surveys/${survey.id}/open`).expect(200)).body as SurveyDetail;
      const pt = (await testApp.http().get(`/s/${open.slug}?lang=pt`).expect(200)).text;
      expect(pt).toContain('<html lang="pt">');
      expect(pt).toContain('Você tem 18 anos ou mais?');
      expect(pt).toContain(' Sim</label>');
      // Candor has no words in Portuguese: its notice is English, and says so to screen readers.
      expect(pt).toMatch(/<section class="notice" aria-labelledby="notice-title" lang="en">/);
      expect(pt).toContain('>Next</button>');
      // The switch offers every other language by its name.
      expect(pt).toMatch(/value="language:en"[^>]*>English</);
      expect(pt).toMatch(/value="language:es"[^>]*>Español</);
      const english = (await testApp.http().get(`/s/${open.slug}`).expect(200)).text;
      expect(english).toMatch(/value="language:pt" class="link" lang="pt">Português \(Brasil\)</);
      // Switching from English to Portuguese inside the form keeps the page.
      const state = /name="state" value="([^"]*)"/.exec(english)?.[1] ?? '';
      const switched = await testApp
        .http()
        .post(`/f/${open.slug}`)
        .type('form')
        .send({ state, action: 'language:pt', adult: 'yes' })
        .expect(303);
      expect(switched.headers['location']).toMatch(/&lang=pt$/);
      const page = (
        await testApp
          .http()
          .get(switched.headers['location'] as string)
          .expect(200)
      ).text;
      expect(page).toContain('<html lang="pt">');
      // A language the survey does not offer falls back to its first.
      expect((await testApp.http().get(`/s/${open.slug}?lang=fr`).expect(200)).text).toContain('<html lang="en">');
      // An answer in Portuguese is validated against the same version.
      await testApp
        .http()
        .post(`/api/public/surveys/${open.slug}/responses`)
        .send({ versionId: open.versionId, answers: demoAnswers(), idempotencyKey: newKey() })
        .expect(201);
    });
  });

  describe('the translators’ CSV', () => {
    it('exports every string for one language, rich text as editable text', async () => {
      const survey = await addPortuguese(await create());
      const csv = await exportCsv(survey, 'pt');
      const rows = parseCsvRecords(csv).map(({ fields }) => fields);
      expect(rows[0]).toEqual(['key', 'context', 'format', 'source', 'translation_pt']);
      const closing = rows.find((fields) => fields[0] === 'completedHtml');
      expect(closing?.[2]).toBe('rich');
      expect(closing?.[3]).toMatch(/^### Thank you\n\nYour answers were received/);
      expect(closing?.[3]).not.toMatch(/<\/?p>/);
      expect(rows.find((fields) => fields[0] === 'pages.0.elements.0.title')).toEqual([
        'pages.0.elements.0.title',
        'radiogroup adult: title',
        'text',
        'Are you 18 or older?',
        '',
      ]);
      // Spanish exports with what is already translated.
      const es = parseCsvRecords(await exportCsv(survey, 'es')).map(({ fields }) => fields);
      expect(es.find((fields) => fields[0] === 'pages.0.elements.0.title')?.[4]).toBe('¿Tienes 18 años o más?');
      await organizer.get(`/api/surveys/${survey.id}/translations/export?locale=pt`).expect(403);
      await researcher.get(`/api/surveys/${survey.id}/translations/export?locale=fr`).expect(400);
    });

    it('imports a filled CSV: translations saved, rich text back to HTML, cleaned like every save', async () => {
      const survey = await addPortuguese(await create());
      const csv = fill(await exportCsv(survey, 'pt'), {
        'pages.0.elements.0.title': 'Você tem 18 anos ou mais?',
        completedHtml:
          '### Obrigado\n\nRecebemos suas respostas. Veja [como se proteger](/f/safety) ou [isto](https://tracker.example/x).\n\n- **Linha** de apoio',
        title: '=HYPERLINK("https://evil.example")',
      });
      const imported = await researcher
        .post(`/api/surveys/${survey.id}/translations/import`, { locale: 'pt', csv, baseVersion: survey.currentVersion })
        .expect(200);
      expect(imported.body).toMatchObject({ imported: 3, newVersion: false });
      const saved = imported.body.survey.definition as Record<string, Record<string, string>>;
      expect(saved['completedHtml']?.['pt']).toBe(
        '<h3>Obrigado</h3><p>Recebemos suas respostas. Veja <a href="/f/safety">como se proteger</a> ou <span>isto</span>.</p><ul><li><strong>Linha</strong> de apoio</li></ul>',
      );
      // Text is text: a formula-looking title is stored as the words, and exported protected again.
      expect(saved['title']?.['pt']).toBe('=HYPERLINK("https://evil.example")');
      const again = parseCsvRecords(await exportCsv(survey, 'pt')).map(({ fields }) => fields);
      expect(again.find((fields) => fields[0] === 'title')?.[4]).toBe('\'=HYPERLINK("https://evil.example")');
      expect((await view(survey)).missing['pt']).toBeLessThan((await view(survey)).strings.length);
    });

    it('refuses a malformed file, unknown keys, another language’s file, and changes nothing', async () => {
      const survey = await addPortuguese(await create());
      const good = await exportCsv(survey, 'pt');
      const before = await detail(survey);
      const attempts: Array<[string, string, string]> = [
        ['unterminated quote', `${good}"pages.0.elements.0.title,x,text,y,"z\r\n`, 'MALFORMED'],
        ['unknown key', fill(good, {}) + '\r\n"pages.9.elements.0.title","x","text","y","z"', 'UNKNOWN_KEY'],
        ['wrong field count', fill(good, {}) + '\r\n"title","x","text"', 'FIELDS'],
        ['another language', good.replace('translation_pt', 'translation_de'), 'HEADER'],
        ['duplicate key', fill(good, {}) + '\r\n"title","x","text","y","z"', 'DUPLICATE_KEY'],
        ['unknown format', fill(good, {}).replace('"title","survey title","text"', '"title","survey title","markdown"'), 'FORMAT'],
      ];
      for (const [what, csv, code] of attempts) {
        const refused = await researcher.post(`/api/surveys/${survey.id}/translations/import`, {
          locale: 'pt',
          csv,
          baseVersion: survey.currentVersion,
        });
        expect({ what, status: refused.status }).toEqual({ what, status: 400 });
        expect({ what, code: refused.body.code }).toEqual({ what, code: 'VALIDATION_FAILED' });
        expect({ what, codes: refused.body.details.map((d: { code: string }) => d.code) }).toEqual({
          what,
          codes: expect.arrayContaining([code]),
        });
        expect(refused.body.message).toContain('nothing was changed');
      }
      expect((await detail(survey)).definition).toEqual(before.definition);
      // A language the survey does not offer, and the source language.
      await researcher
        .post(`/api/surveys/${survey.id}/translations/import`, { locale: 'fr', csv: good, baseVersion: survey.currentVersion })
        .expect(400);
      await researcher
        .post(`/api/surveys/${survey.id}/translations/import`, { locale: 'en', csv: good, baseVersion: survey.currentVersion })
        .expect(400);
    });
  });

  describe('stale translations', () => {
    it('flags a translation whose source changed since it was made, until it is saved again', async () => {
      const survey = await addPortuguese(await create());
      const path = 'pages.0.elements.0.title';
      const saved = (
        await researcher
          .put(`/api/surveys/${survey.id}/translations`, {
            locale: 'pt',
            texts: { [path]: 'Você tem 18 anos ou mais?' },
            baseVersion: survey.currentVersion,
          })
          .expect(200)
      ).body;
      expect((await view(survey)).stale['pt']).toEqual([]);
      const edited = structuredClone(saved.survey.definition) as { pages: Array<{ elements: Array<{ title: Record<string, string> }> }> };
      (edited.pages[0]?.elements[0] as { title: Record<string, string> }).title['default'] = 'Are you aged 18 or over?';
      const changed = (
        await researcher
          .put(`/api/surveys/${survey.id}/definition`, { definition: edited, baseVersion: saved.survey.currentVersion })
          .expect(200)
      ).body;
      expect((await view(survey)).stale['pt']).toEqual([path]);
      // Spanish translations made before fingerprints were kept are not flagged.
      expect((await view(survey)).stale['es']).toEqual([]);
      // Confirming the same words against the new source clears the flag.
      await researcher
        .put(`/api/surveys/${survey.id}/translations`, {
          locale: 'pt',
          texts: { [path]: 'Você tem 18 anos ou mais?' },
          baseVersion: changed.survey.currentVersion,
        })
        .expect(200);
      expect((await view(survey)).stale['pt']).toEqual([]);
    });

    it('flags an imported translation made from an older source text', async () => {
      const survey = await addPortuguese(await create());
      const csv = fill((await exportCsv(survey, 'pt')).replace('Are you 18 or older?', 'Are you an adult?'), {
        'pages.0.elements.0.title': 'Você é adulta?',
      });
      await researcher
        .post(`/api/surveys/${survey.id}/translations/import`, { locale: 'pt', csv, baseVersion: survey.currentVersion })
        .expect(200);
      expect((await view(survey)).stale['pt']).toEqual(['pages.0.elements.0.title']);
    });
  });
});
