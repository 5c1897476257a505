// The large-history benchmark (issue 18): in headless Chromium on the release build in dist/,
// imports 1,000, 10,000 and 50,000 generated contracts (scripts/history.mjs), reloads, opens
// every page, sorts, filters and types in the contract search, and prints for each step the
// longest task on the main thread (Long Tasks API: tasks over 50 ms; "<50" when there was none)
// and the slowest interaction's time to the next paint (Event Timing API), plus the saved size.
//
// A benchmark, not a test: it asserts nothing about time. `cargo xtask bench` runs it;
// `node scripts/large-bench.mjs [counts…]` works too after `trunk build --release`.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { history } from './history.mjs';
import { startServer, launchBrowser } from '../tests/e2e/harness.mjs';

const COUNTS = process.argv.slice(2).map(Number).filter(Boolean);
const counts = COUNTS.length ? COUNTS : [1_000, 10_000, 50_000];
const LONG = 180_000;

/** Records long tasks and slow interactions from the start of each document. */
function observe() {
  window.__tasks = [];
  window.__events = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__tasks.push({ at: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.interactionId) window.__events.push({ at: e.startTime, ms: e.duration });
  }).observe({ type: 'event', buffered: true, durationThreshold: 16 });
}

/**
 * Runs `action` and returns its wall time with the longest task and slowest interaction in it.
 * An action that loads a new document counts from that document's start.
 */
async function measure(page, action, { newDocument = false } = {}) {
  const since = newDocument ? 0 : await page.evaluate(() => performance.now());
  const started = Date.now();
  await action();
  // Let the last paint and any task queued by the action land before reading.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  const wallMs = Date.now() - started;
  const { task, event } = await page.evaluate((t0) => ({
    task: Math.max(0, ...window.__tasks.filter((e) => e.at >= t0).map((e) => e.ms)),
    event: Math.max(0, ...window.__events.filter((e) => e.at >= t0).map((e) => e.ms)),
  }), since);
  return { wallMs, task, event };
}

async function run(browser, origin, n) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(observe);
  const page = await context.newPage();
  page.setDefaultTimeout(LONG);
  const rows = [];
  const step = async (name, action, options) => rows.push({ name, ...(await measure(page, action, options)) });
  await page.goto(`${origin}/`);
  await page.locator('body > .app [data-testid="import-input"]').waitFor({ state: 'attached' });
  // Handed over as a file on disk, as a person's file picker does: a buffer would be copied
  // into the page by script, a long task of the benchmark's own that is not the app's.
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'jss-large-')), 'history.json');
  await writeFile(file, JSON.stringify(history(n)));
  await step('import and show the dashboard', async () => {
    await page.getByTestId('import-input').setInputFiles(file);
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('jss-score').waitFor();
  });
  await page.waitForFunction(() => (localStorage.getItem('jss-lab.state') ?? '').includes('"checksum"'));
  // Saves are debounced; wait until the stored text stops changing.
  let saved = 0;
  for (;;) {
    await page.waitForTimeout(1000);
    const now = await page.evaluate(() => (localStorage.getItem('jss-lab.state') ?? '').length);
    if (now === saved) break;
    saved = now;
  }
  await step('reload to the dashboard', async () => {
    await page.reload();
    await page.getByTestId('jss-score').waitFor();
  }, { newDocument: true });
  const nav = (name) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
  for (const name of ['Contracts', 'JSS explained', 'Money calendar', 'Simulator', 'Settings', 'Dashboard']) {
    await step(`open ${name}`, async () => {
      await nav(name).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await page.locator('main').waitFor();
    });
  }
  await nav('Contracts').click();
  await page.getByTestId('contract-table').waitFor();
  await step('sort contracts (oldest first)', () => page.getByLabel('Sort by').selectOption('start_asc'));
  await step('filter contracts (ended)', () => page.getByTestId('filter').selectOption('ended'));
  await step('type "page 12" in the search', () => page.getByLabel('Search').pressSequentially('page 12', { delay: 30 }));
  await context.close();
  return { n, saved, rows };
}

const fmt = (ms) => (ms >= 50 ? `${Math.round(ms)}` : '<50');
const server = await startServer();
const browser = await launchBrowser();
try {
  const results = [];
  for (const n of counts) {
    console.log(`large-bench: ${n.toLocaleString('en-US')} contracts…`);
    results.push(await run(browser, server.origin, n));
  }
  console.log('\nLarge histories in headless Chromium (release build; ms; longest task "<50" = no long task)');
  console.log(`| step | ${results.map((r) => `${r.n.toLocaleString('en-US')}: longest task / slowest interaction / wall`).join(' | ')} |`);
  console.log(`|---|${results.map(() => '---').join('|')}|`);
  for (let i = 0; i < results[0].rows.length; i += 1) {
    const cells = results.map((r) => r.rows[i]).map((s) => `${fmt(s.task)} / ${s.event ? Math.round(s.event) : '–'} / ${s.wallMs}`);
    console.log(`| ${results[0].rows[i].name} | ${cells.join(' | ')} |`);
  }
  console.log(`| saved (characters) | ${results.map((r) => r.saved.toLocaleString('en-US')).join(' | ')} |`);
} finally {
  await browser.close();
  await server.close();
}
