import { Pool } from 'pg';
import { auditPage, launchChromium, screenshot, VIEWPORTS, type Browser, type Page } from '../support/browser';
import { startBuiltApp, type RunningApp } from '../support/app-process';
import { createAdminWithCli } from '../support/cli';
import { createTemplateSurvey, openForResponses, signInAsStaff } from '../support/staff-browser';

const ADMIN = { email: 'first-admin@candor.test', password: 'a long admin password' };

describe('a researcher designing and fielding the policy-impact survey in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let db: Pool;

  beforeAll(async () => {
    app = await startBuiltApp();
    db = new Pool({ connectionString: app.database.url, max: 1 });
    db.on('error', () => undefined);
    expect(createAdminWithCli(app.database.url, ADMIN.email, ADMIN.password)).toContain('Created admin');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await app?.stop();
  });

  const signIn = (page: Page) => signInAsStaff(page, app.baseUrl, ADMIN);

  it('signs in, creates the survey from the template, translates, previews, opens, collects answers in both languages and closes it', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    const audit = await auditPage(page);
    await signIn(page);

    await createTemplateSurvey(page);
    await screenshot(page, 'staff-designer');

    // Translate one question to Spanish.
    await page.getByRole('tab', { name: 'Translations' }).click();
    await page.getByRole('textbox', { name: 'Español: “Are you 18 or older?” · question' }).fill('¿Tienes 18 años cumplidos?');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    // The preview shows it as respondents will see it, in Spanish.
    await page.getByRole('tab', { name: 'Design' }).click();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
    await page.locator('.preview').getByText('¿Tienes 18 años cumplidos?').waitFor();
    await screenshot(page, 'staff-preview-es');

    await openForResponses(page);
    const link = (await page.getByRole('link', { name: /\/s\/fosta-sesta-impact/ }).textContent()) as string;

    // Respondents answer in Spanish and in English (screened out at the gate: one page).
    for (const [lang, no, complete] of [
      ['es', 'No', 'Enviar respuestas'],
      ['en', 'No', 'Send answers'],
    ] as const) {
      const respondent = await browser.newPage({ viewport: VIEWPORTS.phone });
      await respondent.goto(`${link}?lang=${lang}&renderer=surveyjs`);
      await respondent
        .locator('[data-name="adult"] label')
        .filter({ hasText: new RegExp(`^\\s*${no}\\s*$`) })
        .click();
      await respondent.getByRole('button', { name: complete }).click();
      // The template's screen-out message, not "your answers were received".
      await respondent
        .getByRole('heading', { name: lang === 'es' ? 'Esta encuesta es solo para personas adultas' : 'This survey is only for adults' })
        .waitFor();
      await respondent.close();
    }

    await page.reload();
    // Staff see a coarse count (P4): two responses show as "fewer than 11", never as 2.
    await page.getByText(/responses: fewer than 11/).waitFor();
    expect(await page.getByText(/\b2 responses\b/).count()).toBe(0);
    await page.getByRole('button', { name: 'Close' }).click();
    await page.locator('.badge--closed').waitFor();

    const stored = await db.query(
      `SELECT r.answers FROM stored_response r JOIN survey_version v ON v.id = r.survey_version_id JOIN survey s ON s.id = v.survey_id WHERE s.slug = 'fosta-sesta-impact'`,
    );
    expect(stored.rows.map((r) => r.answers)).toEqual([{ adult: 'no' }, { adult: 'no' }]);
    const actions = await db.query(`SELECT action FROM audit_event WHERE actor_email = $1 ORDER BY occurred_at`, [ADMIN.email]);
    expect(actions.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['auth.login', 'survey.create', 'survey.translations.update', 'survey.open', 'survey.close']),
    );
    expect(audit.requests.filter((url) => new URL(url).origin !== new URL(app.baseUrl).origin)).toEqual([]);
    await context.close();
  });

  it('lets an admin create a researcher account in the web app', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    await signIn(page);
    await page.getByRole('link', { name: 'Staff accounts' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Rosa');
    await page.getByLabel('Email', { exact: true }).fill('rosa@candor.test');
    await page.getByLabel(/Initial password/).fill('a long researcher password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Account created for rosa@candor.test.').waitFor();
    await screenshot(page, 'staff-users');
    await context.close();
  });
});
