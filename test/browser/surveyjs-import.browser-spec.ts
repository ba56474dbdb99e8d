import { Pool } from 'pg';
import type { SurveyDefinition } from '@candor/shared';
import { auditPage, launchChromium, screenshot, VIEWPORTS, type Browser } from '../support/browser';
import { startBuiltApp, type RunningApp } from '../support/app-process';
import { createAdminWithCli } from '../support/cli';
import { openForResponses, signInAsStaff } from '../support/staff-browser';

const ADMIN = { email: 'importer@candor.test', password: 'a long admin password' };

/** A questionnaire as people write them for SurveyJS: hyphenated and spaced names, a date, a matrix, "value|text" choices. */
const IMPORTED: SurveyDefinition = {
  title: 'Clinic visits',
  pages: [
    {
      name: 'visits',
      elements: [
        {
          type: 'radiogroup',
          name: 'care-provider',
          title: 'Where do you get care?',
          isRequired: true,
          choices: ['clinic|A clinic', 'outreach|Outreach workers'],
          showRefuseItem: true,
        },
        {
          type: 'text',
          name: 'last visit',
          title: 'When was your last visit?',
          inputType: 'date',
          visibleIf: "{care-provider} = 'clinic'",
        },
        {
          type: 'matrix',
          name: 'price-to-competitors',
          title: 'How did prices change?',
          rows: ['r1|Rent', 'r2|Food'],
          columns: ['lower|Lower', 'same|The same', 'higher|Higher'],
        },
      ],
    },
  ],
};

describe('a SurveyJS questionnaire imported in the browser', () => {
  let app: RunningApp;
  let browser: Browser;
  let db: Pool;

  beforeAll(async () => {
    app = await startBuiltApp({ POW_DIFFICULTY: '2000' });
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

  it('is imported from its JSON, opened, answered in SurveyJS, and stored with the date cut to the month', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await signInAsStaff(page, app.baseUrl, ADMIN);

    await page.getByRole('link', { name: 'New survey' }).click();
    await page.getByLabel('Title (for staff)').fill('Clinic visits');
    await page.getByLabel('SurveyJS JSON').check();
    await page.getByLabel('Paste SurveyJS JSON').fill(JSON.stringify(IMPORTED, null, 2));
    await page.getByRole('button', { name: 'Create survey' }).click();
    await page.getByRole('tab', { name: 'Design' }).waitFor();
    await screenshot(page, 'surveyjs-import-designer');
    await openForResponses(page);
    const link = (await page.getByRole('link', { name: /\/s\/clinic-visits/ }).textContent()) as string;

    const respondent = await browser.newPage({ viewport: VIEWPORTS.phone });
    const audit = await auditPage(respondent);
    // Answered in SurveyJS itself (the shared link picks it on fast links; forced here so the test does not depend on the machine's speed).
    await respondent.goto(`${link.trim()}?renderer=surveyjs`);
    await respondent.locator('#root:not([hidden]) [data-name="care-provider"]').waitFor();
    await respondent
      .locator('[data-name="care-provider"] label')
      .filter({ hasText: /^\s*A clinic\s*$/ })
      .click();
    await respondent.locator('[data-name="last visit"] input').fill('2024-05-17');
    const matrix = respondent.locator('[data-name="price-to-competitors"]');
    await matrix.locator('tr').filter({ hasText: 'Rent' }).locator('input[value="higher"]').check({ force: true });
    await matrix.locator('tr').filter({ hasText: 'Food' }).locator('input[value="same"]').check({ force: true });
    await screenshot(respondent, 'surveyjs-import-respondent');
    await respondent.getByRole('button', { name: 'Send answers' }).click();
    await respondent.getByRole('heading', { name: 'Thank you' }).waitFor();

    const stored = await db.query(
      `SELECT r.answers FROM stored_response r JOIN survey_version v ON v.id = r.survey_version_id JOIN survey s ON s.id = v.survey_id WHERE s.slug = 'clinic-visits'`,
    );
    expect(stored.rows.map((r) => r.answers)).toEqual([
      { 'care-provider': 'clinic', 'last visit': '2024-05', 'price-to-competitors': { r1: 'higher', r2: 'same' } },
    ]);
    expect(audit.requests.filter((url) => new URL(url).origin !== new URL(app.baseUrl).origin && !url.startsWith('data:'))).toEqual([]);
    expect(await audit.violations()).toEqual([]);
    await context.close();
  });
});
