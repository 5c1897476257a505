// JSS Lab's service worker: after one visit the app loads with no network and works offline.
//
// scripts/precache.mjs writes the deployed `sw.js` as this file preceded by the build's list
// of files (`PRECACHE`: every file of the build, each with a hash of its bytes) and the cache's
// name (`CACHE`, a hash of that list). So any change to the build changes `sw.js`, the browser
// installs the new worker beside the old one, and the page offers "Reload for the new version";
// the new worker takes over only when the user accepts (the `skip-waiting` message).
/* global PRECACHE, CACHE */

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload` bypasses the HTTP cache, so the cache never keeps a stale copy of a file
      // whose name does not change between builds (index.html, the worker's loader).
      await cache.addAll(PRECACHE.map((f) => new Request(f.url, { cache: 'reload' })));
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('jss-lab-') && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'skip-waiting') self.skipWaiting();
});

// Cache first for this build's files; every page address is the app's index.html (the
// router then shows the page). Anything else goes to the network as usual.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const key = request.mode === 'navigate' && !isFile(url.pathname) ? '/index.html' : url.pathname;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      return (await cache.match(key)) ?? fetch(request);
    })(),
  );
});

function isFile(pathname) {
  return /\.[a-z0-9]+$/i.test(pathname);
}
