import { readFileSync } from 'node:fs';
import type { Page } from './browser';

export interface Credentials {
  readonly email: string;
  readonly password: string;
}

/** Signs in at /staff as a person would, and waits for the survey list. */
export async function signInAsStaff(page: Page, baseUrl: string, who: Credentials): Promise<void> {
  await page.goto(`${baseUrl}/staff`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Surveys' }).waitFor();
}

/** From the survey list: a new policy-impact survey for FOSTA-SESTA (11 April 2018), left open in the editor. */
export async function createTemplateSurvey(page: Page, title = 'FOSTA-SESTA impact'): Promise<void> {
  await page.getByRole('link', { name: 'New survey' }).click();
  await page.getByLabel('Title (for staff)').fill(title);
  await page.getByRole('textbox', { name: 'Policy change' }).fill('FOSTA-SESTA');
  await page.getByLabel('Date of the change').fill('2018-04-11');
  await page.getByRole('button', { name: 'Create survey' }).click();
  await page.getByRole('tab', { name: 'Design' }).waitFor();
}

/**
 * In the editor: makes the research key for free text (issue 17) in the Privacy settings tab,
 * as a researcher does, and returns the key file the browser downloaded.
 */
export async function makeResearchKey(page: Page, passphrase = ''): Promise<string> {
  await page.getByRole('tab', { name: 'Privacy settings' }).click();
  await page.getByRole('heading', { name: 'Research key for free text' }).waitFor();
  if (passphrase !== '') {
    await page.getByLabel('Passphrase for the key file (optional, recommended)').fill(passphrase);
    await page.getByLabel('The passphrase again').fill(passphrase);
  }
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Make the key and download the file' }).click();
  const file = await download;
  const path = await file.path();
  await page.getByText(/^Research key set/).waitFor();
  return readFileSync(path, 'utf8');
}

/** In the editor: opens the survey for responses (making the research key first when it asks for free text). */
export async function openForResponses(page: Page): Promise<void> {
  const tab = page.getByRole('tab', { selected: true });
  const selected = (await tab.count()) > 0 ? ((await tab.textContent()) ?? '') : '';
  await page.getByRole('tab', { name: 'Privacy settings' }).click();
  await page.getByRole('heading', { name: 'Privacy settings', level: 2 }).first().waitFor();
  if ((await page.getByRole('button', { name: 'Make the key and download the file' }).count()) > 0) await makeResearchKey(page);
  if (selected !== '' && selected !== 'Privacy settings') await page.getByRole('tab', { name: selected }).click();
  await page.getByRole('button', { name: 'Open for responses' }).click();
  await page.locator('.badge--open').waitFor();
}

/** On the publishing page: previews, then publishes the release. */
export async function previewAndPublish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Preview the release' }).click();
  await page.getByText('This release can be published.').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Publish this release' }).click();
}
