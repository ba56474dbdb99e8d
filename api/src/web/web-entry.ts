import type { Enhancement } from '../lean-form/document';

/**
 * What the built web app offers the server-rendered respondent pages: the boot script and
 * the SurveyJS app's entry (read from the built index.html when the app is served).
 */
let entry: Enhancement | undefined;

export const BOOT_SCRIPT = '/assets/respondent-boot.js';

export function setWebEntry(value: Enhancement | undefined): void {
  entry = value;
}

export function webEntry(): Enhancement | undefined {
  return entry;
}

/** The entry module and stylesheets named in Vite's index.html. */
export function parseIndexHtml(html: string): { script?: string; styles: string[] } {
  const script = /<script[^>]*type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
  const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1] as string);
  return { ...(script ? { script } : {}), styles };
}
