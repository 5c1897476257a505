// The app's journeys on the release build, with the browser clock fixed at 2026-11-27 so the
// demo's numbers are known: load the demo and read the dashboard; add a contract by hand and
// watch the JSS change; end a contract with escrow and find the refund; change the era and see
// the score change; everything survives a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitForApp, axeViolations, screenshot, server, browser, useServerAndBrowser, freshPage, openDemo } from './harness.mjs';

useServerAndBrowser();

test('the demo opens on a dashboard with the score, windows, badge and money', async () => {
  const { page, context, errors } = await freshPage();
  await openDemo(page);
  assert.equal(await page.getByTestId('jss-score').textContent(), '89%');
  const table = await page.getByTestId('window-table').textContent();
  assert.match(table, /24 months\s*88\.9%\s*shown/);
  assert.match(table, /6 months\s*54\.5%/);
  assert.equal(await page.getByTestId('top-rated-status').textContent(), 'Not Top Rated');
  // Why not: the JSS now is the one condition that fails, and the list says so first.
  const conditions = await page.getByTestId('top-rated-conditions').locator('li').allTextContents();
  assert.equal(conditions[0], '✗ Not met: JSS now 89% (90% or more needed)');
  assert.match(conditions[1], /^✓ Met: 15 of the last 16 weekly checks at 90% or more \(13 needed\)$/);
  assert.match(conditions[2], /^✓ Met: \$25,290\.00 earned in the last 12 months \(\$1,000\.00 needed\)$/);
  // Three figures in a narrow card wrap rather than overflow it.
  const overflow = await page.evaluate(() => {
    const card = document.querySelector('[data-testid="available"]').closest('.card').getBoundingClientRect();
    const figure = document.querySelector('[data-testid="available"]').getBoundingClientRect();
    return figure.right - card.right;
  });
  assert.ok(overflow <= 0, `the available figure sticks out of its card by ${overflow}px`);
  // The four cards of the first row line up at the top.
  const tops = await page.evaluate(() =>
    [...document.querySelectorAll('.dashboard-grid > .card')].slice(0, 4).map((c) => Math.round(c.getBoundingClientRect().top)));
  assert.equal(new Set(tops).size, 1, `card tops: ${tops.join(', ')}`);
  assert.equal(await page.getByTestId('escrow-held').textContent(), '$800.00');
  // The milestone submitted on 20 Nov auto-releases on 4 Dec: an alert within the week.
  assert.match(await page.getByTestId('alerts').textContent(), /Analytics report templates · milestone m1 released/);
  const upcoming = await page.getByTestId('upcoming').textContent();
  assert.match(upcoming, /Fri 4 Dec 2026/);
  // A score change lists the new score in words, never as an amount of money.
  assert.match(upcoming, /JSS becomes 88%/);
  assert.doesNotMatch(upcoming, /\$88\.00/);
  assert.deepEqual(errors, []);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'dashboard-demo-1280');
  await context.close();
});

test('the demo survives a reload and the contracts list shows every contract', async () => {
  const { page, context } = await freshPage();
  await openDemo(page);
  await page.waitForFunction(() => localStorage.getItem('jss-lab.state') !== null);
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.getByTestId('jss-score').textContent(), '89%');
  await page.getByRole('link', { name: 'Contracts' }).click();
  await page.getByTestId('contract-table').waitFor();
  assert.equal(await page.locator('[data-testid=contract-table] tbody tr').count(), 18);
  await page.getByTestId('filter').selectOption('open');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=contract-table] tbody tr').length === 3);
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test('adding a contract by hand changes the JSS', async () => {
  const { page, context } = await freshPage({ width: 390, height: 844 });
  await openDemo(page);
  await page.goto(`${server.origin}/contracts?new=1`);
  await waitForApp(page);
  await page.getByTestId('add-client').fill('Zenith Media');
  await page.getByTestId('add-title').fill('Rushed landing page');
  await page.getByTestId('add-start').fill('2026-10-01');
  await page.getByTestId('add-milestone-amount').fill('1500');
  await page.getByTestId('add-ended').check();
  await page.getByTestId('add-end').fill('2026-11-20');
  await page.getByTestId('add-stars').fill('3.0');
  await page.getByTestId('add-submit').click();
  await page.getByTestId('add-saved').getByText(/^Saved “Rushed landing page” for Zenith Media\./).waitFor();
  await screenshot(page, 'contracts-add-390');
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.getByTestId('jss-score').waitFor();
  const score = await page.getByTestId('jss-score').textContent();
  assert.notEqual(score, '89%', 'a 3-star contract must change the score');
  assert.match(score, /^\d+%$/);
  await context.close();
});

test('a bad entry shows a plain message and changes nothing', async () => {
  const { page, context } = await freshPage();
  await openDemo(page);
  await page.goto(`${server.origin}/contracts?new=1`);
  await waitForApp(page);
  await page.getByTestId('add-client').fill('Zenith Media');
  await page.getByTestId('add-start').fill('2026-10-01');
  await page.getByTestId('add-ended').check();
  await page.getByTestId('add-end').fill('2026-09-01');
  await page.getByTestId('add-submit').click();
  const problems = await page.getByTestId('add-problems').textContent();
  assert.match(problems, /Not saved: one problem, shown at its field/);
  assert.equal(await page.getByTestId('add-end').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await axeViolations(page), []);
  assert.equal(await page.locator('[data-testid=contract-table] tbody tr').count(), 18);
  await context.close();
});

test('ending a contract with escrow schedules the refund to the client', async () => {
  const { page, context } = await freshPage();
  await openDemo(page);
  await page.getByRole('link', { name: 'Contracts' }).click();
  await page.getByRole('button', { name: 'Analytics report templates', exact: true }).click();
  await page.getByTestId('contract-detail').waitFor();
  await page.getByTestId('end-by').selectOption('client');
  await page.getByTestId('end-reason').selectOption('not_completed');
  await page.getByTestId('end-now').click();
  const timeline = page.getByTestId('contract-timeline');
  await timeline.getByText(/refunded/).first().waitFor();
  const text = await timeline.textContent();
  // Ended Friday 27 Nov; the freelancer has 7 days; then the credit takes up to 5 business days.
  assert.match(text, /Fri 4 Dec 2026/);
  assert.match(text, /reaches the client/);
  await page.getByTestId('undo').click();
  await page.getByTestId('end-now').waitFor();
  await context.close();
});

test('changing the rule era changes the score and its explanation', async () => {
  const { page, context } = await freshPage();
  await openDemo(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByTestId('era-select').selectOption('legacy');
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.getByTestId('jss-score').waitFor();
  const jss = await page.locator('.jss-card').textContent();
  assert.match(jss, /legacy rules/);
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test('calibration fits the parameters to observed readings and can apply them', async () => {
  const { page, context } = await freshPage();
  await openDemo(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByTestId('readings').fill('2026-11-27, 89\n2026-10-01, 90');
  await page.getByTestId('calibrate').click();
  const result = await page.getByTestId('calibration-result').textContent();
  assert.match(result, /Best fit: positive from \d\.\d\d★/);
  assert.match(result, /Mean error \d+\.\d points/);
  await page.getByTestId('apply-calibration').click();
  await page.getByTestId('readings').fill('yesterday, 90');
  await page.getByTestId('calibrate').click();
  await page.getByText('Line 1: write a date').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});
