// The decision layer as a person meets it: the answer on the dashboard of a phone without a
// click, the simulator's result as soon as it opens, a headline that does not move with the
// seed, money owed never traded away, a client's refund date, and no accessibility violations
// on any page in either theme.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, screenshot, server, freshPage, openDemo, waitForApp, useServerAndBrowser } from './harness.mjs';

useServerAndBrowser();

const PHONE = { width: 390, height: 844 };

test('on a phone, the demo dashboard shows the decision with a figure and a date above the fold within 3 s', async () => {
  const { page, context, errors, foreignRequests } = await freshPage(PHONE);
  await page.goto(`${server.origin}/`);
  await waitForApp(page);
  const started = Date.now();
  await page.getByTestId('load-demo').click();
  const headline = page.getByTestId('decision-headline');
  await headline.waitFor({ timeout: 3000 });
  const waitedMs = Date.now() - started;
  const text = await headline.textContent();
  // A figure (natural frequency) and a date, in words that name no contract id.
  assert.match(text, /\d+ of 100 simulated futures/);
  assert.match(text, /(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}/);
  assert.doesNotMatch(text, /\bk1\d\b/);
  // Above the fold: the whole sentence is inside the first screen.
  const box = await headline.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= PHONE.height, `headline at ${JSON.stringify(box)}`);
  // The card names the silent contracts and the milestone waiting for approval by title.
  const card = await page.getByTestId('decision-card').textContent();
  assert.match(card, /“Inventory dashboard” \(Northwind Traders, \d+ days\)/);
  assert.match(card, /“Analytics report templates” waits for approval by Lumen Analytics: it is released to you automatically on Fri 4 Dec 2026/);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(), []);
  await screenshot(page, 'decision-dashboard-390');
  console.log(`# decision shown ${waitedMs} ms after opening the demo`);
  await context.close();
});

test('a returning visitor sees the kept answer at once, without the simulator; changed inputs run it again', async () => {
  const { page, context, errors } = await freshPage(PHONE);
  await openDemo(page);
  const headline = page.getByTestId('decision-headline');
  await headline.waitFor({ timeout: 10000 });
  const answer = await headline.textContent();
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.reload();
  await waitForApp(page);
  await headline.waitFor({ timeout: 10000 });
  assert.equal(await headline.textContent(), answer);
  const simulator = (paths) => paths.filter((p) => /sim-worker|split_decision/.test(p));
  assert.deepEqual(simulator(requested), [], 'the kept answer needs neither the worker nor the advice module');
  // A key that no longer fits the inputs (as after any edit) runs the simulation again, and a
  // damaged cache is only a cache: both give the same answer.
  for (const kept of ['{"key":"0000000000000000","headline":"stale","risk":null,"alternatives":[],"assumptions":[]}', 'not json']) {
    await page.evaluate((text) => localStorage.setItem('jss-lab.advice', text), kept);
    requested.length = 0;
    await page.reload();
    await waitForApp(page);
    await headline.waitFor({ timeout: 10000 });
    assert.equal(await headline.textContent(), answer);
    assert.ok(simulator(requested).some((p) => p.includes('sim-worker')), `the worker ran again after ${kept}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('the simulator shows its answer without a click, results before the inputs', async () => {
  const { page, context, errors } = await freshPage(PHONE);
  await openDemo(page);
  await page.getByRole('link', { name: 'Compare every strategy' }).click();
  const headline = page.getByTestId('decision-headline');
  await headline.waitFor({ timeout: 10000 });
  await page.getByTestId('sim-table').waitFor();
  await page.getByTestId('strategy-chart').waitFor();
  const results = await page.getByTestId('results').boundingBox();
  const assumptions = await page.locator('#assumptions').boundingBox();
  assert.ok(results.y < assumptions.y, 'the answer comes before the assumptions');
  // The milestone awaiting approval is not among the contracts decided about by default.
  assert.equal(await page.getByTestId('pick-k18').isChecked(), false);
  assert.equal(await page.getByTestId('pick-k16').isChecked(), true);
  // Chart text stays readable on a phone.
  const smallest = await page.locator('.strategy-chart text').evaluateAll((els) =>
    Math.min(...els.map((e) => parseFloat(getComputedStyle(e).fontSize) * (e.getScreenCTM()?.a ?? 1))));
  assert.ok(smallest >= 12, `chart text ${smallest}px`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  assert.deepEqual(errors, []);
  await screenshot(page, 'decision-simulator-390');
  await context.close();
});

test('five seeds give the same headline on the demo', async () => {
  const { page, context } = await freshPage();
  await openDemo(page);
  await page.goto(`${server.origin}/simulator`);
  await waitForApp(page);
  const read = async () => {
    await page.getByText('Computed in').waitFor({ timeout: 30000 });
    return page.getByTestId('decision-headline').textContent();
  };
  const first = await read();
  const seeds = [await page.getByTestId('seed').textContent()];
  await page.getByTestId('advanced').locator('summary').click();
  for (let i = 0; i < 4; i += 1) {
    await page.getByTestId('new-seed').click();
    // Compared whole: `hasNotText` matches a part, so "Seed 1" hid every new seed starting
    // with a 1 (the test then timed out about one run in nine).
    await page.waitForFunction(
      (previous) => document.querySelector('[data-testid=seed]')?.textContent !== previous,
      seeds[seeds.length - 1],
    );
    seeds.push(await page.getByTestId('seed').textContent());
    assert.equal(await read(), first, `${seeds[seeds.length - 1]} changed the headline`);
  }
  assert.equal(new Set(seeds).size, 5, `five different seeds: ${seeds.join(', ')}`);
  assert.match(first, /^Equally good: /);
  await context.close();
});

test('a strategy that refunds submitted work is never recommended when another keeps it', async () => {
  const { page, context } = await freshPage();
  await openDemo(page);
  await page.goto(`${server.origin}/simulator`);
  await waitForApp(page);
  await page.getByText('Computed in').waitFor({ timeout: 30000 });
  // The person adds the milestone waiting for approval to the contracts in question.
  await page.getByTestId('pick-k18').check();
  await page.getByTestId('decision-headline').filter({ hasText: 'Analytics report templates' }).waitFor({ timeout: 30000 });
  const headline = await page.getByTestId('decision-headline').textContent();
  assert.match(headline, /No funded work goes back to a client, unlike ending them all now/);
  // Every strategy the headline recommends keeps the money; the one that refunds says so.
  const rows = await page.locator('[data-testid="sim-table"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({ best: tr.classList.contains('best'), text: tr.textContent })));
  for (const row of rows.filter((r) => r.best)) {
    assert.match(row.text, /Funded work back to clients\s*none|none/, row.text);
  }
  assert.ok(rows.some((r) => !r.best && /Close all now/.test(r.text)), 'closing all now is not among the best');
  assert.match(await page.getByTestId('decision-alternatives').textContent(), /Ending them all now: sends funded work back to the client in every simulated future \(up to \$800\.00\)/);
  await context.close();
});

test('a client finds the refund date from the first-run screen', async () => {
  const { page, context, errors } = await freshPage(PHONE);
  await page.goto(`${server.origin}/`);
  await waitForApp(page);
  await page.getByTestId('client-way-in').click();
  await page.getByRole('heading', { level: 1, name: 'When does my escrow come back?' }).waitFor();
  await page.getByTestId('refund-amount').fill('500');
  await page.getByTestId('refund-ended').fill('2026-11-25');
  const headline = await page.getByTestId('refund-headline').textContent();
  assert.match(headline, /Your \$500\.00 comes back to you on Wed 2 Dec 2026 if the freelancer does not answer/);
  assert.match(await page.getByTestId('refund-steps').textContent(), /reaches your card or bank/);
  // The freelancer disputed: the money stays in escrow and the client's deadline is named.
  await page.getByTestId('refund-disputed').check();
  await page.getByTestId('refund-answer-on').fill('2026-11-26');
  assert.match(await page.getByTestId('refund-headline').textContent(), /stays in escrow while the dispute runs: answer it by/);
  // A date before the end is refused at its field.
  await page.getByTestId('refund-answer-on').fill('2026-11-20');
  await page.locator('#refund-answer-error').waitFor();
  assert.equal(await page.getByTestId('refund-answer-on').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByTestId('refund-answer').count(), 0);
  // Nothing was stored: the first-run screen is still there.
  await page.goto(`${server.origin}/`);
  await waitForApp(page);
  await page.getByTestId('load-demo').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('no accessibility violations on any page, light and dark, with the demo loaded', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, context } = await freshPage();
    await page.emulateMedia({ colorScheme });
    await openDemo(page);
    for (const route of ['/', '/contracts', '/jss', '/calendar', '/simulator', '/settings', '/import', '/glossary', '/refund']) {
      await page.evaluate((r) => { history.pushState({}, '', r); window.dispatchEvent(new PopStateEvent('popstate')); }, route);
      await page.locator('h1').first().waitFor();
      if (route === '/' ) await page.getByTestId('decision-headline').waitFor({ timeout: 20000 });
      if (route === '/simulator') await page.getByText('Computed in').waitFor({ timeout: 30000 });
      if (route === '/refund') await page.getByTestId('refund-amount').fill('500');
      assert.deepEqual(await axeViolations(page), [], `${route} (${colorScheme})`);
    }
    await context.close();
  }
});
