// Measures the release build's first load: every file index.html pulls in, raw, gzip and
// brotli. `node tests/e2e/sizes.mjs` prints a table; size.test.mjs checks the budget.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = process.env.DIST ?? path.resolve(here, '..', '..', 'dist');

// The product goal for the whole first load, and the ceiling the size test enforces today.
// Raised from 540 KB on purpose when the forms moved to typed engine operations and the quick
// form learned to ask how an hourly client paid (about +18 KB brotli: the engine's form
// readers, checks and warnings, and the larger quick form).
export const GOAL_BROTLI_BYTES = 150 * 1024;
export const CEILING_BROTLI_BYTES = 550 * 1024;

// The simulator's Web Worker (its loader, glue and wasm) loads only when a simulation runs.
const isWorker = (f) => f.startsWith('sim-worker');

/** The files of the first load; `{ worker: true }` measures the simulator worker instead. */
export function measure({ worker = false } = {}) {
  const files = fs
    .readdirSync(dist)
    .filter((f) => /\.(wasm|js|css|html|svg)$/.test(f) && f !== '404.html' && isWorker(f) === worker);
  return files.map((f) => {
    const bytes = fs.readFileSync(path.join(dist, f));
    return {
      file: f,
      raw: bytes.length,
      gzip: zlib.gzipSync(bytes, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = measure();
  const kb = (n) => (n / 1024).toFixed(1).padStart(7);
  console.log('\nrelease first-load sizes (KB):      raw    gzip  brotli');
  for (const r of rows) console.log(`  ${r.file.padEnd(32)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
  const total = rows.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip, brotli: a.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  console.log(`  ${'total'.padEnd(32)} ${kb(total.raw)} ${kb(total.gzip)} ${kb(total.brotli)}  (goal ${GOAL_BROTLI_BYTES / 1024} KB, ceiling ${CEILING_BROTLI_BYTES / 1024} KB brotli)`);
  console.log('simulator worker, loaded when a simulation runs (KB):');
  for (const r of measure({ worker: true })) console.log(`  ${r.file.padEnd(32)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
}
