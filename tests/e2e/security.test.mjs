// The Content-Security-Policy is enforced and the app runs under it with no violation; inline
// script is refused; user text from an imported file renders as text, never as HTML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, waitForApp, server, browser, useServerAndBrowser } from './harness.mjs';

useServerAndBrowser();

test('the CSP allows no inline script or eval, and the app runs without a violation', async () => {
  const html = await (await fetch(`${server.origin}/`)).text();
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(csp, 'index.html carries a CSP');
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);

  const { page, context, errors } = await newPage(browser, server.origin, { enforceCsp: true });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${server.origin}/`);
  await waitForApp(page);
  await page.getByTestId('load-demo').click();
  await page.getByTestId('jss-score').waitFor();
  for (const link of ['Contracts', 'Simulator', 'Settings']) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
    await page.getByRole('heading', { level: 1, name: link }).waitFor();
  }
  // The simulator's Web Worker loads and runs under the same policy (the page runs it as it
  // opens, and again on demand).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Simulator' }).click();
  await page.getByText('Computed in').waitFor({ timeout: 60000 });
  await page.getByTestId('advanced').locator('summary').click();
  await page.getByTestId('trials').fill('500');
  await page.getByTestId('run').click();
  await page.getByText('Computed in').waitFor({ timeout: 60000 });
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  // An injected inline script must not run.
  const ran = await page.evaluate(() => {
    window.__inlineRan = false;
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.appendChild(s);
    return window.__inlineRan;
  });
  assert.equal(ran, false);
  assert.deepEqual(errors.filter((e) => !/Content Security Policy/.test(e)), []);
  await context.close();
});

test('an imported client name with markup renders as text', async () => {
  const { page, context } = await newPage(browser, server.origin, { enforceCsp: true });
  let dialogs = 0;
  page.on('dialog', async (d) => {
    dialogs += 1;
    await d.dismiss();
  });
  const evil = '<img src=x onerror=alert(1)>';
  const scenario = {
    format: 'jss-lab.scenario',
    version: 1,
    as_of: '2026-11-27',
    clients: [{ id: 'evil', name: evil }, { id: 'ok', name: 'Fine Client' }],
    contracts: [
      { id: 'k1', client: 'evil', title: evil, type: 'fixed', start: '2026-01-05', payments: [{ date: '2026-02-01', amount: 500 }],
        end: { date: '2026-02-01', by: 'client', reason: 'completed' }, feedback: { date: '2026-02-02', stars: 5 } },
      { id: 'k2', client: 'ok', type: 'fixed', start: '2026-03-02', payments: [{ date: '2026-04-01', amount: 300 }],
        end: { date: '2026-04-01', by: 'client', reason: 'completed' }, feedback: { date: '2026-04-02', stars: 5 } },
    ],
  };
  await page.goto(`${server.origin}/`);
  await waitForApp(page);
  await page.getByTestId('import-input').setInputFiles({
    name: 'evil.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(scenario)),
  });
  await page.getByTestId('import-confirm').click();
  await page.getByRole('link', { name: 'Contracts' }).click();
  await page.getByTestId('contract-table').waitFor();
  const text = await page.getByTestId('contract-table').textContent();
  assert.ok(text.includes(evil), 'the markup shows as literal text');
  assert.equal(await page.locator('[data-testid=contract-table] img').count(), 0);
  assert.equal(dialogs, 0);
  await context.close();
});

test('a bad scenario file lists every problem by path and changes nothing', async () => {
  const { page, context } = await newPage(browser, server.origin);
  await page.goto(`${server.origin}/`);
  await waitForApp(page);
  await page.getByTestId('import-input').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'jss-lab.scenario', version: 2, clients: [], contracts: [{ id: 'k1', feedbak: 1 }] })),
  });
  const problems = await page.getByTestId('import-problems').textContent();
  assert.match(problems, /version/);
  assert.match(problems, /contracts\[0\]\.feedbak/);
  assert.match(problems, /Nothing was changed/);
  assert.equal(await page.getByTestId('load-demo').count(), 1, 'still on the first-run screen');
  await context.close();
});
