// The contracts page on the release build, with the browser clock fixed at 2026-11-27 so the
// demo's numbers are known: approve a submitted milestone and see the money move; edit a
// contract's facts and undo (also after visiting another page); log a week of hours once and
// be refused the second time; paste rows into the fast table (with an hourly rate) and watch
// the JSS change; axe on the page with every panel open, at phone and desktop widths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitForApp, axeViolations, screenshot, server, browser, useServerAndBrowser, freshPage, openDemo, visit } from './harness.mjs';

useServerAndBrowser();

async function openContract(page, id) {
  await page.locator(`[data-testid=contract-table] button[data-contract="${id}"]`).click();
  await page.getByTestId('contract-detail').waitFor();
}

/** Pastes text into an element the way a browser does when the user presses Ctrl+V. */
async function paste(locator, text) {
  await locator.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test('approving the submitted milestone of k18 releases it into the money', async () => {
  const { page, context, errors } = await freshPage();
  await openDemo(page);
  assert.equal(await page.getByTestId('escrow-held').textContent(), '$800.00');
  await visit(page, 'Contracts');
  await openContract(page, 'k18');
  const detail = page.getByTestId('contract-detail');
  // Only what the engine allows for a submitted, held milestone on an open fixed contract.
  assert.equal(await detail.getByTestId('fund-m1').count(), 0);
  assert.equal(await detail.getByTestId('log-hours-submit').count(), 0);
  await detail.getByTestId('release-m1').click();
  await detail.getByTestId('contract-timeline').getByText('payment $800.00').waitFor();
  assert.match(await detail.getByTestId('milestones').textContent(), /Milestone 1 \$800\.00 — released Fri 27 Nov 2026/);
  // A released milestone offers nothing more.
  assert.equal(await detail.getByTestId('release-m1').count(), 0);
  await visit(page, 'Dashboard');
  assert.equal(await page.getByTestId('escrow-held').textContent(), '$0.00');
  assert.equal(await page.getByTestId('pending').textContent(), '$800.00');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a contract title is edited, refused edits name the field, and undo restores it', async () => {
  const { page, context, errors } = await freshPage();
  await openDemo(page);
  await visit(page, 'Contracts');
  await openContract(page, 'k01');
  await page.getByTestId('edit-contract').click();
  await page.getByTestId('edit-start').fill('2025-03-01');
  await page.getByTestId('edit-save').click();
  const form = page.getByTestId('edit-form');
  // The problem is at the start field (marked invalid, and its description), said once.
  await form.getByText(/is after a payment|is before the contract's start/).first().waitFor();
  assert.match(await page.getByTestId('edit-problems').textContent(), /Not saved/);
  const start = page.getByTestId('edit-start');
  assert.equal(await start.getAttribute('aria-invalid'), 'true');
  // The focus moves in the frame after the problems are drawn (focus_first_invalid).
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'edit-start', null, { timeout: 2000 }).catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'edit-start');
  await page.getByTestId('edit-start').fill('2025-01-13');
  await page.getByTestId('edit-title').fill('Marketing site, second version');
  await page.getByTestId('edit-save').click();
  await page.getByRole('heading', { name: 'Marketing site, second version' }).waitFor();
  await page.getByRole('button', { name: 'Marketing site, second version', exact: true }).waitFor();
  await page.getByTestId('undo').click();
  await page.getByRole('heading', { name: 'Marketing site rebuild' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Marketing site rebuild', exact: true }).count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('three pasted rows are added in one edit and the JSS changes', async () => {
  const { page, context, errors } = await freshPage();
  await openDemo(page);
  const before = await page.getByTestId('jss-score').textContent();
  assert.equal(before, '89%');
  await visit(page, 'Contracts');
  await page.getByTestId('toggle-table').click();
  const table = page.getByTestId('fast-table');
  const lines = [
    'Northwind\tBrand refresh\tfixed\t2026-09-01\t2026-11-02\t2400\t5\tcompleted',
    'Contoso\tAPI docs\thourly\t2026-08-03\t2026-11-09\t1800\t5\tcompleted',
    'Fabrikam\tOnboarding emails\tfixed\t2026-10-05\t2026-11-16\t650\t4.9\tcompleted',
  ].join('\n');
  await paste(table.getByRole('textbox', { name: 'Row 1 Client' }), lines);
  assert.equal(await table.getByRole('textbox', { name: 'Row 3 Client' }).inputValue(), 'Fabrikam');
  // Enter adds a row and moves to its first cell; a blank row is not a contract.
  await table.getByRole('textbox', { name: 'Row 3 End reason' }).press('Enter');
  await table.getByRole('textbox', { name: 'Row 4 Client' }).waitFor();
  // Focus moves once the new row is drawn, which can be a frame after it appears.
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Row 4 Client', null, { timeout: 2000 });
  await page.getByTestId('fast-table-commit').filter({ hasText: 'Add 3 contracts' }).click();
  await page.getByTestId('fast-table-saved').getByText('Added 3 contracts.').waitFor();
  assert.equal(await page.locator('[data-testid=contract-table] tbody tr').count(), 21);
  // One undo removes all three; adding them again is one edit too.
  await page.getByTestId('undo').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=contract-table] tbody tr').length === 18);
  await paste(table.getByRole('textbox', { name: 'Row 1 Client' }), lines);
  await page.getByTestId('fast-table-commit').filter({ hasText: 'Add 3 contracts' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=contract-table] tbody tr').length === 21);
  await visit(page, 'Dashboard');
  const after = await page.getByTestId('jss-score').textContent();
  assert.notEqual(after, before);
  assert.ok(Number.parseInt(after, 10) > 89, `JSS after: ${after}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a first-time user opens the table from the welcome screen and enters past contracts', async () => {
  const { page, context, errors } = await freshPage();
  await page.goto(`${server.origin}/`);
  await waitForApp(page);
  await page.getByRole('link', { name: 'Enter many in a table' }).click();
  const table = page.getByTestId('fast-table');
  await table.waitFor();
  await paste(
    table.getByRole('textbox', { name: 'Row 1 Client' }),
    'Northwind\tBrand refresh\tfixed\t2026-09-01\t2026-11-02\t2400\t5\tcompleted',
  );
  await page.getByTestId('fast-table-commit').filter({ hasText: 'Add 1 contract' }).click();
  await page.getByTestId('fast-table-saved').waitFor();
  assert.equal(await page.locator('[data-testid=contract-table] tbody tr').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a bad pasted row is reported in its cells and nothing is added', async () => {
  const { page, context } = await freshPage();
  await openDemo(page);
  await visit(page, 'Contracts');
  await page.getByTestId('toggle-table').click();
  const table = page.getByTestId('fast-table');
  await paste(table.getByRole('textbox', { name: 'Row 1 Client' }), 'Northwind\tX\tfixed\t2026-09-01\t2026-08-01\t10\t5\tcompleted\n\tY\tfixed\tyesterday\t\t\t\t');
  await page.getByTestId('fast-table-commit').click();
  const problems = await page.getByTestId('fast-table-problems').textContent();
  assert.match(problems, /Fix row 1 \(End\) and row 2 \(Client, Start\)/);
  const start = table.getByRole('textbox', { name: 'Row 2 Start' });
  assert.equal(await start.getAttribute('aria-invalid'), 'true');
  const described = await start.getAttribute('aria-describedby');
  assert.equal(await page.locator(`#${described}`).textContent(), 'enter a date written YYYY-MM-DD');
  assert.equal(await page.locator('[data-testid=contract-table] tbody tr').count(), 18);
  await context.close();
});

test('logging the same week twice is refused next to the control and adds nothing', async () => {
  const { page, context, errors } = await freshPage();
  await openDemo(page);
  await visit(page, 'Contracts');
  await openContract(page, 'k16');
  const detail = page.getByTestId('contract-detail');
  const timeline = detail.getByTestId('contract-timeline');
  const payments = () => timeline.locator('li', { hasText: 'payment' }).count();
  const before = await payments();
  await detail.getByTestId('log-week').fill('2026-11-18');
  await detail.getByTestId('log-hours').fill('8');
  await detail.getByTestId('log-hours-submit').click();
  await timeline.getByText('payment $440.00').waitFor();
  assert.equal(await payments(), before + 1);
  // The same week again, from another of its days: refused, in the log-hours group.
  await detail.getByTestId('log-week').fill('2026-11-20');
  await detail.getByTestId('log-hours').fill('3');
  await detail.getByTestId('log-hours-submit').click();
  // Refused at the week's field: marked invalid, and described by the reason.
  const week = detail.getByRole('group', { name: 'Log hours' }).getByTestId('log-week');
  assert.equal(await week.getAttribute('aria-invalid'), 'true');
  const described = await week.getAttribute('aria-describedby');
  assert.equal(
    await page.locator(`#${described}`).textContent(),
    'the week of Mon 16 Nov 2026 is already logged: $440.00 paid on Wed 2 Dec 2026. Change that payment with “Edit the facts”.',
  );
  assert.equal(await detail.getByTestId('log-hours').getAttribute('aria-invalid'), null);
  assert.equal(await payments(), before + 1);
  assert.equal(await timeline.getByText('payment $165.00').count(), 0);
  assert.equal(await page.getByTestId('undo').count(), 1);
  assert.match(await page.locator('.undo-bar').textContent(), /Logged 8 hours on “Inventory dashboard” for Northwind Traders/);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a pasted hourly row with a rate shows that rate in its detail panel', async () => {
  const { page, context, errors } = await freshPage();
  await openDemo(page);
  await visit(page, 'Contracts');
  await page.getByTestId('toggle-table').click();
  const table = page.getByTestId('fast-table');
  await paste(
    table.getByRole('textbox', { name: 'Row 1 Client' }),
    'Contoso\tAPI docs\thourly\t2026-08-03\t2026-11-09\t1800\t5\tcompleted\t65.50',
  );
  assert.equal(await table.getByRole('textbox', { name: 'Row 1 Rate $/hr' }).inputValue(), '65.50');
  await page.getByTestId('fast-table-commit').filter({ hasText: 'Add 1 contract' }).click();
  await page.getByTestId('fast-table-saved').waitFor();
  await openContract(page, 'k19');
  assert.equal(await page.getByTestId('contract-terms').textContent(), 'Hourly, $65.50/hr');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the undo bar survives a visit to the dashboard and still undoes', async () => {
  const { page, context, errors } = await freshPage();
  await openDemo(page);
  await visit(page, 'Contracts');
  await openContract(page, 'k01');
  await page.getByTestId('edit-contract').click();
  await page.getByTestId('edit-title').fill('Marketing site, second version');
  await page.getByTestId('edit-save').click();
  await page.getByRole('button', { name: 'Marketing site, second version', exact: true }).waitFor();
  // Through the site header's links, so the app is not reloaded.
  await visit(page, 'Dashboard');
  assert.equal(await page.getByTestId('undo').count(), 0);
  await visit(page, 'Contracts');
  assert.match(await page.locator('.undo-bar').textContent(), /Edited “Marketing site rebuild” for Acme Inc\./);
  await page.getByTestId('undo').click();
  await page.getByRole('button', { name: 'Marketing site rebuild', exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Marketing site, second version', exact: true }).count(), 0);
  assert.equal(await page.getByTestId('undo').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [width, height] of [[390, 844], [1280, 900]]) {
  test(`axe finds no violations with every contracts panel open at ${width} px`, async () => {
    const { page, context, errors } = await freshPage({ width, height });
    await openDemo(page);
    await visit(page, 'Contracts');
    await page.getByTestId('toggle-add').click();
    await page.getByTestId('toggle-table').click();
    await paste(page.getByTestId('fast-table').getByRole('textbox', { name: 'Row 1 Client' }), '\tX\tweekly\t\t\t\t\t');
    await page.getByTestId('fast-table-commit').click();
    await page.getByTestId('fast-table-problems').waitFor();
    await openContract(page, 'k18');
    await page.getByTestId('edit-contract').click();
    await page.getByTestId('edit-form').waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, `contracts-panels-${width}`);
    // The hourly panel too: log hours and the disabled, explained dispute/pause/resume.
    await openContract(page, 'k16');
    await page.getByTestId('log-hours').waitFor();
    assert.match(await page.getByTestId('not-stored').textContent(), /Not stored/);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
