// Keeping and moving the user's data, on the release build with the browser clock fixed at
// 2026-11-27: "Export everything" downloads the whole saved payload; the export reminder says
// when the last export was; a share link carries the scenario to a fresh browser, which shows
// a preview and replaces nothing until confirmed; a broken link says so and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { waitForApp, axeViolations, server, browser, useServerAndBrowser, freshPage, openDemo } from './harness.mjs';

useServerAndBrowser();

async function openSettings(page) {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByTestId('export-everything').waitFor();
}

test('export everything downloads the whole saved payload and the reminder follows', async () => {
  const { page, context, errors } = await freshPage();
  await openDemo(page);
  await openSettings(page);
  assert.equal(await page.getByTestId('export-reminder').textContent(), 'Never exported — export a copy.');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-everything').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'jss-lab-state-2026-11-27.json');
  const saved = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.ok('scenario' in saved, 'the payload has a scenario');
  assert.ok('simulator' in saved, 'the payload has the simulator inputs');
  assert.equal(saved.scenario.format, 'jss-lab.scenario');
  assert.equal(saved.scenario.contracts.length, 18);
  await page.getByTestId('export-reminder').getByText('Last exported today.').waitFor();
  // Three days later (as recorded), the reminder counts the days.
  await page.waitForFunction(() => localStorage.getItem('jss-lab.state') !== null);
  await page.evaluate(() => localStorage.setItem('jss-lab.last-export', '2026-11-24T09:00:00Z'));
  await page.reload();
  await waitForApp(page);
  await page.getByTestId('export-reminder').waitFor();
  assert.equal(
    await page.getByTestId('export-reminder').textContent(),
    'Last exported 3 days ago — export a copy.',
  );
  assert.deepEqual(errors, []);
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test('a share link opens the scenario in a fresh browser after a preview', async () => {
  const { page, context, errors } = await freshPage();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  await openDemo(page);
  await openSettings(page);
  await page.getByTestId('share-create').click();
  const link = await page.getByTestId('share-link').inputValue();
  assert.ok(link.startsWith(`${server.origin}/#share=`), link);
  assert.ok(link.length <= 2000, `the link is ${link.length} characters`);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  assert.deepEqual(errors, []);
  await context.close();

  const other = await freshPage();
  await other.page.goto(link);
  await waitForApp(other.page);
  const preview = other.page.getByTestId('share-preview');
  await preview.waitFor();
  assert.match(await preview.textContent(), /18 contracts \(\d+ open\) with 14 clients/);
  assert.equal(new URL(other.page.url()).hash, '', 'the fragment is cleared');
  // Nothing is replaced before the user confirms.
  assert.equal(await other.page.evaluate(() => localStorage.getItem('jss-lab.state')), null);
  await other.page.getByTestId('share-confirm').click();
  await other.page.getByTestId('jss-score').waitFor();
  assert.equal(await other.page.getByTestId('jss-score').textContent(), '89%');
  assert.equal(await other.page.getByTestId('share-preview').count(), 0);
  assert.deepEqual(other.errors, []);
  await other.context.close();
});

test('a broken share link says so and changes nothing', async () => {
  const { page, context, errors } = await freshPage();
  await page.goto(`${server.origin}/#share=this-is-not-a-scenario`);
  await waitForApp(page);
  const problems = page.getByTestId('share-problems');
  await problems.waitFor();
  assert.match(await problems.textContent(), /could not be opened.*Nothing was changed/);
  assert.match(await problems.textContent(), /damaged/);
  assert.equal(new URL(page.url()).hash, '');
  await page.getByTestId('load-demo').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
