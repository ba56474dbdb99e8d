import { startBuiltApp, type RunningApp } from '../support/app-process';
import { ARTIFACTS, auditPage, launchChromium, screenshot, submitLightPage, VIEWPORTS, type Browser } from '../support/browser';
import { openPolicyImpactSurvey } from '../support/impact-survey';

const ADMIN = { email: 'phone-admin@candor.test', password: 'a long phone-journey password' };
const SURVEYJS_READY = '#root:not([hidden]) [data-name="adult"]';

/** WCAG contrast ratio of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The respondent's phone (issue 12): the shared link rendered by the server and enhanced
 * by a small script, SurveyJS where it arrives in time, the closing page, progress,
 * the in-page safety view, the first screen, and what makes it readable and operable.
 */
describe("the respondent's phone in Chromium", () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    // Proof of work on, and a no-JS wait far longer than any test: a page with JavaScript must never wait on it.
    app = await startBuiltApp({ POW_DIFFICULTY: '2000', NOJS_MIN_SECONDS: '600', SUBMISSION_RATE_PER_MINUTE: '100000' });
    browser = await launchChromium();
    // The policy-impact template (free text, a closing page with a support line), through the staff API.
    await openPolicyImpactSurvey(app, ADMIN, { resources: [{ name: 'Peer support line', contact: '555 0100' }] });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const phone = (lang: string) => browser.newContext({ viewport: VIEWPORTS.phone, locale: lang === 'es' ? 'es-ES' : 'en-US' });

  it.each([
    ['en', 'light'],
    ['es', 'light'],
    ['en', 'surveyjs'],
    ['es', 'surveyjs'],
  ] as const)(
    'in %s on the %s path the first question is on the first screen (360×740) and the header is one row',
    async (lang, renderer) => {
      const context = await phone(lang);
      const page = await context.newPage();
      const audit = await auditPage(page);
      await page.goto(`${app.baseUrl}/s/demo?lang=${lang}&renderer=${renderer}`);
      const question = renderer === 'light' ? page.locator('#q-adult input').first() : page.locator(`${SURVEYJS_READY} input`).first();
      await page.locator(renderer === 'light' ? '#q-adult' : SURVEYJS_READY).waitFor();
      const box = await question.boundingBox();
      expect(box).not.toBeNull();
      expect((box?.y ?? 999) + (box?.height ?? 0)).toBeLessThanOrEqual(740);
      const header = await page.locator('header').first().boundingBox();
      // One row: the Quick exit button's height plus padding, not two or three rows.
      expect(header?.height ?? 999).toBeLessThan(64);
      await screenshot(page, `phone-first-screen-${renderer}-${lang}`);
      expect(await audit.writes()).toEqual([]);
      expect(audit.requests.filter((url) => new URL(url).origin !== new URL(app.baseUrl).origin)).toEqual([]);
      // The light path does not fetch SurveyJS at all.
      if (renderer === 'light') expect(audit.requests.filter((url) => /surveyjs|react-/.test(url))).toEqual([]);
      await context.close();
    },
  );

  // The light path (what every emulated phone link gets); on the SurveyJS path (fast links) the template's question still starts lower — see the README.
  it.each([
    ['en', 'light'],
    ['es', 'light'],
  ] as const)("in %s on the %s path the policy-impact survey's first question is on the first screen too", async (lang, renderer) => {
    const context = await phone(lang);
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/s/impact?lang=${lang}&renderer=${renderer}`);
    await page.locator(renderer === 'light' ? '#q-adult' : SURVEYJS_READY).waitFor();
    const options = renderer === 'light' ? page.locator('#q-adult input') : page.locator(`${SURVEYJS_READY} input`);
    const first = await options.first().boundingBox();
    expect((first?.y ?? 999) + (first?.height ?? 0)).toBeLessThanOrEqual(740);
    await context.close();
  });

  it('on the light path with JavaScript, warns about identifying free text as it is typed, as an alert that looks like a warning', async () => {
    const context = await phone('en');
    const page = await context.newPage();
    const audit = await auditPage(page);
    await page.goto(`${app.baseUrl}/s/impact?renderer=light`);
    await page.getByRole('radio', { name: 'Yes' }).first().check();
    // Walk to the free-text page: Next until the comment box shows (every other answer may be skipped).
    for (let i = 0; i < 12 && (await page.locator('textarea').count()) === 0; i++) await submitLightPage(page, /Next|Send answers/);
    const box = page.locator('textarea');
    await box.fill('text me on 401 555 0199');
    const warning = page.getByRole('alert').filter({ hasText: 'could identify someone (a phone number)' });
    await warning.waitFor();
    expect(await warning.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 244, 224)');
    await screenshot(page, 'phone-identifying-warning-light-en');
    await box.fill('it got harder after the sites closed');
    await warning.waitFor({ state: 'hidden' });
    expect(audit.requests.filter((url) => url.includes('555'))).toEqual([]);
    await context.close();
  });

  it('on the light path, text typed before the page script arrives (a slow phone) gets the warning once the script runs', async () => {
    const context = await phone('en');
    const page = await context.newPage();
    // The page script is held back (every page works without it) until the text is in the box.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/respondent-boot.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${app.baseUrl}/s/impact?renderer=light`, { waitUntil: 'commit' });
    await page.getByRole('radio', { name: 'Yes' }).first().check();
    for (let i = 0; i < 12 && (await page.locator('textarea').count()) === 0; i++) {
      const before = page.url();
      await page.getByRole('button', { name: /Next|Send answers/ }).click({ noWaitAfter: true });
      // A held script also holds the load events: wait for the new page's heading instead.
      await page.waitForURL((url) => url.toString() !== before, { waitUntil: 'commit', timeout: 60_000 });
      await page.locator('#page-title').waitFor({ timeout: 60_000 });
    }
    await page.locator('textarea').fill('text me on 401 555 0199');
    expect(await page.locator('.identifying-warning:not([hidden])').count()).toBe(0);
    release();
    await page.waitForFunction(() => document.documentElement.classList.contains('js'));
    await page.getByRole('alert').filter({ hasText: 'could identify someone (a phone number)' }).waitFor();
    await context.close();
  });

  it('on the SurveyJS path, the warning is announced (role="alert") and the question shows it in its own colour', async () => {
    const context = await phone('es');
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/s/impact?lang=es&renderer=surveyjs`);
    await page.locator(SURVEYJS_READY).waitFor();
    await page
      .locator('[data-name="adult"] label')
      .filter({ hasText: /^\s*Sí\s*$/ })
      .click();
    for (let i = 0; i < 12 && (await page.locator('textarea').count()) === 0; i++)
      await page.getByRole('button', { name: 'Siguiente' }).click();
    await page.locator('textarea').pressSequentially('escríbeme a @rosa_w');
    await page.getByRole('alert').filter({ hasText: 'Esto podría identificar a alguien (un nombre de usuario)' }).waitFor();
    const shown = page.locator('.identifying-warning').filter({ hasText: 'un nombre de usuario' });
    expect(await shown.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 244, 224)');
    await screenshot(page, 'phone-identifying-warning-surveyjs-es');
    await context.close();
  });

  it.each(['light', 'surveyjs'] as const)(
    'on the %s path "staying safe online" opens in the page, at the top, and the answers are still there after',
    async (renderer) => {
      const context = await phone('en');
      const page = await context.newPage();
      await page.goto(`${app.baseUrl}/s/demo?renderer=${renderer}`);
      if (renderer === 'surveyjs') await page.locator(SURVEYJS_READY).waitFor();
      else await page.waitForFunction(() => document.documentElement.classList.contains('js'));
      await page.getByRole('radio', { name: 'Yes' }).check({ force: renderer === 'surveyjs' });
      await page.getByRole(renderer === 'light' ? 'link' : 'button', { name: 'Staying safe' }).click();
      await page.getByRole('heading', { name: 'Staying safe online', level: 1 }).waitFor();
      expect(await page.evaluate(() => window.scrollY)).toBeLessThan(80);
      // The text matches the path: with a script, Quick exit blanks the page.
      await page.getByText('The page goes blank at once').waitFor();
      await page.getByRole(renderer === 'light' ? 'link' : 'button', { name: 'Back to the survey' }).click();
      expect(await page.getByRole('radio', { name: 'Yes' }).isChecked()).toBe(true);
      await context.close();
    },
  );

  it('shows "page x of y" that never goes back, moves focus to the new page heading, and its buttons reach 4.5:1 contrast with visible focus', async () => {
    const context = await phone('en');
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/s/demo?renderer=surveyjs`);
    await page.locator(SURVEYJS_READY).waitFor();
    await page.getByRole('heading', { name: 'Page 1 of 3' }).waitFor();
    expect(await page.getByRole('button', { name: 'Send answers' }).count()).toBe(0);
    await page
      .locator('[data-name="adult"] label')
      .filter({ hasText: /^\s*Yes\s*$/ })
      .click();
    const next = page.getByRole('button', { name: 'Next' });
    // The text's own colour (SurveyJS draws it in an inner element) against the button's background.
    const colours = await next.evaluate((el) => {
      const text = [...el.querySelectorAll('*')].find((child) => child.children.length === 0 && child.textContent?.trim() === 'Next') ?? el;
      return { fg: getComputedStyle(text).color, bg: getComputedStyle(el).backgroundColor };
    });
    expect(contrast(colours.fg, colours.bg)).toBeGreaterThanOrEqual(4.5);
    await next.click();
    const heading = page.getByRole('heading', { name: 'Page 2 of 3' });
    await heading.waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Page 2 of 3');
    await screenshot(page, 'phone-middle-page-surveyjs-en');
    // Keyboard focus on a radio is drawn: an outline on its visible circle.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const focusRing = await page.evaluate(() => {
      const input = document.activeElement as HTMLElement | null;
      const decorator = input?.closest('.sd-item')?.querySelector('.sd-item__decorator');
      return decorator ? getComputedStyle(decorator).outlineStyle : input ? getComputedStyle(input).outlineStyle : 'none';
    });
    expect(focusRing).toBe('solid');
    await context.close();
  });

  it.each([
    ['en', 'light', 'Thank you', 'Peer support line'],
    ['es', 'light', 'Gracias', 'Peer support line'],
    ['en', 'surveyjs', 'Thank you', 'Peer support line'],
    ['es', 'surveyjs', 'Gracias', 'Peer support line'],
  ] as const)(
    "in %s on the %s path the closing page is the survey's own, with its support line; under 18 gets the screen-out",
    async (lang, renderer, _thanks, support) => {
      const context = await phone(lang);
      const page = await context.newPage();
      await page.goto(`${app.baseUrl}/s/impact?lang=${lang}&renderer=${renderer}`);
      const no = lang === 'es' ? 'No' : 'No';
      if (renderer === 'surveyjs') {
        await page.locator(SURVEYJS_READY).waitFor();
        await page
          .locator('[data-name="adult"] label')
          .filter({ hasText: new RegExp(`^\\s*${no}\\s*$`) })
          .click();
        await page.getByRole('button', { name: lang === 'es' ? 'Enviar respuestas' : 'Send answers' }).click();
      } else {
        await page.getByRole('radio', { name: no, exact: true }).check();
        await page.getByRole('button', { name: lang === 'es' ? 'Siguiente' : 'Next' }).click();
        // The light path says this is the end for them, and the button now says what it does.
        await page.getByRole('button', { name: lang === 'es' ? 'Enviar respuestas' : 'Send answers' }).click();
      }
      await page
        .getByRole('heading', { name: lang === 'es' ? 'Esta encuesta es solo para personas adultas' : 'This survey is only for adults' })
        .waitFor({ timeout: 60_000 });
      await page.getByText(support).locator('visible=true').first().waitFor();
      await screenshot(page, `phone-screen-out-${renderer}-${lang}`);
      expect(await page.getByText(lang === 'es' ? 'Recibimos tus respuestas' : 'Your answers were received').count()).toBe(0);
      // The language switch stays on the closing page, and shows the same closing in the other language.
      await page.getByRole('link', { name: lang === 'es' ? 'English' : 'Español' }).click();
      await page
        .getByRole('heading', { name: lang === 'es' ? 'This survey is only for adults' : 'Esta encuesta es solo para personas adultas' })
        .waitFor();
      await page.getByText(support).locator('visible=true').first().waitFor();
      expect(
        await page
          .getByRole('heading', { name: lang === 'es' ? 'Esta encuesta es solo para personas adultas' : 'This survey is only for adults' })
          .count(),
      ).toBe(0);
      await context.close();
    },
  );

  it.each(['en', 'es'] as const)(
    'in %s on the light path with JavaScript, the page solves the proof of work and the answers go at once, with no wait',
    async (lang) => {
      const context = await phone(lang);
      const page = await context.newPage();
      const audit = await auditPage(page);
      const [next, send] = lang === 'es' ? ['Siguiente', 'Enviar respuestas'] : ['Next', 'Send answers'];
      await page.goto(`${app.baseUrl}/s/demo?lang=${lang}&renderer=light`);
      await page.getByRole('radio', { name: lang === 'es' ? 'Sí' : 'Yes' }).check();
      await page.getByRole('button', { name: next }).click();
      await page.locator('input[name="screened_clients__before"][value="yes"]').check();
      await page.locator('input[name="screened_clients__after"][value="no"]').check();
      await page.getByRole('button', { name: next }).click();
      await page.locator('input[name="violent_incident"][value="no"]').check();
      await page.getByRole('button', { name: send }).click();
      const thanks = page.getByRole('heading', { name: lang === 'es' ? 'Gracias' : 'Thank you' });
      await thanks.or(page.locator('.banner--info')).first().waitFor({ timeout: 60_000 });
      // Not "you can send them in 600 seconds": the proof stood in for the no-JS ticket.
      expect(await page.locator('.banner--info').count()).toBe(0);
      expect(await thanks.count()).toBe(1);
      expect(audit.requests.filter((url) => url.endsWith('/api/public/surveys/demo/challenge')).length).toBeGreaterThanOrEqual(1);
      expect(audit.requests.filter((url) => /surveyjs|react-/.test(url))).toEqual([]);
      expect(await audit.writes()).toEqual([]);
      await context.close();
    },
  );

  it.each(['en', 'es'] as const)(
    'in %s, the whole journey on the shared link (first screen, a middle page, the warning, the closing page) is recorded for the README',
    async (lang) => {
      const context = await phone(lang);
      const page = await context.newPage();
      const audit = await auditPage(page);
      const [yes, next, send] = lang === 'es' ? ['Sí', 'Siguiente', 'Enviar respuestas'] : ['Yes', 'Next', 'Send answers'];
      await page.goto(`${app.baseUrl}/s/impact?lang=${lang}`);
      await page.locator('#q-adult').waitFor();
      await page.screenshot({ path: `${ARTIFACTS}/journey-${lang}-1-first-screen.png` });
      await page.getByRole('radio', { name: yes, exact: true }).first().check();
      await page.getByRole('button', { name: next }).click();
      await page.waitForFunction(() => document.activeElement?.id === 'page-title');
      await page.screenshot({ path: `${ARTIFACTS}/journey-${lang}-2-middle-page.png` });
      const advance = (): Promise<void> => submitLightPage(page, new RegExp(`${next}|${send}`));
      for (let i = 0; i < 12 && (await page.locator('textarea').count()) === 0; i++) await advance();
      const box = page.locator('textarea');
      await box.fill(lang === 'es' ? 'escríbeme al 401 555 0199' : 'text me on 401 555 0199');
      await page.locator('.identifying-warning:not([hidden])').waitFor();
      await box.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${ARTIFACTS}/journey-${lang}-3-identifying-warning.png` });
      await box.fill(lang === 'es' ? 'Se volvió más difícil después de que cerraron los sitios.' : 'It got harder after the sites closed.');
      for (let i = 0; i < 12 && (await page.locator('.closing-main').count()) === 0; i++) await advance();
      await page.locator('.closing-main').waitFor();
      expect(await page.locator('.banner--info').count()).toBe(0);
      await page.screenshot({ path: `${ARTIFACTS}/journey-${lang}-4-closing-page.png` });
      // The closing page keeps Quick exit and the language switch in one row.
      expect((await page.locator('header').first().boundingBox())?.height ?? 999).toBeLessThan(64);
      await page.getByRole('link', { name: lang === 'es' ? 'English' : 'Español' }).waitFor();
      expect(await audit.writes()).toEqual([]);
      expect(audit.requests.filter((url) => new URL(url).origin !== new URL(app.baseUrl).origin)).toEqual([]);
      await context.close();
    },
  );

  it('on the light path with JavaScript, focus goes to the new page heading after Next', async () => {
    const context = await phone('en');
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/s/demo?renderer=light`);
    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'page-title');
    expect(await page.locator('#page-title').textContent()).toBe('Page 2 of 3');
    await screenshot(page, 'phone-middle-page-light-en');
    await context.close();
  });
});
