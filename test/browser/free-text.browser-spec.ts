import { Pool } from 'pg';
import {
  auditPage,
  axeScan,
  blocking,
  launchChromium,
  screenshot,
  submitLightPage,
  VIEWPORTS,
  type Browser,
  type Page,
} from '../support/browser';
import { startBuiltApp, type RunningApp } from '../support/app-process';
import { createAdminWithCli } from '../support/cli';
import { createTemplateSurvey, makeResearchKey, signInAsStaff } from '../support/staff-browser';

const ADMIN = { email: 'key-admin@candor.test', password: 'a long admin password' };
const RESEARCHER = { email: 'key-researcher@candor.test', password: 'a long researcher password' };
const PASSPHRASE = 'only the research team knows this';

/**
 * Issue 17, end to end in Chromium: a researcher makes the research key (downloaded once, with a
 * passphrase), opens the survey; respondents write free text on the SurveyJS page, the light
 * page with its script, and without JavaScript; the database holds none of it in plain text;
 * the researcher reads all three in the reader with the key file.
 */
describe('free text readable only with the research key, in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let db: Pool;
  const texts = {
    surveyjs: 'surveyjs path: screening got harder, call 401 555 0199',
    light: 'light path with script: clients got pushier',
    nojs: 'no-js path: I lost my regulars',
  };

  beforeAll(async () => {
    app = await startBuiltApp({ NOJS_MIN_SECONDS: '0', POW_DIFFICULTY: '1000' });
    db = new Pool({ connectionString: app.database.url, max: 1 });
    db.on('error', () => undefined);
    expect(createAdminWithCli(app.database.url, ADMIN.email, ADMIN.password)).toContain('Created admin');
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await app?.stop();
  });

  /** Walks a template survey from the 18+ gate to its free-text box, writes, and sends. */
  async function answer(page: Page, text: string, next: RegExp): Promise<void> {
    const surveyjs = (await page.locator('#root:not([hidden]) [data-name="adult"]').count()) > 0;
    if (surveyjs)
      await page
        .locator('[data-name="adult"] label')
        .filter({ hasText: /^\s*Yes\s*$/ })
        .click();
    else await page.getByRole('radio', { name: 'Yes' }).first().check();
    // On the light path each click loads a new page: wait for it, so no click lands on the page going away.
    const click = (): Promise<void> => (surveyjs ? page.getByRole('button', { name: next }).click() : submitLightPage(page, next));
    for (let i = 0; i < 15 && (await page.locator('textarea').count()) === 0; i++) await click();
    await page.locator('textarea').fill(text);
    for (let i = 0; i < 6 && (await page.getByRole('button', { name: next }).count()) > 0; i++) await click();
  }

  it('makes the key, takes free text on all three paths sealed, and reads it back with the key file', async () => {
    const staff = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await staff.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await signInAsStaff(page, app.baseUrl, ADMIN);
    await createTemplateSurvey(page, 'Sealed free text');
    // Opening without a key is refused, saying why.
    await page.getByRole('button', { name: 'Open for responses' }).click();
    await page.getByText(/make the research key/).waitFor();
    const keyFile = await makeResearchKey(page, PASSPHRASE);
    expect(keyFile).toContain('"wrapped"');
    expect(keyFile).not.toContain('"secretKey"');
    await page.getByText(/If it is lost, the free-text answers cannot be recovered by anyone/).waitFor();
    await screenshot(page, 'staff-research-key');
    await page.getByRole('button', { name: 'Open for responses' }).click();
    await page.locator('.badge--open').waitFor();
    const surveyId = new URL(page.url()).pathname.split('/')[3] as string;
    const slug = ((await page.getByRole('link', { name: /\/s\// }).textContent()) as string).split('/s/')[1] as string;

    // The SurveyJS page seals in the browser: the request carries no plain text.
    const phone = await browser.newContext({ viewport: VIEWPORTS.phone });
    const surveyjs = await phone.newPage();
    const audit = await auditPage(surveyjs);
    const bodies: string[] = [];
    surveyjs.on('request', (request) => bodies.push(request.postData() ?? ''));
    await surveyjs.goto(`${app.baseUrl}/s/${slug}?renderer=surveyjs`);
    await surveyjs.locator('#root:not([hidden]) [data-name="adult"]').waitFor();
    await answer(surveyjs, texts.surveyjs, /^(Next|Send answers)$/);
    await surveyjs
      .getByText(/Thank you|resources|support/i)
      .first()
      .waitFor();
    expect(bodies.join('\n')).not.toContain('401 555 0199');
    expect(bodies.join('\n')).toContain('ct1.');
    expect(audit.requests.filter((url) => !url.startsWith(app.baseUrl))).toEqual([]);

    // The light page with its script seals each page's free text before the form is sent.
    const light = await phone.newPage();
    const lightBodies: string[] = [];
    light.on('request', (request) => lightBodies.push(request.postData() ?? ''));
    await light.goto(`${app.baseUrl}/s/${slug}?renderer=light`);
    await light.waitForFunction(() => document.documentElement.classList.contains('js'));
    await answer(light, texts.light, /^(Next|Send answers)$/);
    await light
      .getByText(/Thank you|resources|support/i)
      .first()
      .waitFor();
    expect(lightBodies.join('\n')).not.toContain('pushier');

    // Without JavaScript, the server seals on receipt.
    const nojs = await browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: false });
    const plain = await nojs.newPage();
    await plain.goto(`${app.baseUrl}/s/${slug}`);
    await answer(plain, texts.nojs, /^(Next|Send answers)$/);
    await plain
      .getByText(/Thank you|resources|support/i)
      .first()
      .waitFor();

    const stored = await db.query(`SELECT count(*)::int AS n FROM stored_response`);
    expect(stored.rows[0].n).toBe(3);
    const tables = await db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    for (const { name } of tables.rows) {
      const rows = await db.query(`SELECT row_to_json(t)::text AS row FROM "${name}" t`);
      const dump = rows.rows.map((r) => r.row as string).join('\n');
      for (const text of Object.values(texts)) expect(dump).not.toContain(text);
    }

    // The reader shows mixed responses only: move the intake as the mixer does once the day has ended.
    await db.query(
      `WITH moved AS (DELETE FROM response_intake RETURNING id, survey_version_id, period, answers)
       INSERT INTO response (id, survey_version_id, period, answers) SELECT id, survey_version_id, period, answers FROM moved`,
    );

    // The reader: the key file and its passphrase, in this tab only.
    await page.goto(`${app.baseUrl}/staff/surveys/${surveyId}?tab=settings`);
    await page.getByRole('link', { name: 'Read free text' }).click();
    await page.getByLabel('Key file').setInputFiles({ name: 'key.json', mimeType: 'application/json', buffer: Buffer.from(keyFile) });
    await page.getByLabel('Passphrase (if the file has one)').fill('wrong passphrase');
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.getByText('The passphrase does not open this key file.').waitFor();
    await page.getByLabel('Passphrase (if the file has one)').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.getByText('Key ready. Choose a question.').waitFor();
    await page.getByLabel('Question').selectOption('comments');
    await page.getByRole('button', { name: 'Open the answers' }).click();
    for (const text of Object.values(texts)) await page.getByText(text).waitFor();
    await page.getByText('Looks identifying: a phone number').waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download these texts to this device' }).click();
    expect((await download).suggestedFilename()).toMatch(/comments\.txt$/);
    expect(blocking(await axeScan(page))).toEqual([]);
    await screenshot(page, 'staff-free-text-reader');
    const audited = await db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'survey.free_text.read'`);
    expect(audited.rows[0].n).toBe(1);

    await staff.close();
    await phone.close();
    await nojs.close();
  }, 300_000);

  it('refuses the reader to organizers', async () => {
    const login = await fetch(`${app.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
    const created = await fetch(`${app.baseUrl}/api/staff-users`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        email: RESEARCHER.email.replace('researcher', 'organizer'),
        displayName: 'Organizer',
        role: 'organizer',
        password: RESEARCHER.password,
      }),
    });
    expect(created.status).toBe(201);
    const organizer = await fetch(`${app.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: RESEARCHER.email.replace('researcher', 'organizer'), password: RESEARCHER.password }),
    });
    const organizerCookie = (organizer.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const surveys = (await (await fetch(`${app.baseUrl}/api/surveys`, { headers: { cookie: organizerCookie } })).json()) as {
      id: string;
    }[];
    const refused = await fetch(`${app.baseUrl}/api/surveys/${surveys[0]?.id}/free-text/comments`, {
      headers: { cookie: organizerCookie },
    });
    expect(refused.status).toBe(403);
  });
});
