// The contracts page's forms on the release build, with the clock fixed at 2026-11-27: the
// quick form turns "paid weekly, last on …" into payments, so an open hourly contract counts
// as a long-term relationship; a single payment gets a warning whose one click fixes it; each
// refusal is shown once, at its field (aria-invalid, aria-describedby), and nothing is stored;
// opening a contract's detail scrolls it into view and moves focus to its heading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitForApp, axeViolations, screenshot, server, useServerAndBrowser, freshPage, openDemo, visit } from './harness.mjs';

useServerAndBrowser();

const STATE = 'jss-lab.state';

/** The quick form, opened on a fresh app (no data) or on the demo. */
async function openForm(page, { demo = false } = {}) {
  if (demo) await openDemo(page);
  await page.goto(`${server.origin}/contracts?new=1`);
  await waitForApp(page);
  await page.getByTestId('add-form').waitFor();
}

/** An open hourly contract paid every week since March, last on Wednesday 25 November. */
async function fillWeeklyHourly(page) {
  await page.getByTestId('add-client').fill('Initech');
  await page.getByTestId('add-title').fill('Backend');
  await page.getByTestId('add-type').selectOption('hourly');
  await page.getByTestId('add-start').fill('2026-03-02');
  await page.getByTestId('add-rate').fill('50');
  await page.getByTestId('add-total').fill('12000');
  await page.getByTestId('add-last-paid').fill('2026-11-25');
}

/** The JSS line of the contract whose list button matches `name`. */
async function jssLineOf(page, name) {
  await page.getByRole('button', { name }).click();
  await page.getByTestId('contract-detail').waitFor();
  return page.getByTestId('jss-line').textContent();
}

test('a weekly-paid open hourly contract from the quick form counts as long-term', async () => {
  const { page, context, errors } = await freshPage();
  await openForm(page);
  await fillWeeklyHourly(page);
  await page.getByTestId('add-submit').click();
  await page.getByTestId('add-saved').getByText('Saved “Backend” for Initech. The form is clear for the next one.').waitFor();
  assert.equal(await page.getByTestId('contract-warning').count(), 0);
  // The form starts clean for the next contract.
  assert.equal(await page.getByTestId('add-client').inputValue(), '');
  assert.equal(await page.getByTestId('add-type').inputValue(), 'fixed');
  assert.equal(await page.getByTestId('add-start').inputValue(), '');
  assert.equal(await page.getByTestId('add-ended').isChecked(), false);
  const line = await jssLineOf(page, /Backend/);
  assert.match(line, /^positive weight 3\.5 · .*long-term/, line);
  const payments = await page.getByTestId('contract-timeline').locator('li:not(.scheduled)', { hasText: 'payment' }).count();
  assert.equal(payments, 39);
  assert.equal(await page.getByTestId('contract-client').textContent(), 'Initech');
  // "Same client and kind as last" brings back the client and the hourly terms, not the dates.
  await page.getByTestId('add-same').click();
  assert.equal(await page.getByTestId('add-client').inputValue(), 'Initech');
  assert.equal(await page.getByTestId('add-type').inputValue(), 'hourly');
  assert.equal(await page.getByTestId('add-rate').inputValue(), '50');
  assert.equal(await page.getByTestId('add-start').inputValue(), '');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('one listed payment on an open hourly contract is warned, and one click spreads it weekly', async () => {
  const { page, context, errors } = await freshPage();
  await openForm(page);
  await fillWeeklyHourly(page);
  await page.getByTestId('add-paid-how').selectOption('dates');
  await page.getByTestId('add-payment-list').fill('2026-03-02 12000');
  await page.getByTestId('add-submit').click();
  const warning = page.getByTestId('add-saved').getByTestId('contract-warning');
  await warning.waitFor();
  assert.match(await warning.textContent(), /All \$12,000\.00 is recorded as one payment, on Mon 2 Mar 2026/);
  assert.match(await jssLineOf(page, /Backend/), /^excluded/);
  await page.getByTestId('contract-detail').screenshot({ path: 'tests/e2e/artifacts/contract-warning-1280.png' });
  const fix = page.getByTestId('contract-detail').getByTestId('apply-fix');
  assert.equal(await fix.textContent(), 'Spread it weekly from Mon 2 Mar 2026 to Fri 27 Nov 2026');
  await fix.click();
  await page.getByTestId('contract-detail').getByTestId('jss-line').getByText(/^positive/).waitFor();
  assert.equal(await page.getByTestId('contract-warning').count(), 0);
  // The fix is one edit: undo brings the single payment back.
  await page.getByTestId('undo').click();
  await page.getByTestId('contract-detail').getByTestId('contract-warning').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

// Each case: what to change after filling a valid form, the field that must say why, and the
// words it must say.
const REFUSALS = [
  ['a negative total', async (p) => p.getByTestId('add-total').fill('-500'), 'add-total', 'must not be negative'],
  ['a zero rate', async (p) => p.getByTestId('add-rate').fill('0'), 'add-rate', 'must be more than $0'],
  ['letters in a number', async (p) => p.getByTestId('add-total').fill('12,0OO'), 'add-total', 'enter a number of dollars, such as 1200 or 99.50'],
  ['a last payment in the future', async (p) => p.getByTestId('add-last-paid').fill('2026-12-02'), 'add-last-paid',
    'is after today (Fri 27 Nov 2026): record what has happened; the simulator plans the future'],
  ['an end before the start', async (p) => {
    await p.getByTestId('add-ended').check();
    await p.getByTestId('add-end').fill('2026-02-27');
    await p.getByTestId('add-last-paid').fill('2026-03-04');
  }, 'add-end', "is before the contract's start (Mon 2 Mar 2026)"],
  ['an end in the future', async (p) => {
    await p.getByTestId('add-ended').check();
    await p.getByTestId('add-end').fill('2026-12-15');
  }, 'add-end', 'is after today (Fri 27 Nov 2026): record what has happened; the simulator plans the future'],
  ['stars out of range', async (p) => {
    await p.getByTestId('add-ended').check();
    await p.getByTestId('add-end').fill('2026-11-26');
    await p.getByTestId('add-stars').fill('6');
  }, 'add-stars', 'enter a rating from 1.0 to 5.0 with at most two decimals'],
  ['escrow funded after the end', async (p) => {
    await p.getByTestId('add-type').selectOption('fixed');
    await p.getByTestId('add-milestone-amount').fill('800');
    await p.getByTestId('add-milestone-funded').fill('2026-10-02');
    await p.getByTestId('add-ended').check();
    await p.getByTestId('add-end').fill('2026-10-01');
  }, 'add-milestone-funded', 'is after the contract\'s end (Thu 1 Oct 2026): escrow is funded while a contract is open'],
  ['a milestone below the minimum', async (p) => {
    await p.getByTestId('add-type').selectOption('fixed');
    await p.getByTestId('add-milestone-amount').fill('4.99');
  }, 'add-milestone-amount', 'is below the $5.00 milestone minimum'],
];

test('each refusal is shown once, at its field, and nothing is stored', async () => {
  const { page, context, errors } = await freshPage();
  await openForm(page, { demo: true });
  const saved = await page.evaluate((k) => localStorage.getItem(k), STATE);
  for (const [what, change, testid, message] of REFUSALS) {
    await fillWeeklyHourly(page);
    await change(page);
    await page.getByTestId('add-submit').click();
    await page.getByTestId('add-problems').waitFor();
    const field = page.getByTestId(testid);
    assert.equal(await field.getAttribute('aria-invalid'), 'true', what);
    const described = await field.getAttribute('aria-describedby');
    assert.ok(described, `${what}: the field points at its message`);
    assert.equal(await page.locator(`[id="${described.split(' ').pop()}"]`).textContent(), message, what);
    assert.equal(await page.getByText(message, { exact: true }).count(), 1, `${what}: said once`);
    // The focus moves in the frame after the problems are drawn (focus_first_invalid).
    await page.waitForFunction((t) => document.activeElement?.dataset.testid === t, testid, { timeout: 2000 }).catch(() => {});
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), testid, `${what}: focus`);
    assert.match(await page.getByTestId('add-problems').textContent(), /^Not saved: one problem, shown at its field\.$/, what);
    assert.equal(await page.locator('[data-testid=contract-table] tbody tr').count(), 18, what);
    assert.equal(await page.getByTestId('undo').count(), 0, what);
    await page.waitForTimeout(50);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), STATE), saved, `${what}: nothing stored`);
    // Start the next case from a clean form.
    await page.reload();
    await waitForApp(page);
    await page.getByTestId('add-form').waitFor();
  }
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [width, height] of [[390, 844], [1280, 900]]) {
  test(`opening a contract scrolls its detail into view and focuses its heading at ${width} px`, async () => {
    const { page, context, errors } = await freshPage({ width, height });
    await openDemo(page);
    await visit(page, 'Contracts');
    // The oldest contract is the last row, far from where its detail opens.
    await page.getByRole('button', { name: /Inventory dashboard/ }).click();
    const heading = page.getByRole('heading', { level: 2, name: 'Inventory dashboard' });
    await heading.waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'detail-title', null, { timeout: 2000 });
    const box = await heading.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= height, `heading in view: ${JSON.stringify(box)}`);
    // Names, not ids; timeline parts separated when read as text.
    assert.equal(await page.getByTestId('contract-client').textContent(), 'Northwind Traders');
    const timeline = await page.getByTestId('contract-timeline').textContent();
    assert.doesNotMatch(timeline, /(done|scheduled)[^\s]/, timeline);
    await screenshot(page, `contract-detail-${width}`);
    // The edit form with a problem at a field.
    await page.getByTestId('edit-contract').click();
    await page.getByTestId('edit-rate').fill('forty');
    await page.getByTestId('edit-save').click();
    await page.getByTestId('edit-problems').waitFor();
    assert.equal(await page.getByTestId('edit-rate').getAttribute('aria-invalid'), 'true');
    await page.getByTestId('edit-form').getByRole('heading').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `tests/e2e/artifacts/contract-edit-error-${width}.png` });
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the quick form at phone and desktop widths, light and dark', async () => {
  for (const [width, height] of [[390, 844], [1280, 900]]) {
    for (const scheme of ['light', 'dark']) {
      const { page, context, errors } = await freshPage({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      await openForm(page, { demo: true });
      await fillWeeklyHourly(page);
      await page.getByTestId('add-total').fill('-5');
      await page.getByTestId('add-submit').click();
      await page.getByTestId('add-problems').waitFor();
      await page.getByTestId('add-form').screenshot({ path: `tests/e2e/artifacts/add-form-${width}-${scheme}.png` });
      await page.getByTestId('add-type').selectOption('fixed');
      await page.getByTestId('add-milestone-row').click();
      await page.getByTestId('add-ended').check();
      await page.getByTestId('add-form').screenshot({ path: `tests/e2e/artifacts/add-form-fixed-${width}-${scheme}.png` });
      const overflow = await page.getByTestId('add-form').evaluate((el) => el.scrollWidth - el.clientWidth);
      assert.ok(overflow <= 0, `the form fits at ${width}: ${overflow}`);
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(errors, []);
      await context.close();
    }
  }
});

test('six contracts (two open hourly, four finished) take 11 clicks and 39 fields, and the open ones count as long-term', async () => {
  const { page, context, errors } = await freshPage();
  await page.goto(`${server.origin}/contracts`);
  await waitForApp(page);
  // Every action the user takes goes through these, so the counts are what a person does.
  let clicks = 0;
  let fields = 0;
  const click = async (testid) => { clicks += 1; await page.getByTestId(testid).click(); };
  const fill = async (testid, value) => { fields += 1; await page.getByTestId(testid).fill(value); };
  const choose = async (testid, value) => { fields += 1; await page.getByTestId(testid).selectOption(value); };
  const added = async (text) => page.getByTestId('add-saved').getByText(text.replace(/^Added/, 'Saved')).waitFor();

  await click('toggle-add');
  for (const [client, title, rate, start, total] of [
    ['Initech', 'Backend', '50', '2026-03-02', '12000'],
    ['Globex', 'Support', '40', '2026-06-01', '6000'],
  ]) {
    await fill('add-client', client);
    await fill('add-title', title);
    await choose('add-type', 'hourly');
    await fill('add-start', start);
    await fill('add-rate', rate);
    await fill('add-total', total);
    await fill('add-last-paid', '2026-11-25');
    await click('add-submit');
    await added(`Added “${title}” for ${client}.`);
  }
  for (const [client, title, start, end, amount, stars] of [
    ['Acme', 'Site', '2026-01-05', '2026-02-20', '1500', '5'],
    ['Zenith', 'Logo', '2026-04-01', '2026-04-20', '400', '4.8'],
  ]) {
    await fill('add-client', client);
    await fill('add-title', title);
    await fill('add-start', start);
    await fill('add-milestone-amount', amount);
    await click('add-ended');
    await fill('add-end', end);
    await fill('add-stars', stars);
    await click('add-submit');
    await added(`Added “${title}” for ${client}.`);
  }
  // A finished hourly contract without feedback: its last payment is its end date.
  await fill('add-client', 'Orbit');
  await fill('add-title', 'Audit');
  await choose('add-type', 'hourly');
  await fill('add-start', '2026-05-04');
  await fill('add-rate', '60');
  await fill('add-total', '3000');
  await click('add-ended');
  await fill('add-end', '2026-07-31');
  await click('add-submit');
  await added('Added “Audit” for Orbit.');
  await fill('add-client', 'Bluebird');
  await fill('add-title', 'Ads');
  await fill('add-start', '2026-08-03');
  await fill('add-milestone-amount', '800');
  await click('add-ended');
  await fill('add-end', '2026-09-15');
  await fill('add-stars', '5');
  await click('add-submit');
  await added('Added “Ads” for Bluebird.');

  assert.deepEqual({ clicks, fields }, { clicks: 11, fields: 39 });
  assert.equal(await page.locator('[data-testid=contract-table] tbody tr').count(), 6);
  for (const [name, outcome] of [[/Backend/, /^positive .*long-term/], [/Support/, /^positive .*long-term/], [/Audit/, /^excluded/], [/Logo/, /^positive/]]) {
    assert.match(await jssLineOf(page, name), outcome, String(name));
  }
  assert.deepEqual(errors, []);
  await context.close();
});
