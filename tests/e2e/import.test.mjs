// Import from Upwork CSV (issue 9.3, e2e 9.6) on the release build, with the browser clock fixed
// at 2024-07-15: pick an export, read the report, answer the unknowns for two contracts and
// watch the JSS preview change, confirm, and find the score on the dashboard. Also: skipped
// rows are listed with file and line, and the page has no axe violations at 390 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { root, startServer, launchBrowser, newPage, waitForApp, axeViolations, screenshot } from './harness.mjs';

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

const TODAY = new Date('2024-07-15T12:00:00Z');
const FIXTURES = path.join(root, 'crates', 'engine', 'tests', 'fixtures', 'csv');
const STATEMENTS = 'statements_2024-05-01_2024-06-09.csv';
const FIXED = 'northgate-media-landing-page-redesign';
const HOURLY = 'bluepine-labs-ltd-hourly-18-00';

function fixture(name) {
  return { name, mimeType: 'text/csv', buffer: fs.readFileSync(path.join(FIXTURES, name)) };
}

async function openImport(opts) {
  const p = await newPage(browser, server.origin, opts);
  await p.context.clock.setFixedTime(TODAY);
  await p.page.goto(`${server.origin}/import`);
  await waitForApp(p.page);
  return p;
}

async function answerEnded(page, id, stars) {
  await page.getByTestId(`csv-status-${id}`).selectOption('ended');
  await page.getByTestId(`csv-by-${id}`).selectOption('client');
  await page.getByTestId(`csv-reason-${id}`).selectOption('completed');
  await page.getByTestId(`csv-stars-${id}`).fill(stars);
}

test('an Upwork export is reviewed, previewed and imported, and the dashboard scores it', async () => {
  const { page, context, errors, foreignRequests } = await openImport();
  await page.getByTestId('csv-input').setInputFiles([fixture(STATEMENTS)]);
  await page.getByTestId('csv-review').waitFor();
  const summary = await page.getByTestId('csv-report-summary').textContent();
  assert.match(summary, /11 rows read; 5 rows used/);
  assert.match(await page.getByTestId('csv-report').textContent(), /2 service fees, 2 withdrawals, 1 Connects purchases, 1 taxes/);
  assert.equal(await page.locator('[data-testid=csv-review] tbody tr').count(), 2);
  // Nothing is answered yet: the unknowns are marked, and there is no score.
  assert.ok((await page.locator('.needs-answer').count()) >= 2);
  assert.match(await page.getByTestId('csv-score').textContent(), /no score yet/);
  assert.ok(await page.getByTestId('csv-confirm').isDisabled());
  // The end date defaults to the last payment.
  assert.equal(await page.getByTestId(`csv-end-${HOURLY}`).inputValue(), '2024-06-03');

  await answerEnded(page, FIXED, '5');
  // One contract answered, one not: the problems name the other one.
  assert.match(await page.getByTestId('csv-problems').textContent(), new RegExp(`${HOURLY}.*open or ended`));
  await answerEnded(page, HOURLY, '4.5');
  await page.waitForFunction(() => /JSS with these answers: \d+%/.test(document.querySelector('[data-testid=csv-score]').textContent));
  const first = await page.getByTestId('csv-score').textContent();
  // A worse rating for one of them changes the preview.
  await page.getByTestId(`csv-stars-${HOURLY}`).fill('2');
  await page.waitForFunction((before) => {
    const text = document.querySelector('[data-testid=csv-score]').textContent;
    return /JSS with these answers: \d+%/.test(text) && text !== before;
  }, first);
  assert.equal(await page.locator('.needs-answer').count(), 0);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'import-review-1280');

  // Nothing was stored before confirming.
  assert.equal(await page.evaluate(() => localStorage.getItem('jss-lab.state')), null);
  await page.getByTestId('csv-confirm').click();
  await page.getByTestId('csv-done').waitFor();
  await page.getByRole('link', { name: 'Open the dashboard' }).click();
  await page.getByTestId('jss-score').waitFor();
  assert.match(await page.getByTestId('jss-score').textContent(), /^\d+%$/);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(), []);
  await context.close();
});

test('skipped rows and unknown files are listed with file, line and why', async () => {
  const { page, context, errors } = await openImport();
  await page.getByTestId('csv-input').setInputFiles([fixture('bad_rows.csv'), fixture('unknown_header.csv')]);
  await page.getByTestId('csv-report').waitFor();
  const skipped = await page.getByTestId('csv-skipped').textContent();
  assert.match(skipped, /bad_rows\.csv, line \d+/);
  assert.match(skipped, /unknown_header\.csv, line 1/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the import page with a review table has no axe violations at 390 px', async () => {
  const { page, context, errors } = await openImport({ width: 390, height: 844 });
  await page.getByTestId('csv-input').setInputFiles([fixture('weekly_2024.csv'), fixture('weekly_2024_2025.csv')]);
  await page.getByTestId('csv-review').waitFor();
  // Weekly summaries name no client: the client is asked for.
  assert.ok(await page.getByTestId('csv-client-40123456').isVisible());
  assert.deepEqual(await axeViolations(page), []);
  // The table scrolls inside its box; the page itself does not scroll sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page overflows by ${overflow}px`);
  await screenshot(page, 'import-review-390');
  assert.deepEqual(errors, []);
  await context.close();
});
