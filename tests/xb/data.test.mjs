// Cross-browser journeys (Firefox ESR, WebKitGTK) of the user's data: a corrupt saved blob
// shows the recovery banner and is kept; two windows of one browser (which share storage as
// two tabs do) both keep their edits; a scenario file is previewed before it replaces anything;
// an Upwork CSV export is reviewed, answered and imported.
import assert from 'node:assert/strict';
import path from 'node:path';
import { root } from '../e2e/harness.mjs';
import { useBrowser } from './driver.mjs';
import { STATE, journey, openDemo, visit, stored, overflowX } from './app.mjs';

useBrowser();

const ROWS = '[data-testid=contract-table] tbody tr';
const CSV = path.join(root, 'crates', 'engine', 'tests', 'fixtures', 'csv');
const SCENARIO = path.join(root, 'crates', 'engine', 'tests', 'fixtures', 'format_example.json');

journey('a corrupt saved blob shows the recovery banner and is kept', async (tab) => {
  const raw = '{"schema_version": 1, "payload": {"scenario": ';
  await tab.goto('/');
  await tab.waitForApp();
  await tab.eval((k, v) => localStorage.setItem(k, v), STATE, raw);
  await tab.reload();
  await tab.waitForApp();
  await tab.waitForText('[role=alert]', 'Your saved data could not be read.');
  const copies = await tab.eval(() => Object.keys(localStorage).filter((k) => k.startsWith('jss-lab.quarantine.')).map((k) => localStorage.getItem(k)));
  assert.deepEqual(copies, [raw], 'one faithful copy is set aside');
  for (const page of ['Contracts', 'Simulator', 'Dashboard']) await visit(tab, page);
  // Past the save debounce (300 ms), the unreadable value is still there, untouched.
  await new Promise((r) => setTimeout(r, 800));
  assert.equal(await stored(tab), raw, 'the unreadable data was overwritten');
  assert.deepEqual(await tab.errors(), []);
});

async function addContract(tab, client, title) {
  await tab.fill('@add-client', client);
  await tab.fill('@add-title', title);
  // A fixed-price contract paid in one milestone, ended with five stars.
  await tab.date('@add-start', '2026-10-01');
  await tab.fill('@add-milestone-amount', '700');
  await tab.click('@add-ended');
  await tab.date('@add-end', '2026-11-20');
  await tab.fill('@add-stars', '5.0');
  await tab.click('@add-submit');
}

const rows = (tab) => tab.count(ROWS);
const tableHas = (tab, titles) =>
  tab.until((s, ts) => ts.every((t) => document.querySelector(s)?.textContent.includes(t)), ['[data-testid=contract-table]', titles], {
    message: `the table does not show ${titles.join(' and ')}`,
  });

/** Two windows of one browser each add a contract; both are shown live, saved and kept. */
async function twoTabs(a) {
  await openDemo(a);
  await a.until((k) => localStorage.getItem(k) !== null, [STATE]);
  await a.goto('/contracts?new=1');
  await a.waitForApp();
  await a.until((s) => document.querySelectorAll(s).length === 18, [ROWS]);
  const b = await a.openAnother();
  await b.goto('/contracts?new=1');
  await b.waitForApp();
  await b.until((s) => document.querySelectorAll(s).length === 18, [ROWS]);

  await addContract(a, 'Alpha Tab', 'X from tab A');
  await a.waitForText('@add-saved', 'Saved “X from tab A” for Alpha Tab.');
  // B hears A's save (the storage event) and shows it without a reload, then adds its own.
  await tableHas(b, ['X from tab A']);
  await addContract(b, 'Beta Tab', 'Y from tab B');
  await tableHas(b, ['X from tab A', 'Y from tab B']);
  await tableHas(a, ['X from tab A', 'Y from tab B']);
  await a.until((k) => ['X from tab A', 'Y from tab B'].every((t) => (localStorage.getItem(k) ?? '').includes(t)), [STATE]);
  for (const tab of [a, b]) {
    await tab.reload();
    await tab.waitForApp();
    await tableHas(tab, ['X from tab A', 'Y from tab B']);
    assert.equal(await rows(tab), 20);
    assert.deepEqual(await tab.errors(), []);
  }
}

journey('two tabs both keep their edits', twoTabs);

// Browsers before 2022 (Safari 15.3, Firefox 95) have no Web Locks: saves go unlocked and still
// merge by revision, so neither tab's edit is lost.
journey(
  'two tabs both keep their edits without Web Locks',
  async (a) => {
    await a.goto('/');
    await a.waitForApp();
    assert.equal(await a.eval(() => 'locks' in navigator), false, 'Web Locks were not taken away');
    await twoTabs(a);
  },
  { init: 'delete Navigator.prototype.locks;' },
);

journey('a scenario file is previewed and replaces the data only when confirmed', async (tab) => {
  await tab.goto('/');
  await tab.waitForApp();
  await tab.upload('@import-input', [SCENARIO]);
  assert.match(await tab.waitForText('@import-preview', /contracts/), /2 contracts \(1 open\) with 1 clients/);
  assert.equal(await stored(tab), null, 'nothing is stored before the confirmation');
  await tab.click('@import-confirm');
  await tab.find('@jss-score');
  await tab.until((k) => localStorage.getItem(k) !== null, [STATE]);
  assert.deepEqual(await tab.errors(), []);
});

journey(
  'an Upwork CSV export is reviewed, answered and imported',
  async (tab) => {
    await tab.goto('/import');
    await tab.waitForApp();
    await tab.upload('@csv-input', [path.join(CSV, 'statements_2024-05-01_2024-06-09.csv')]);
    await tab.find('@csv-review');
    assert.match(await tab.text('@csv-report-summary'), /11 rows read; 5 rows used/);
    assert.match(await tab.text('@csv-score'), /no score yet/);
    for (const [id, stars] of [
      ['northgate-media-landing-page-redesign', '5'],
      ['bluepine-labs-ltd-hourly-18-00', '4.5'],
    ]) {
      await tab.select(`@csv-status-${id}`, 'ended');
      await tab.select(`@csv-by-${id}`, 'client');
      await tab.select(`@csv-reason-${id}`, 'completed');
      await tab.fill(`@csv-stars-${id}`, stars);
    }
    const score = await tab.waitForText('@csv-score', /JSS with these answers: \d+%/);
    assert.ok((await overflowX(tab)) <= 0, 'the review page scrolls sideways');
    assert.equal(await stored(tab), null, 'nothing is stored before the confirmation');
    await tab.click('@csv-confirm');
    await tab.find('@csv-done');
    await tab.click('a', { text: 'Open the dashboard' });
    const jss = await tab.waitForText('@jss-score', /^\d+%$/);
    assert.equal(`JSS with these answers: ${jss}`, score.trim());
    assert.deepEqual(await tab.errors(), []);
  },
  { now: new Date('2024-07-15T12:00:00Z') },
);

// Records the decision card of a returning visitor's glimpse (public/boot.js, index.html) the
// moment the shell's inline script puts it in place, before the app replaces it.
const WATCH_GLIMPSE = `new MutationObserver(() => {
  const card = document.querySelector('[data-testid="glimpse"] [data-testid="decision-card"]');
  if (card && !window.__glimpseCard) window.__glimpseCard = card.outerHTML;
}).observe(document, { childList: true, subtree: true });`;

journey('a returning visitor first sees the glimpse of their dashboard, then the app draws the same', async (tab) => {
  await openDemo(tab);
  await tab.find('@decision-headline');
  await tab.until(() => localStorage.getItem('jss-lab.glimpse'), [], { message: 'no glimpse was kept' });
  await tab.reload();
  await tab.waitForApp();
  await tab.find('@decision-headline');
  const [glimpse, drawn] = await tab.eval(() => [window.__glimpseCard ?? null, document.querySelector('[data-testid="decision-card"]').outerHTML]);
  assert.ok(glimpse, 'the shell showed no glimpse');
  assert.equal(glimpse, drawn);
  assert.equal(await tab.count('#shell'), 0);
  assert.deepEqual(await tab.errors(), []);
}, { init: WATCH_GLIMPSE });
