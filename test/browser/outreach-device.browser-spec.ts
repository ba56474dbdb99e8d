import { generateResearchKeyPair, openSealedText } from '@candor/shared';
import { Pool } from 'pg';
import { startBuiltApp, type RunningApp } from '../support/app-process';
import { auditPage, axeScan, blocking, launchChromium, screenshot, VIEWPORTS, type Browser, type Page } from '../support/browser';
import { createAdminWithCli } from '../support/cli';
import { prepareDevice, unlockDevice } from '../support/outreach-device-browser';
import { signInAsStaff } from '../support/staff-browser';

const ADMIN = { email: 'outreach-admin@candor.test', password: 'a long admin password' };
// Stable across the restart below, as in a deployment: the survey's private key is wrapped with it.
const ENV = { OUTREACH_CODE_SECRET: 'an outreach secret for the device browser test, 32+ chars' };
const RESPONDENTS = 20;
// The survey asks for free text: it is sealed to the research team's key (issue 17) when stored.
const RESEARCH_KEYS = generateResearchKeyPair();

/** Two pages, a free-text box on the first: the sentinel answers must never be readable on the device. */
const DEFINITION = {
  title: { default: 'Street outreach check-in', es: 'Encuentro de alcance' },
  showQuestionNumbers: 'off',
  pages: [
    {
      name: 'first',
      elements: [
        { type: 'text', name: 'note', title: { default: 'What do you need most right now?', es: '¿Qué necesitas más ahora?' } },
        { type: 'radiogroup', name: 'mood', title: { default: 'How is work going?', es: '¿Cómo va el trabajo?' }, choices: ['ok', 'hard'] },
      ],
    },
    { name: 'second', elements: [{ type: 'comment', name: 'more', title: { default: 'Anything else?', es: '¿Algo más?' } }] },
  ],
};

const sentinel = (i: number) => `zq-sentinel-${String(i).padStart(2, '0')}-answer`;

/**
 * Issue 18, "done when": prepare a device, go offline (and stop the server), collect 20
 * responses, reload, come back online, sync: 20 stored, none twice on a repeated upload,
 * nothing left on the device, nothing readable in IndexedDB before the sync.
 */
describe('outreach device mode in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let db: Pool;
  let surveyId = '';
  let slug = '';

  beforeAll(async () => {
    app = await startBuiltApp(ENV);
    expect(createAdminWithCli(app.database.url, ADMIN.email, ADMIN.password)).toContain('Created admin');
    ({ surveyId, slug } = await createOpenSurvey(app.baseUrl));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await app?.stop();
    await app?.database.drop().catch(() => undefined);
  });

  it('collects 20 sealed responses offline, survives a reload, and syncs each exactly once', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    const audit = await auditPage(page);
    await signInAsStaff(page, app.baseUrl, ADMIN);

    await page.goto(`${app.baseUrl}/staff/outreach/${surveyId}`);
    await page.getByRole('heading', { name: 'Prepare this device' }).waitFor();
    await screenshot(page, 'outreach-device-prepare');
    await prepareDevice(page, 'Blue tablet');
    await page.getByText('Ready: this page works without a signal.').waitFor();
    expect(blocking(await axeScan(page))).toEqual([]);

    // No signal, and no server either: everything from here on comes from the device.
    await context.setOffline(true);
    const port = app.port;
    const database = app.database;
    await app.kill();
    await page.getByText('Offline — answers are kept, locked, on this device').waitFor();
    await screenshot(page, 'outreach-device-offline');

    for (let i = 0; i < RESPONDENTS; i += 1) {
      const spanish = i % 4 === 3;
      await page.getByRole('button', { name: spanish ? 'Start a respondent (Español)' : 'Start a respondent (English)' }).click();
      const note = page.locator('[data-name="note"] input');
      await note.waitFor();
      // A blank first page for every respondent: nothing of the one before.
      expect(await note.inputValue()).toBe('');
      expect(await page.locator('[data-name="mood"] input:checked').count()).toBe(0);
      if (i === 0) {
        await screenshot(page, 'outreach-device-respondent');
        expect(blocking(await axeScan(page))).toEqual([]);
      }
      await note.fill(sentinel(i));
      await page
        .locator('[data-name="mood"] label')
        .filter({ hasText: i % 2 ? 'hard' : 'ok' })
        .click();
      await page.getByRole('button', { name: spanish ? 'Siguiente' : 'Next' }).click();
      await page.locator('[data-name="more"] textarea').fill(`${sentinel(i)}-more`);
      await page.getByRole('button', { name: spanish ? 'Enviar respuestas' : 'Send answers' }).click();
      await page.getByRole('button', { name: spanish ? 'Devolver al equipo' : 'Hand back to staff' }).click();
      // The next person holding the device finds it locked: only the staff PIN shows the count.
      await page.getByRole('heading', { name: 'This device is locked' }).waitFor();
      if (i === 0) {
        await screenshot(page, 'outreach-device-locked');
        expect(blocking(await axeScan(page))).toEqual([]);
      }
      await unlockDevice(page);
      await page
        .getByTestId('waiting')
        .filter({ hasText: `${i + 1} waiting to send` })
        .waitFor();
    }

    // Quick exit in the middle of an answer: a neutral screen, and the next respondent starts blank.
    await page.getByRole('button', { name: 'Start a respondent (English)' }).click();
    await page.locator('[data-name="note"] input').fill('quick-exit-secret-text');
    await page.getByRole('button', { name: 'Quick exit' }).click();
    await page.getByRole('heading', { name: 'Notes' }).waitFor();
    expect(await page.content()).not.toContain('quick-exit-secret-text');
    await screenshot(page, 'outreach-device-neutral');
    expect(blocking(await axeScan(page))).toEqual([]);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Start a respondent (English)' }).click();
    expect(await page.locator('[data-name="note"] input').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Quick exit' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    // A reload without a signal or a server: the worker serves the page, IndexedDB the queue.
    await page.reload();
    await unlockDevice(page);
    await page
      .getByTestId('waiting')
      .filter({ hasText: `${RESPONDENTS} waiting to send` })
      .waitFor();
    expect(blocking(await axeScan(page))).toEqual([]);

    // Nothing readable on the device before the sync: no answer in any stored value.
    const stored = await readDevice(page);
    expect(stored.queue).toHaveLength(RESPONDENTS);
    const everything = JSON.stringify(stored);
    for (let i = 0; i < RESPONDENTS; i += 1) expect(everything).not.toContain(sentinel(i));
    expect(everything).not.toContain('quick-exit-secret-text');
    for (const item of stored.queue) {
      expect(Object.keys(item).sort()).toEqual(['id', 'sealed', 'surveyId']);
      expect(item.sealed).toMatch(/^[A-Za-z0-9_-]+$/);
    }
    expect(stored.cachedBodies.some((body) => body.includes('zq-sentinel'))).toBe(false);
    expect(stored.localStorage).toBe(0);

    // Back online: the server restarts on the same database and port, the queue is sent.
    app = await startBuiltApp(ENV, { database, port });
    db = new Pool({ connectionString: app.database.url, max: 1 });
    db.on('error', () => undefined);
    await context.setOffline(false);
    await page.getByTestId('waiting').filter({ hasText: 'Nothing waiting to send' }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'outreach-device-synced');

    const answers = async () =>
      (
        await db.query(
          'SELECT r.answers FROM stored_response r JOIN survey_version v ON v.id = r.survey_version_id WHERE v.survey_id = $1',
          [surveyId],
        )
      ).rows.map((r) => r.answers as Record<string, string>);
    const first = await answers();
    expect(first).toHaveLength(RESPONDENTS);
    // Stored sealed to the research key: only its holder reads them.
    expect(first.every((a) => !String(a['note']).includes('sentinel'))).toBe(true);
    expect(first.map((a) => openSealedText(String(a['note']), RESEARCH_KEYS)).sort()).toEqual(
      Array.from({ length: RESPONDENTS }, (_, i) => sentinel(i)).sort(),
    );

    // Every sealed box uploaded again (a repeated sync after a lost answer): stored once each.
    const statuses = await page.evaluate(
      async ({ slug: surveySlug, token, boxes }) =>
        Promise.all(
          boxes.map(async (sealed) => {
            const response = await fetch(`/api/public/surveys/${surveySlug}/outreach-uploads`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
              body: JSON.stringify({ sealed }),
              credentials: 'omit',
            });
            return response.status;
          }),
        ),
      { slug, token: stored.token, boxes: stored.queue.map((item) => item.sealed) },
    );
    expect(statuses).toEqual(Array(RESPONDENTS).fill(201));
    expect(await answers()).toHaveLength(RESPONDENTS);

    // Nothing left on the device: the queue is empty, and "Forget this device" removes the rest.
    expect((await readDevice(page)).queue).toEqual([]);
    page.on('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Forget this device' }).click();
    await page.getByText('This device holds nothing of the survey any more.').waitFor();
    expect(
      await page.evaluate(async () => ({
        databases: (await indexedDB.databases()).map((d) => d.name),
        caches: await caches.keys(),
        workers: (await navigator.serviceWorker.getRegistrations()).length,
      })),
    ).toEqual({
      databases: [],
      caches: [],
      workers: 0,
    });
    expect(await audit.violations()).toEqual([]);
    await context.close();
    // Twenty respondents answer two pages each in a real browser: more than the default 90 s on a shared machine.
  }, 400_000);

  it('never controls respondent pages: the worker is scoped to the outreach page', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    await signInAsStaff(page, app.baseUrl, ADMIN);
    await page.goto(`${app.baseUrl}/staff/outreach/${surveyId}`);
    await prepareDevice(page, 'Green phone');
    await page.getByText('Ready: this page works without a signal.').waitFor();
    const respondent = await context.newPage();
    const audit = await auditPage(respondent);
    await respondent.goto(`${app.baseUrl}/s/${slug}?renderer=surveyjs`);
    await respondent.locator('[data-name="note"]').waitFor();
    expect(await respondent.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    expect(await audit.writes()).toEqual([]);
    await context.close();
  }, 200_000);

  it('reports a revoked device and keeps its answers', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await signInAsStaff(page, app.baseUrl, ADMIN);
    await page.goto(`${app.baseUrl}/staff/outreach/${surveyId}`);
    await prepareDevice(page, 'Lost tablet');
    await page.getByText('Ready: this page works without a signal.').waitFor();
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Start a respondent (English)' }).click();
    await page.locator('[data-name="note"] input').fill('kept after revocation');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Send answers' }).click();
    await page.getByRole('button', { name: 'Hand back to staff' }).click();
    await unlockDevice(page);
    await page.getByTestId('waiting').filter({ hasText: '1 waiting to send' }).waitFor();
    await screenshot(page, 'outreach-device-desktop');
    expect(blocking(await axeScan(page))).toEqual([]);

    // An admin revokes it from the survey's outreach page (another tab, online).
    const staff = await browser.newPage({ viewport: VIEWPORTS.desktop });
    staff.on('dialog', (dialog) => void dialog.accept());
    await signInAsStaff(staff, app.baseUrl, ADMIN);
    await staff.goto(`${app.baseUrl}/staff/surveys/${surveyId}/outreach`);
    await staff.getByRole('button', { name: 'Revoke Lost tablet' }).click();
    await staff.getByRole('cell', { name: 'Revoked' }).first().waitFor();
    await screenshot(staff, 'outreach-device-admin');
    await staff.close();

    await context.setOffline(false);
    await page.getByText('An admin revoked this device').waitFor({ timeout: 60_000 });
    await page.getByTestId('waiting').filter({ hasText: '1 waiting to send' }).waitFor();
    await context.close();
  }, 200_000);
});

interface DeviceContents {
  readonly queue: Array<{ id: string; surveyId: string; sealed: string }>;
  readonly token: string;
  readonly cachedBodies: string[];
  readonly localStorage: number;
}

/** Everything the page left in IndexedDB, Cache Storage and Web Storage, read as an attacker holding the device would. */
async function readDevice(page: Page): Promise<DeviceContents> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('candor-outreach-device');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = (store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        if (!db.objectStoreNames.contains(store)) return resolve([]);
        const request = db.transaction(store, 'readonly').objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const queue = (await all('queue')) as Array<{ id: string; surveyId: string; sealed: string }>;
    const devices = (await all('devices')) as Array<{ token: string }>;
    db.close();
    const cachedBodies: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) cachedBodies.push(await ((await cache.match(request)) as Response).text());
    }
    return { queue, token: devices[0]?.token ?? '', cachedBodies, localStorage: localStorage.length };
  });
}

/** A two-page survey with free text, created and opened through the staff API. */
async function createOpenSurvey(baseUrl: string): Promise<{ surveyId: string; slug: string }> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken };
  const slug = 'street-outreach';
  const created = await fetch(`${baseUrl}/api/surveys`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ slug, title: 'Street outreach', source: 'json', definition: DEFINITION, locales: ['en', 'es'] }),
  });
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const keyed = await fetch(`${baseUrl}/api/surveys/${id}/research-key`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ publicKey: RESEARCH_KEYS.publicKey }),
  });
  if (keyed.status !== 200) throw new Error(`research key failed: ${keyed.status} ${await keyed.text()}`);
  const opened = await fetch(`${baseUrl}/api/surveys/${id}/open`, { method: 'POST', headers });
  if (opened.status !== 200) throw new Error(`open failed: ${opened.status} ${await opened.text()}`);
  return { surveyId: id, slug };
}
