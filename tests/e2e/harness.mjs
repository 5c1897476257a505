// Shared e2e harness: serves the release build (dist/) on an ephemeral 127.0.0.1 port with a
// single-page-app fallback, launches Debian's headless Chromium through playwright-core, and
// records every request so tests can prove the app talks to nothing but its own origin.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { CONTENT_TYPES } from '../../scripts/content-types.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');
export const dist = process.env.DIST ?? path.join(root, 'dist');
export const artifacts = path.join(here, 'artifacts');


/**
 * Serves dist/ (or `dir`) like a static host configured with an SPA fallback to index.html.
 * `onRequest` sees the path of every request the server receives. For the cross-browser
 * journeys (tests/xb/): `extra(url)` answers paths of the test's own (a `{ type, body }` or
 * nothing), and `html(text)` rewrites every HTML page served.
 */
export function startServer({ dir = dist, onRequest, extra, html } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    onRequest?.(url.pathname);
    const own = extra?.(url);
    if (own) {
      res.writeHead(200, { 'content-type': own.type, 'cache-control': 'no-store' });
      res.end(own.body);
      return;
    }
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir)) {
      res.writeHead(400).end();
      return;
    }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      // Paths with an extension are real files: a missing one is a 404. Others are app routes.
      file = path.extname(url.pathname) ? null : path.join(dir, 'index.html');
    }
    if (!file) {
      res.writeHead(404).end('not found');
      return;
    }
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    if (html && path.extname(file) === '.html') {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(html(fs.readFileSync(file, 'utf8')));
      return;
    }
    res.writeHead(200, { 'content-type': type });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      const close = () => {
        // Open keep-alive connections would keep a stopped server answering.
        server.closeAllConnections();
        return new Promise((r) => server.close(r));
      };
      resolve({ origin: `http://127.0.0.1:${port}`, close });
    });
  });
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh page (own storage) that records every request URL and every page error. */
// axe-core is injected as an inline script, which the app's Content-Security-Policy rightly
// blocks; pages bypass the CSP unless a test asks for it (security.test.mjs does).
export async function newPage(browser, origin, { width = 1280, height = 900, enforceCsp = false, serviceWorkers = 'allow' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, bypassCSP: !enforceCsp, serviceWorkers });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { context, page, requests, errors, foreignRequests: () => requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) };
}

/** Waits until the Leptos app has mounted (the static shell is then hidden). */
export async function waitForApp(page) {
  await page.waitForSelector('body > .app', { timeout: 20000 });
}

/**
 * Watches, from before the page's first script, how the app takes over from the static shell:
 * layout shifts, and frames that show the shell and the app at once, or the app without
 * `ready` (a selector inside it) drawn. `takeover(page)` reports what it saw.
 */
export async function watchTakeover(page, ready) {
  await page.addInitScript((ready) => {
    window.__shifts = [];
    new PerformanceObserver((l) => window.__shifts.push(...l.getEntries().filter((e) => !e.hadRecentInput).map((e) => e.value))).observe({ type: 'layout-shift', buffered: true });
    window.__halfBuilt = [];
    const watch = () => {
      const app = document.querySelector('body > .app');
      const shell = document.getElementById('shell');
      if (app && getComputedStyle(app).display !== 'none') {
        if (shell && getComputedStyle(shell).display !== 'none') window.__halfBuilt.push('the shell and the app at once');
        if (!app.querySelector(ready)) window.__halfBuilt.push(`the app without ${ready}`);
      }
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  }, ready);
}

/** What `watchTakeover` saw: the layout shift in all, and the half-built frames' kinds. */
export async function takeover(page) {
  return page.evaluate(() => ({ shifted: window.__shifts.reduce((a, b) => a + b, 0), halfBuilt: [...new Set(window.__halfBuilt)] }));
}

/** Runs axe-core on the page and returns its violations. */
export async function axeViolations(page) {
  await page.addScriptTag({ path: path.join(root, 'node_modules', 'axe-core', 'axe.min.js') });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  return result;
}

export async function screenshot(page, name) {
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/**
 * The server and browser of the current test file. Imports of these are live bindings, so a
 * test reads them after `useServerAndBrowser`'s `before` hook has set them (node:test runs each
 * file in its own process, so files never share them).
 */
export let server;
export let browser;

/** Serves dist/ and launches Chromium before the file's tests, and closes both after them. */
export function useServerAndBrowser() {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

/** The date the app journeys run on: the demo's numbers are known for it. */
export const DEMO_TODAY = new Date('2026-11-27T12:00:00Z');

/** A fresh browser context whose clock stands still at `DEMO_TODAY`. */
export async function freshPage(opts) {
  const p = await newPage(browser, server.origin, opts);
  await p.context.clock.setFixedTime(DEMO_TODAY);
  return p;
}

/** Opens the first-run screen and loads the guided demo. */
export async function openDemo(page) {
  await page.goto(`${server.origin}/`);
  await waitForApp(page);
  await page.getByTestId('load-demo').click();
  await page.getByTestId('jss-score').waitFor();
  // The dashboard draws its cards one task each (DashboardPage); the last is the calendar's.
  await page.getByTestId('upcoming').waitFor();
}

/** Follows a link of the main navigation (client-side, so the state stays). */
export async function visit(page, name) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}
