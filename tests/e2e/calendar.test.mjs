// Paid money on the money calendar and source links on the JSS and settings pages, on the
// release build with the browser clock fixed at 2026-11-27 so the demo's facts are known:
// k15's milestone ("Tracking page") was released on 2026-09-01 ($1,100) and k18's ("Analytics
// report templates") was funded on 2026-10-26 ($800); the calendar names contracts by title.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, browser, useServerAndBrowser, freshPage, openDemo, visit } from './harness.mjs';

useServerAndBrowser();

const S44 = 'https://etcetera.kiev.ua/blog/updates-jss-a-transparent-reputation-system-on-upwork/';
const S7 = 'https://support.upwork.com/hc/en-us/articles/34958134307475-Job-Success-Score';

/** Moves month by month (back, or forward with `step` 'month-next') until the grid shows `label`. */
async function moveTo(page, label, step = 'month-prev') {
  for (let i = 0; i < 30; i += 1) {
    if ((await page.getByTestId('month-label').textContent()) === label) return;
    await page.getByTestId(step).click();
  }
  assert.fail(`never reached ${label}`);
}

test('the money calendar shows paid money in past months and in the list', async () => {
  const { page, context, errors } = await freshPage();
  await openDemo(page);
  await visit(page, 'Money calendar');
  await page.getByTestId('month-grid').waitFor();
  assert.equal(await page.getByTestId('month-label').textContent(), 'November 2026');
  assert.equal(await page.getByTestId('month-prev').isDisabled(), false, 'past months are reachable');
  // September 2026: k15's release is marked paid; today's scheduled money is not in it.
  await moveTo(page, 'September 2026');
  const sep1 = page.locator('[data-testid=month-grid] td[data-date="2026-09-01"]');
  assert.match(await sep1.textContent(), /Tracking page\s*released\s*\$1,100\.00.*paid/);
  assert.equal(await sep1.locator('li.past').count(), 1);
  assert.deepEqual(await axeViolations(page), []);
  // The first paid money of the demo is the earliest month; there is no month before it.
  await moveTo(page, 'February 2025');
  assert.ok(await page.getByTestId('month-prev').isDisabled(), 'no money before the first contract');
  // List view: scheduled money first, then paid money, most recent first.
  await page.getByTestId('view-list').click();
  const scheduled = page.getByTestId('money-list');
  const paid = page.getByTestId('money-list-past');
  await paid.waitFor();
  assert.match(
    await scheduled.locator('tbody tr', { hasText: 'Fri 4 Dec 2026' }).textContent(),
    /Analytics report templates\s*released\s*\$800\.00/,
  );
  const release = paid.locator('tbody tr', { hasText: 'Tracking page' }).filter({ hasText: '2026' });
  assert.match(await release.first().textContent(), /1 Sep 2026\s*Tracking page\s*released\s*\$1,100\.00/);
  assert.match(await paid.locator('tbody tr').first().textContent(), /26 Oct 2026|1 Sep 2026/);
  assert.match(await paid.locator('caption').textContent(), /already moved for the freelancer/);
  await page.getByRole('heading', { level: 2, name: 'Paid' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  // The client sees the escrow k18's client funded, as paid, in the list and in October.
  await page.getByTestId('whose').selectOption('client');
  await paid.getByText('milestone m1 funded into escrow').first().waitFor();
  assert.match(
    await paid.locator('tbody tr').first().textContent(),
    /26 Oct 2026\s*Analytics report templates\s*funded\s*\$800\.00/,
  );
  await scheduled.getByText('No money moves').waitFor();
  await page.getByTestId('view-month').click();
  await page.getByTestId('month-grid').waitFor();
  // The month stays where the freelancer left it (February 2025); go forward to October.
  await moveTo(page, 'October 2026', 'month-next');
  assert.match(
    await page.locator('[data-testid=month-grid] td[data-date="2026-10-26"]').textContent(),
    /Analytics report templates\s*funded\s*\$800\.00.*paid/,
  );
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('source ids on the JSS and settings pages link to their pages in a new tab', async () => {
  const { page, context, errors } = await freshPage();
  await openDemo(page);
  await visit(page, 'JSS explained');
  const table = page.getByTestId('jss-table');
  await table.waitFor();
  const link = table.locator('a[data-source="S44"]').first();
  assert.equal(await link.getAttribute('href'), S44);
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  assert.equal(await link.textContent(), 'S44');
  assert.match(await link.getAttribute('aria-label'), /^S44: .*Updates JSS.*third party, opens in a new tab\)$/);
  assert.deepEqual(await axeViolations(page), []);
  await visit(page, 'Settings');
  const params = page.getByTestId('param-table');
  const row = params.locator('tr', { hasText: 'end_reason_override' });
  assert.equal(await row.locator('a[data-source="S7"]').getAttribute('href'), S7);
  // Every source id on the page is a link.
  const ids = await params.locator('.source-links').evaluateAll((spans) =>
    spans.flatMap((s) => [...s.childNodes].filter((n) => n.nodeType === 1).map((n) => n.tagName)),
  );
  assert.ok(ids.length > 40, `only ${ids.length} source ids`);
  assert.deepEqual([...new Set(ids)], ['A']);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});
