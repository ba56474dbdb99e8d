import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Pool } from 'pg';
import type { PublicSurvey } from '@candor/shared';
import { startBuiltApp, type RunningApp } from '../support/app-process';
import {
  ARTIFACTS,
  auditPage,
  axeScan,
  blocking,
  launchChromium,
  screenshot,
  VIEWPORTS,
  type Browser,
  type Page,
} from '../support/browser';
import { createAdminWithCli } from '../support/cli';
import { createTemplateSurvey, openForResponses, signInAsStaff } from '../support/staff-browser';
import { policyImpactAnswers, sealedAsBrowsersSend } from '../factories/responses';

const ADMIN = { email: 'explained-admin@candor.test', password: 'a long organizer password' };
const RESPONSES = 150;
/** Every reason a preview may give for a hidden number, in English. */
const REASON = /^(below \d+|hidden to protect .+|group smaller than \d+|not published: .+)$/;

/**
 * Issue 13, point 9: an organizer reading a preview sees why each number is hidden, the
 * status in the colour of the status, and no claim that the preview is already published.
 */
describe('a release preview that explains itself, in Chromium', () => {
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
    for (const answers of policyImpactAnswers(count, 2013)) {
      const response = await fetch(`${app.baseUrl}/api/public/surveys/${slug}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ versionId: survey.versionId, answers: sealedAsBrowsersSend(survey, answers), idempotencyKey: randomUUID() }),
      });
      if (response.status !== 201) throw new Error(`submission refused: ${response.status} ${await response.text()}`);
    }
  }

  /** A cross-tab declared in the privacy settings before fielding, as an organizer would. */
  async function declareCrosstab(page: Page): Promise<void> {
    await page.getByRole('tab', { name: 'Privacy settings' }).click();
    await page.getByRole('button', { name: 'Add cross-tab' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').getByText('Saved').waitFor();
    await page.getByRole('tab', { name: 'Design' }).click();
  }

  it('says why every hidden number is hidden, in the colour of the status, and not "published" before it is', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    const audit = await auditPage(page);
    page.on('dialog', (dialog) => void dialog.accept());
    await signInAsStaff(page, app.baseUrl, ADMIN);
    await createTemplateSurvey(page);
    await declareCrosstab(page);
    await openForResponses(page);
    await submitResponses('fosta-sesta-impact', RESPONSES);

    await page.getByRole('link', { name: 'Publish findings' }).click();
    await page.getByRole('button', { name: 'Preview the release' }).click();
    const ready = page.getByText('This release can be published.');
    await ready.waitFor({ timeout: 60_000 });

    // The status box is a success, not a warning; "audit passed" is not under "cannot be published".
    expect(await page.locator('.release-preview .notice--success').getByText('This release can be published.').count()).toBe(1);
    expect(await page.locator('.release-preview .notice--error').count()).toBe(0);
    expect(await page.locator('.notice--error').getByText(/audit/i).count()).toBe(0);

    // Nothing claims the preview is published.
    const preview = page.locator('.release-preview');
    expect(await preview.getByText(/Published .*\(release 1\)/).count()).toBe(0);
    await preview.getByText(/Preview of release 1: not published yet/).waitFor();

    // Every hidden number in the preview says why, in place.
    const hidden = await preview.locator('.hidden-value').allTextContents();
    expect(hidden.length).toBeGreaterThan(0);
    for (const text of hidden) expect(text.trim()).toMatch(REASON);
    const reasons = new Set(hidden.map((text) => text.trim().replace(/ .*/, '')));
    expect(reasons.has('below')).toBe(true);
    expect(reasons.has('group')).toBe(true);

    // The list of reasons names the number each complementary suppression protects.
    const list = page.getByRole('region', { name: 'Why numbers are hidden' });
    await list.waitFor();
    await list.getByText(/^Show all \d+ hidden numbers and their reasons$/).click();
    expect(await list.getByRole('listitem').count()).toBeGreaterThan(0);
    for (const item of await list.getByRole('listitem').allTextContents()) expect(item).not.toMatch(/:c:|:n\b|p:|undefined/);
    await screenshot(page, 'publish-preview-reasons');
    expect(blocking(await axeScan(page))).toEqual([]);

    // The same preview for a Spanish-speaking organizer, in a second tab (shown again without recounting).
    const spanish = await context.newPage();
    await spanish.goto(`${page.url()}${page.url().includes('?') ? '&' : '?'}lang=es`);
    await spanish.getByRole('button', { name: 'Ver la vista previa' }).click();
    await spanish.getByRole('region', { name: 'Por qué se ocultan números' }).waitFor({ timeout: 120_000 });
    await screenshot(spanish, 'publish-preview-es');
    expect(blocking(await axeScan(spanish))).toEqual([]);
    await spanish.close();

    // Published: the history says so, the dashboard still shows only "hidden".
    await page.getByRole('button', { name: 'Publish this release' }).click();
    await page.getByText('Published release 1.').waitFor({ timeout: 60_000 });
    // The history reloads after publishing: wait for its badge rather than assume it is there.
    await page.locator('.badge--live').getByText('on show').first().waitFor();
    expect(await page.locator('.badge--live').getByText('on show').count()).toBe(1);
    const visitor = await browser.newContext({ viewport: VIEWPORTS.phone });
    const dashboard = await visitor.newPage();
    await dashboard.goto(`${app.baseUrl}/d/fosta-sesta-impact`);
    await dashboard.getByRole('heading', { name: 'Before and after' }).waitFor();
    expect(new Set((await dashboard.locator('.hidden-value').allTextContents()).map((t) => t.trim()))).toEqual(new Set(['hidden']));
    expect(await audit.violations()).toEqual([]);
    await Promise.all([context.close(), visitor.close()]);
  });

  it('puts headline findings first and draws each before/after pair as a chart headed by its topic, with no sideways scrolling on a 360 px phone', async () => {
    for (const lang of ['en', 'es']) {
      const visitor = await browser.newContext({ viewport: VIEWPORTS.phone });
      const page = await visitor.newPage();
      const audit = await auditPage(page);
      await page.goto(`${app.baseUrl}/d/fosta-sesta-impact?lang=${lang}`);
      const headlines = page.getByRole('region', { name: lang === 'en' ? 'Key findings' : 'Resultados principales' });
      await headlines.waitFor();
      // Headlines come before the detail, in sentences with both periods' percentages.
      const order = await page.locator('main h2').allTextContents();
      expect(order[0]).toBe(lang === 'en' ? 'Key findings' : 'Resultados principales');
      const sentences = await headlines.getByRole('listitem').allTextContents();
      expect(sentences.length).toBeGreaterThan(0);
      for (const sentence of sentences) expect(sentence).toMatch(/\d+(\.\d)?\s?%.*\d+(\.\d)?\s?%/);

      // Every pair: a chart (bars stay on a phone) under a heading that names the topic, not the "now" question.
      const pairs = page.locator('.figure.pair');
      const count = await pairs.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) {
        const pair = pairs.nth(i);
        const heading = (await pair.locator('h3').textContent())?.trim() ?? '';
        expect(heading).not.toBe('');
        expect(heading).not.toMatch(lang === 'en' ? /^In the last/ : /^En los últimos/);
        expect(await pair.locator('svg.pair-chart').first().isVisible()).toBe(true);
      }
      await screenshot(page, `dashboard-phone-${lang}`);
      await page.screenshot({ path: join(ARTIFACTS, `dashboard-phone-top-${lang}.png`) });
      // Nothing wider than the window (the elements that start an overflow are named if something is).
      const wide = await page.evaluate(() =>
        [...document.body.querySelectorAll('*')]
          .filter(
            (el) =>
              el.getBoundingClientRect().right > window.innerWidth + 1 &&
              (el.parentElement?.getBoundingClientRect().right ?? 0) <= window.innerWidth + 1,
          )
          // A wide table inside its own scroll box (cross-tabs) scrolls there, not the page.
          .filter((el) => !el.parentElement || !['auto', 'scroll'].includes(getComputedStyle(el.parentElement).overflowX))
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${Math.round(el.getBoundingClientRect().right)}`),
      );
      expect(wide).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(blocking(await axeScan(page))).toEqual([]);
      expect(await audit.violations()).toEqual([]);
      await visitor.close();
    }
  });

  it('brings back an earlier release from the release list only when the organizer chooses to, in English and Spanish', async () => {
    const db = new Pool({ connectionString: app.database.url, max: 1 });
    try {
      // A second release (its audit is tested elsewhere): release 1's numbers under number 2.
      const [survey] = (await db.query<{ id: string }>(`SELECT id FROM survey WHERE slug = 'fosta-sesta-impact'`)).rows;
      await db.query(
        `INSERT INTO publication (id, survey_id, number, snapshot, published_by, published_at)
         SELECT gen_random_uuid(), survey_id, 2, jsonb_set(snapshot, '{number}', '2'), published_by, published_at
           FROM publication WHERE survey_id = $1 AND number = 1`,
        [survey?.id],
      );
      const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
      const page = await context.newPage();
      const audit = await auditPage(page);
      page.on('dialog', (dialog) => void dialog.accept());
      await signInAsStaff(page, app.baseUrl, ADMIN);
      await page.goto(`${app.baseUrl}/staff/surveys/${survey?.id}/publish`);
      // A row by its release number (a republication's cell also says which release it shows again).
      const row = (number: number) =>
        page.getByRole('row').filter({ has: page.getByRole('cell', { name: new RegExp(`^${number}( |$)`) }) });
      // Release 2 is the current one: only release 1 can be brought back.
      await row(2).waitFor();
      expect(await page.getByRole('button', { name: 'Bring back' }).count()).toBe(1);
      expect(await row(1).getByRole('button', { name: 'Bring back' }).count()).toBe(1);

      // Withdrawn, release 2 leaves the public page saying so; nothing comes back on its own.
      await row(2).getByRole('button', { name: 'Withdraw' }).click();
      await row(2)
        .getByText(/^withdrawn /)
        .waitFor();
      expect((await fetch(`${app.baseUrl}/api/public/dashboards/fosta-sesta-impact`)).status).toBe(410);

      // The same choice for a Spanish-speaking organizer.
      const spanish = await context.newPage();
      await spanish.goto(`${app.baseUrl}/staff/surveys/${survey?.id}/publish?lang=es`);
      await spanish.getByRole('button', { name: 'Volver a mostrar' }).waitFor();
      expect(blocking(await axeScan(spanish))).toEqual([]);
      await spanish.close();

      await row(1).getByRole('button', { name: 'Bring back' }).click();
      await page.getByText('Release 1 is the current release again.').waitFor({ timeout: 60_000 });
      await row(3).getByText('(release 1 again)').waitFor();
      expect(await page.getByRole('button', { name: 'Bring back' }).count()).toBe(0);
      await screenshot(page, 'publish-bring-back');
      expect(blocking(await axeScan(page))).toEqual([]);
      const shown = (await (await fetch(`${app.baseUrl}/api/public/dashboards/fosta-sesta-impact`)).json()) as { number: number };
      expect(shown.number).toBe(1);
      expect(await audit.violations()).toEqual([]);
      await context.close();
    } finally {
      await db.end();
    }
  });
});
