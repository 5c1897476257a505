// The "JSS explained" and "Money calendar" pages on the release build, with the browser clock
// fixed at 2026-11-27 so the demo's numbers are known: every contract with its class and rule,
// the 24-month chart, "why did it change" between two dates, and the money events as a month
// grid and a list, for the freelancer and for the client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitForApp, axeViolations, screenshot, server, browser, useServerAndBrowser, freshPage, openDemo, visit } from './harness.mjs';

useServerAndBrowser();

/** Parses "+1.2" / "−3.4" into tenths. */
function tenths(text) {
  const t = text.trim().replace('−', '-');
  return Math.round(Number(t) * 10);
}

test('without data both pages say what they will show and link to the dashboard', async () => {
  const { page, context, errors } = await freshPage({ width: 390, height: 844 });
  await page.goto(`${server.origin}/jss`);
  await waitForApp(page);
  await page.getByTestId('jss-empty').waitFor();
  assert.match(await page.getByTestId('jss-empty').textContent(), /24 months/);
  assert.equal(await page.getByTestId('jss-empty').getByRole('link').getAttribute('href'), '/');
  assert.deepEqual(await axeViolations(page), []);
  await page.goto(`${server.origin}/calendar`);
  await waitForApp(page);
  await page.getByTestId('calendar-empty').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('JSS explained: every contract with its rule, the chart and why the score changes', async () => {
  const { page, context, errors } = await freshPage();
  await openDemo(page);
  await visit(page, 'JSS explained');
  const table = page.getByTestId('jss-table');
  await table.waitFor();
  assert.equal(await table.locator('tbody tr').count(), 18);
  const k14 = table.locator('tbody tr[data-contract=k14]');
  assert.equal((await k14.locator('.pill').textContent()).trim(), 'neutral');
  const k14Text = await k14.textContent();
  assert.match(k14Text, /4\.50 stars/);
  assert.match(k14Text, /MODEL §3\.1/);
  assert.match(k14Text, /positive_min_stars = 4\.8 · S6, S44 · assumption/);
  assert.match(k14Text, /6m: Thu 24 Dec 2026/);
  // The chart: an image with a title, and the change dates as a table.
  const chart = page.getByTestId('cliff-chart');
  assert.match(await chart.locator('svg[role=img] > title').textContent(), /89% today/);
  await chart.locator('summary').click();
  assert.ok((await page.locator('[data-testid=cliff-table] tbody tr').count()) >= 1);
  // Why did it change: the default is today → 3 months later; the parts sum to the change.
  const summary = page.getByTestId('change-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /^From 89% on Fri 27 Nov 2026 to \d+% on Sat 27 Feb 2027/);
  await page.getByTestId('change-to').fill('2027-06-30');
  await page.waitForFunction(() => /Wed 30 Jun 2027/.test(document.querySelector('[data-testid=change-summary]')?.textContent ?? ''));
  const text = await summary.textContent();
  const [, a, b] = text.match(/From (\d+)% on .* to (\d+)% on/);
  const rows = page.locator('[data-testid=change-table] tbody tr');
  assert.ok((await rows.count()) >= 3, 'several contracts leave windows by June 2027');
  const explanation = await page.getByTestId('change-table').textContent();
  assert.match(explanation, /Holiday campaign pages.*aged out of the 6-month window/s);
  assert.match(explanation, /Rounding/);
  let sum = 0;
  for (const cell of await rows.locator('td.amount').allTextContents()) sum += tenths(cell);
  assert.equal(sum, (Number(b) - Number(a)) * 10, 'the parts sum to the change');
  assert.equal(tenths(await page.getByTestId('change-total').textContent()), sum);
  assert.deepEqual(errors, []);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'jss-1280');
  await context.close();
});

test('JSS explained works on a phone', async () => {
  const { page, context } = await freshPage({ width: 390, height: 844 });
  await openDemo(page);
  await page.goto(`${server.origin}/jss`);
  await waitForApp(page);
  await page.getByTestId('jss-table').waitFor();
  await page.getByTestId('cliff-chart').locator('summary').click();
  await page.getByTestId('cliff-table').waitFor();
  // Nothing is wider than the screen: on a phone the tables are cards.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page overflows by ${overflow}px`);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'jss-390');
  await context.close();
});

test('Money calendar: the k18 auto-release is in the list and in December', async () => {
  const { page, context, errors } = await freshPage();
  await openDemo(page);
  await visit(page, 'Money calendar');
  // Month view first: November, then December.
  await page.getByTestId('month-grid').waitFor();
  assert.equal(await page.getByTestId('month-label').textContent(), 'November 2026');
  assert.equal(await page.getByTestId('month-prev').isDisabled(), false, 'paid money lies in past months');
  assert.equal(await page.locator('[data-testid=month-grid] thead th').count(), 7);
  await page.getByTestId('month-next').click();
  await page.getByTestId('month-label').getByText('December 2026').waitFor();
  const dec4 = page.locator('[data-testid=month-grid] td[data-date="2026-12-04"]');
  assert.match(await dec4.textContent(), /Analytics report templates\s*released\s*\$800\.00/);
  assert.match(
    await page.locator('[data-testid=month-grid] td[data-date="2026-12-09"]').textContent(),
    /Analytics report templates\s*available\s*\$800\.00/,
  );
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'calendar-1280');
  // List view.
  await page.getByTestId('view-list').click();
  const list = page.getByTestId('money-list');
  await list.waitFor();
  const row = list.locator('tbody tr', { hasText: 'Fri 4 Dec 2026' });
  assert.match(await row.textContent(), /Analytics report templates\s*released\s*\$800\.00/);
  assert.equal(await page.getByTestId('view-list').getAttribute('aria-pressed'), 'true');
  assert.deepEqual(await axeViolations(page), []);
  // The client sees no money moving: nothing is refunded unless a contract ends.
  await page.getByTestId('whose').selectOption('client');
  await list.getByText('No money moves').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('Money calendar works on a phone and with the keyboard', async () => {
  const { page, context } = await freshPage({ width: 390, height: 844 });
  await openDemo(page);
  await page.goto(`${server.origin}/calendar`);
  await waitForApp(page);
  await page.getByTestId('month-grid').waitFor();
  await page.getByTestId('month-next').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('month-label').getByText('December 2026').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page overflows by ${overflow}px`);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'calendar-390');
  await context.close();
});

test('ending k18 by the client puts the refund in the client calendar', async () => {
  const { page, context, errors } = await freshPage();
  await openDemo(page);
  await page.getByRole('link', { name: 'Contracts' }).click();
  await page.getByRole('button', { name: 'Analytics report templates', exact: true }).click();
  await page.getByTestId('contract-detail').waitFor();
  await page.getByTestId('end-by').selectOption('client');
  await page.getByTestId('end-now').click();
  await page.getByTestId('contract-timeline').getByText(/refunded/).first().waitFor();
  await visit(page, 'Money calendar');
  await page.getByTestId('whose').selectOption('client');
  await page.getByTestId('view-list').click();
  const list = page.getByTestId('money-list');
  await list.getByText('refund credited').first().waitFor();
  const refund = list.locator('tbody tr', { hasText: 'Fri 4 Dec 2026' });
  assert.match(await refund.textContent(), /Analytics report templates\s*refunded\s*\$800\.00/);
  assert.match(await list.textContent(), /refund credited\s*\$800\.00\s*the refund reaches the client's payment method/);
  // The same refund in the December grid.
  await page.getByTestId('view-month').click();
  await page.getByTestId('month-next').click();
  await page.getByTestId('month-label').getByText('December 2026').waitFor();
  assert.match(
    await page.locator('[data-testid=month-grid] td[data-date="2026-12-04"]').textContent(),
    /Analytics report templates\s*refunded\s*\$800\.00/,
  );
  // The freelancer no longer gets the auto-release.
  await page.getByTestId('whose').selectOption('freelancer');
  await page.waitForFunction(() => !/released/.test(document.querySelector('td[data-date="2026-12-04"]')?.textContent ?? ''));
  assert.deepEqual(errors, []);
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test('both pages have zero axe-core violations in the dark theme', async () => {
  const { page, context } = await freshPage();
  await openDemo(page);
  await page.getByTestId('theme-select').selectOption('dark');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  await visit(page, 'JSS explained');
  await page.getByTestId('change-summary').waitFor();
  await page.getByTestId('cliff-chart').locator('summary').click();
  assert.deepEqual(await axeViolations(page), []);
  await visit(page, 'Money calendar');
  await page.getByTestId('month-next').click();
  await page.getByTestId('month-label').getByText('December 2026').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.getByTestId('view-list').click();
  await page.getByTestId('money-list').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});
