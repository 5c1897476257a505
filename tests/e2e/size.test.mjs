// The whole first load (HTML, JS glue, wasm, CSS, icon) stays within 150 KB brotli.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measure, BUDGET_BROTLI_BYTES } from './sizes.mjs';

test('first load fits the brotli budget', () => {
  const rows = measure();
  assert.ok(rows.some((r) => r.file.endsWith('.wasm')), 'the build has a wasm file');
  const total = rows.reduce((sum, r) => sum + r.brotli, 0);
  assert.ok(total <= BUDGET_BROTLI_BYTES, `first load is ${total} bytes brotli, budget ${BUDGET_BROTLI_BYTES}`);
});
