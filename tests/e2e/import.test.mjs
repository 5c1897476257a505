// Import from Upwork CSV (issue 9.3, e2e 9.6) on the release build, with the browser clock fixed
// at 2024-07-15: pick an export, read the report, answer the unknowns for two contracts and
// watch the JSS preview change, confirm, and find the score on the dashboard. Also: skipped
// rows are listed with file and line, and the page has no axe violations at 390 px. And the
// corrections journey: the same work in two formats is flagged and one copy left out, two
// rows are merged, one is split at a date, refusals are explained inline, and the result is
// confirmed and scored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { root, newPage, waitForApp, axeViolations, screenshot, server, browser, useServerAndBrowser } from './harness.mjs';

useServerAndBrowser();

const TODAY = new Date('2024-07-15T12:00:00Z');
const FIXTURES = path.join(root, 'crates', 'engine', 'tests', 'fixtures', 'csv');
const STATEMENTS = 'statements_2024-05-01_2024-06-09.csv';
const JUNE = 'statements_2024-06-01_2024-06-30.csv';
const WEEKLY = 'weekly_bluepine_2024.csv';
const RAISED = 'bluepine-labs-ltd-hourly-20-00';
const WEEKLY_COPY = '40555111';
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

/** The score line once it shows a percentage different from `before`. */
async function scoreChange(page, before) {
  await page.waitForFunction((b) => {
    const text = document.querySelector('[data-testid=csv-score]').textContent;
    return /JSS with these answers: \d+%/.test(text) && text !== b;
  }, before);
  return page.getByTestId('csv-score').textContent();
}

test('corrections: an overlap is left out, two rows merged, one split, then confirmed', async () => {
  const { page, context, errors, foreignRequests } = await openImport();
  await page.getByTestId('csv-input').setInputFiles([fixture(STATEMENTS), fixture(JUNE), fixture(WEEKLY)]);
  await page.getByTestId('csv-review').waitFor();
  const rows = page.locator('[data-testid=csv-review] tbody tr');
  assert.equal(await rows.count(), 4);

  // The weekly summary and the legacy history hold the same two hourly weeks.
  const overlap = await page.getByTestId('csv-overlap').textContent();
  assert.match(overlap, new RegExp(`${WEEKLY_COPY}.*weekly summary.*${HOURLY}.*same 2 payments, \\$438\\.00`));
  assert.match(overlap, /count this money twice/);
  assert.deepEqual(await axeViolations(page), []);
  await page.getByTestId(`csv-overlap-skip-${WEEKLY_COPY}`).click();
  await page.getByTestId('csv-overlaps').waitFor({ state: 'detached' });
  assert.ok(await page.getByTestId(`csv-skip-${WEEKLY_COPY}`).isChecked());

  // A refused merge says why, in words, and changes nothing.
  await page.getByTestId(`csv-select-${HOURLY}`).check();
  await page.getByTestId('csv-merge').click();
  assert.match(await page.getByTestId('csv-merge-error').textContent(), /^Choose at least two contracts to merge \(1 chosen\)\.$/);
  await page.getByTestId(`csv-select-${FIXED}`).check();
  await page.getByTestId('csv-merge').click();
  assert.match(await page.getByTestId('csv-merge-error').textContent(), /is hourly and contract .* is fixed-price/);
  assert.equal(await rows.count(), 4);
  await page.getByTestId(`csv-select-${FIXED}`).uncheck();

  // The rate raise the importer split in two is one contract: merge it, keeping an answer
  // given before the merge.
  await page.getByTestId(`csv-status-${HOURLY}`).selectOption('ended');
  await page.getByTestId(`csv-select-${RAISED}`).check();
  await page.getByTestId('csv-keep').selectOption(HOURLY);
  await page.getByTestId('csv-merge').click();
  await page.getByTestId(`csv-row-${RAISED}`).waitFor({ state: 'detached' });
  assert.equal(await rows.count(), 3);
  assert.match(await page.getByTestId('csv-review-status').textContent(), new RegExp(`Merged 2 contracts into ${HOURLY}`));
  assert.equal(await page.getByTestId(`csv-status-${HOURLY}`).inputValue(), 'ended');
  assert.equal(await page.getByTestId(`csv-end-${HOURLY}`).inputValue(), '2024-06-10');
  assert.match(await page.getByTestId(`csv-row-${HOURLY}`).textContent(), /\$548\.00/);

  // Answer everything: a score appears.
  await answerEnded(page, FIXED, '5');
  await answerEnded(page, HOURLY, '5');
  const whole = await scoreChange(page, '');

  // Split the fixed-price contract: first a date outside it (refused inside the row), then
  // one inside. The new part is unanswered, so the preview waits for it.
  await page.getByTestId(`csv-split-open-${FIXED}`).click();
  await page.getByTestId(`csv-split-date-${FIXED}`).fill('2024-07-01');
  await page.getByTestId(`csv-split-${FIXED}`).click();
  assert.match(await page.getByTestId(`csv-split-error-${FIXED}`).textContent(), /no payment on or after Mon 1 Jul 2024, so the second part would be empty/);
  assert.deepEqual(await axeViolations(page), []);
  await page.getByTestId(`csv-split-date-${FIXED}`).fill('2024-06-01');
  await page.getByTestId(`csv-split-${FIXED}`).click();
  const part = `${FIXED}-from-2024-06-01`;
  await page.getByTestId(`csv-row-${part}`).waitFor();
  assert.equal(await rows.count(), 4);
  assert.match(await page.getByTestId('csv-score').textContent(), /no score yet/);
  assert.match(await page.getByTestId('csv-problems').textContent(), new RegExp(`${part}.*open or ended`));
  // The first part kept its answers; the second gets its own.
  assert.equal(await page.getByTestId(`csv-status-${FIXED}`).inputValue(), 'ended');
  await answerEnded(page, part, '2');
  const split = await scoreChange(page, whole);
  assert.notEqual(split, whole);
  assert.equal(await page.locator('.needs-answer').count(), 0);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'import-corrections-1280');

  await page.getByTestId('csv-confirm').click();
  await page.getByTestId('csv-done').waitFor();
  assert.match(await page.getByTestId('csv-done').textContent(), /3 imported contracts/);
  await page.getByRole('link', { name: 'Open the dashboard' }).click();
  await page.getByTestId('jss-score').waitFor();
  assert.equal(`JSS with these answers: ${await page.getByTestId('jss-score').textContent()}`, split.trim());
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(), []);
  await context.close();
});
