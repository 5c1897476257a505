// Saved data across real page loads of the release build: whatever the app cannot read must
// come out of a visit byte for byte as it went in. What the user sees for each failure mode is
// in storage_wired.test.mjs (banners, quota, blocked storage) and tabs.test.mjs (two tabs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { root, newPage, waitForApp, server, browser, useServerAndBrowser } from './harness.mjs';

const STATE = 'jss-lab.state';
const QUARANTINE = 'jss-lab.quarantine.';
const fixture = (name) => fs.readFileSync(path.join(root, 'tests', 'fixtures', 'storage', name), 'utf8');

useServerAndBrowser();

/** Plants `raw` as the saved state, reloads, visits every page and returns what is stored after. */
async function visitWith(raw) {
  const { page, context, errors } = await newPage(browser, server.origin);
  await page.goto(`${server.origin}/`);
  await waitForApp(page);
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [STATE, raw]);
  await page.reload();
  await waitForApp(page);
  for (const link of ['Contracts', 'Simulator', 'Settings', 'Dashboard']) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
    await page.getByRole('heading', { level: 1, name: link }).waitFor();
  }
  // Give a debounced save (300 ms) every chance to run before reading storage back.
  await page.waitForTimeout(500);
  const stored = await page.evaluate((prefix) => {
    const out = {};
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (key === 'jss-lab.state' || key.startsWith(prefix)) out[key] = localStorage.getItem(key);
    }
    return out;
  }, QUARANTINE);
  await context.close();
  return { stored, errors };
}

for (const [name, raw] of [
  ['corrupted JSON', '{"schema_version": 1, "payload": {"scenario": '],
  ['a checksum mismatch', fixture('v1.json').replace('Rachael B', 'Rachael C')],
  ['a newer schema', JSON.stringify({ schema_version: 999, payload: { from: 'the future' } })],
  ['markup in the data', '<img src=x onerror=alert(1)>'],
]) {
  test(`saved data with ${name} survives a visit untouched`, async () => {
    const { stored, errors } = await visitWith(raw);
    assert.equal(stored[STATE], raw, 'the main value was overwritten');
    for (const [key, value] of Object.entries(stored)) {
      if (key.startsWith(QUARANTINE)) assert.equal(value, raw, `${key} is not a faithful copy`);
    }
    assert.deepEqual(errors, []);
  });
}
