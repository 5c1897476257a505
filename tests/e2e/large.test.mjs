// A long history: 10,000 contracts are imported, saved (deflated, so they fit), reloaded
// identically, and every page shows them. This checks behaviour, not time: how long each step
// takes is measured by the benchmark, never here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, waitForApp, server, browser, useServerAndBrowser } from './harness.mjs';
import { history } from '../../scripts/history.mjs';

useServerAndBrowser();

const STATE = 'jss-lab.state';
const COUNT = 10_000;

const stored = (page) => page.evaluate((k) => localStorage.getItem(k), STATE);

test('10,000 contracts are saved compressed, reload identically and show on every page', async () => {
  const { page, context, errors } = await newPage(browser, server.origin);
  await page.goto(`${server.origin}/`);
  await waitForApp(page);
  await page.getByTestId('import-input').setInputFiles({
    name: 'long-history.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(history(COUNT))),
  });
  await page.getByTestId('import-confirm').click({ timeout: 60_000 });
  await page.getByTestId('jss-score').waitFor({ timeout: 60_000 });
  await page.waitForFunction((k) => (localStorage.getItem(k) ?? '').includes('"payload_deflate":'), STATE, { timeout: 60_000 });
  const saved = JSON.parse(await stored(page));
  assert.equal(saved.payload, undefined, 'the large payload is stored deflated, not as plain JSON');
  const raw = await stored(page);
  assert.ok(raw.length < 2_000_000, `${raw.length} characters: room for the backup copy in a 5 M quota`);
  const score = await page.getByTestId('jss-score').textContent();

  await page.reload();
  await waitForApp(page);
  assert.equal(await page.getByTestId('jss-score').textContent({ timeout: 60_000 }), score);
  // What is stored after the reload is the same payload (its checksum), whether or not it was
  // saved again.
  assert.equal(JSON.parse(await stored(page)).checksum, saved.checksum);

  // Each page, with what it shows of these contracts.
  for (const [link, shows] of [
    ['Contracts', /Landing page 99\d\d/],
    ['JSS explained', /Landing page 0$/],
    ['Money calendar', /money events for the freelancer/],
    ['Simulator', /There is no open contract to decide about/],
    ['Settings', /Storage used/],
  ]) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
    await page.getByRole('heading', { level: 1, name: link }).waitFor({ timeout: 60_000 });
    await page.locator('main').getByText(shows).first().waitFor({ timeout: 60_000 });
  }
  // Settings says how full the storage is.
  assert.match(await page.getByTestId('storage-meter').textContent(), /Storage used: [\d,]+ of about 5,000,000 characters \(\d+%\)/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a scenario file over 32 MB is refused with its size, and what is saved stays', async () => {
  const { page, context, errors } = await newPage(browser, server.origin);
  await page.goto(`${server.origin}/`);
  await waitForApp(page);
  await page.getByTestId('load-demo').click();
  await page.getByTestId('jss-score').waitFor();
  await page.waitForFunction((k) => localStorage.getItem(k) !== null, STATE);
  const before = await stored(page);
  await page.goto(`${server.origin}/settings`);
  await waitForApp(page);
  await page.getByTestId('import-input').setInputFiles({
    name: 'huge.json',
    mimeType: 'application/json',
    buffer: Buffer.alloc(33 * 1024 * 1024, 0x20),
  });
  await page.getByText('huge.json is 33.0 MB; scenario files are read up to 32 MB each.').waitFor();
  assert.equal(await stored(page), before);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a long contract list shows pages of 100 rows, and a search starts again at the first', async () => {
  const { page, context, errors } = await newPage(browser, server.origin);
  await page.goto(`${server.origin}/`);
  await waitForApp(page);
  await page.getByTestId('import-input').setInputFiles({
    name: 'history.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(history(1234))),
  });
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('jss-score').waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contracts' }).click();
  const pager = page.getByTestId('pager');
  const rows = page.getByTestId('contract-table').locator('tbody tr');
  await pager.getByText('Showing 1–100 of 1,234 contracts').waitFor();
  assert.equal(await rows.count(), 100);
  assert.equal(await pager.getByRole('button', { name: 'Previous' }).isDisabled(), true);
  // Newest first: the last contract generated is the first row; the next page has other rows.
  assert.match(await rows.first().textContent(), /Landing page 1233(?!\d)/);
  const firstPage = await rows.allTextContents();
  await pager.getByRole('button', { name: 'Next' }).click();
  await pager.getByText('Showing 101–200 of 1,234 contracts').waitFor();
  const secondPage = await rows.allTextContents();
  assert.equal(secondPage.length, 100);
  assert.ok(secondPage.every((row) => !firstPage.includes(row)), 'the second page repeats no row of the first');
  for (let i = 0; i < 11; i += 1) await pager.getByRole('button', { name: 'Next' }).click();
  await pager.getByText('Showing 1,201–1,234 of 1,234 contracts').waitFor();
  assert.equal(await rows.count(), 34);
  assert.equal(await pager.getByRole('button', { name: 'Next' }).isDisabled(), true);
  // A search narrows the list and starts at its first page; under 100 matches, no pager.
  await page.getByLabel('Search').fill('Landing page 12');
  await page.getByTestId('contract-table').getByText('Landing page 1233').waitFor();
  assert.equal(await pager.count(), 0);
  assert.equal(await rows.count(), 45);
  assert.deepEqual(errors, []);
  await context.close();
});
