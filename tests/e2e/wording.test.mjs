// Words that say what things are (issue 19.5), on the release build with the demo's clock:
// overdue items are labelled overdue with what to do, not listed as coming up; the money
// figures say what each one is; the CSV import page links the steps to download each export
// to Upwork's own help pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitForApp, axeViolations, server, useServerAndBrowser, freshPage, openDemo } from './harness.mjs';

useServerAndBrowser();

test('overdue items are labelled overdue, with what to do, apart from what is coming up', async () => {
  const { page, context, errors } = await freshPage();
  await openDemo(page);
  // The demo's two silent hourly contracts passed 30 days without logged time before today.
  const overdue = page.getByTestId('overdue').locator('li');
  assert.equal(await overdue.count(), 2);
  const texts = await overdue.allTextContents();
  // Each is named by its title, as the user knows it, not by its id (k16, k17).
  for (const [i, title] of ['Inventory dashboard', 'API integration'].entries()) {
    assert.match(texts[i], new RegExp(`^${title}: 30 days without logged time \\(overdue since `));
    assert.match(texts[i], /Log the hours you worked, or decide how to close the contract/);
  }
  // Nothing overdue is listed as coming up or as an alert for the week ahead.
  const upcoming = await page.getByTestId('upcoming').textContent();
  assert.doesNotMatch(upcoming, /overdue/);
  assert.doesNotMatch(await page.getByTestId('alerts').textContent(), /overdue/);
  assert.match(upcoming, /Fri 4 Dec 2026/);
  assert.match(upcoming, /Analytics report templates/);
  assert.doesNotMatch(upcoming, /\bk\d\d\b/, 'the list names a contract by its id');
  // What to do leads to the place to do it.
  await overdue.first().getByRole('link', { name: 'Compare the ways to close it' }).click();
  await page.getByRole('heading', { level: 1, name: 'Simulator' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a link to a contract opens its detail', async () => {
  const { page, context } = await freshPage();
  await openDemo(page);
  await page.waitForFunction(() => localStorage.getItem('jss-lab.state') !== null);
  await page.goto(`${server.origin}/contracts?contract=k16`);
  await waitForApp(page);
  await page.getByTestId('contract-detail').waitFor();
  // The detail names the contract by its title, never by its id.
  const detail = await page.getByTestId('contract-detail').textContent();
  assert.match(detail, /^Inventory dashboard/);
  assert.doesNotMatch(detail, /k16/);
  await context.close();
});

test('the money figures say what they are', async () => {
  const { page, context } = await freshPage();
  await openDemo(page);
  const card = page.getByRole('region', { name: 'Money' });
  const terms = await card.locator('dt').allTextContents();
  assert.deepEqual(terms, ['In escrow', 'Pending', 'Cleared, all time']);
  const text = await card.textContent();
  assert.match(text, /funded by clients, not yet released to you/);
  assert.match(text, /still in review or in the 5-day security period/);
  // The engine records no withdrawals: the cleared total is not called a balance to withdraw.
  assert.match(text, /\$42,070\.00every payment past its 5-day security period, minus refunds; withdrawals are not recorded, so this is not your balance today/);
  assert.doesNotMatch(text, /Available/);
  await context.close();
});

test('the CSV import page links each download step to Upwork\'s own help page', async () => {
  const { page, context, foreignRequests } = await freshPage({ width: 390, height: 844 });
  await page.goto(`${server.origin}/import`);
  await waitForApp(page);
  const steps = page.getByTestId('csv-steps');
  // The import page's code loads when the page opens.
  await steps.waitFor();
  const items = steps.locator('li');
  assert.equal(await items.count(), 3);
  assert.match(await items.nth(0).textContent(), /Reports › Transaction History.*Download CSV/);
  assert.match(await items.nth(1).textContent(), /Manage finances › Your reports › Weekly summary/);
  const links = await steps.locator('a').evaluateAll((as) => as.map((a) => [a.href, a.target, a.rel]));
  assert.deepEqual(links, [
    ['https://support.upwork.com/hc/en-us/articles/218680988-View-Invoices', '_blank', 'noopener noreferrer'],
    ['https://support.upwork.com/hc/en-us/articles/51481326960275-View-your-weekly-summary-report', '_blank', 'noopener noreferrer'],
  ]);
  // Links are navigation the user chooses: showing them requests nothing.
  assert.deepEqual(foreignRequests(), []);
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});
