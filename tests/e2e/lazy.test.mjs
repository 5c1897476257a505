// Code split by route: the first screen fetches no page's module; a deep link to each lazily
// loaded page works on a cold load under the enforced CSP; a failed fetch offers a retry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, waitForApp, server, browser, useServerAndBrowser } from './harness.mjs';

useServerAndBrowser();

const LAZY_PAGES = [
  { path: '/contracts', heading: 'Contracts', module: 'contracts' },
  { path: '/jss', heading: 'JSS explained', module: 'jss' },
  { path: '/calendar', heading: 'Money calendar', module: 'calendar' },
  { path: '/import', heading: 'Import from Upwork CSV', module: 'import' },
  { path: '/simulator', heading: 'Simulator', module: 'simulator' },
  { path: '/settings', heading: 'Settings', module: 'settings' },
  { path: '/glossary', heading: 'Glossary', module: 'glossary' },
  { path: '/refund', heading: 'When does my escrow come back?', module: 'refund' },
];

const pageModules = (requests) => requests.filter((u) => /\/(split|chunk)_[^/]*\.wasm$/.test(u)).map((u) => u.split('/').pop());

test('the first screen fetches no page module', async () => {
  const { page, context, requests, errors } = await newPage(browser, server.origin, { enforceCsp: true });
  await page.goto(`${server.origin}/`);
  await waitForApp(page);
  await page.getByTestId('load-demo').waitFor();
  assert.deepEqual(pageModules(requests), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a deep link to each lazily loaded page works on a cold load', async () => {
  for (const p of LAZY_PAGES) {
    const { page, context, requests, errors } = await newPage(browser, server.origin, { enforceCsp: true, width: 390, height: 844 });
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`${server.origin}${p.path}`);
    await waitForApp(page);
    await page.getByRole('heading', { level: 1, name: p.heading }).waitFor();
    assert.ok(pageModules(requests).includes(`split_${p.module}.wasm`), `${p.path} fetched its module (${pageModules(requests)})`);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], p.path);
    assert.deepEqual(errors, [], p.path);
    await context.close();
  }
});

/** A page (without the service worker, so requests reach the route) whose first fetch of a module fails. */
async function failingOnce(module) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  let failures = 1;
  await page.route(new RegExp(`/split_${module}\\.wasm$`), (route) => {
    if (failures > 0) {
      failures -= 1;
      return route.abort('internetdisconnected');
    }
    return route.continue();
  });
  return { context, page };
}

test('a page whose module fails to arrive says so and loads on retry', async () => {
  const { context, page } = await failingOnce('settings');
  await page.goto(`${server.origin}/`);
  await waitForApp(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const failed = page.getByTestId('page-load-failed');
  await failed.waitFor();
  assert.match(await failed.textContent(), /could not be loaded/);
  // The rest of the app still works.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await page.getByTestId('load-demo').waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  await context.close();
});

test('Retry loads a page after a failed fetch without leaving it', async () => {
  const { context, page } = await failingOnce('jss');
  await page.goto(`${server.origin}/jss`);
  await waitForApp(page);
  await page.getByTestId('page-load-failed').waitFor();
  await page.getByRole('button', { name: 'Retry' }).click();
  await page.getByRole('heading', { level: 1, name: 'JSS explained' }).waitFor();
  await context.close();
});

test('the dashboard\'s cards arrive as one module; a failed fetch leaves the decision and offers a retry', async () => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  // The cards' module fails to arrive until the network is back.
  let offline = true;
  const cardRequests = [];
  await page.route(/\/split_cards\.wasm$/, (route) => {
    cardRequests.push(route.request().url());
    return offline ? route.abort('internetdisconnected') : route.continue();
  });
  await page.goto(`${server.origin}/`);
  await waitForApp(page);
  await page.getByTestId('load-demo').click();
  // The decision's advice shares code with the cards (it loads their module too), so it offers
  // a retry of its own; the cards' panel is the one named for them.
  const failed = page.getByTestId('page-load-failed').filter({ hasText: "The dashboard's cards could not be loaded" });
  await failed.waitFor();
  await page.getByRole('heading', { name: 'What to do now' }).waitFor();
  offline = false;
  await failed.getByRole('button', { name: 'Retry' }).click();
  await page.getByRole('heading', { name: 'Job Success Score' }).waitFor();
  await page.getByRole('heading', { name: 'Coming up' }).waitFor();
  assert.equal(await failed.count(), 0, 'the cards replaced their retry');
  assert.ok(cardRequests.length >= 2, `fetched again on retry (${cardRequests.length} requests)`);
  await context.close();
});
