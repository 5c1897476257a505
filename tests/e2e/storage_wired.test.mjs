// The storage banner over real page loads of the release build, one test per failure mode a
// user can meet: unreadable data (with markup in it), no backup to restore, a newer schema, a
// full quota and storage the browser blocks. Two tabs editing at once are in tabs.test.mjs;
// saved data surviving a visit byte for byte is in storage.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { newPage, waitForApp, axeViolations, server, browser, useServerAndBrowser } from './harness.mjs';

const TODAY = new Date('2026-11-27T12:00:00Z');

const STATE = 'jss-lab.state';
useServerAndBrowser();

async function openWith(raw) {
  const ctx = await newPage(browser, server.origin);
  await ctx.page.goto(`${server.origin}/`);
  await waitForApp(ctx.page);
  await ctx.page.evaluate(([k, v]) => localStorage.setItem(k, v), [STATE, raw]);
  await ctx.page.reload();
  await waitForApp(ctx.page);
  return ctx;
}

const keys = (page) => page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));

test('unreadable data: alert banner, text not HTML, confirm before start fresh, nothing deleted', async () => {
  const raw = '<img src=x onerror=alert(1)>';
  const { page, context, errors } = await openWith(raw);
  const banner = page.getByRole('alert').filter({ hasText: 'Your saved data could not be read.' });
  await banner.waitFor();
  assert.match(await banner.textContent(), /<img src=x onerror=alert\(1\)>/);
  assert.equal(await page.locator('[data-testid=storage-banner] img').count(), 0);
  assert.deepEqual(await axeViolations(page), []);
  let stored = await keys(page);
  const quarantined = Object.keys(stored).filter((k) => k.startsWith('jss-lab.quarantine.'));
  assert.equal(quarantined.length, 1);
  assert.equal(stored[quarantined[0]], raw);

  await page.getByRole('button', { name: 'Start fresh' }).click();
  await page.getByRole('button', { name: 'Yes, start fresh' }).waitFor();
  assert.equal((await keys(page))[STATE], raw, 'nothing changes before the confirmation');
  await page.getByRole('button', { name: 'Yes, start fresh' }).click();
  await page.locator('[data-testid=storage-banner]').waitFor({ state: 'detached' });
  stored = await keys(page);
  assert.equal(stored[STATE], undefined);
  assert.equal(stored[quarantined[0]], raw, 'the quarantined copy is kept');
  assert.deepEqual(errors, []);
  await context.close();
});

test('restore backup without a backup says so in plain words', async () => {
  const { page, context, errors } = await openWith('not json');
  await page.getByRole('button', { name: 'Restore backup' }).click();
  await page.getByText('That did not work: there is no backup in this browser.').waitFor();
  assert.equal((await keys(page))[STATE], 'not json');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a newer schema opens read-only with a reload hint', async () => {
  const { page, context } = await openWith(JSON.stringify({ schema_version: 999, payload: {} }));
  await page.getByRole('alert').filter({ hasText: 'saved by a newer version of JSS Lab' }).waitFor();
  await context.close();
});

/** Loads the demo in a fresh page and waits for its first save. */
async function demoPage(options) {
  const ctx = await newPage(browser, server.origin, options);
  await ctx.context.clock.setFixedTime(TODAY);
  if (options?.init) await ctx.context.addInitScript(options.init);
  await ctx.page.goto(`${server.origin}/`);
  await waitForApp(ctx.page);
  await ctx.page.getByTestId('load-demo').click();
  await ctx.page.getByTestId('jss-score').waitFor();
  return ctx;
}

async function addContract(page, title) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contracts' }).click();
  await page.getByTestId('toggle-add').click();
  await page.getByTestId('add-client').fill('Quota Client');
  await page.getByTestId('add-title').fill(title);
  await page.getByTestId('add-start').fill('2024-01-08');
  await page.getByTestId('add-milestone-amount').fill('700');
  await page.getByTestId('add-ended').check();
  await page.getByTestId('add-end').fill('2024-02-05');
  await page.getByTestId('add-submit').click();
}

/** Clicks the banner's Export and returns the downloaded scenario. */
async function exportFromBanner(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-testid=storage-banner]').getByRole('button', { name: 'Export' }).click(),
  ]);
  return JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
}

test('a full quota: alert banner, the previous save intact, and the export carries the unsaved edit', async () => {
  const { page, context, errors } = await demoPage();
  await page.waitForFunction((k) => localStorage.getItem(k) !== null, STATE);
  const saved = (await keys(page))[STATE];
  // Fill the origin's quota with junk, halving the chunk until not even 16 characters fit.
  const junk = await page.evaluate(() => {
    let size = 1 << 20;
    let count = 0;
    while (size >= 16) {
      try {
        localStorage.setItem(`junk-${count}`, 'x'.repeat(size));
        count += 1;
      } catch {
        size = Math.floor(size / 2);
      }
    }
    return count;
  });
  assert.ok(junk > 0);
  await addContract(page, 'Written when full');
  const banner = page.getByRole('alert').filter({ hasText: 'Browser storage is full, so your latest changes are not saved.' });
  await banner.waitFor();
  assert.equal((await keys(page))[STATE], saved, 'the previous save is intact');
  assert.equal((await keys(page))['jss-lab.state.staging'], undefined, 'no staging left behind');
  const exported = await exportFromBanner(page);
  assert.ok(exported.contracts.some((c) => c.title === 'Written when full'), 'the export holds the unsaved edit');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('blocked storage: the app works in memory, says so, and exports', async () => {
  const { page, context, errors } = await demoPage({
    // What a browser that blocks site data does: reading `localStorage` throws.
    init: () => Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The user denied storage.', 'SecurityError');
      },
    }),
  });
  const banner = page.getByRole('alert').filter({ hasText: 'This browser does not let JSS Lab save.' });
  await banner.waitFor();
  assert.match(await banner.textContent(), /blocked local storage/);
  assert.equal(await page.getByTestId('jss-score').textContent(), '89%', 'the demo works in memory');
  await addContract(page, 'Kept in memory');
  await page.getByTestId('add-saved').getByText(/^Saved “Kept in memory” for Quota Client\./).waitFor();
  const exported = await exportFromBanner(page);
  assert.ok(exported.contracts.some((c) => c.title === 'Kept in memory'));
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});
