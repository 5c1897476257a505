// The service worker: after one visit the app opens with the server gone, a second visit
// needs no request for the app, and a new deploy is offered, never forced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dist, launchBrowser, newPage, startServer, waitForApp, DEMO_TODAY } from './harness.mjs';
import { writeServiceWorker } from '../../scripts/precache.mjs';

/** A copy of the build served on its own port, counting the requests the server receives. */
async function deploy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jss-lab-deploy-'));
  fs.cpSync(dist, dir, { recursive: true });
  const seen = [];
  const server = await startServer({ dir, onRequest: (p) => seen.push(p) });
  return { dir, server, seen };
}

/** Opens the app and waits until the service worker controls the page with every file cached. */
async function firstVisit(page, origin) {
  await page.goto(`${origin}/`);
  await waitForApp(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names.find((n) => n.startsWith('jss-lab-')));
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  return cached;
}

test('after one visit the app opens, and every page works, with the server gone', async () => {
  const { dir, server } = await deploy();
  const browser = await launchBrowser();
  try {
    const { page, context, errors } = await newPage(browser, server.origin);
    await context.clock.setFixedTime(DEMO_TODAY);
    const cached = await firstVisit(page, server.origin);
    for (const f of ['/index.html', '/sim-worker_loader.js', '/sim-worker.js', '/sim-worker_bg.wasm', '/manifest.webmanifest']) {
      assert.ok(cached.includes(f), `${f} is precached (${cached.join(', ')})`);
    }
    assert.ok(cached.some((f) => /^\/app-[0-9a-f]+\/split_settings\.wasm$/.test(f)), 'the pages\' modules are precached');

    await server.close();
    await page.goto(`${server.origin}/`);
    await waitForApp(page);
    await page.getByTestId('load-demo').click();
    await page.getByTestId('jss-score').waitFor();
    for (const name of ['Contracts', 'JSS explained', 'Money calendar', 'Settings', 'Simulator']) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
    }
    // The simulator's worker, too, comes from the cache: the page runs it as it opens.
    await page.getByText('Computed in').waitFor({ timeout: 60000 });
    // A deep link into a page loaded lazily, opened offline.
    await page.goto(`${server.origin}/settings`);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a second visit shows the dashboard with no request for the app', async () => {
  const { dir, server, seen } = await deploy();
  const browser = await launchBrowser();
  try {
    const { page, context } = await newPage(browser, server.origin);
    await context.clock.setFixedTime(DEMO_TODAY);
    await firstVisit(page, server.origin);
    await page.getByTestId('load-demo').click();
    await page.getByTestId('jss-score').waitFor();
    await page.waitForFunction(() => localStorage.getItem('jss-lab.state') !== null);

    seen.length = 0;
    const second = await context.newPage();
    await second.goto(`${server.origin}/`);
    await second.getByTestId('jss-score').waitFor();
    // Interactive: a page whose module loads on demand opens, from the cache.
    await second.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contracts' }).click();
    await second.getByRole('heading', { level: 1, name: 'Contracts' }).waitFor();
    // The only request the browser may make is its own check for a new sw.js on navigation.
    assert.deepEqual(seen.filter((p) => p !== '/sw.js'), []);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a new deploy is offered as "Reload for the new version", and only the user reloads', async () => {
  const { dir, server } = await deploy();
  const browser = await launchBrowser();
  try {
    const { page, context, errors } = await newPage(browser, server.origin);
    await firstVisit(page, server.origin);

    // The next deploy: a changed page, and the service worker the build writes for it.
    const index = path.join(dir, 'index.html');
    fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('<title>JSS Lab</title>', '<title>JSS Lab (next)</title>'));
    writeServiceWorker(dir);

    await page.reload();
    await waitForApp(page);
    assert.equal(await page.title(), 'JSS Lab', 'the running version stays until the user chooses');
    await page.evaluate(() => {
      window.__sameDocument = true;
    });
    const reload = page.getByRole('button', { name: 'Reload for the new version' });
    await reload.waitFor({ timeout: 30000 });
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload before the user asks');

    await Promise.all([page.waitForEvent('load'), reload.click()]);
    await waitForApp(page);
    assert.equal(await page.title(), 'JSS Lab (next)');
    assert.equal(await page.evaluate(() => window.__sameDocument), undefined);
    assert.equal(await page.getByRole('button', { name: 'Reload for the new version' }).count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
