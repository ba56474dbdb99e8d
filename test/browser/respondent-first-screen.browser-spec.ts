import { startBuiltApp, type RunningApp } from '../support/app-process';
import { launchChromium, screenshot, VIEWPORTS, type Browser } from '../support/browser';
import { openPolicyImpactSurvey } from '../support/impact-survey';

const ADMIN = { email: 'first-screen-admin@candor.test', password: 'a long first-screen password' };
const SURVEYJS_READY = '#root:not([hidden]) [data-name="adult"]';
const TITLE = { en: 'How FOSTA-SESTA changed our work', es: 'Cómo cambió nuestro trabajo con FOSTA-SESTA' } as const;

/**
 * The first screen of a phone (issue 12 point 6): on the policy-impact template (privacy
 * notice, page introduction, then the first question), the survey's title and the first
 * question's options are on the 360×740 screen on both renderers and in both languages.
 */
describe('the first screen of the policy-impact survey on a phone', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startBuiltApp({ SUBMISSION_RATE_PER_MINUTE: '100000' });
    browser = await launchChromium();
    await openPolicyImpactSurvey(app, ADMIN);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it.each([
    ['en', 'light'],
    ['es', 'light'],
    ['en', 'surveyjs'],
    ['es', 'surveyjs'],
  ] as const)(
    "in %s on the %s path the title and the first question's first option are within the 360×740 screen",
    async (lang, renderer) => {
      const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: lang === 'es' ? 'es-ES' : 'en-US' });
      const page = await context.newPage();
      await page.goto(`${app.baseUrl}/s/impact?lang=${lang}&renderer=${renderer}`);
      await page.locator(renderer === 'light' ? '#q-adult' : SURVEYJS_READY).waitFor({ timeout: 60_000 });
      const within = async (selector: string) => {
        const box = await page.locator(selector).first().boundingBox();
        expect(box).not.toBeNull();
        const { y, height } = box ?? { y: -1, height: 999 };
        return y >= 0 && y + height <= VIEWPORTS.phone.height;
      };
      const option = renderer === 'light' ? '#q-adult input' : `${SURVEYJS_READY} input`;
      const title = page.getByRole('heading', { level: 1, name: TITLE[lang] });
      await screenshot(page, `phone-first-screen-impact-${renderer}-${lang}`);
      expect(await title.count()).toBe(1);
      expect((await title.boundingBox())?.y ?? 999).toBeLessThan(VIEWPORTS.phone.height);
      expect(await within(option)).toBe(true);
      await context.close();
    },
    120_000,
  );
});
