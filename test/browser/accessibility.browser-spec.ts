import { startBuiltApp, type RunningApp } from '../support/app-process';
import { axeScan, blocking, launchChromium, screenshot, VIEWPORTS, type Browser, type Page } from '../support/browser';
import { createAdminWithCli } from '../support/cli';
import { createTemplateSurvey, openForResponses, previewAndPublish, signInAsStaff } from '../support/staff-browser';
import { policyImpactAnswers, sealedAsBrowsersSend } from '../factories/responses';
import type { PublicSurvey } from '@candor/shared';

const ADMIN = { email: 'a11y-admin@candor.test', password: 'a long accessibility password' };

/**
 * axe-core (WCAG 2.1 A and AA, best practices) on every page respondents and the public
 * see: 0 serious or critical violations. Moderate and minor ones are listed in the output.
 */
describe('accessibility of the respondent and dashboard pages (axe-core)', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startBuiltApp({ POW_DIFFICULTY: '0', SUBMISSION_RATE_PER_MINUTE: '100000' });
    browser = await launchChromium();
    // A published dashboard to scan: the template survey, 150 answers, one release.
    expect(createAdminWithCli(app.database.url, ADMIN.email, ADMIN.password)).toContain('Created admin');
    const page = await browser.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await signInAsStaff(page, app.baseUrl, ADMIN);
    await createTemplateSurvey(page);
    await openForResponses(page);
    const survey = (await (await fetch(`${app.baseUrl}/api/public/surveys/fosta-sesta-impact`)).json()) as PublicSurvey;
    for (const [i, answers] of policyImpactAnswers(150, 11).entries()) {
      const response = await fetch(`${app.baseUrl}/api/public/surveys/fosta-sesta-impact/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          versionId: survey.versionId,
          answers: sealedAsBrowsersSend(survey, answers),
          idempotencyKey: `a11y-${i}-0123456789abcdef`,
        }),
      });
      if (response.status !== 201) throw new Error(`submission refused: ${await response.text()}`);
    }
    await page.getByRole('link', { name: 'Publish findings' }).click();
    await previewAndPublish(page);
    await page.getByText('Published release 1.').waitFor({ timeout: 60_000 });
    await page.close();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const pages: [string, string, (page: Page) => Promise<unknown>][] = [
    ['survey, first page (en)', '/s/demo?renderer=surveyjs', (page) => page.locator('#root:not([hidden]) [data-name="adult"]').waitFor()],
    [
      'survey, first page (es)',
      '/s/demo?lang=es&renderer=surveyjs',
      (page) => page.locator('#root:not([hidden]) [data-name="adult"]').waitFor(),
    ],
    [
      'policy-impact survey, first page',
      '/s/fosta-sesta-impact?renderer=surveyjs',
      (page) => page.locator('#root:not([hidden]) [data-name="adult"]').waitFor(),
    ],
    ['shared link, light path (en)', '/s/demo?renderer=light', (page) => page.locator('#q-adult').waitFor()],
    ['shared link, light path (es)', '/s/fosta-sesta-impact?renderer=light&lang=es', (page) => page.locator('#q-adult').waitFor()],
    ['shared link, safety view in the page', '/s/demo?renderer=light#safety', (page) => page.locator('#safety').waitFor()],
    ['staying safe online', '/safety', (page) => page.getByRole('heading', { level: 1 }).waitFor()],
    ['no-JS form', '/f/demo', (page) => page.locator('input[name="adult"]').first().waitFor()],
    ['no-JS safety page', '/f/safety?lang=es', (page) => page.getByRole('heading', { level: 1 }).waitFor()],
    ['public dashboard (en)', '/d/fosta-sesta-impact', (page) => page.getByRole('heading', { name: 'Before and after' }).waitFor()],
    ['public dashboard (es)', '/d/fosta-sesta-impact?lang=es', (page) => page.getByRole('heading', { name: 'Antes y después' }).waitFor()],
  ];

  it.each(pages)('%s (%s) has 0 serious or critical violations', async (name, path, ready) => {
    for (const viewport of ['phone', 'desktop'] as const) {
      const page = await browser.newPage({ viewport: VIEWPORTS[viewport] });
      await page.goto(`${app.baseUrl}${path}`);
      await ready(page);
      const violations = await axeScan(page);
      const minor = violations.filter((v) => !blocking([v]).length);
      if (minor.length > 0)
        console.log(`${name} (${viewport}): moderate/minor: ${minor.map((v) => `${v.id} ×${v.nodes.length}`).join(', ')}`);
      expect({ page: name, viewport, violations: blocking(violations) }).toEqual({ page: name, viewport, violations: [] });
      if (viewport === 'phone') await screenshot(page, `a11y-${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}`);
      await page.close();
    }
  });
});
