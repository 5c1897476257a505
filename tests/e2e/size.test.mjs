// The first load (HTML, JS glue, wasm, CSS, icon), brotli-compressed. The product goal is
// 150 KB (GOAL_BROTLI_BYTES); the full engine plus the Leptos UI does not fit it, and the
// dashboard alone measured 249 KB (see the README's measurements). This test is the regression guard: the build may not grow past the
// recorded ceiling without someone raising it on purpose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measure, GOAL_BROTLI_BYTES, CEILING_BROTLI_BYTES } from './sizes.mjs';

test('first load stays under the recorded brotli ceiling', () => {
  const rows = measure();
  assert.ok(rows.some((r) => r.file.endsWith('.wasm')), 'the build has a wasm file');
  const total = rows.reduce((sum, r) => sum + r.brotli, 0);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`first load ${kb(total)} brotli; goal ${kb(GOAL_BROTLI_BYTES)}; ceiling ${kb(CEILING_BROTLI_BYTES)}`);
  assert.ok(total <= CEILING_BROTLI_BYTES, `first load is ${kb(total)} brotli, ceiling ${kb(CEILING_BROTLI_BYTES)}`);
});
