// Size regression guard for the release build: the first screen, every lazily loaded page and
// the simulator's worker each within a ceiling. Raising a limit is a choice
// someone makes on purpose, with the README's measurements updated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstScreen, pages, worker, total, FIRST_SCREEN_GOAL_BROTLI_BYTES, FIRST_SCREEN_CEILING_BROTLI_BYTES, PAGE_CEILING_BROTLI_BYTES, WORKER_CEILING_BROTLI_BYTES } from './sizes.mjs';

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

test('the first screen stays under its brotli ceiling', () => {
  const rows = firstScreen();
  assert.ok(rows.some((r) => r.file.endsWith('jss-lab_bg.wasm')), 'the first screen has the app\'s main module');
  const t = total(rows).brotli;
  console.log(`first screen ${kb(t)} brotli; goal ${kb(FIRST_SCREEN_GOAL_BROTLI_BYTES)}, ceiling ${kb(FIRST_SCREEN_CEILING_BROTLI_BYTES)}`);
  assert.ok(t <= FIRST_SCREEN_CEILING_BROTLI_BYTES, `first screen is ${kb(t)} brotli, ceiling ${kb(FIRST_SCREEN_CEILING_BROTLI_BYTES)}`);
});

test('every lazily loaded page has its own module, each within the ceiling', () => {
  const names = pages().map((p) => p.name);
  for (const page of ['contracts', 'jss', 'calendar', 'import', 'simulator', 'settings']) {
    assert.ok(names.includes(page), `${page} has its own module (modules: ${names})`);
  }
  for (const p of pages()) {
    console.log(`page ${p.name}: ${kb(p.brotli)} brotli`);
    assert.ok(p.brotli <= PAGE_CEILING_BROTLI_BYTES, `page ${p.name} is ${kb(p.brotli)} brotli, ceiling ${kb(PAGE_CEILING_BROTLI_BYTES)}`);
  }
});

test('the dashboard\'s cards are one file, not a module and its chunks', () => {
  const cards = pages().find((p) => p.name === 'cards');
  assert.ok(cards, 'the cards have a module of their own');
  assert.deepEqual(cards.files.map((f) => f.file), ['split_cards.wasm']);
});

test('the simulator worker stays within its ceiling', () => {
  const t = total(worker()).brotli;
  assert.ok(t > 0, 'the build has the simulator worker');
  assert.ok(t <= WORKER_CEILING_BROTLI_BYTES, `the worker is ${kb(t)} brotli, ceiling ${kb(WORKER_CEILING_BROTLI_BYTES)}`);
});
