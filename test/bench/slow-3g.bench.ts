/**
 * Time from typing a survey's address to its first question (and to Quick exit on screen)
 * on emulated mobile links — Chromium's network emulation, cache off (a respondent's
 * browser keeps nothing, so every visit is a first visit), 360×740 phone viewport:
 *  - slow 3G: 400 kbit/s each way, 400 ms round trip;
 *  - 4G-class: 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip.
 * Paths, in one run:
 *  - the shared link /s/demo with JavaScript on (server-rendered first page + boot script);
 *  - /s/demo?renderer=surveyjs: SurveyJS forced, timed until SurveyJS shows the question —
 *    the baseline, what the shared link was before it was rendered by the server;
 *  - /f/demo, the plain form, and /s/demo with JavaScript off.
 * Prints the median of --runs (default 3) and the bytes each path moved.
 *
 * Usage: npm run bench:3g [-- --runs 5]   (built app needed: npm run build)
 */
import { performance } from 'node:perf_hooks';
import { startBuiltApp } from '../support/app-process';
import { launchChromium, type Browser } from '../support/browser';

const runsArgument = process.argv.indexOf('--runs');
const RUNS = runsArgument >= 0 ? Number(process.argv[runsArgument + 1]) : 3;
const kbit = (value: number) => (value * 1000) / 8;
const PROFILES = [
  {
    name: 'slow 3G (400 kbit/s, 400 ms RTT)',
    conditions: { offline: false, latency: 400, downloadThroughput: kbit(400), uploadThroughput: kbit(400) },
    target: 3000,
  },
  {
    name: '4G-class (1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT)',
    conditions: { offline: false, latency: 150, downloadThroughput: kbit(1600), uploadThroughput: kbit(750) },
    target: 1000,
  },
] as const;

interface Measurement {
  readonly ms: number;
  readonly exitMs: number;
  readonly bytes: number;
}

/** The first question as the server renders it, or as SurveyJS does once it has taken over. */
const SERVER_QUESTION = 'fieldset#q-adult';
const SURVEYJS_QUESTION = '#root:not([hidden]) [data-name="adult"]';

async function measure(
  browser: Browser,
  url: string,
  javaScriptEnabled: boolean,
  question: string,
  conditions: (typeof PROFILES)[number]['conditions'],
): Promise<Measurement> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 740 }, isMobile: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', conditions);
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
    bytes += event.encodedDataLength;
  });
  const start = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  let exitMs = 0;
  const exit = page
    .locator('a.exit, button.quick-exit')
    .first()
    .waitFor({ state: 'visible', timeout: 120_000 })
    .then(() => (exitMs = performance.now() - start));
  // The first question is on screen: its first answer can be chosen.
  await page.locator(`${question} input`).first().waitFor({ state: 'attached', timeout: 120_000 });
  await page.locator(question).first().waitFor({ state: 'visible', timeout: 120_000 });
  const ms = performance.now() - start;
  await exit;
  await context.close();
  return { ms, exitMs, bytes };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const app = await startBuiltApp({ SUBMISSION_RATE_PER_MINUTE: '100000' });
  const browser = await launchChromium();
  try {
    const paths = [
      { label: 'shared link /s/demo, JavaScript on', url: `${app.baseUrl}/s/demo`, js: true, shared: true, question: SERVER_QUESTION },
      {
        label: 'baseline: SurveyJS forced (?renderer=surveyjs)',
        url: `${app.baseUrl}/s/demo?renderer=surveyjs`,
        js: true,
        shared: false,
        question: SURVEYJS_QUESTION,
      },
      { label: 'plain form /f/demo, JavaScript off', url: `${app.baseUrl}/f/demo`, js: false, shared: false, question: SERVER_QUESTION },
      { label: 'shared link /s/demo, JavaScript off', url: `${app.baseUrl}/s/demo`, js: false, shared: true, question: SERVER_QUESTION },
    ];
    for (const profile of PROFILES) {
      console.log(`\n${profile.name}, no cache, 360×740, median of ${RUNS}`);
      console.log('path                                            | first question | Quick exit | transferred');
      console.log('------------------------------------------------|----------------|------------|------------');
      for (const path of paths) {
        const results: Measurement[] = [];
        for (let run = 0; run < RUNS; run++) results.push(await measure(browser, path.url, path.js, path.question, profile.conditions));
        const ms = median(results.map((r) => r.ms));
        const verdict = path.shared
          ? ms <= profile.target
            ? ` (target ≤ ${profile.target / 1000} s: met)`
            : ` (target ≤ ${profile.target / 1000} s: MISSED)`
          : '';
        console.log(
          `${path.label.padEnd(48)}| ${seconds(ms).padEnd(15)}| ${seconds(median(results.map((r) => r.exitMs))).padEnd(11)}| ${(median(results.map((r) => r.bytes)) / 1024).toFixed(0)} KB${verdict}`,
        );
      }
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
