import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { startBuiltApp, type RunningApp } from '../support/app-process';
import { auditPage, launchChromium, screenshot, VIEWPORTS, type Browser, type Page } from '../support/browser';

describe('respondent safety in Chromium: no trace, quick exit, and the survey without JavaScript', () => {
  let app: RunningApp;
  let browser: Browser;
  let db: Pool;
  // The "neutral site" Quick exit goes to: another origin, served here (tests have no internet).
  let neutral: Server;
  let NEUTRAL = '';

  beforeAll(async () => {
    neutral = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<title>Weather</title><p>Sunny</p>'));
    await new Promise<void>((resolve) => neutral.listen(0, '127.0.0.1', resolve));
    NEUTRAL = `http://127.0.0.1:${(neutral.address() as AddressInfo).port}/weather`;
    // Real proof of work (as in production) on the JavaScript path; a short wait for the no-JS ticket.
    app = await startBuiltApp({ QUICK_EXIT_URL: NEUTRAL, NOJS_MIN_SECONDS: '2', POW_DIFFICULTY: '10000' });
    browser = await launchChromium();
    db = new Pool({ connectionString: app.database.url, max: 1 });
    db.on('error', () => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await app?.stop();
    neutral?.close();
  });

  const responses = async () => (await db.query('SELECT answers FROM stored_response')).rows.map((r) => r.answers);

  it('loads every respondent page with 0 requests to other sites and 0 writes of cookies, storage, IndexedDB, caches or service workers', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone });
    const origin = new URL(app.baseUrl).origin;
    const paths = [
      '/s/demo',
      '/s/demo?lang=es',
      '/s/demo?renderer=surveyjs',
      '/s/demo?renderer=surveyjs&lang=es',
      '/s/demo#safety',
      '/safety',
      '/safety?lang=es',
      '/f/demo',
      '/f/safety',
    ];
    for (const path of paths) {
      const page = await context.newPage();
      const audit = await auditPage(page);
      await page.goto(`${app.baseUrl}${path}`);
      await page
        .getByRole('button', { name: /Quick exit|Salida rápida/ })
        .or(page.getByRole('link', { name: /Quick exit|Salida rápida/ }))
        .first()
        .waitFor();
      if (path.includes('renderer=surveyjs')) await page.locator('#root:not([hidden]) [data-name="adult"]').waitFor();
      else if (path.startsWith('/s/')) await page.locator('#q-adult').first().waitFor({ state: 'attached' });
      expect({ path, foreign: audit.requests.filter((url) => new URL(url).origin !== origin && !url.startsWith('data:')) }).toEqual({
        path,
        foreign: [],
      });
      expect({ path, writes: await audit.writes() }).toEqual({ path, writes: [] });
      expect({ path, violations: await audit.violations() }).toEqual({ path, violations: [] });
      expect(await page.title()).toMatch(/^(Survey|Encuesta)$/);
      await page.close();
    }
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('answers the demo survey with proof of work on, writing nothing to the device, and asks the browser to clear site data at the end', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    const audit = await auditPage(page);
    const clears: string[] = [];
    page.on('response', async (response) => {
      const header = (await response.allHeaders())['clear-site-data'];
      if (header) clears.push(`${new URL(response.url()).pathname} ${header}`);
    });
    await page.goto(`${app.baseUrl}/s/demo?renderer=surveyjs`);
    await page.locator('#root:not([hidden])').getByRole('region', { name: 'Before you start: your privacy' }).waitFor();
    await page
      .locator('[data-name="adult"] label')
      .filter({ hasText: /^\s*No\s*$/ })
      .click();
    await page.getByRole('button', { name: 'Send answers' }).click();
    // The survey's own screen-out message, not "your answers were received".
    await page.getByRole('heading', { name: 'This survey is only for adults' }).waitFor({ timeout: 60_000 });
    expect(clears).toEqual(['/api/public/surveys/demo/responses "cache", "cookies"']);
    expect(await audit.writes()).toEqual([]);
    expect(await responses()).toContainEqual({ adult: 'no' });
    await context.close();
  });

  it.each([
    ['the button', 'surveyjs', (page: Page) => page.getByRole('button', { name: 'Quick exit' }).click()],
    [
      'Shift pressed three times',
      'surveyjs',
      async (page: Page) => {
        for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
      },
    ],
    ['the button', 'light', (page: Page) => page.getByRole('link', { name: 'Quick exit' }).click()],
    [
      'Shift pressed three times',
      'light',
      async (page: Page) => {
        for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
      },
    ],
  ])(
    'quick exit with %s (%s page) blanks the page, clears site data and replaces the survey in the history',
    async (_how, renderer, exit) => {
      const context = await browser.newContext({ viewport: VIEWPORTS.phone });
      const page = await context.newPage();
      let cleared = '';
      page.on('response', async (response) => {
        if (response.url().endsWith('/api/public/exit')) cleared = (await response.allHeaders())['clear-site-data'] ?? '';
      });
      await page.goto(`${app.baseUrl}/safety`);
      await page.goto(`${app.baseUrl}/s/demo?renderer=${renderer}`);
      if (renderer === 'surveyjs') await page.locator('#root:not([hidden]) [data-name="adult"]').waitFor();
      else await page.waitForFunction(() => document.documentElement.classList.contains('js'));
      await exit(page);
      await page.waitForURL(NEUTRAL);
      expect(await page.title()).toBe('Weather');
      expect(cleared).toBe('"cache", "cookies"');
      // "Back" skips the survey: its entry was replaced.
      await page.goBack();
      expect(page.url()).toBe(`${app.baseUrl}/safety`);
      await context.close();
    },
  );

  /** Sends the last page until it is accepted: each wait page says how long, so the test never assumes the machine's speed. */
  async function sendWhenAllowed(page: Page, send: string, done: RegExp): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt++) {
      await page.getByRole('button', { name: send }).click();
      await page.getByRole('heading', { name: done }).or(page.locator('.banner--info')).first().waitFor();
      if (await page.getByRole('heading', { name: done }).count()) return;
      const text = (await page.locator('.banner--info').textContent()) ?? '';
      const seconds = Number(/(\d+)/.exec(text)?.[1] ?? '1');
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 200));
    }
    throw new Error('the answers were never accepted');
  }

  it('works with JavaScript turned off: the shared link is the form itself, each step is a one-time page, and the answers are stored', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: false });
    const page = await context.newPage();
    const audit = await auditPage(page);
    await page.goto(`${app.baseUrl}/s/demo?lang=es`);
    await page.getByRole('heading', { name: 'Antes de empezar: tu privacidad' }).waitFor();
    await screenshot(page, 'nojs-first-page-es');
    // Nothing chosen: the problems are listed at the top of the form, linked to the question.
    await page.getByRole('button', { name: 'Siguiente' }).click();
    await page.locator('.error-summary a[href="#q-adult"]').waitFor();
    await page.getByRole('radio', { name: 'Sí' }).check();
    await page.getByRole('button', { name: 'Siguiente' }).click();
    expect(page.url()).toMatch(/\/f\/demo\?r=/);
    await page.getByText('Página 2 de 3').waitFor();
    const answer = (name: string, value: string) => page.locator(`input[name="${name}"][value="${value}"]`).check();
    await answer('screened_clients__before', 'yes');
    await answer('screened_clients__after', 'no');
    await page.getByRole('button', { name: 'Siguiente' }).click();
    expect(await page.locator('input[name="incident_reported"]').count()).toBe(0);
    // "Yes" reveals the follow-up on the same page (skip logic on the server); "No" hides it again.
    await answer('violent_incident', 'yes');
    await page.getByRole('button', { name: 'Enviar respuestas' }).click();
    await page.locator('input[name="incident_reported"]').first().waitFor();
    await answer('violent_incident', 'no');
    await screenshot(page, 'nojs-last-page-es');
    await sendWhenAllowed(page, 'Enviar respuestas', /^Gracias$/);
    // The language switch stays on the closing page too (it works without JavaScript).
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Gracias' }).isVisible()).toBe(false);
    expect(await responses()).toContainEqual({
      adult: 'yes',
      screened_clients__before: 'yes',
      screened_clients__after: 'no',
      violent_incident: 'no',
    });
    expect(audit.requests.filter((url) => new URL(url).origin !== new URL(app.baseUrl).origin)).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('without JavaScript, Back after Quick exit neither resubmits the form nor shows the answers', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/s/demo`);
    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.locator('input[name="screened_clients__before"][value="yes"]').check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.locator('input[name="violent_incident"]').first().waitFor();
    await page.getByRole('link', { name: 'Quick exit' }).click();
    await page.waitForURL(NEUTRAL);
    // Back: a GET of a one-time address already used — no "Confirm form resubmission", no answers.
    const back = await page.goBack();
    expect(back?.request().method()).toBe('GET');
    await page.getByRole('heading', { name: 'This page has expired' }).waitFor();
    expect(await page.locator('input[name="state"]').count()).toBe(0);
    expect(await page.locator('input[type="radio"]').count()).toBe(0);
    await context.close();
  });
});
