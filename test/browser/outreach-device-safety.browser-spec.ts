import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { generateResearchKeyPair, openSealedText } from '@candor/shared';
import { openSealedBox, unwrapPrivateKey } from '@candor/api-testing';
import { startBuiltApp, type RunningApp } from '../support/app-process';
import { launchChromium, VIEWPORTS, type Browser, type BrowserContext, type Page } from '../support/browser';
import { createAdminWithCli } from '../support/cli';
import { DEVICE_PIN, patchLock, prepareDevice, readLock, unlockDevice } from '../support/outreach-device-browser';
import { signInAsStaff } from '../support/staff-browser';

const ADMIN = { email: 'tablet-admin@candor.test', password: 'a long admin password' };
const SECRET = 'an outreach secret for the tablet safety test, 32+ chars';
const RESEARCH_KEYS = generateResearchKeyPair();
const NEED = 'zq-tablet-need-sentinel';

const DEFINITION = {
  title: 'Tablet check-in',
  showQuestionNumbers: 'off',
  pages: [
    {
      name: 'only',
      elements: [
        { type: 'comment', name: 'need', title: 'What do you need most right now?' },
        { type: 'radiogroup', name: 'mood', title: 'How is work going?', choices: ['ok', 'hard'] },
      ],
    },
  ],
};

/**
 * The review of issue 18, on a real tablet browser: (1) the server that opens a box finds free
 * text sealed to the research key, and a dump of its database holds none in clear; (3) a
 * respondent page's quick exit on the same origin leaves the outreach queue and the offline
 * copy alone; (4) preparing the device ends the staff session on it.
 */
describe('an outreach tablet against its server, its next user and a same-origin quick exit', () => {
  let app: RunningApp;
  let browser: Browser;
  let db: Pool;
  let neutral: Server;
  let NEUTRAL = '';
  let surveyId = '';
  let slug = '';

  beforeAll(async () => {
    neutral = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<title>Weather</title><p>Sunny</p>'));
    await new Promise<void>((resolve) => neutral.listen(0, '127.0.0.1', resolve));
    NEUTRAL = `http://127.0.0.1:${(neutral.address() as AddressInfo).port}/weather`;
    // Many staff sign-ins on one tablet in a minute: the sign-in rate limit is tested elsewhere.
    app = await startBuiltApp({ OUTREACH_CODE_SECRET: SECRET, QUICK_EXIT_URL: NEUTRAL, LOGIN_RATE_PER_MINUTE: '1000' });
    expect(createAdminWithCli(app.database.url, ADMIN.email, ADMIN.password)).toContain('Created admin');
    ({ surveyId, slug } = await createOpenSurvey(app.baseUrl));
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

  async function prepare(context: BrowserContext, label: string): Promise<Page> {
    const page = await context.newPage();
    await signInAsStaff(page, app.baseUrl, ADMIN);
    await page.goto(`${app.baseUrl}/staff/outreach/${surveyId}`);
    await prepareDevice(page, label);
    await page.getByText('Ready: this page works without a signal.').waitFor();
    return page;
  }

  /** The locked screen: Start a respondent and the PIN field, and nothing of the staff screen. */
  async function expectLocked(page: Page): Promise<void> {
    await page.getByRole('heading', { name: 'This device is locked' }).waitFor();
    await page.getByRole('button', { name: 'Start a respondent (English)' }).waitFor();
    await page.getByLabel('Staff PIN', { exact: true }).waitFor();
    expect(await page.getByTestId('waiting').count()).toBe(0);
    for (const name of ['Forget this device', 'Send now', 'Prepare this device again', 'Lock this device']) {
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    }
    const text = await page.locator('body').innerText();
    for (const hidden of ['waiting', 'Refused', 'Tablet check-in', 'Locked tablet', 'Online', 'Offline'])
      expect(text).not.toContain(hidden);
  }

  it('locks the staff screen after hand back, quick exit and a reload: only the PIN opens it, wrong PINs are counted', async () => {
    // Before the fix the next person holding the tablet found the counts, the refused items and
    // "Forget this device" (which erases the unsent queue) one tap after a respondent.
    const context = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await prepare(context, 'Locked tablet');
    page.on('dialog', (dialog) => void dialog.accept());
    // The staff member who just set the PIN sees the staff screen.
    await page.getByTestId('waiting').filter({ hasText: 'Nothing waiting to send' }).waitFor();
    const lock = await readLock(page);
    expect(Object.keys(lock ?? {}).sort()).toEqual(['failures', 'iterations', 'notBefore', 'salt', 'surveyId', 'verifier']);
    expect(lock?.['iterations']).toBeGreaterThanOrEqual(600_000);
    expect(JSON.stringify(lock)).not.toContain(DEVICE_PIN);

    // Offline from here: the lock needs no server.
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Start a respondent (English)' }).click();
    await page.locator('[data-name="mood"] label').filter({ hasText: 'ok' }).click();
    await page.getByRole('button', { name: 'Send answers' }).click();
    await page.getByRole('button', { name: 'Hand back to staff' }).click();
    await expectLocked(page);

    // Wrong PINs: refused, counted in IndexedDB (before they are checked), and the screen stays locked.
    for (const [tries, wrong] of [
      [1, '000000'],
      [2, 'tablet-pin-4822'],
    ] as const) {
      await page.getByLabel('Staff PIN', { exact: true }).fill(wrong);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await page.getByText(`Wrong PIN (${tries} of 10 tries)`).waitFor();
      expect((await readLock(page))?.['failures']).toBe(tries);
      await expectLocked(page);
    }
    // The right PIN opens the staff screen, and the count starts again.
    await unlockDevice(page);
    await page.getByTestId('waiting').filter({ hasText: '1 waiting to send' }).waitFor();
    expect((await readLock(page))?.['failures']).toBe(0);

    // Quick exit's neutral screen leads back to the locked screen, not the staff screen.
    await page.getByRole('button', { name: 'Start a respondent (English)' }).click();
    await page.getByRole('button', { name: 'Quick exit' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectLocked(page);

    // So does a reload (the worker serves the page offline), and a wrong PIN is still counted.
    await page.reload();
    await expectLocked(page);
    await page.getByLabel('Staff PIN', { exact: true }).fill('not the pin');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('Wrong PIN (1 of 10 tries)').waitFor();
    await page.reload();
    await expectLocked(page);
    expect((await readLock(page))?.['failures']).toBe(1);

    // Nine wrong PINs typed before (their growing waits skipped): the tenth locks local unlock for good.
    await patchLock(page, { failures: 9, notBefore: 0 });
    await page.reload();
    await page.getByLabel('Staff PIN', { exact: true }).fill('still not the pin');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('Too many wrong PINs (10)').waitFor();
    expect(await page.getByLabel('Staff PIN', { exact: true }).count()).toBe(0);
    expect(await page.getByTestId('waiting').count()).toBe(0);
    await page.reload();
    await page.getByText('Too many wrong PINs (10)').waitFor();
    expect(await page.getByLabel('Staff PIN', { exact: true }).count()).toBe(0);
    expect((await readLock(page))?.['failures']).toBe(10);

    // Only a staff member signed in online opens it again: preparing again sets a new PIN and keeps the queue.
    await context.setOffline(false);
    const staff = await context.newPage();
    await signInAsStaff(staff, app.baseUrl, ADMIN);
    await staff.close();
    await page.getByRole('button', { name: 'Prepare this device again' }).click();
    await page.getByText('The answers waiting here are kept').waitFor();
    await prepareDevice(page, 'Locked tablet', 'a new tablet pin');
    await page.getByTestId('waiting').waitFor();
    expect((await readLock(page))?.['failures']).toBe(0);
    await page.getByRole('button', { name: 'Lock this device' }).click();
    await expectLocked(page);
    await unlockDevice(page, 'a new tablet pin');
    await context.close();
  }, 300_000);

  it('collects a survey that requires outreach codes: the code goes in the sealed box, a wrong one is kept as refused', async () => {
    // Before the fix the device never asked for the code, so every box of such a survey was refused as needing one.
    const cards = await createCodeSurvey(app.baseUrl);
    const context = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    await signInAsStaff(page, app.baseUrl, ADMIN);
    await page.goto(`${app.baseUrl}/staff/outreach/${cards.surveyId}`);
    await prepareDevice(page, 'Card tablet');
    await page.getByText('Ready: this page works without a signal.').waitFor();
    await context.setOffline(true);

    const respond = async (code: string, mood: 'ok' | 'hard') => {
      await page.getByRole('button', { name: 'Start a respondent (English)' }).click();
      await page.getByLabel('Code from your card').waitFor();
      // Blank for every respondent: nothing of the one before.
      expect(await page.getByLabel('Code from your card').inputValue()).toBe('');
      await page.locator('[data-name="mood"] label').filter({ hasText: mood }).click();
      await page.getByLabel('Code from your card').fill(code);
      await page.getByRole('button', { name: 'Send answers' }).click();
      await page.getByRole('button', { name: 'Hand back to staff' }).click();
      await page.getByRole('heading', { name: 'This device is locked' }).waitFor();
    };

    // No code, or something that is no card's code: not sent, and said so in the respondent's language.
    await page.getByRole('button', { name: 'Start a respondent (English)' }).click();
    await page.locator('[data-name="mood"] label').filter({ hasText: 'ok' }).click();
    await page.getByRole('button', { name: 'Send answers' }).click();
    await page.getByText('Please type the code from your card before sending.').waitFor();
    await page.getByLabel('Code from your card').fill('12');
    await page.getByRole('button', { name: 'Send answers' }).click();
    await page.getByText('This does not look like the code on a card').waitFor();
    expect(await page.getByRole('button', { name: 'Hand back to staff' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Quick exit' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    const first = cards.codes[0] as string;
    const second = (cards.codes[1] as string).toLowerCase().replace('-', ' ');
    await respond(first, 'ok');
    await respond('ZZZZZ-ZZZZZ', 'hard'); // well formed, on no card: refused when sent
    await respond(second, 'hard');
    await unlockDevice(page);
    await page.getByTestId('waiting').filter({ hasText: '3 waiting to send' }).waitFor();
    // The codes are inside the sealed boxes only.
    const stored = JSON.stringify(await readLock(page)) + JSON.stringify(await page.evaluate(() => indexedDB.databases()));
    expect(stored).not.toContain(first);
    const boxes = await page.evaluate(async () => {
      const idb = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('candor-outreach-device');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const items = await new Promise<unknown[]>((resolve, reject) => {
        const request = idb.transaction('queue', 'readonly').objectStore('queue').getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      idb.close();
      return JSON.stringify(items);
    });
    for (const code of [first, first.replace('-', ''), 'ZZZZZ']) expect(boxes).not.toContain(code);

    // Back online: two stored with their codes spent, the third kept as refused with its reason.
    await context.setOffline(false);
    await page.getByText('Reason: OUTREACH_CODE_INVALID — the code from the card was wrong or already used').waitFor({ timeout: 60_000 });
    await page.getByTestId('waiting').filter({ hasText: '1 waiting to send' }).waitFor();
    const stats = async () =>
      (
        await db.query(
          `SELECT (SELECT count(*)::int FROM stored_response r JOIN survey_version v ON v.id = r.survey_version_id WHERE v.survey_id = $1) AS responses,
                  (SELECT count(*)::int FROM outreach_spend) + (SELECT count(*)::int FROM outreach_code WHERE used) AS spent`,
          [cards.surveyId],
        )
      ).rows[0] as { responses: number; spent: number };
    expect(await stats()).toEqual({ responses: 2, spent: 2 });
    // Kept through a reload and another sync, never dropped.
    await page.reload();
    await unlockDevice(page);
    await page.getByRole('button', { name: 'Send now' }).click();
    await page.getByText('Reason: OUTREACH_CODE_INVALID').waitFor();
    await page.getByTestId('waiting').filter({ hasText: '1 waiting to send' }).waitFor();
    expect(await stats()).toEqual({ responses: 2, spent: 2 });
    await context.close();
  }, 300_000);

  it('ends the staff session on the tablet when it is prepared, and says so', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await prepare(context, 'Session tablet');
    await page.getByText('Your staff sign-in on this device has ended').waitFor();
    expect((await context.cookies()).map((cookie) => cookie.name)).toEqual([]);
    expect(await page.evaluate(async () => (await fetch('/api/auth/session', { credentials: 'same-origin' })).status)).toBe(401);
    // The next person holding the tablet finds the staff sign-in, not the staff app.
    const next = await context.newPage();
    await next.goto(`${app.baseUrl}/staff`);
    await next.getByLabel('Password').waitFor();
    await context.close();
  }, 200_000);

  it('keeps the queue and the offline copy through a respondent page’s quick exit, and the server never holds the free text', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await prepare(context, 'Street tablet');
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Start a respondent (English)' }).click();
    await page.locator('[data-name="need"] textarea').fill(NEED);
    await page.locator('[data-name="mood"] label').filter({ hasText: 'hard' }).click();
    await page.getByRole('button', { name: 'Send answers' }).click();
    await page.getByRole('button', { name: 'Hand back to staff' }).click();
    await unlockDevice(page);
    await page.getByTestId('waiting').filter({ hasText: '1 waiting to send' }).waitFor();

    // Whoever holds the server (its database and its secret) opens the box: the free text in it
    // is sealed to the research key, which only the research team holds.
    const boxes = await page.evaluate(async () => {
      const idb = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('candor-outreach-device');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const items = await new Promise<Array<{ sealed: string }>>((resolve, reject) => {
        const request = idb.transaction('queue', 'readonly').objectStore('queue').getAll();
        request.onsuccess = () => resolve(request.result as Array<{ sealed: string }>);
        request.onerror = () => reject(request.error);
      });
      idb.close();
      return items.map((item) => item.sealed);
    });
    expect(boxes).toHaveLength(1);
    const key = (await db.query('SELECT public_key, wrapped_private_key FROM outreach_device_key WHERE survey_id = $1', [surveyId]))
      .rows[0] as { public_key: Buffer; wrapped_private_key: Buffer };
    const privateKey = unwrapPrivateKey(key.wrapped_private_key, SECRET, surveyId) as Buffer;
    const opened = openSealedBox(boxes[0] as string, { publicKey: key.public_key, privateKey }, surveyId)?.toString('utf8') ?? '';
    expect(opened).toContain('"mood":"hard"');
    expect(opened).not.toContain(NEED);
    const need = (JSON.parse(opened) as { answers: { need: string } }).answers.need;
    expect(openSealedText(need, RESEARCH_KEYS)).toBe(NEED);

    // Someone uses the tablet's browser for a respondent page and leaves it by Quick exit (the
    // outreach page is closed, or it would send the queue as soon as the signal is back).
    await page.close();
    await context.setOffline(false);
    const respondent = await context.newPage();
    let cleared: string | undefined;
    respondent.on('response', async (response) => {
      if (response.url().endsWith('/api/public/exit')) cleared = (await response.allHeaders())['clear-site-data'];
    });
    await respondent.goto(`${app.baseUrl}/s/${slug}`);
    await respondent.getByRole('link', { name: 'Quick exit' }).click();
    await respondent.waitForURL(NEUTRAL);
    await respondent.close();

    // The queue is still there, and so is the offline copy: the page opens without a signal.
    await context.setOffline(true);
    const tablet = await context.newPage();
    await tablet.goto(`${app.baseUrl}/staff/outreach/${surveyId}`);
    await unlockDevice(tablet);
    await tablet.getByTestId('waiting').filter({ hasText: '1 waiting to send' }).waitFor();
    expect(
      await tablet.evaluate(async () => ({
        workers: (await navigator.serviceWorker.getRegistrations()).length,
        caches: await caches.keys(),
      })),
    ).toEqual({ workers: 1, caches: ['candor-outreach-device'] });
    // Respondent pages still clear cookies (a staff session included) and the HTTP cache.
    expect(cleared).toBe('"cache", "cookies"');

    // Back online, the box is sent; a dump of the whole database holds no free text in clear.
    await context.setOffline(false);
    await tablet.getByTestId('waiting').filter({ hasText: 'Nothing waiting to send' }).waitFor({ timeout: 60_000 });
    const dump = spawnSync('pg_dump', ['--data-only', app.database.url], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(dump.status).toBe(0);
    expect(dump.stdout).toContain('ct1.');
    expect(dump.stdout).not.toContain(NEED);
    await context.close();
  }, 300_000);

  it('sends the queue of a revoked device once staff prepare it again, keeping what waits', async () => {
    // Before the fix the only way back to preparing was "Forget this device", which deletes the queue.
    const context = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await prepare(context, 'Found tablet');
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Start a respondent (English)' }).click();
    await page.locator('[data-name="mood"] label').filter({ hasText: 'ok' }).click();
    await page.getByRole('button', { name: 'Send answers' }).click();
    await page.getByRole('button', { name: 'Hand back to staff' }).click();
    await unlockDevice(page);
    await page.getByTestId('waiting').filter({ hasText: '1 waiting to send' }).waitFor();
    await revokeDevice(app.baseUrl, surveyId, 'Found tablet');
    const before = await storedResponses(db);

    // Back online, the device page sends by itself, and is refused.
    await context.setOffline(false);
    await page.getByText('An admin revoked this device').waitFor({ timeout: 60_000 });
    await page.getByTestId('waiting').filter({ hasText: '1 waiting to send' }).waitFor();

    // Staff sign in on the tablet again and prepare it again from the device's own screen.
    const staff = await context.newPage();
    await signInAsStaff(staff, app.baseUrl, ADMIN);
    await staff.close();
    await page.reload();
    await unlockDevice(page);
    await page.getByRole('button', { name: 'Prepare this device again' }).click();
    await page.getByText('The 1 answers waiting here are kept').waitFor();
    expect(await page.getByLabel('Name of this device (for staff)').inputValue()).toBe('Found tablet');
    await prepareDevice(page, 'Found tablet');
    // Ready, and online: what waited is sent with the new token at once.
    await page.getByTestId('waiting').filter({ hasText: 'Nothing waiting to send' }).waitFor({ timeout: 60_000 });
    expect(await storedResponses(db)).toBe(before + 1);
    await context.close();
  }, 300_000);

  it('forgets only the survey whose PIN was typed: another survey prepared on the tablet keeps its queue', async () => {
    // Before the fix "Forget this device" deleted the whole database: the PIN of one survey
    // erased another survey's unsent answers, its token, its lock and the offline copy.
    const other = await createOpenSurvey(app.baseUrl, 'tablet-second-survey', 'Second tablet survey');
    const context = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await prepare(context, 'Shared tablet');
    await signInAsStaff(page, app.baseUrl, ADMIN);
    await page.goto(`${app.baseUrl}/staff/outreach/${other.surveyId}`);
    await prepareDevice(page, 'Shared tablet', 'the other survey pin');
    await page.getByText('Ready: this page works without a signal.').waitFor();
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Start a respondent (English)' }).click();
    await page.locator('[data-name="mood"] label').filter({ hasText: 'hard' }).click();
    await page.getByRole('button', { name: 'Send answers' }).click();
    await page.getByRole('button', { name: 'Hand back to staff' }).click();

    // The first survey's PIN, and its (empty) device forgotten.
    await page.goto(`${app.baseUrl}/staff/outreach/${surveyId}`);
    await unlockDevice(page);
    await page.getByTestId('waiting').filter({ hasText: 'Nothing waiting to send' }).waitFor();
    await page.getByRole('button', { name: 'Forget this device' }).click();
    await page.getByRole('heading', { name: 'Prepare this device' }).waitFor();

    // The other survey's device is still prepared, locked, with its answer waiting and its offline copy.
    await page.goto(`${app.baseUrl}/staff/outreach/${other.surveyId}`);
    await expectLockedFor(page, 'Second tablet survey');
    await unlockDevice(page, 'the other survey pin');
    await page.getByTestId('waiting').filter({ hasText: '1 waiting to send' }).waitFor();
    expect(await page.evaluate(async () => (await caches.keys()).includes('candor-outreach-device'))).toBe(true);
    await context.close();
  }, 300_000);

  it('keeps a respondent who types capitals on the form: only Shift pressed three times alone is Quick exit', async () => {
    // Before the fix the device counted every Shift: typing "NGO" (or a card's code) with a
    // keyboard blanked the respondent's answers; respondent pages already reset on other keys.
    const context = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await prepare(context, 'Keyboard tablet');
    await page.getByRole('button', { name: 'Start a respondent (English)' }).click();
    const need = page.locator('[data-name="need"] textarea');
    await need.click();
    for (const key of ['Shift+N', 'Shift+G', 'Shift+O']) await page.keyboard.press(key);
    // Held down, Shift repeats: one press, not three.
    await page.keyboard.down('Shift');
    for (let i = 0; i < 5; i += 1) await page.keyboard.down('Shift');
    await page.keyboard.up('Shift');
    expect(await need.inputValue()).toBe('NGO');
    expect(await page.getByRole('button', { name: 'Quick exit' }).count()).toBe(1);
    // Three Shifts alone still leave at once.
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('Shift');
    await page.getByRole('button', { name: 'Continue' }).waitFor();
    expect(await page.locator('body').innerText()).not.toContain('NGO');
    await context.close();
  }, 300_000);

  it('locks again when the tablet comes Back to the page: no answers from the back-forward cache, no staff screen', async () => {
    // A respondent who leaves the page mid-answer (a typed address, a bookmark) and the next
    // person pressing Back: the page restored from the back-forward cache held the answers.
    const context = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await prepare(context, 'Back tablet');
    await page.getByRole('button', { name: 'Start a respondent (English)' }).click();
    await page.locator('[data-name="need"] textarea').fill(NEED);
    await page.locator('[data-name="mood"] label').filter({ hasText: 'hard' }).click();
    await page.goto(NEUTRAL);
    await page.goBack();
    await page.getByRole('heading', { name: 'This device is locked' }).waitFor();
    expect(await page.locator('body').innerText()).not.toContain(NEED);
    expect(await page.locator('textarea').count()).toBe(0);

    // The staff screen, left open and navigated away from: Back shows the locked screen.
    await unlockDevice(page);
    await page.goto(NEUTRAL);
    await page.goBack();
    await expectLockedFor(page, 'Tablet check-in');
    await context.close();
  }, 300_000);
});

/** The locked screen of a survey's device (its title nowhere): the PIN field and no staff control. */
async function expectLockedFor(page: Page, title: string): Promise<void> {
  await page.getByRole('heading', { name: 'This device is locked' }).waitFor();
  await page.getByLabel('Staff PIN', { exact: true }).waitFor();
  expect(await page.getByTestId('waiting').count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Forget this device' }).count()).toBe(0);
  expect(await page.locator('body').innerText()).not.toContain(title);
}

/** Responses stored (mixed or still in the intake). */
async function storedResponses(db: Pool): Promise<number> {
  return Number((await db.query('SELECT count(*)::int AS n FROM stored_response')).rows[0].n);
}

/** An admin revokes the device with this label, through the staff API. */
async function revokeDevice(baseUrl: string, surveyId: string, label: string): Promise<void> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken };
  const devices = (await (await fetch(`${baseUrl}/api/surveys/${surveyId}/outreach-devices`, { headers })).json()) as Array<{
    id: string;
    label: string;
  }>;
  const device = devices.find((d) => d.label === label);
  if (!device) throw new Error(`no device labelled ${label}`);
  const revoked = await fetch(`${baseUrl}/api/surveys/${surveyId}/outreach-devices/${device.id}/revoke`, { method: 'POST', headers });
  if (revoked.status !== 200) throw new Error(`revoke failed: ${revoked.status} ${await revoked.text()}`);
}

/** A one-page survey without free text that requires outreach codes, opened, with six printed codes. */
async function createCodeSurvey(baseUrl: string): Promise<{ surveyId: string; slug: string; codes: string[] }> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken };
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
  const slug = 'card-check-in';
  const definition = {
    title: 'Card check-in',
    pages: [{ name: 'only', elements: [{ type: 'radiogroup', name: 'mood', title: 'How is work going?', choices: ['ok', 'hard'] }] }],
  };
  const { id } = (await call('POST', '/api/surveys', { slug, title: 'Card check-in', source: 'json', definition, locales: ['en'] })) as {
    id: string;
  };
  await call('PUT', `/api/surveys/${id}/settings`, {
    k: 11,
    minResponses: 100,
    minGroup: 40,
    timeGranularity: 'day',
    retentionDays: 365,
    crosstabs: [],
    perturbation: 'none',
    requiresOutreachCode: true,
  });
  await call('PUT', `/api/surveys/${id}/research-key`, { publicKey: RESEARCH_KEYS.publicKey });
  await call('POST', `/api/surveys/${id}/open`);
  const { codes } = (await call('POST', `/api/surveys/${id}/outreach-batches`, { size: 6, label: 'Tablet cards' })) as { codes: string[] };
  return { surveyId: id, slug, codes };
}

/** A one-page survey with free text, its research key set, opened through the staff API. */
async function createOpenSurvey(
  baseUrl: string,
  slug = 'tablet-check-in',
  title = 'Tablet check-in',
): Promise<{ surveyId: string; slug: string }> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken };
  const created = await fetch(`${baseUrl}/api/surveys`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ slug, title, source: 'json', definition: { ...DEFINITION, title }, locales: ['en'] }),
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
