import { randomUUID } from 'node:crypto';
import type { PublicSurvey } from '@candor/shared';
import { policyImpactAnswers, sealedAsBrowsersSend } from '../factories/responses';
import { startBuiltApp, type RunningApp } from '../support/app-process';
import { auditPage, axeScan, blocking, launchChromium, screenshot, VIEWPORTS, type Browser, type Page } from '../support/browser';
import { createAdminWithCli } from '../support/cli';
import { createTemplateSurvey, openForResponses, signInAsStaff } from '../support/staff-browser';

const ADMIN = { email: 'tables-admin@candor.test', password: 'a long table builder password' };
// Enough that the age × region cells behind the filtered table (2) are well above k: its base
// counts only joint cells that are not small, and with 160 responses it sat near the 40 floor, so
// the cell keys' noise held it in some runs.
const RESPONSES = 400;
const REGION = 'In which region do you mostly work?';
const AGE = 'How old are you?';
const GENDER = 'What is your gender?';

describe('a researcher building three custom tables in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startBuiltApp({ POW_DIFFICULTY: '0', SUBMISSION_RATE_PER_MINUTE: '100000' });
    expect(createAdminWithCli(app.database.url, ADMIN.email, ADMIN.password)).toContain('Created admin');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function submitResponses(slug: string, count: number): Promise<void> {
    const survey = (await (await fetch(`${app.baseUrl}/api/public/surveys/${slug}`)).json()) as PublicSurvey;
    for (const answers of policyImpactAnswers(count, 2017)) {
      const response = await fetch(`${app.baseUrl}/api/public/surveys/${slug}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ versionId: survey.versionId, answers: sealedAsBrowsersSend(survey, answers), idempotencyKey: randomUUID() }),
      });
      if (response.status !== 201) throw new Error(`submission refused: ${response.status} ${await response.text()}`);
    }
  }

  async function build(
    page: Page,
    rows: string,
    columns: string | null,
    filter: { question: string; keep: string[] } | null,
  ): Promise<void> {
    await page.getByLabel('Rows').selectOption({ label: rows });
    await page.getByLabel('Columns (optional)').selectOption(columns ? { label: columns } : { value: '' });
    await page.getByLabel('Only people who answered (optional)').selectOption(filter ? { label: filter.question } : { value: '' });
    for (const keep of filter?.keep ?? []) await page.getByRole('checkbox', { name: keep }).check();
    await page.getByRole('button', { name: 'Build the table' }).click();
    await page.getByRole('button', { name: 'Build the table' }).waitFor();
  }

  const noBlockingViolations = async (page: Page) => expect(blocking(await axeScan(page))).toEqual([]);

  it('builds a two-way table, a filtered table and a smaller table summed from the first, accessibly, at 1280 and 360 px', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    const audit = await auditPage(page);
    await signInAsStaff(page, app.baseUrl, ADMIN);
    await createTemplateSurvey(page);
    await openForResponses(page);
    await submitResponses('fosta-sesta-impact', RESPONSES);

    await page.getByRole('link', { name: 'Build tables' }).click();
    await page.getByRole('heading', { name: 'Build tables: FOSTA-SESTA impact' }).waitFor();

    // 1. Region by age band: every cell a number, "< 11" or "hidden", with totals.
    await build(page, REGION, AGE, null);
    const first = page.getByRole('table', { name: `${REGION} by ${AGE}` });
    await first.waitFor();
    expect(await first.getByRole('row').count()).toBeGreaterThan(3);
    await page.getByText(/Each number is within 6 of the true count/).waitFor();
    await noBlockingViolations(page);
    await screenshot(page, 'tables-two-way-desktop');

    // 2. Age band, only people in two regions: a filter the joint of (1) already holds.
    const regions = await first.locator('tbody th[scope="row"]').allTextContents();
    await build(page, AGE, null, { question: REGION, keep: regions.slice(0, 2) });
    await page.getByRole('table', { name: new RegExp(`^${escape(AGE)} — only ${escape(REGION)}`) }).waitFor();
    await noBlockingViolations(page);

    // 3. Region by gender: a new joint, audited against (1) before it is shown (or held, with the reason).
    await build(page, REGION, GENDER, null);
    await page
      .getByRole('table', { name: `${REGION} by ${GENDER}` })
      .or(page.getByText('No number can be shown for this table.'))
      .waitFor({ timeout: 60_000 });
    await noBlockingViolations(page);

    // The same table at 360 px: the page does not scroll sideways; the table scrolls in its own region.
    await page.setViewportSize({ width: VIEWPORTS.phone.width, height: VIEWPORTS.phone.height });
    await build(page, REGION, AGE, null);
    await first.waitFor();
    await screenshot(page, 'tables-two-way-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await noBlockingViolations(page);

    // A table that would nest the first one is refused with the reason, not a number.
    await page.setViewportSize({ width: VIEWPORTS.desktop.width, height: VIEWPORTS.desktop.height });
    await page.getByLabel('Rows').selectOption({ label: REGION });
    await page.getByLabel('Columns (optional)').selectOption({ label: AGE });
    await page.getByLabel('One table per answer of (optional)').selectOption({ label: GENDER });
    await page.getByRole('button', { name: 'Build the table' }).click();
    await page.getByText(/was already shown for this survey/).waitFor();

    expect(await audit.violations()).toEqual([]);
    expect(audit.requests.every((url) => url.startsWith(app.baseUrl))).toBe(true);
    await context.close();
  }, 300_000);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
