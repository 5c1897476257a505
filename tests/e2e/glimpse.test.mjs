// The glimpse: a returning visitor's dashboard, as the app last drew it, painted by the static
// shell before the wasm arrives (public/boot.js), then replaced by the app with the same markup
// and nothing moving. A glimpse kept for another state, day or build, or a damaged one, is not
// shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshPage, openDemo, server, waitForApp, screenshot, useServerAndBrowser, watchTakeover, takeover } from './harness.mjs';

useServerAndBrowser();

// The service worker would serve the wasm from its cache, out of the tests' reach.
const PHONE = { width: 390, height: 844, serviceWorkers: 'block' };

/** Opens the demo and waits until its dashboard's glimpse is kept. */
async function demoWithGlimpse() {
  const opened = await freshPage(PHONE);
  await openDemo(opened.page);
  await opened.page.getByTestId('decision-headline').waitFor({ timeout: 10000 });
  await opened.page.waitForFunction(() => localStorage.getItem('jss-lab.glimpse'), null, { timeout: 10000 });
  return opened;
}

/** Holds every request for the app's main wasm until the returned function is called. */
async function holdTheWasm(page) {
  let release;
  const released = new Promise((resolve) => (release = resolve));
  await page.route(/jss-lab_bg\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test('a returning visitor sees their dashboard before the wasm arrives, and the app takes over with the same markup and no shift', async () => {
  const { page, context, errors } = await demoWithGlimpse();
  const score = await page.getByTestId('jss-score').textContent();
  const answer = await page.getByTestId('decision-headline').textContent();
  const card = await page.getByTestId('decision-card').evaluate((el) => el.outerHTML);
  await watchTakeover(page, '[data-testid=decision-card]');
  await page.addInitScript(() => {
    window.__largest = [];
    new PerformanceObserver((l) => window.__largest.push(...l.getEntries().map((e) => e.startTime))).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  const release = await holdTheWasm(page);
  await page.reload({ waitUntil: 'domcontentloaded' });
  const glimpse = page.getByTestId('glimpse');
  await glimpse.waitFor({ timeout: 10000 });
  assert.equal(await page.locator('body > .app').count(), 0, 'the app has not started yet');
  assert.equal(await glimpse.getByTestId('decision-headline').textContent(), answer);
  // The glimpse is the top of the dashboard, what the app draws in its page's first task.
  assert.equal(await glimpse.getByTestId('jss-score').count(), 0);
  assert.equal(await glimpse.evaluate((el) => el.inert), true, 'the picture does not answer clicks');
  await screenshot(page, 'glimpse-390');
  const releasedAt = await page.evaluate(() => performance.now());
  release();
  await waitForApp(page);
  await page.getByTestId('decision-headline').waitFor();
  assert.equal(await page.locator('#shell').count(), 0);
  assert.equal(await page.getByTestId('decision-card').evaluate((el) => el.outerHTML), card, 'the app draws what the glimpse showed');
  assert.equal(await page.getByTestId('jss-score').textContent(), score);
  // The app is built over a few tasks behind the shell and shows whole.
  const { shifted, halfBuilt } = await takeover(page);
  assert.ok(shifted <= 0.02, `layout shift ${shifted}`);
  assert.deepEqual(halfBuilt, []);
  // The largest paint is the glimpse's: the app's takeover paints nothing larger.
  const largest = await page.evaluate(() => window.__largest);
  assert.ok(largest.length > 0 && largest.at(-1) < releasedAt, `largest paints at ${largest}, wasm released at ${releasedAt}`);
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * Leaves the app (whose page, as it goes, keeps its own glimpse), stores `text` as the glimpse
 * from a page of the same site without the app, and opens the dashboard with its wasm held;
 * `page.release()` lets the wasm through.
 */
async function glimpseThenReturn(context, text, address = '/') {
  for (const open of context.pages()) await open.close();
  const visit = await context.newPage();
  visit.errors = [];
  visit.on('pageerror', (e) => visit.errors.push(String(e)));
  await visit.goto(`${server.origin}/manifest.webmanifest`);
  await visit.evaluate((t) => localStorage.setItem('jss-lab.glimpse', t), text);
  visit.release = await holdTheWasm(visit);
  await visit.goto(`${server.origin}${address}`, { waitUntil: 'domcontentloaded' });
  return visit;
}

test('a glimpse kept for another saved state, another day or build, a damaged one, or one met by a share link, is not shown', async () => {
  const { page, context } = await demoWithGlimpse();
  const kept = JSON.parse(await page.evaluate(() => localStorage.getItem('jss-lab.glimpse')));
  const [build, day, checksum] = kept.key.split('|');
  const stale = [
    JSON.stringify({ ...kept, key: `${build}|${day}|0000000000000000` }),
    JSON.stringify({ ...kept, key: `${build}|2001-01-01|${checksum}` }),
    JSON.stringify({ ...kept, key: `/app-0000000000000000/|${day}|${checksum}` }),
    'not json',
  ];
  for (const text of stale) {
    const visit = await glimpseThenReturn(context, text);
    await visit.locator('#shell .shell-returning .shell-loading').waitFor({ timeout: 10000 });
    assert.equal(await visit.getByTestId('glimpse').count(), 0, `not shown: ${text.slice(0, 80)}`);
    await visit.release();
    await waitForApp(visit);
    await visit.getByTestId('decision-headline').waitFor();
    if (text === stale.at(-1)) {
      // Back on the dashboard, the app keeps a fresh glimpse again.
      await visit.waitForFunction((key) => localStorage.getItem('jss-lab.glimpse')?.includes(key), kept.key, { timeout: 10000 });
      const again = JSON.parse(await visit.evaluate(() => localStorage.getItem('jss-lab.glimpse')));
      assert.equal(again.html, kept.html);
    }
    assert.deepEqual(visit.errors, []);
    await visit.close();
  }
  // A share link shows the shared scenario, not the visitor's own dashboard, even for a moment.
  const sharing = await glimpseThenReturn(context, JSON.stringify(kept), '/#share=this-is-not-a-scenario');
  await sharing.locator('#shell .shell-returning .shell-loading').waitFor({ timeout: 10000 });
  assert.equal(await sharing.getByTestId('glimpse').count(), 0);
  await sharing.release();
  await waitForApp(sharing);
  await context.close();
});

test('nothing in a glimpse can run or load', async () => {
  const { page, context } = await demoWithGlimpse();
  const kept = JSON.parse(await page.evaluate(() => localStorage.getItem('jss-lab.glimpse')));
  // A glimpse is data: markup that would run or load something is dropped before it is shown.
  const hostile = `<h1 onclick="window.__ran = 1">Dashboard</h1><script>window.__ran = 2</script><a href="javascript:window.__ran = 3" data-testid="bad-link">x</a>${kept.html}`;
  const visit = await glimpseThenReturn(context, JSON.stringify({ ...kept, html: hostile }));
  const glimpse = visit.getByTestId('glimpse');
  await glimpse.waitFor({ timeout: 10000 });
  assert.equal(await glimpse.locator('script').count(), 0);
  assert.equal(await glimpse.locator('h1').first().getAttribute('onclick'), null);
  assert.equal(await glimpse.getByTestId('bad-link').getAttribute('href'), null);
  assert.equal(await visit.evaluate(() => window.__ran ?? 0), 0);
  await visit.release();
  await waitForApp(visit);
  await visit.getByTestId('decision-headline').waitFor();
  assert.deepEqual(visit.errors, []);
  await context.close();
});
