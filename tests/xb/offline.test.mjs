// Cross-browser journey of the service worker: a first visit, and the visit after it, install
// the worker that keeps the app for offline use without offering an update (there is nothing
// newer than what was just downloaded). Chromium's e2e suite checks the offer after a rebuild.
import assert from 'node:assert/strict';
import { useBrowser } from './driver.mjs';
import { journey } from './app.mjs';

useBrowser();

/** Waits until the service worker controls the page (installed, activated and claimed). */
async function controlled(tab) {
  await tab.until(() => navigator.serviceWorker?.controller?.state === 'activated', [], {
    message: 'the service worker never took control of the page',
  });
}

journey('a first visit and the next offer no update', async (tab) => {
  await tab.goto('/');
  await tab.waitForApp();
  await controlled(tab);
  // The offer is put in the page when a worker reaches `installed`; a moment more lets any
  // late state change arrive.
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(await tab.count('#update-offer'), 0, 'a first visit was offered an update');
  // A navigation rather than WebDriver's reload, which Firefox makes bypass the worker.
  await tab.goto('/');
  await tab.waitForApp();
  await controlled(tab);
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(await tab.count('#update-offer'), 0, 'the next visit of the same version was offered an update');
  assert.deepEqual(await tab.errors(), []);
});
