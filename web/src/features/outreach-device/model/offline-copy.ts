/**
 * The outreach page's offline copy: a service worker scoped to `/staff/outreach/` only (so
 * it never sees respondent pages) and one Cache Storage entry holding the page and the
 * files it loaded. Respondent pages elsewhere register nothing and store nothing.
 */
export const WORKER_URL = '/staff/outreach/sw.js';
export const WORKER_SCOPE = '/staff/outreach/';
export const CACHE_NAME = 'candor-outreach-device';

/** Registers the worker and, once it is active, asks it to keep every file this page loaded. */
export async function keepOfflineCopy(): Promise<void> {
  if (!('serviceWorker' in navigator)) throw new Error('this browser has no service workers');
  const registration = await navigator.serviceWorker.register(WORKER_URL, { scope: WORKER_SCOPE });
  const worker = registration.active ?? (await activated(registration));
  const files = new Set<string>();
  for (const entry of performance.getEntriesByType('resource')) {
    const url = new URL(entry.name, location.href);
    if (url.origin === location.origin && !url.pathname.startsWith('/api/')) files.add(url.pathname);
  }
  document.querySelectorAll<HTMLScriptElement>('script[src]').forEach((s) => files.add(new URL(s.src).pathname));
  document
    .querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"], link[rel="modulepreload"]')
    .forEach((l) => files.add(new URL(l.href).pathname));
  await ask(worker, { type: 'keep', page: location.pathname, files: [...files] });
}

/** Unregisters the worker and deletes its cache. */
export async function dropOfflineCopy(): Promise<void> {
  if ('serviceWorker' in navigator) {
    const registration = await navigator.serviceWorker.getRegistration(WORKER_SCOPE);
    await registration?.unregister();
  }
  if ('caches' in window) await caches.delete(CACHE_NAME);
}

function activated(registration: ServiceWorkerRegistration): Promise<ServiceWorker> {
  return new Promise((resolve) => {
    const worker = registration.installing ?? registration.waiting;
    if (!worker) throw new Error('the service worker did not install');
    worker.addEventListener('statechange', () => {
      if (worker.state === 'activated') resolve(worker);
    });
  });
}

function ask(worker: ServiceWorker, message: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event: MessageEvent<{ ok: boolean; error?: string }>) =>
      event.data.ok ? resolve() : reject(new Error(event.data.error));
    worker.postMessage(message, [channel.port2]);
  });
}
