// The simulator in the browser: run the presets on the demo, re-run with the same seed and get
// the same table, cancel a long run midway, and check with a long-task observer that no task
// blocks the page for more than 100 ms during a 10,000-trial run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, waitForApp, axeViolations, screenshot } from './harness.mjs';

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function demoSimulator(opts) {
  const p = await newPage(browser, server.origin, opts);
  await p.context.clock.setFixedTime(new Date('2026-11-27T12:00:00Z'));
  await p.page.goto(`${server.origin}/`);
  await waitForApp(p.page);
  await p.page.getByTestId('load-demo').click();
  await p.page.getByRole('link', { name: 'Simulator' }).click();
  await p.page.getByTestId('run').waitFor();
  return p;
}

async function runAndRead(page) {
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
  });
  const first = await runAndRead(page);
  const longTasks = await page.evaluate(() => window.__longTasks);
  assert.ok(longTasks.every((d) => d <= 100), `long tasks over 100 ms: ${longTasks.join(', ')}`);
  assert.match(first, /Close all now/);
  assert.match(first, /Leave open/);
  assert.match(await page.getByTestId('recommendation').textContent(), /Recommended: /);
  assert.match(await page.getByTestId('run-summary').textContent(), /10000 trials per strategy, seed 1/);
  assert.ok((await page.locator('.fan-chart svg').count()) >= 4);
  const second = await runAndRead(page);
  assert.equal(second, first, 'same seed, same table');
  await page.getByTestId('new-seed').click();
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
  assert.match(steps, /Fri 27 Nov 2026: End k16/);
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
  await page.getByTestId('trials').fill('2000');
  const first = await runAndRead(page);
  await page.waitForTimeout(600); // the save is debounced by 300 ms
  await page.reload();
  await waitForApp(page);
  await page.getByText('Computed in').waitFor({ timeout: 60000 });
  assert.equal(await page.getByTestId('trials').inputValue(), '2000');
  assert.equal(await page.getByTestId('sim-table').textContent(), first);
  await context.close();
});

test('a long run shows progress and can be cancelled midway', async () => {
  const { page, context } = await demoSimulator();
  await page.getByTestId('trials').fill('1000000');
  await page.getByTestId('horizon').fill('104');
  await page.getByTestId('run').click();
  await page.getByTestId('progress').waitFor({ timeout: 20000 });
  await page.getByTestId('cancel').click();
  await page.getByTestId('run').waitFor();
  assert.equal(await page.getByTestId('cancel').count(), 0);
  assert.equal(await page.getByTestId('progress').count(), 0);
  const summary = await page.getByTestId('results').textContent();
  assert.match(summary, /Results so far/);
  await context.close();
});

test('the target solver answers in contracts', async () => {
  const { page, context } = await demoSimulator({ width: 390, height: 844 });
  await page.getByTestId('solve').click();
  const answer = await page.getByTestId('target-answer').textContent();
  assert.match(answer, /contract|Nothing to do|Not reachable/);
  await screenshot(page, 'simulator-390');
  await context.close();
});
