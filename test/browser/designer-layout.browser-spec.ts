import { startBuiltApp, type RunningApp } from '../support/app-process';
import { axeScan, blocking, launchChromium, screenshot, type Browser, type Page } from '../support/browser';
import { createAdminWithCli } from '../support/cli';
import { createTemplateSurvey, signInAsStaff } from '../support/staff-browser';

const ADMIN = { email: 'designer-admin@candor.test', password: 'a long researcher password' };

const SIZES = [
  { name: 'laptop', width: 1366, height: 900 },
  { name: 'desktop', width: 1920, height: 1080 },
  { name: 'tablet', width: 820, height: 1180 },
  { name: 'phone', width: 360, height: 740 },
] as const;

/**
 * Every element of the designer's three columns that sticks out of its column (outside
 * any scroll box of its own), and how wide the page is against the window.
 */
async function measureOverflow(page: Page): Promise<{ pageWidth: number; window: number; spills: string[]; wide: string[] }> {
  return page.evaluate(() => {
    const spills: string[] = [];
    const scrolls = (el: Element) => {
      const style = getComputedStyle(el);
      return ['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX);
    };
    for (const column of document.querySelectorAll('.designer > *')) {
      const box = column.getBoundingClientRect();
      for (const el of column.querySelectorAll('*')) {
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0) continue;
        // Inside a box that scrolls or clips on its own (within the column), spilling is that box's business.
        let parent = el.parentElement;
        let contained = false;
        while (parent && parent !== column) {
          if (scrolls(parent)) contained = true;
          parent = parent.parentElement;
        }
        if (contained) continue;
        if (rect.right > box.right + 1 || rect.left < box.left - 1) {
          spills.push(
            `${column.className} > ${el.tagName.toLowerCase()}.${el.className}: ${Math.round(rect.left)}–${Math.round(rect.right)} outside ${Math.round(box.left)}–${Math.round(box.right)}`,
          );
        }
      }
    }
    // Wider than the window, while its parent is not: where a too-wide page comes from.
    const wide = [...document.body.querySelectorAll('*')]
      .filter(
        (el) =>
          el.getBoundingClientRect().right > window.innerWidth + 1 &&
          (el.parentElement?.getBoundingClientRect().right ?? 0) <= window.innerWidth + 1,
      )
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${Math.round(el.getBoundingClientRect().right)}`);
    return {
      pageWidth: document.documentElement.scrollWidth,
      window: window.innerWidth,
      spills: spills.slice(0, 10),
      wide: wide.slice(0, 10),
    };
  });
}

describe('the questionnaire designer in Chromium (issue 13, points 1–4)', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startBuiltApp({});
    expect(createAdminWithCli(app.database.url, ADMIN.email, ADMIN.password)).toContain('Created admin');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('holds its layout at 1366 and 1920 px, on a tablet and on a phone: nothing spills out of its column', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signInAsStaff(page, app.baseUrl, ADMIN);
    await createTemplateSurvey(page, 'Layout check');
    await page.locator('.element-select').filter({ hasText: 'Where have you worked' }).click();
    await page.locator('.question-editor').waitFor();
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.waitForFunction(() => document.querySelector('.designer') !== null);
      const measured = await measureOverflow(page);
      await screenshot(page, `designer-${size.name}`);
      expect({ size: size.name, spills: measured.spills }).toEqual({ size: size.name, spills: [] });
      expect({ size: size.name, wide: measured.pageWidth > measured.window ? measured.wide : [] }).toEqual({ size: size.name, wide: [] });
    }
    // The designer for a Spanish-speaking researcher at 1366 px, in a second tab.
    const spanish = await context.newPage();
    await spanish.setViewportSize({ width: 1366, height: 900 });
    await spanish.goto(`${page.url()}${page.url().includes('?') ? '&' : '?'}lang=es`);
    await spanish.waitForFunction(() => document.querySelector('.designer') !== null);
    expect((await measureOverflow(spanish)).spills).toEqual([]);
    await screenshot(spanish, 'designer-laptop-es');
    await spanish.close();
    await page.setViewportSize({ width: 1366, height: 900 });
    expect(blocking(await axeScan(page))).toEqual([]);
    await context.close();
  });

  it('keeps the preview on the question being edited across edits', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signInAsStaff(page, app.baseUrl, ADMIN);
    await createTemplateSurvey(page, 'Preview check');
    const preview = page.locator('.preview');
    await preview.getByText('Are you 18 or older?').first().waitFor();

    await page.locator('.element-select').filter({ hasText: 'Where have you worked' }).click();
    await preview.getByText('Where have you worked in the last year?').first().waitFor();

    const title = page.getByLabel('Question text');
    await title.fill('Where have you worked this year? Choose all that apply.');
    await preview.getByText('Where have you worked this year?').first().waitFor();
    expect(await preview.getByText('Are you 18 or older?').count()).toBe(0);
    await context.close();
  });

  it('guards unsaved edits before leaving, and says why "Open for responses" is disabled', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signInAsStaff(page, app.baseUrl, ADMIN);
    await createTemplateSurvey(page, 'Guard check');
    const editor = page.url();
    await page.locator('.element-select').filter({ hasText: 'Are you 18 or older?' }).click();
    await page.getByLabel('Question text').fill('Are you 18 years old or older?');

    const open = page.getByRole('button', { name: 'Open for responses' });
    expect(await open.isDisabled()).toBe(true);
    const description = await open.evaluate((button) =>
      (button.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(description).toMatch(/save/i);

    // Leaving by the app's own links asks first; staying keeps the edit.
    // The confirmation is awaited as an event (never assumed to come within some time).
    const asked = page.waitForEvent('dialog');
    const clicked = page.getByRole('link', { name: 'Surveys' }).first().click();
    const dialog = await asked;
    expect(dialog.message()).not.toBe('');
    await dialog.dismiss();
    await clicked;
    expect(page.url()).toBe(editor);
    expect(await page.getByLabel('Question text').inputValue()).toBe('Are you 18 years old or older?');
    await context.close();
  });

  it('speaks plain language: question types by name, questions by title in pickers', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signInAsStaff(page, app.baseUrl, ADMIN);
    await createTemplateSurvey(page, 'Words check');
    const structure = page.locator('.designer-structure');
    await structure.locator('.element-select').filter({ hasText: 'Are you 18 or older?' }).waitFor();
    const types = await structure.locator('.element-type').allTextContents();
    expect(types.length).toBeGreaterThan(0);
    for (const type of types) expect(type).not.toMatch(/^(radiogroup|checkbox|html|panel|dropdown|text|comment|matrix)$/);
    expect(types).toContain('Single choice');

    // Page conditions read as sentences too.
    const condition = await page.locator('.designer-page').nth(2).locator('.condition-sentence').textContent();
    expect(condition).toContain('“Are you 18 or older?” is “Yes”');
    expect(condition).not.toContain('{adult}');

    // Skip logic names questions by their text.
    await page.locator('.element-select').filter({ hasText: 'Did where or how you find clients change' }).click();
    await page.locator('.question-editor').getByLabel('Show').selectOption('equals');
    const options = await page.locator('.question-editor').getByLabel('Depends on question').locator('option').allTextContents();
    expect(options).toContain('Are you 18 or older?');
    expect(options).not.toContain('adult');

    // Cross-tabs are chosen by question text too.
    await page.getByRole('tab', { name: 'Privacy settings' }).click();
    await page.getByRole('button', { name: 'Add cross-tab' }).click();
    const groupOptions = await page.getByLabel('Cross-tabs declared for publication 1.1').locator('option').allTextContents();
    expect(groupOptions).toContain('Are you 18 or older?');
    expect(groupOptions).not.toContain('adult');
    await context.close();
  });
  it('plans the release before the settings lock: what a cross-tab would hide at the expected size', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signInAsStaff(page, app.baseUrl, ADMIN);
    await createTemplateSurvey(page, 'Plan check');
    await page.getByRole('tab', { name: 'Privacy settings' }).click();
    await page.getByRole('button', { name: 'Add cross-tab' }).click();
    await page.getByLabel('Cross-tabs declared for publication 1.1').selectOption({ label: 'How old are you?' });
    const planner = page.getByRole('region', { name: 'What would be publishable? Plan before fielding' });
    await planner.getByLabel('Responses you expect').fill('180');
    await planner.getByRole('button', { name: 'Simulate the release' }).click();
    const table = planner.getByRole('table');
    await table.waitFor({ timeout: 60_000 });
    const headers = await table.getByRole('columnheader').allTextContents();
    expect(headers).toEqual(['Table', 'At 100 responses', 'At 180 responses']);
    const breakdowns = table.getByRole('row').filter({ hasText: 'Breakdown:' });
    expect(await breakdowns.count()).toBeGreaterThan(0);
    expect(await table.getByText(/^(some numbers hidden|hidden)$/).count()).toBeGreaterThan(0);
    // Nothing was saved or locked by planning.
    expect(await page.getByText('Saved', { exact: true }).count()).toBe(0);
    await screenshot(page, 'designer-planner');
    expect(blocking(await axeScan(page))).toEqual([]);
    await context.close();
  });
  it('imports a survey from a .json file on the JSON tab, in an editor as wide as the content, and refuses a bad file clearly', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signInAsStaff(page, app.baseUrl, ADMIN);
    await createTemplateSurvey(page, 'Import check');
    await page.getByRole('tab', { name: 'JSON' }).click();
    const editor = page.getByRole('textbox', { name: 'SurveyJS JSON' });
    await editor.waitFor();
    // As wide as the content area (not the ~195 px of a bare textarea).
    const widths = await editor.evaluate((el) => ({
      editor: el.getBoundingClientRect().width,
      area: (el.closest('section') ?? document.body).getBoundingClientRect().width,
    }));
    expect(widths.editor).toBeGreaterThanOrEqual(widths.area * 0.9);

    const file = page.getByLabel('Import from a file');
    await file.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"pages": [') });
    await page
      .getByRole('alert')
      .filter({ hasText: 'broken.json' })
      .filter({ hasText: /not valid JSON/i })
      .waitFor();

    const imported = {
      pages: [
        {
          name: 'p1',
          elements: [{ type: 'radiogroup', name: 'worked', title: 'Did you work last month?', choices: ['yes', 'no'], isRequired: true }],
        },
      ],
    };
    await file.setInputFiles({ name: 'imported.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(imported)) });
    // Checked on the server, like a paste; the editor holds the file's survey.
    await page.getByRole('status').filter({ hasText: 'Valid: 1 questions' }).waitFor();
    expect(JSON.parse(await editor.inputValue())).toEqual(imported);
    await screenshot(page, 'designer-json-import');
    expect(blocking(await axeScan(page))).toEqual([]);
    await context.close();
  });

  it('warns before fielding when a question asks for identifying details, in the designer and in the check', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signInAsStaff(page, app.baseUrl, ADMIN);
    await createTemplateSurvey(page, 'Identifying check');
    // The template asks for nothing identifying.
    expect(await page.getByRole('region', { name: 'Questions that ask who someone is' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'JSON' }).click();
    const definition = {
      pages: [
        {
          name: 'p1',
          elements: [
            { type: 'radiogroup', name: 'worked', title: 'Did you work last month?', choices: ['yes', 'no'] },
            { type: 'text', name: 'reach', title: { default: 'Your phone number', es: 'Tu número de teléfono' } },
          ],
        },
      ],
    };
    await page
      .getByLabel('Import from a file')
      .setInputFiles({ name: 'asks.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(definition)) });
    // The server's check says so too (not only this page).
    await page.locator('.notice').filter({ hasText: 'asks for details that identify someone (a phone number)' }).waitFor();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('tab', { name: 'Design' }).click();
    const warning = page.getByRole('region', { name: 'Questions that ask who someone is' });
    await warning.getByText('“Your phone number” asks for a phone number.').waitFor();
    await screenshot(page, 'designer-identifying-warning');
    expect(blocking(await axeScan(page))).toEqual([]);
    await context.close();
  });

  it('shows the audit log as sentences with names, not ids', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signInAsStaff(page, app.baseUrl, ADMIN);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByText(`${ADMIN.email} created the survey “Layout check”`).first().waitFor();
    const rows = await page.locator('tbody tr td:nth-child(2)').allTextContents();
    for (const row of rows) expect(row).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(blocking(await axeScan(page))).toEqual([]);
    await context.close();
  });
});
