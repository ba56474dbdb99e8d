import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { DEMO_SURVEY_DEFINITION, parseCsvRecords, type PublicSurvey, type SurveyDetail } from '@candor/shared';
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
import { signInAsStaff } from '../support/staff-browser';

const ADMIN = { email: 'i18n-admin@candor.test', password: 'a long translator password' };

/** Issue 13 points 5 and 10 in Chromium: the translation tab, an added language, the fielding monitor. */
describe('translations, added languages and the fielding monitor in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let db: Pool;

  beforeAll(async () => {
    app = await startBuiltApp({ POW_DIFFICULTY: '0', SUBMISSION_RATE_PER_MINUTE: '100000' });
    expect(createAdminWithCli(app.database.url, ADMIN.email, ADMIN.password)).toContain('Created admin');
    browser = await launchChromium();
    db = new Pool({ connectionString: app.database.url, max: 1 });
  });

  afterAll(async () => {
    await db?.end();
    await browser?.close();
    await app?.stop();
  });

  /** A staff API call with the page's session (and its CSRF token), as the web app makes it. */
  async function staffCall<T>(page: Page, method: 'POST' | 'PATCH' | 'PUT', path: string, data: unknown): Promise<T> {
    const session = (await (await page.request.get(`${app.baseUrl}/api/auth/session`)).json()) as { csrfToken: string };
    const response = await page.request.fetch(`${app.baseUrl}${path}`, { method, data, headers: { 'X-CSRF-Token': session.csrfToken } });
    if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async function demoSurvey(page: Page, slug: string): Promise<SurveyDetail> {
    return staffCall<SurveyDetail>(page, 'POST', '/api/surveys', {
      slug,
      title: `Check-in ${slug}`,
      source: 'json',
      definition: DEMO_SURVEY_DEFINITION,
    });
  }

  it('translates in two equal columns, adds a language, imports a CSV and flags what went stale', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, acceptDownloads: true });
    const page = await context.newPage();
    const audit = await auditPage(page);
    await signInAsStaff(page, app.baseUrl, ADMIN);
    const survey = await demoSurvey(page, `i18n-${randomUUID().slice(0, 6)}`);
    await page.goto(`${app.baseUrl}/staff/surveys/${survey.id}?tab=settings`);

    // Add Portuguese by its ISO code, with the name respondents will see.
    await page.getByLabel('Language (ISO 639-1)').selectOption('pt');
    await page.getByRole('button', { name: 'Add a language' }).click();
    await page.getByRole('textbox', { name: 'Name respondents see' }).last().fill('Português (Brasil)');
    await page.getByRole('button', { name: 'Save languages' }).click();
    await page.getByRole('status').getByText('Saved').waitFor();

    await page.getByRole('tab', { name: 'Translations' }).click();
    await page.getByLabel('Translate into').selectOption('pt');
    await page.getByText('Candor has no words of its own in Português (Brasil)').waitFor();
    // Source and target columns of equal width.
    const widths = await page
      .locator('table.translations thead th')
      .evaluateAll((cells) => cells.map((cell) => Math.round(cell.getBoundingClientRect().width)));
    expect(widths).toHaveLength(2);
    expect(Math.abs((widths[0] ?? 0) - (widths[1] ?? 0))).toBeLessThanOrEqual(1);
    // The closing page is edited as text: paragraphs, no tags.
    const closingSource = await page.locator('tr', { hasText: 'Survey · closing page' }).locator('.translation-source').innerText();
    expect(closingSource).toMatch(/^### Thank you\n\nYour answers were received/);
    expect(closingSource).not.toContain('<p>');

    // Export for a translator, fill two strings (one against an older source text), import.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV for translators' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    const rows = parseCsvRecords(csv).map(({ fields }) => fields);
    expect(rows[0]).toEqual(['key', 'context', 'format', 'source', 'translation_pt']);
    const quote = (field: string | undefined) => `"${(field ?? '').replace(/"/g, '""')}"`;
    const filled = rows
      .map((fields) => {
        if (fields[0] === 'pages.0.elements.0.title') return [fields[0], fields[1], fields[2], fields[3], 'Você tem 18 anos ou mais?'];
        if (fields[0] === 'pages.0.elements.0.choices.0.text') return [fields[0], fields[1], fields[2], 'Yes please', 'Sim'];
        if (fields[0] === 'completedHtml') return [fields[0], fields[1], fields[2], fields[3], '### Obrigada\n\nRecebemos suas respostas.'];
        return fields;
      })
      .map((fields) => fields.map(quote).join(','))
      .join('\r\n');
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'translations-pt.csv');
    writeFileSync(file, filled);
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByText('3 translations imported').waitFor();
    const staleRow = page.locator('tr.stale');
    await staleRow.getByText('Source changed since translated').waitFor();
    expect(await staleRow.count()).toBe(1);
    expect(await staleRow.locator('textarea').inputValue()).toBe('Sim');
    expect(await page.locator('tr', { hasText: 'Survey · closing page' }).locator('textarea').inputValue()).toBe(
      '### Obrigada\n\nRecebemos suas respostas.',
    );
    await screenshot(page, 'translations-en-desktop');
    expect(blocking(await axeScan(page))).toEqual([]);

    // "Still correct" clears the flag once saved.
    await staleRow.getByRole('button', { name: 'Still correct' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('tr.stale').first().waitFor({ state: 'detached' });

    // A malformed file is refused with a clear message, nothing changed.
    writeFileSync(file, '"key","context","format","source","translation_pt"\r\n"nope","x","text","y","z"');
    await page.locator('input[type="file"]').setInputFiles(file);
    await page
      .getByText(/"nope" is not a string of this survey/)
      .first()
      .waitFor();

    // The same tab in Spanish.
    await page.goto(`${app.baseUrl}/staff/surveys/${survey.id}?tab=translations&lang=es`);
    await page.getByLabel('Traducir al').selectOption('pt');
    await page.getByText('Candor no tiene textos propios en Português (Brasil)').waitFor();
    await screenshot(page, 'translations-es-desktop');
    expect(blocking(await axeScan(page))).toEqual([]);
    expect(await audit.violations()).toEqual([]);
    await context.close();
  });

  it('lets a respondent answer in the added language with SurveyJS, Candor’s own words in English', async () => {
    const staff = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const staffPage = await staff.newPage();
    await signInAsStaff(staffPage, app.baseUrl, ADMIN);
    const slug = `pt-${randomUUID().slice(0, 6)}`;
    const created = await demoSurvey(staffPage, slug);
    await staffCall(staffPage, 'PATCH', `/api/surveys/${created.id}`, { locales: ['en', 'es', 'pt'], languageNames: { pt: 'Português' } });
    const texts: Record<string, string> = {
      'pages.0.elements.0.title': 'Você tem 18 anos ou mais?',
      'pages.0.elements.0.choices.0.text': 'Sim',
      'pages.0.elements.0.choices.1.text': 'Não',
    };
    await staffCall(staffPage, 'PUT', `/api/surveys/${created.id}/translations`, {
      locale: 'pt',
      texts,
      baseVersion: created.currentVersion,
    });
    await staffCall(staffPage, 'POST', `/api/surveys/${created.id}/open`, {});
    await staff.close();

    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'pt-BR' });
    const page = await context.newPage();
    const audit = await auditPage(page);
    // The server-rendered page first (no JavaScript needed): Portuguese, three languages, no sideways scrolling.
    await page.goto(`${app.baseUrl}/s/${slug}?lang=pt&renderer=light`);
    await page.getByText('Você tem 18 anos ou mais?').waitFor();
    const light = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      window: window.innerWidth,
      lang: document.documentElement.lang,
    }));
    expect(light).toEqual({ page: light.window, window: light.window, lang: 'pt' });
    await screenshot(page, 'respondent-pt-phone-light');
    await page.goto(`${app.baseUrl}/s/${slug}?lang=pt&renderer=surveyjs`);
    await page.locator('[data-name="adult"]').getByText('Você tem 18 anos ou mais?').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('pt');
    // The switch names the language as the researcher did; Candor's notice is English, marked so.
    await page.locator('.language-switch [aria-current="true"]', { hasText: 'Português' }).waitFor({ state: 'attached' });
    expect(await page.locator('.privacy-notice').getAttribute('lang')).toBe('en');
    await page
      .locator('[data-name="adult"] label')
      .filter({ hasText: /^\s*Sim\s*$/ })
      .first()
      .click();
    await screenshot(page, 'respondent-pt-phone');
    // Three languages in the bar wrap instead of widening the page.
    const width = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: window.innerWidth }));
    expect(width.page).toBeLessThanOrEqual(width.window);
    expect(blocking(await axeScan(page))).toEqual([]);
    const before = Number((await db.query('SELECT count(*)::int AS n FROM stored_response')).rows[0].n);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: /Complete|Send answers/ }).click();
    await page.getByRole('heading', { name: /Thank you/ }).waitFor();
    const after = Number((await db.query('SELECT count(*)::int AS n FROM stored_response')).rows[0].n);
    expect(after).toBe(before + 1);
    expect(await audit.violations()).toEqual([]);
    await context.close();
  });

  it('shows the fielding monitor on a phone: responses by the end of each day rounded to k, the running day uncounted, a table beside', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    const audit = await auditPage(page);
    await signInAsStaff(page, app.baseUrl, ADMIN);
    const survey = await demoSurvey(page, `mon-${randomUUID().slice(0, 6)}`);
    await staffCall(page, 'POST', `/api/surveys/${survey.id}/open`, {});
    // Answers from past days (as the mixer leaves them), and a few today.
    const days = [23, 7, 41, 15, 30];
    await db.query(`UPDATE survey SET opened_at = now() - interval '6 days' WHERE id = $1`, [survey.id]);
    for (const [index, count] of days.entries()) {
      await db.query(
        `INSERT INTO response (id, survey_version_id, period, answers)
           SELECT gen_random_uuid(), $1, (current_date - ($2::int + 1)), '{"adult":"yes"}'::jsonb FROM generate_series(1, $3::int)`,
        [survey.versionId, days.length - index, count],
      );
    }
    const publicSurvey = (await (await page.request.get(`${app.baseUrl}/api/public/surveys/${survey.slug}`)).json()) as PublicSurvey;
    for (let i = 0; i < 3; i += 1) {
      await page.request.post(`${app.baseUrl}/api/public/surveys/${survey.slug}/responses`, {
        data: { versionId: publicSurvey.versionId, answers: { adult: 'no' }, idempotencyKey: randomUUID() },
      });
    }
    await page.goto(`${app.baseUrl}/staff/surveys/${survey.id}?tab=monitor`);
    await page.getByRole('heading', { name: 'Fielding monitor' }).waitFor();
    const table = page.locator('table.monitor-table');
    // Newest first: today still running, then the responses by the end of each day, rounded down to a multiple of 11.
    const cells = await table.locator('tbody td').allInnerTexts();
    expect(cells[0]).toBe('still running: counted shortly after it ends');
    expect(cells.slice(1, 7)).toEqual(['at least 110', 'at least 110', 'at least 77', 'at least 66', 'at least 22', 'at least 22']);
    expect(await page.locator('svg.monitor-svg rect.monitor-bar').count()).toBe(7);
    // 119 responses: at least 110, past the floor of 100 — the bar is full, and says so.
    expect(await page.locator('#monitor-progress').getAttribute('value')).toBe('100');
    await page.getByText('The release floor is reached').waitFor();
    const width = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: window.innerWidth }));
    expect(width.page).toBeLessThanOrEqual(width.window);
    await screenshot(page, 'monitor-en-phone');
    expect(blocking(await axeScan(page))).toEqual([]);
    await page.goto(`${app.baseUrl}/staff/surveys/${survey.id}?tab=monitor&lang=es`);
    await page.getByRole('heading', { name: 'Seguimiento de la recolección' }).waitFor();
    await screenshot(page, 'monitor-es-phone');
    expect(blocking(await axeScan(page))).toEqual([]);
    await page.setViewportSize({ width: 1366, height: 900 });
    await screenshot(page, 'monitor-es-desktop');
    expect(await audit.violations()).toEqual([]);
    await context.close();
  });
});
