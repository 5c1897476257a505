// Lighthouse (mobile preset: simulated slow 4G, 4x CPU slowdown) on the release build in dist/,
// served with brotli as a CDN serves it, three runs per page, the median of each metric.
//
// Pages: the first-run screen (nothing saved), and the dashboard with the guided demo loaded
// (the demo is saved in the browser first; the service worker, its caches and the HTTP cache
// are cleared before each run, so the run is a first visit with saved data).
//
// `cargo xtask bench` runs it; `node scripts/lighthouse.mjs` works too after a release build.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { CONTENT_TYPES } from './content-types.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.DIST ?? path.join(root, 'dist');
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

function listFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/**
 * Serves dist/ with an SPA fallback, brotli-compressed (quality 11) ahead of time as a CDN
 * does: compressing on request would stall the server while the page loads.
 */
function serve() {
  const cache = new Map(listFiles(dist).map((f) => [f, zlib.brotliCompressSync(fs.readFileSync(f), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } })]));
  const compressed = (file) => cache.get(file);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let file = path.join(dist, decodeURIComponent(url.pathname));
    if (!file.startsWith(dist)) return res.writeHead(400).end();
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      file = path.extname(url.pathname) ? null : path.join(dist, 'index.html');
    }
    if (!file) return res.writeHead(404).end('not found');
    const headers = { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
    if (/\bbr\b/.test(req.headers['accept-encoding'] ?? '')) {
      res.writeHead(200, { ...headers, 'content-encoding': 'br', vary: 'accept-encoding' }).end(compressed(file));
    } else {
      res.writeHead(200, headers);
      fs.createReadStream(file).pipe(res);
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ origin: `http://127.0.0.1:${server.address().port}`, server }));
  });
}

const METRICS = [
  ['performance', 'score', (lhr) => Math.round(lhr.categories.performance.score * 100), (v) => `${v}`],
  ['first-contentful-paint', 'FCP', null, (v) => `${(v / 1000).toFixed(2)} s`],
  ['largest-contentful-paint', 'LCP', null, (v) => `${(v / 1000).toFixed(2)} s`],
  ['interactive', 'TTI', null, (v) => `${(v / 1000).toFixed(2)} s`],
  ['total-blocking-time', 'TBT', null, (v) => `${Math.round(v)} ms`],
  ['speed-index', 'SI', null, (v) => `${(v / 1000).toFixed(2)} s`],
  ['cumulative-layout-shift', 'CLS', null, (v) => v.toFixed(3)],
  ['total-byte-weight', 'bytes', null, (v) => `${(v / 1024).toFixed(0)} KB`],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function clearForFirstVisit(browser, origin, { keepLocalStorage }) {
  const page = await browser.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send('Storage.clearDataForOrigin', {
    origin,
    storageTypes: keepLocalStorage ? 'service_workers,cache_storage' : 'all',
  });
  await cdp.send('Network.clearBrowserCache');
  await page.close();
}

async function loadDemo(browser, origin) {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  await page.waitForSelector('[data-testid="load-demo"]:not([disabled])', { timeout: 30000 });
  await page.waitForSelector('body > .app', { timeout: 30000 });
  await page.click('body > .app [data-testid="load-demo"]');
  await page.waitForSelector('[data-testid="jss-score"]', { timeout: 30000 });
  // A returning visitor has seen the dashboard's answer, which the app keeps for the next visit.
  await page.waitForSelector('[data-testid="decision-headline"]', { timeout: 30000 });
  // The app saves 300 ms after a change; wait until the save is in localStorage.
  await page.waitForFunction(() => localStorage.getItem('jss-lab.state')?.includes('contracts'), { timeout: 10000 });
  // The dashboard's glimpse is kept a second after it stops changing (public/boot.js).
  await page.waitForFunction(() => localStorage.getItem('jss-lab.glimpse'), { timeout: 10000 });
  await page.close();
}

async function main() {
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    console.error(`lighthouse: no build in ${dist}; run \`trunk build --release\` first`);
    process.exit(1);
  }
  const { origin, server } = await serve();
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  const pages = [
    { name: 'first-run screen', path: '/', demo: false },
    { name: 'dashboard, demo loaded', path: '/', demo: true },
  ];
  const table = [];
  // LIGHTHOUSE_PAGES=dashboard (or first-run) measures one page only, when comparing two builds.
  const only = process.env.LIGHTHOUSE_PAGES;
  try {
    for (const p of pages.filter((p) => !only || (only === 'dashboard') === p.demo)) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        await clearForFirstVisit(browser, origin, { keepLocalStorage: false });
        if (p.demo) {
          await loadDemo(browser, origin);
          await clearForFirstVisit(browser, origin, { keepLocalStorage: true });
        }
        const result = await lighthouse(`${origin}${p.path}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance'],
          disableStorageReset: p.demo,
        });
        const lhr = result.lhr;
        if (lhr.runtimeError) throw new Error(`${p.name}: ${lhr.runtimeError.message}`);
        runs.push(Object.fromEntries(METRICS.map(([id, , get]) => [id, get ? get(lhr) : lhr.audits[id]?.numericValue])));
        if (process.env.LIGHTHOUSE_SAVE) fs.writeFileSync(path.join(process.env.LIGHTHOUSE_SAVE, `${p.demo ? 'dashboard' : 'first-run'}-${i + 1}.json`), JSON.stringify(lhr));
        if (process.env.LIGHTHOUSE_SAVE && result.artifacts?.Trace) fs.writeFileSync(path.join(process.env.LIGHTHOUSE_SAVE, `${p.demo ? 'dashboard' : 'first-run'}-${i + 1}.trace.json`), JSON.stringify(result.artifacts.Trace));
        const lcp = lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet;
        console.log(`lighthouse: ${p.name}, run ${i + 1}: score ${runs.at(-1).performance}, LCP ${Math.round(runs.at(-1)['largest-contentful-paint'])} ms (${lcp ?? 'element unknown'})`);
      }
      table.push({ name: p.name, medians: Object.fromEntries(METRICS.map(([id]) => [id, median(runs.map((r) => r[id]))])) });
    }
  } finally {
    browser.disconnect();
    await chrome.kill();
    server.close();
  }
  console.log(`\nLighthouse ${lighthouseVersion()}, mobile preset, median of ${RUNS} runs`);
  console.log(`| page | ${METRICS.map(([, label]) => label).join(' | ')} |`);
  console.log(`|---|${METRICS.map(() => '---').join('|')}|`);
  for (const row of table) {
    console.log(`| ${row.name} | ${METRICS.map(([id, , , fmt]) => fmt(row.medians[id])).join(' | ')} |`);
  }
}

function lighthouseVersion() {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'lighthouse', 'package.json'), 'utf8')).version;
}

await main();
