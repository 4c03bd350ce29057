// The courier app's service worker (registered by web/src/courier/pwa.ts for /kurir): keeps the
// app shell, index.html and the built /assets/*, on the phone so the app opens without signal.
// Pages go to the network first (the newest app when online) with the kept index.html as the
// offline fallback; hashed assets never change, so a kept copy is used as it is. /api/* is
// never cached: the courier's steps are queued by the app itself (web/src/courier/queue.ts).

const CACHE = 'lokapasar-shell-v1';
const SHELL = '/index.html';
const NAVIGATION_TIMEOUT_MS = 5000;

const assetsIn = (html) => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);

async function cacheShell() {
  const cache = await caches.open(CACHE);
  const response = await fetch(SHELL, { cache: 'no-cache' });
  if (!response.ok) return;
  await cache.put(SHELL, response.clone());
  await cache.addAll(assetsIn(await response.text()));
}

/** Keeps the assets the page runs on and those the newest index.html names; older builds go. */
async function keepAssets(urls) {
  const cache = await caches.open(CACHE);
  const shell = await cache.match(SHELL);
  const keep = new Set([...urls, ...(shell ? assetsIn(await shell.text()) : [])]);
  for (const url of urls) {
    if (!(await cache.match(url))) await cache.add(url);
  }
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/assets/') && !keep.has(path)) await cache.delete(request);
  }
}

async function networkFirst(request) {
  const network = fetch(request).then(async (response) => {
    // Every page path is answered with the same index.html: keep the newest for offline.
    if (response.ok && response.headers.get('content-type')?.startsWith('text/html')) {
      await (await caches.open(CACHE)).put(SHELL, response.clone());
    }
    return response;
  });
  // A connection that hangs is as good as none: open from the phone after a few seconds.
  const slow = new Promise((resolve) => setTimeout(resolve, NAVIGATION_TIMEOUT_MS));
  const first = await Promise.race([network.catch(() => null), slow.then(() => null)]);
  return first ?? (await caches.match(SHELL)) ?? network;
}

async function cacheFirst(request) {
  const kept = await caches.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(CACHE)).put(request, response.clone());
  return response;
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'cache-assets' && Array.isArray(event.data.urls)) event.waitUntil(keepAssets(event.data.urls));
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') event.respondWith(networkFirst(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(request));
});
