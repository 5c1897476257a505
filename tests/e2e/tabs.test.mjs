// Two tabs of the release build editing at once: two pages of one browser context, which share
// localStorage exactly as two tabs of one browser do. Every test ends by reloading both tabs and
// reading storage, so "both edits survive" means saved, not only shown.
//
// A tab that misses another tab's save (a background tab whose `storage` event comes late) is
// simulated by holding the event back from the app in that page: the app then learns of the
// newer save only when it saves itself, which is the stale-tab path under test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { newPage, waitForApp, axeViolations, server, browser, useServerAndBrowser } from './harness.mjs';

const STATE = 'jss-lab.state';
const BACKUP = 'jss-lab.state.backup';
const TODAY = new Date('2026-11-27T12:00:00Z');
const DEMO_CONTRACTS = 18;

useServerAndBrowser();

/** Tab A with the demo loaded and saved, and tab B opened afterwards on the contracts page. */
async function twoTabs() {
  const { context, page: a, errors } = await newPage(browser, server.origin);
  await context.clock.setFixedTime(TODAY);
  await a.goto(`${server.origin}/`);
  await waitForApp(a);
  await a.getByTestId('load-demo').click();
  await a.getByTestId('jss-score').waitFor();
  await a.waitForFunction((key) => localStorage.getItem(key) !== null, STATE);
  const b = await context.newPage();
  await b.addInitScript(gateStorageEvents);
  b.on('pageerror', (e) => errors.push(`B: ${e}`));
  b.on('console', (m) => {
    if (m.type() === 'error') errors.push(`B: ${m.text()}`);
  });
  for (const page of [a, b]) {
    await page.goto(`${server.origin}/contracts?new=1`);
    await waitForApp(page);
    await waitForRows(page, DEMO_CONTRACTS);
  }
  return { context, a, b, errors };
}

/**
 * Runs in tab B before the app: wraps every `storage` listener the app adds so that the test
 * can hold the events back (`window.__deaf`). A capturing listener that stops the event does
 * not work here, because Chromium runs the listeners on `window` in the order they were added.
 */
function gateStorageEvents() {
  window.__deaf = false;
  const add = window.addEventListener;
  window.addEventListener = function addEventListener(type, listener, options) {
    const gated = type === 'storage' ? (event) => window.__deaf || listener.call(this, event) : listener;
    return add.call(this, type, gated, options);
  };
}

/** Makes tab B miss other tabs' saves, as a tab whose `storage` event is late would. */
async function deafen(page) {
  await page.evaluate(() => {
    window.__deaf = true;
  });
}

async function waitForRows(page, count) {
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid=contract-table] tbody tr').length === n,
    count,
  );
}

async function tableText(page) {
  return page.getByTestId('contract-table').textContent();
}

async function fillContract(page, client, title) {
  await page.getByTestId('add-client').fill(client);
  await page.getByTestId('add-title').fill(title);
  await page.getByTestId('add-start').fill('2026-10-01');
  await page.getByTestId('add-milestone-amount').fill('1500');
  await page.getByTestId('add-ended').check();
  await page.getByTestId('add-end').fill('2026-11-20');
  await page.getByTestId('add-stars').fill('5.0');
}

/** The saved envelope's revision and scenario contracts. */
async function stored(page, key = STATE) {
  const raw = await page.evaluate((k) => localStorage.getItem(k), key);
  const envelope = JSON.parse(raw);
  return { revision: envelope.revision, contracts: envelope.payload.scenario.contracts, clients: envelope.payload.scenario.clients };
}

const titles = (contracts) => contracts.map((c) => c.title).filter(Boolean);

/** Both tabs reloaded show `count` contracts including every title in `expected`. */
async function checkAfterReload(pages, count, expected) {
  for (const page of pages) {
    await page.reload();
    await waitForApp(page);
    await waitForRows(page, count);
    const text = await tableText(page);
    for (const title of expected) assert.ok(text.includes(title), `${title} is missing after a reload`);
  }
}

/** Waits for the debounce window several times over and checks nobody saved again. */
async function checkQuiet(page) {
  const { revision } = await stored(page);
  await page.waitForTimeout(1200);
  assert.equal((await stored(page)).revision, revision, 'the tabs keep saving back and forth');
}

test('two tabs add a contract at the same moment: both are saved and each tab shows the other live', async () => {
  const { context, a, b, errors } = await twoTabs();
  await fillContract(a, 'Alpha Tab', 'X from tab A');
  await fillContract(b, 'Beta Tab', 'Y from tab B');
  // Both edits are pending at once: each tab numbered its new contract k19 and its client alike.
  await Promise.all([a.getByTestId('add-submit').click(), b.getByTestId('add-submit').click()]);

  // Without a reload, each tab comes to show both contracts (the storage event and the merge).
  for (const page of [a, b]) {
    await waitForRows(page, DEMO_CONTRACTS + 2);
    const text = await tableText(page);
    assert.ok(text.includes('X from tab A') && text.includes('Y from tab B'), text);
    assert.ok(text.includes('Alpha Tab') && text.includes('Beta Tab'), text);
  }
  const saved = await stored(a);
  assert.ok(titles(saved.contracts).includes('X from tab A'));
  assert.ok(titles(saved.contracts).includes('Y from tab B'));
  const ids = saved.contracts.map((c) => c.id);
  assert.equal(new Set(ids).size, ids.length, `contract ids are unique: ${ids}`);
  assert.deepEqual(saved.contracts.slice(-2).map((c) => c.id).sort(), ['k19', 'k20']);
  const clientOf = (title) => saved.clients.find((c) => c.id === saved.contracts.find((k) => k.title === title).client).name;
  assert.equal(clientOf('X from tab A'), 'Alpha Tab');
  assert.equal(clientOf('Y from tab B'), 'Beta Tab');
  await checkQuiet(a);

  await checkAfterReload([a, b], DEMO_CONTRACTS + 2, ['X from tab A', 'Y from tab B']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a stale tab that missed the other save merges on its own save and says so', async () => {
  const { context, a, b, errors } = await twoTabs();
  await deafen(b);
  const before = (await stored(a)).revision;
  await fillContract(a, 'Alpha Tab', 'X from tab A');
  await a.getByTestId('add-submit').click();
  await a.waitForFunction((r) => JSON.parse(localStorage.getItem('jss-lab.state')).revision > r, before);
  // B did not hear of it: it still shows the demo alone.
  assert.equal(await b.locator('[data-testid=contract-table] tbody tr').count(), DEMO_CONTRACTS);
  assert.ok(!(await tableText(b)).includes('X from tab A'));

  await fillContract(b, 'Beta Tab', 'Y from tab B');
  await b.getByTestId('add-submit').click();
  // B's save found A's newer save, merged both and now shows both, with a polite notice.
  await waitForRows(b, DEMO_CONTRACTS + 2);
  const notice = b.getByRole('status').filter({ hasText: 'Changes from another tab were combined with yours.' });
  await notice.waitFor();
  assert.deepEqual(await axeViolations(b), []);
  // B's undo step was a snapshot from before the merge: undoing it would drop A's contract.
  assert.equal(await b.getByTestId('undo').count(), 0, 'undo is withdrawn after a merge');
  // A hears B's merged save and shows B's contract without a reload.
  await waitForRows(a, DEMO_CONTRACTS + 2);
  assert.ok((await tableText(a)).includes('Y from tab B'));
  assert.equal(await a.getByTestId('undo').count(), 0, 'undo is withdrawn after adopting another save');
  const saved = await stored(a);
  assert.ok(titles(saved.contracts).includes('X from tab A'), 'A\'s edit was lost to the stale tab');
  assert.ok(titles(saved.contracts).includes('Y from tab B'));
  assert.ok(titles((await stored(a, BACKUP)).contracts).includes('X from tab A'), 'A\'s save is the backup');
  await checkQuiet(a);

  await checkAfterReload([a, b], DEMO_CONTRACTS + 2, ['X from tab A', 'Y from tab B']);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Ends contract k18 today in `page`, by the client, for `reason`. */
async function endK18(page, reason) {
  await page.getByRole('button', { name: 'Analytics report templates', exact: true }).click();
  await page.getByTestId('contract-detail').waitFor();
  await page.getByTestId('end-by').selectOption('client');
  await page.getByTestId('end-reason').selectOption(reason);
  await page.getByTestId('end-now').click();
}

const k18Reason = async (page, key) => (await stored(page, key)).contracts.find((c) => c.id === 'k18').end?.reason;

/**
 * Two tabs end k18 differently: A as completed, saved; then B, which missed A's save, as not
 * completed. Returns the tabs and A's save.
 */
async function conflictingEnds() {
  const { context, a, b, errors } = await twoTabs();
  await deafen(b);
  const before = (await stored(a)).revision;
  await endK18(a, 'completed');
  await a.waitForFunction((r) => JSON.parse(localStorage.getItem('jss-lab.state')).revision > r, before);
  const aSaved = await stored(a);
  await endK18(b, 'not_completed');
  return { context, a, b, errors, aSaved };
}

test('both tabs change the same contract: the stale tab asks, and neither edit is lost', async () => {
  const { context, a, b, errors, aSaved } = await conflictingEnds();
  const banner = b.getByRole('alert').filter({ hasText: 'JSS Lab was changed in another tab.' });
  await banner.waitFor();
  assert.match(await banner.textContent(), /both tabs changed contract k18/);
  assert.deepEqual(await axeViolations(b), []);
  // Waiting past the debounce changes nothing: the stale tab never wrote over A's save.
  await b.waitForTimeout(600);
  assert.equal((await stored(a)).revision, aSaved.revision);
  assert.equal(await k18Reason(a), 'completed', 'A\'s edit was overwritten by the stale tab');

  // B's edit is still in memory: the export carries it.
  const [download] = await Promise.all([b.waitForEvent('download'), b.getByRole('button', { name: 'Export' }).click()]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.contracts.find((c) => c.id === 'k18').end.reason, 'not_completed');

  // Keeping B's version saves it and keeps A's as the backup; A follows live.
  await b.getByRole('button', { name: "Keep this tab's version" }).click();
  await b.locator('[data-testid=storage-banner]').waitFor({ state: 'detached' });
  assert.equal(await k18Reason(a), 'not_completed');
  assert.equal(await k18Reason(a, BACKUP), 'completed', 'A\'s version is kept as the backup');
  await a.waitForFunction(() => document.querySelector('[data-testid=contract-detail]').textContent.includes('(not completed)'));
  await checkQuiet(a);

  for (const page of [a, b]) {
    await page.reload();
    await waitForApp(page);
    await waitForRows(page, DEMO_CONTRACTS);
  }
  assert.equal(await k18Reason(b), 'not_completed');
  assert.deepEqual(errors, []);
  await context.close();
});

test('choosing the other tab\'s version shows it and keeps nothing stale pending', async () => {
  const { context, a, b, errors, aSaved } = await conflictingEnds();
  await b.getByRole('button', { name: "Use the other tab's version" }).click();
  await b.locator('[data-testid=storage-banner]').waitFor({ state: 'detached' });
  await b.waitForTimeout(600);
  assert.equal((await stored(a)).revision, aSaved.revision, 'B saved after choosing A\'s version');
  assert.equal(await k18Reason(a), 'completed');
  assert.deepEqual(errors, []);
  await context.close();
});
