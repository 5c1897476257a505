// The simulator in the browser: the presets run on the demo as the page opens, a re-run with the
// same seed gives the same table, a long run can be cancelled midway, and a long-task observer
// sees no task blocking the page for more than 100 ms during a 10,000-future run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, waitForApp, axeViolations, screenshot, server, browser, useServerAndBrowser } from './harness.mjs';

useServerAndBrowser();

async function demoSimulator(opts) {
  const p = await newPage(browser, server.origin, opts);
  await p.context.clock.setFixedTime(new Date('2026-11-27T12:00:00Z'));
  await p.page.goto(`${server.origin}/`);
  await waitForApp(p.page);
  await p.page.getByTestId('load-demo').click();
  await p.page.getByRole('link', { name: 'Simulator' }).click();
  // The page runs the presets as it opens.
  await p.page.getByText('Computed in').waitFor({ timeout: 60000 });
  return p;
}

/** Opens the advanced section (number of futures, seed, run buttons) if it is closed. */
async function openAdvanced(page) {
  if (!(await page.getByTestId('advanced').evaluate((d) => d.open))) {
    await page.getByTestId('advanced').locator('summary').click();
  }
}

async function runAndRead(page) {
  await openAdvanced(page);
  await page.getByTestId('run').click();
  await page.getByText('Computed in').waitFor({ timeout: 60000 });
  return page.getByTestId('sim-table').textContent();
}

test('the presets run on the demo, with a recommendation and the same table for the same seed', async () => {
  const { page, context, errors } = await demoSimulator();
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
    // Whether the progress bar ever appears during the run.
    window.__progressSeen = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="progress"]')) window.__progressSeen = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  const first = await runAndRead(page);
  const longTasks = await page.evaluate(() => window.__longTasks);
  assert.ok(longTasks.every((d) => d <= 100), `long tasks over 100 ms: ${longTasks.join(', ')}`);
  // A run under a second shows no progress bar at all (a slower machine may take longer, and
  // then the bar is right to show).
  const tookMs = Number((await page.getByTestId('run-summary').textContent()).match(/Computed in (\d+) ms/)?.[1]);
  assert.ok(Number.isFinite(tookMs), 'the run says how long it took');
  if (tookMs < 1000) {
    assert.equal(await page.evaluate(() => window.__progressSeen), false, `a ${tookMs} ms run showed a progress bar`);
  }
  assert.match(first, /Close all now/);
  assert.match(first, /Leave open/);
  assert.match(await page.getByTestId('decision-headline').textContent(), /^Equally good: /);
  assert.match(await page.getByTestId('recommendation').textContent(), /Why\? The rules behind the ranking/);
  assert.match(await page.getByTestId('run-summary').textContent(), /10,000 simulated futures per strategy, seed 1/);
  // One chart for every strategy: a line each, named in its legend; the axis starts today and
  // names the year of January.
  assert.equal(await page.locator('.strategy-chart .chart-holder polyline').count(), 5);
  assert.match(await page.locator('.chart-legend').textContent(), /Close all now.*Leave open/);
  assert.match(await page.locator('.strategy-chart .chart-holder svg').textContent(), /Jan 2027.*today/);
  assert.equal((await page.getByTestId('run').textContent()).trim(), 'Run again with this seed');
  const second = await runAndRead(page);
  assert.equal(second, first, 'same seed, same table');
  await page.getByTestId('new-seed').click();
  await page.getByTestId('seed').filter({ hasNotText: /^Seed 1$/ }).waitFor();
  await page.getByText('Computed in').waitFor({ timeout: 60000 });
  assert.doesNotMatch(await page.getByTestId('seed').textContent(), /^Seed 1$/);
  assert.deepEqual(errors, []);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'simulator-results-1280');
  await context.close();
});

test('the chosen strategy becomes a dated plan and an .ics download', async () => {
  const { page, context } = await demoSimulator();
  await runAndRead(page);
  const steps = await page.getByTestId('plan-steps').textContent();
  assert.match(steps, /Fri 27 Nov 2026: End “Inventory dashboard”/);
  // The message to the client names the contract as the client knows it.
  assert.match(steps, /I haven't heard from you on “Inventory dashboard” for a while/);
  await page.getByTestId('plan-strategy').selectOption('Stagger 14 days');
  await page.getByTestId('plan-steps').getByText(/Fri 11 Dec 2026/).first().waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-ics').click()]);
  assert.equal(download.suggestedFilename(), 'jss-lab-plan.ics');
  const stream = await download.createReadStream();
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  const ics = Buffer.concat(chunks).toString('utf8');
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.match(ics, /DTSTART;VALUE=DATE:20261127/);
  assert.match(ics, /DTSTART;VALUE=DATE:20261211/);
  assert.equal((ics.match(/BEGIN:VEVENT/g) ?? []).length >= 2, true);
  await context.close();
});

test('a saved run is recomputed from its inputs and seed after a reload', async () => {
  const { page, context } = await demoSimulator();
  await openAdvanced(page);
  await page.getByTestId('trials').fill('2000');
  const first = await runAndRead(page);
  await page.waitForTimeout(600); // the save is debounced by 300 ms
  await page.reload();
  await waitForApp(page);
  await page.getByText('Computed in').waitFor({ timeout: 60000 });
  await openAdvanced(page);
  assert.equal(await page.getByTestId('trials').inputValue(), '2000');
  assert.equal(await page.getByTestId('sim-table').textContent(), first);
  await context.close();
});

test('a long run shows progress and can be cancelled midway', async () => {
  const { page, context } = await demoSimulator();
  // The most trials the engine allows: long enough to still be running after a second on a
  // fast machine, so the progress bar shows.
  await page.getByTestId('horizon').fill('104');
  await openAdvanced(page);
  await page.getByTestId('trials').fill('10000000');
  await page.getByTestId('run').click();
  await page.getByTestId('progress').waitFor({ timeout: 20000 });
  await page.getByTestId('cancel').click();
  await page.getByTestId('run').waitFor();
  assert.equal(await page.getByTestId('cancel').count(), 0);
  assert.equal(await page.getByTestId('progress').count(), 0);
  const summary = await page.getByTestId('results').textContent();
  assert.match(summary, /The answer so far/);
  await context.close();
});

test('a chosen contract that has since ended drops out of the run instead of failing it', async () => {
  const { page, context, errors } = await demoSimulator();
  // Choose k16 and k17 explicitly (a change saves the choice and runs), then end k16 on the
  // contracts page.
  await page.getByTestId('pick-k17').uncheck();
  await page.getByTestId('pick-k17').check();
  await page.getByText('Computed in').waitFor({ timeout: 60000 });
  await page.getByRole('link', { name: 'Contracts' }).click();
  await page.getByRole('button', { name: 'Inventory dashboard', exact: true }).click();
  await page.getByTestId('end-now').click();
  await page.getByRole('link', { name: 'Simulator' }).click();
  await page.getByText('Computed in').waitFor({ timeout: 60000 });
  const table = await page.getByTestId('sim-table').textContent();
  assert.equal(await page.locator('p.error').count(), 0, 'no error');
  assert.match(table, /Close all now/);
  assert.match(await page.getByTestId('run-notes').textContent(), /“Inventory dashboard” has ended since you chose it, so it is left out\./);
  // The run decided about k17 alone: k16 has ended and k18 was not chosen.
  const plan = await page.getByTestId('plan-steps').textContent();
  assert.match(plan, /API integration/);
  assert.doesNotMatch(plan, /Inventory dashboard|Analytics report templates/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the target solver answers in contracts', async () => {
  const { page, context } = await demoSimulator({ width: 390, height: 844 });
  await page.getByTestId('solve').click();
  const answer = await page.getByTestId('target-answer').textContent();
  assert.match(answer, /contract|Nothing to do|Not reachable/);
  // The setup forms (a long option in a strategy step, say) must not push the page sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  await screenshot(page, 'simulator-390');
  await context.close();
});

test('a custom strategy with planned work and its own client behaviour runs, survives a reload and repeats with the same seed', async () => {
  const { page, context, errors } = await demoSimulator();
  await openAdvanced(page);
  await page.getByTestId('trials').fill('2000');

  // Planned work: two $500 jobs rated 5★, two weeks apart.
  await page.getByTestId('planned-count').fill('2');
  await page.getByTestId('planned-size').fill('$400');
  await page.getByTestId('planned-stars').fill('5');
  await page.getByTestId('planned-start').fill('2026-11-20');
  await page.getByTestId('add-planned').click();
  assert.match(await page.getByTestId('planned-problems').textContent(), /starts on Fri 20 Nov 2026, before today \(Fri 27 Nov 2026\)/);
  await page.getByTestId('planned-start').fill('2026-11-30');
  await page.getByTestId('add-planned').click();
  await page.getByTestId('planned-list').getByText(/2 jobs of \$400/).waitFor();
  // Edited in place: the line goes back into the form and is saved over itself.
  await page.getByRole('button', { name: 'Edit job1' }).click();
  assert.equal(await page.getByTestId('planned-count').inputValue(), '2');
  await page.getByTestId('planned-size').fill('500');
  await page.getByRole('button', { name: 'Save the work' }).click();
  await page.getByTestId('planned-list').getByText(/2 jobs of \$500, 28 days each, rated 5\.0★, from Mon 30 Nov 2026, one every 14 days/).waitFor();
  assert.equal(await page.getByTestId('planned-problems').count(), 0);
  assert.equal(await page.getByTestId('planned-list').locator('li').count(), 1);

  // The custom strategy: end k16 now, k17 in 6 weeks. Problems first, in words, inline.
  await page.getByTestId('step-kind-k16').selectOption('now');
  await page.getByTestId('step-kind-k17').selectOption('weeks');
  await page.getByTestId('step-weeks-k17').fill('6');
  await page.getByTestId('step-kind-k16').selectOption('date');
  await page.getByTestId('step-date-k16').fill('2026-11-01');
  await page.getByTestId('add-custom').click();
  const problems = await page.getByTestId('custom-problems').textContent();
  assert.match(problems, /Give the strategy a name\./);
  assert.match(problems, /The date for “Inventory dashboard” \(Sun 1 Nov 2026\) is before today \(Fri 27 Nov 2026\)\./);
  await page.getByTestId('custom-name').fill('Close all now');
  await page.getByTestId('step-kind-k16').selectOption('now');
  await page.getByTestId('add-custom').click();
  assert.match(await page.getByTestId('custom-problems').textContent(), /There is already a strategy called “Close all now”/);
  await page.getByTestId('custom-name').fill('k16 now, k17 in 6 weeks');
  await page.getByTestId('add-custom').click();
  await page.getByTestId('custom-list').locator('strong', { hasText: 'k16 now, k17 in 6 weeks' }).waitFor();
  assert.match(await page.getByTestId('custom-list').textContent(), /end “Inventory dashboard” today, end “API integration” in 6 weeks \(Fri 8 Jan 2027\)/);
  assert.equal(await page.getByTestId('custom-problems').count(), 0);
  await page.getByRole('button', { name: 'Edit k16 now, k17 in 6 weeks' }).click();
  assert.equal(await page.getByTestId('step-weeks-k17').inputValue(), '6');
  await page.getByRole('button', { name: 'Save the strategy' }).click();
  assert.equal(await page.getByTestId('custom-list').locator('li').count(), 1);

  // k17's client is happy, and comes back 80% of the time rather than the preset's 95%.
  await page.getByTestId('behaviour-k17').selectOption('happy');
  assert.equal(await page.getByTestId('returns-k17').inputValue(), '95');
  await page.getByTestId('returns-k17').fill('80');
  await page.getByTestId('returns-k17').blur();
  assert.equal(await page.getByTestId('behaviour-k16').inputValue(), 'same');

  const first = await runAndRead(page);
  assert.match(first, /k16 now, k17 in 6 weeks/);
  assert.match(first, /Close all now/);
  assert.match(await page.locator('.chart-legend').textContent(), /k16 now, k17 in 6 weeks/);
  await page.getByTestId('plan-strategy').selectOption('k16 now, k17 in 6 weeks');
  await page.getByTestId('plan-steps').getByText(/Fri 8 Jan 2027/).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'simulator-custom-1280');

  await page.waitForTimeout(600); // the save is debounced by 300 ms
  await page.reload();
  await waitForApp(page);
  await page.getByText('Computed in').waitFor({ timeout: 60000 });
  assert.match(await page.getByTestId('custom-list').textContent(), /k16 now, k17 in 6 weeks/);
  assert.match(await page.getByTestId('planned-list').textContent(), /2 jobs of \$500/);
  assert.equal(await page.getByTestId('behaviour-k17').inputValue(), 'happy');
  assert.equal(await page.getByTestId('returns-k17').inputValue(), '80');
  assert.equal(await page.getByTestId('sim-table').textContent(), first, 'same inputs and seed, same table');

  // Removing the strategy takes its row out of the next run.
  await page.getByTestId('remove-custom').click();
  assert.doesNotMatch(await runAndRead(page), /k16 now, k17 in 6 weeks/);
  assert.deepEqual(errors, []);
  await context.close();
});
