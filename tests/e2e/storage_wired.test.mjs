// To add once the StorageBanner is wired into app.rs: the banner over real page loads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, waitForApp, axeViolations } from './harness.mjs';

const STATE = 'jss-lab.state';
let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

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
