/*
 * Candor's outreach device worker (issue 18). Scoped to /staff/outreach/ only: it keeps the
 * outreach page and the files it loaded so the page opens without a signal. It never
 * touches /api requests (answers are sealed in IndexedDB by the page, not cached here)
 * and never runs for respondent pages, which store nothing on the device.
 */
const CACHE = 'candor-outreach-device';
const SHELL = '/staff/outreach/__page__';

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('message', (event) => {
  const port = event.ports[0];
  const data = event.data || {};
  if (data.type !== 'keep' || !port) return;
  event.waitUntil(
    keep(data.page, Array.isArray(data.files) ? data.files : [])
      .then(() => port.postMessage({ ok: true }))
      .catch((error) => port.postMessage({ ok: false, error: String(error) })),
  );
});

async function keep(page, files) {
  const cache = await caches.open(CACHE);
  const own = files.filter((path) => typeof path === 'string' && path.startsWith('/') && !path.startsWith('/api/'));
  await Promise.all(
    own.map(async (path) => {
      const response = await fetch(path, { cache: 'no-store', credentials: 'same-origin' });
      if (response.ok) await cache.put(path, response);
    }),
  );
  const shell = await fetch(page, { cache: 'no-store', credentials: 'same-origin' });
  if (!shell.ok) throw new Error('the outreach page could not be fetched');
  await cache.put(SHELL, shell);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    if (!url.pathname.startsWith('/staff/outreach/')) return;
    event.respondWith(
      fetch(request).catch(() =>
        caches
          .open(CACHE)
          .then((cache) => cache.match(SHELL))
          .then((hit) => hit || Response.error()),
      ),
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const hit = await cache.match(url.pathname);
      if (hit) return hit;
      const response = await fetch(request);
      if (response.ok && url.pathname.startsWith('/assets/')) await cache.put(url.pathname, response.clone());
      return response;
    }),
  );
});
