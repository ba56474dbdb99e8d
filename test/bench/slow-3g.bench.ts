/**
 * Time from typing a survey's address to its first question on an emulated slow 3G link
 * (400 kbit/s each way, 400 ms round trip; Chromium's network emulation, cache off — a
 * respondent's browser keeps nothing, so every visit is a first visit), in one run:
 *  - the JavaScript path: /s/demo (React + SurveyJS);
 *  - the lean path: /f/demo, the server-rendered form (what browsers without JavaScript get);
 *  - /s/demo with JavaScript off, through the <noscript> refresh to /f/demo.
 * Prints the median of --runs (default 3) and the bytes each path moved.
 *
 * Usage: npm run bench:3g [-- --runs 5]   (built app needed: npm run build)
 */
import { performance } from 'node:perf_hooks';
import { startBuiltApp } from '../support/app-process';
import { launchChromium, type Browser } from '../support/browser';

const runsArgument = process.argv.indexOf('--runs');
const RUNS = runsArgument >= 0 ? Number(process.argv[runsArgument + 1]) : 3;
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };

interface Measurement {
  readonly ms: number;
  readonly bytes: number;
}

async function measure(browser: Browser, url: string, javaScriptEnabled: boolean): Promise<Measurement> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 740 }, isMobile: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
    bytes += event.encodedDataLength;
  });
  const start = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  // The first question is on screen: its first answer can be chosen.
  await page.locator('input[name="adult"], [data-name="adult"] input').first().waitFor({ state: 'attached', timeout: 120_000 });
  await page.locator('[data-name="adult"], fieldset').first().waitFor({ state: 'visible', timeout: 120_000 });
  const ms = performance.now() - start;
  await context.close();
  return { ms, bytes };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function main(): Promise<void> {
  const app = await startBuiltApp({ SUBMISSION_RATE_PER_MINUTE: '100000' });
  const browser = await launchChromium();
  try {
    const paths = [
      { label: 'JavaScript path (/s/demo)', url: `${app.baseUrl}/s/demo`, js: true },
      { label: 'lean path (/f/demo)', url: `${app.baseUrl}/f/demo`, js: false },
      { label: '/s/demo with JavaScript off (→ /f/demo)', url: `${app.baseUrl}/s/demo`, js: false },
    ];
    console.log(`time to first question on emulated slow 3G (400 kbit/s, 400 ms RTT, no cache), median of ${RUNS}`);
    console.log('path                                      | first question | transferred');
    console.log('------------------------------------------|----------------|------------');
    for (const path of paths) {
      const results: Measurement[] = [];
      for (let run = 0; run < RUNS; run++) results.push(await measure(browser, path.url, path.js));
      const ms = median(results.map((r) => r.ms));
      const bytes = median(results.map((r) => r.bytes));
      console.log(`${path.label.padEnd(42)}| ${`${(ms / 1000).toFixed(2)} s`.padEnd(15)}| ${(bytes / 1024).toFixed(0)} KB`);
    }
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
