import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { WORKSPACE } from './app-process';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const ARTIFACTS = join(WORKSPACE, 'test', 'artifacts');

/** Flags measured on these machines (docs/DEVELOPING.md): no sandbox as root, no background traffic. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH} (apt-get install -y chromium).`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export const VIEWPORTS = {
  phone: { width: 360, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { width: 1280, height: 900, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
} as const;

export interface PageAudit {
  /** Every URL requested, to prove nothing goes to another origin. */
  readonly requests: string[];
  /** Content-Security-Policy violations reported by the page. */
  violations(): Promise<unknown[]>;
  /** Every attempt to write a cookie, Web Storage, IndexedDB, Cache Storage or a service worker. */
  writes(): Promise<string[]>;
}

/** Records requests and CSP violations for a page (P6, docs/PRIVACY.md). */
export async function auditPage(page: Page): Promise<PageAudit> {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.addInitScript(() => {
    const store: unknown[] = [];
    (window as unknown as { __cspViolations: unknown[] }).__cspViolations = store;
    document.addEventListener('securitypolicyviolation', (event) => {
      store.push({ directive: event.violatedDirective, blocked: event.blockedURI, source: event.sourceFile, line: event.lineNumber });
    });
    // Record (and still perform) every way a page can leave something on the device.
    const writes: string[] = [];
    (window as unknown as { __deviceWrites: string[] }).__deviceWrites = writes;
    const wrap = <T extends object>(owner: T, name: keyof T & string, label: string) => {
      const original = owner[name] as unknown as (...args: unknown[]) => unknown;
      if (typeof original !== 'function') return;
      (owner as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
        writes.push(`${label}(${String(args[0]).slice(0, 40)})`);
        return original.apply(this, args);
      };
    };
    wrap(Storage.prototype, 'setItem', 'storage.setItem');
    if (window.indexedDB) wrap(IDBFactory.prototype, 'open', 'indexedDB.open');
    if (window.caches) wrap(CacheStorage.prototype, 'open', 'caches.open');
    if (navigator.serviceWorker) wrap(ServiceWorkerContainer.prototype, 'register', 'serviceWorker.register');
    const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
    if (cookie?.set) {
      Object.defineProperty(Document.prototype, 'cookie', {
        configurable: true,
        get() {
          return cookie.get?.call(this);
        },
        set(value: string) {
          writes.push(`document.cookie(${value.slice(0, 40)})`);
          cookie.set?.call(this, value);
        },
      });
    }
  });
  return {
    requests,
    violations: () => page.evaluate(() => (window as unknown as { __cspViolations: unknown[] }).__cspViolations ?? []),
    writes: () => page.evaluate(() => (window as unknown as { __deviceWrites?: string[] }).__deviceWrites ?? []),
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export type { Browser, BrowserContext, Page };

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly string[];
}

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, so the page's CSP
 * stays as it is) and returns its violations with WCAG 2.x A/AA tags.
 */
export async function axeScan(page: Page): Promise<AxeViolation[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(`${source}\n;undefined`);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: unknown,
          ): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  });
}

/** The violations that fail a page: serious and critical. */
export const blocking = (violations: readonly AxeViolation[]) =>
  violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');

/**
 * Clicks a button of a server-rendered (light) page and waits for the next page: each click
 * is a POST and a redirect to a new one-time address, so a second click must not land on the
 * page that is going away (under load it would skip a page).
 */
export async function submitLightPage(page: Page, button: string | RegExp): Promise<void> {
  const before = page.url();
  await page.getByRole('button', { name: button }).first().click();
  await page.waitForURL((url) => url.toString() !== before, { timeout: 60_000 });
  await page.waitForLoadState('domcontentloaded');
}
