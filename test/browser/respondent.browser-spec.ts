import { Pool } from 'pg';
import { auditPage, launchChromium, screenshot, VIEWPORTS, type Browser } from '../support/browser';
import { startBuiltApp, type RunningApp } from '../support/app-process';

describe('a respondent answering the demo survey in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let db: Pool;

  beforeAll(async () => {
    app = await startBuiltApp({ POW_DIFFICULTY: '2000' });
    browser = await launchChromium();
    db = new Pool({ connectionString: app.database.url, max: 1 });
    db.on('error', () => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await app?.stop();
  });

  const TEXT = {
    en: {
      yes: 'Yes',
      no: 'No',
      buddy: 'A buddy who knows where I am',
      police: 'The police',
      next: 'Next',
      complete: 'Send answers',
      thanks: 'Thank you',
    },
    es: {
      yes: 'Sí',
      no: 'No',
      buddy: 'Alguien que sabe dónde estoy',
      police: 'La policía',
      next: 'Siguiente',
      complete: 'Enviar respuestas',
      thanks: 'Gracias',
    },
  } as const;

  it.each([
    ['en', 'phone'],
    ['en', 'desktop'],
    ['es', 'phone'],
    ['es', 'desktop'],
  ] as const)(
    'in %s on a %s: answers, submits, sees the thank-you page, and the answers are stored without identifiers',
    async (lang, viewport) => {
      const text = TEXT[lang];
      const before = (await db.query('SELECT count(*)::int AS n FROM stored_response')).rows[0].n as number;
      const context = await browser.newContext({ viewport: VIEWPORTS[viewport], locale: lang === 'es' ? 'es-ES' : 'en-US' });
      const page = await context.newPage();
      const audit = await auditPage(page);
      /** Clicks the visible label of an answer inside the question with this name. */
      const choose = async (question: string, label: string) => {
        const choice = page
          .locator(`[data-name="${question}"] label`)
          .filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) })
          .first();
        await choice.click();
        // The click must have chosen the answer (a tap that misses is not a silent gap in the row).
        await choice.locator('input:checked').waitFor({ state: 'attached' });
      };

      // SurveyJS, as on a fast link (the light path has its own tests).
      await page.goto(`${app.baseUrl}/s/demo?lang=${lang}&renderer=surveyjs`);
      await choose('adult', text.yes);
      await page.getByRole('button', { name: text.next }).click();
      // Screening page: the before/after pair and the multi-select.
      await choose('screened_clients__before', text.yes);
      await choose('screened_clients__after', text.no);
      await choose('safety_tools', text.buddy);
      await screenshot(page, `respondent-${lang}-${viewport}-screening`);
      await page.getByRole('button', { name: text.next }).click();
      // Safety page: the follow-up appears only through skip logic.
      expect(await page.locator('[data-name="incident_reported"]').isVisible()).toBe(false);
      await choose('violent_incident', text.yes);
      await choose('incident_reported', text.police);
      await page.getByRole('button', { name: text.complete }).click();

      await page.getByRole('heading', { name: text.thanks }).waitFor();
      await screenshot(page, `respondent-${lang}-${viewport}-thanks`);
      expect(await page.title()).toMatch(/^(Survey|Encuesta)$/);

      const rows = await db.query('SELECT * FROM stored_response');
      expect(rows.rows).toHaveLength(before + 1);
      const stored = rows.rows.at(-1);
      expect(Object.keys(stored).sort()).toEqual(['answers', 'id', 'period', 'survey_version_id']);
      expect(stored.answers).toEqual({
        adult: 'yes',
        screened_clients__before: 'yes',
        screened_clients__after: 'no',
        safety_tools: ['buddy'],
        violent_incident: 'yes',
        incident_reported: 'police',
      });

      const origin = new URL(app.baseUrl).origin;
      expect(audit.requests.filter((url) => new URL(url).origin !== origin && !url.startsWith('data:'))).toEqual([]);
      expect(await audit.violations()).toEqual([]);
      const cookies = await context.cookies();
      expect(cookies).toEqual([]);
      const storage = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length }));
      expect(storage).toEqual({ local: 0, session: 0 });
      await context.close();
    },
  );
});
