import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { PublicationSnapshot, PublicSurvey } from '@candor/shared';
import { startBuiltApp, type RunningApp } from '../support/app-process';
import { auditPage, launchChromium, screenshot, VIEWPORTS, type Browser } from '../support/browser';
import { createAdminWithCli } from '../support/cli';
import { createTemplateSurvey, openForResponses, signInAsStaff } from '../support/staff-browser';
import { policyImpactAnswers, sealedAsBrowsersSend } from '../factories/responses';

const ADMIN = { email: 'organizer-admin@candor.test', password: 'a long organizer password' };
const RESPONSES = 150;

describe('an organizer publishing findings from ~150 responses and the public dashboard in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    // The 150 answers are posted straight to the API, as a script would: no puzzle, no limit.
    app = await startBuiltApp({ POW_DIFFICULTY: '0', SUBMISSION_RATE_PER_MINUTE: '100000' });
    expect(createAdminWithCli(app.database.url, ADMIN.email, ADMIN.password)).toContain('Created admin');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** Answers through the public API, as respondents' browsers do: each one validated by the server. */
  async function submitResponses(slug: string, count: number): Promise<number> {
    const survey = (await (await fetch(`${app.baseUrl}/api/public/surveys/${slug}`)).json()) as PublicSurvey;
    let accepted = 0;
    for (const answers of policyImpactAnswers(count, 2018)) {
      const response = await fetch(`${app.baseUrl}/api/public/surveys/${slug}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ versionId: survey.versionId, answers: sealedAsBrowsersSend(survey, answers), idempotencyKey: randomUUID() }),
      });
      if (response.status !== 201) throw new Error(`submission refused: ${response.status} ${await response.text()}`);
      accepted++;
    }
    return accepted;
  }

  it('previews, publishes and shows the dashboard with CSV that holds exactly the snapshot', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, acceptDownloads: true });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await signInAsStaff(page, app.baseUrl, ADMIN);
    await createTemplateSurvey(page);
    await openForResponses(page);

    expect(await submitResponses('fosta-sesta-impact', RESPONSES)).toBe(RESPONSES);

    // Nobody sees live counts in public: no dashboard before a release.
    const before = await fetch(`${app.baseUrl}/api/public/dashboards/fosta-sesta-impact`);
    expect(before.status).toBe(404);

    await page.getByRole('link', { name: 'Publish findings' }).click();
    await page.getByRole('button', { name: 'Preview the release' }).click();
    await page.getByText('This release can be published.').waitFor({ timeout: 60_000 });
    await page.getByText(/Disclosure audit: .* passed/).waitFor();
    await screenshot(page, 'publish-preview');
    await page.getByRole('button', { name: 'Publish this release' }).click();
    await page.getByText('Published release 1.').waitFor({ timeout: 60_000 });
    await screenshot(page, 'publish-history');

    // The public dashboard, as anyone sees it: no session, a fresh context.
    const visitor = await browser.newContext({ viewport: VIEWPORTS.desktop, acceptDownloads: true });
    const dashboard = await visitor.newPage();
    const audit = await auditPage(dashboard);
    await dashboard.goto(`${app.baseUrl}/d/fosta-sesta-impact`);
    await dashboard.getByRole('heading', { name: 'Before and after' }).waitFor();
    await screenshot(dashboard, 'dashboard-desktop');

    const snapshot = (await (
      await fetch(`${app.baseUrl}/api/public/dashboards/fosta-sesta-impact/snapshot.json`)
    ).json()) as PublicationSnapshot;
    expect(snapshot.responses).toBe(RESPONSES);
    await dashboard.getByText(`${RESPONSES} responses`).waitFor();
    // One accessible table per published table and pair.
    expect(await dashboard.getByRole('table').count()).toBe(snapshot.tables.length + snapshot.pairs.length);
    // Hidden cells say only "hidden".
    const hiddenTexts = await dashboard.locator('.hidden-value').allTextContents();
    expect(hiddenTexts.length).toBeGreaterThan(0);
    expect(new Set(hiddenTexts)).toEqual(new Set(['hidden']));

    // The CSV download is byte-for-byte what the API serves for this snapshot.
    const [download] = await Promise.all([
      dashboard.waitForEvent('download'),
      dashboard.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    const served = await (await fetch(`${app.baseUrl}/api/public/dashboards/fosta-sesta-impact/snapshot.csv?lang=en`)).text();
    expect(csv).toBe(served);
    expect(csv.split('\n')[0]).toMatch(/^table,/);
    expect(csv).toMatch(/,suppressed\r?\n/);

    // Spanish, on a phone, and the print view.
    const phone = await browser.newContext({ viewport: VIEWPORTS.phone });
    const phonePage = await phone.newPage();
    await phonePage.goto(`${app.baseUrl}/d/fosta-sesta-impact?lang=es`);
    await phonePage.getByRole('heading', { name: 'Antes y después' }).waitFor();
    await screenshot(phonePage, 'dashboard-phone-es');
    await dashboard.emulateMedia({ media: 'print' });
    expect(await dashboard.locator('.dashboard-tools').isVisible()).toBe(false);
    await screenshot(dashboard, 'dashboard-print');

    expect(audit.requests.filter((url) => new URL(url).origin !== new URL(app.baseUrl).origin)).toEqual([]);
    expect(await audit.violations()).toEqual([]);
    await Promise.all([context.close(), visitor.close(), phone.close()]);
  });
});
