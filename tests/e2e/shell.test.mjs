// The app shell: every page, deep-link reload, the persisted theme, the 404 page, no foreign
// requests, accessibility, and screenshots at phone and desktop widths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, waitForApp, axeViolations, screenshot, server, browser, useServerAndBrowser, watchTakeover, takeover } from './harness.mjs';

useServerAndBrowser();

const PAGES = [
  { link: 'Dashboard', path: '/', heading: 'Dashboard' },
  { link: 'Contracts', path: '/contracts', heading: 'Contracts' },
  { link: 'Simulator', path: '/simulator', heading: 'Simulator' },
  { link: 'Settings', path: '/settings', heading: 'Settings' },
];

test('the static shell is in the HTML before any wasm runs', async () => {
  const res = await fetch(`${server.origin}/`);
  const html = await res.text();
  assert.match(html, /id="shell"/);
  assert.match(html, /<noscript>/);
  assert.match(html, /JSS Lab/);
});

test('the app takes over from the shell whole: no frame shows both, or the app without its page, and nothing shifts', async () => {
  for (const address of ['/', '/jss']) {
    const { page, context, errors } = await newPage(browser, server.origin, { width: 390, height: 844 });
    await watchTakeover(page, 'main > *');
    await page.goto(`${server.origin}${address}`);
    await waitForApp(page);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForTimeout(500);
    assert.equal(await page.locator('#shell').count(), 0, address);
    const { shifted, halfBuilt } = await takeover(page);
    assert.deepEqual(halfBuilt, [], address);
    assert.ok(shifted <= 0.02, `${address}: layout shift ${shifted}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('a browser without WebAssembly gets a message, not a page that never loads', async () => {
  const { page, context } = await newPage(browser, server.origin, { width: 390, height: 844 });
  await page.addInitScript(() => {
    localStorage.setItem('jss-lab.state', 'kept as it was');
    delete globalThis.WebAssembly;
  });
  await page.goto(`${server.origin}/`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /cannot start in this browser.*WebAssembly/s);
  assert.equal(await page.locator('.shell-loading:visible').count(), 0);
  assert.equal(await page.evaluate(() => localStorage.getItem('jss-lab.state')), 'kept as it was');
  await context.close();
});

test('navigation reaches every page and marks the current one', async () => {
  const { page, context, errors, foreignRequests } = await newPage(browser, server.origin);
  await page.goto(`${server.origin}/`);
  await waitForApp(page);
  assert.equal(await page.locator('.brand').first().textContent(), 'JSS Lab');
  for (const p of PAGES) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: p.link }).click();
    await page.getByRole('heading', { level: 1, name: p.heading }).waitFor();
    assert.equal(new URL(page.url()).pathname, p.path);
    const current = await page.locator('nav a[aria-current="page"]').textContent();
    assert.equal(current, p.link);
  }
  assert.deepEqual(foreignRequests(), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a deep URL reloads into the app and the chosen theme persists', async () => {
  const { page, context, errors } = await newPage(browser, server.origin);
  await page.goto(`${server.origin}/settings`);
  await waitForApp(page);
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  await page.getByTestId('theme-select').selectOption('dark');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  assert.equal(await page.evaluate(() => localStorage.getItem('jss-lab.theme')), 'dark');

  await page.reload();
  await waitForApp(page);
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await page.getByTestId('theme-select').inputValue(), 'dark');

  await page.getByTestId('theme-select').selectOption('system');
  await page.waitForFunction(() => document.documentElement.dataset.theme === undefined);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an unknown address shows the not-found page inside the app', async () => {
  const { page, context } = await newPage(browser, server.origin);
  await page.goto(`${server.origin}/no/such/page`);
  await waitForApp(page);
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  await context.close();
});

test('404.html serves the app for static hosts without a fallback rule', async () => {
  const res = await fetch(`${server.origin}/404.html`);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /id="shell"/);
});

test('every page has zero axe-core violations in light and dark themes', async () => {
  for (const theme of ['light', 'dark']) {
    const { page, context } = await newPage(browser, server.origin);
    await page.goto(`${server.origin}/`);
    await waitForApp(page);
    await page.getByTestId('theme-select').selectOption(theme);
    for (const p of PAGES) {
      await page.goto(`${server.origin}${p.path}`);
      await waitForApp(page);
      await page.getByRole('heading', { level: 1, name: p.heading }).waitFor();
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], `${theme} ${p.path}`);
    }
    await context.close();
  }
});

test('screenshots of every page at 390 px and 1280 px', async () => {
  for (const width of [390, 1280]) {
    const { page, context } = await newPage(browser, server.origin, { width, height: 844 });
    for (const p of PAGES) {
      await page.goto(`${server.origin}${p.path}`);
      await waitForApp(page);
      await page.getByRole('heading', { level: 1, name: p.heading }).waitFor();
      const name = p.path === '/' ? 'dashboard' : p.path.slice(1);
      await screenshot(page, `${name}-${width}`);
    }
    await context.close();
  }
});
