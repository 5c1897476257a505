// Groups `twiggy top` of a wasm file that keeps its names by where the code comes from: the
// app's modules (jss_lab::pages::…, jss_lab::components::…), the engine's (jss_engine::…), and
// other crates by name; data segments and the names section apart. The README's "what the
// first screen's bytes are" table comes from it.
//
//   JSS_KEEP_NAMES=1 trunk build --release --dist /tmp/named
//   node scripts/twiggy-summary.mjs /tmp/named/app-*/jss-lab_bg.wasm [N]
import { spawnSync } from 'node:child_process';

const [file, top = '25'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/twiggy-summary.mjs FILE.wasm [N]');
  process.exit(2);
}
const res = spawnSync('twiggy', ['top', '-n', '1000000', '--format', 'csv', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
if (res.status !== 0) {
  console.error(res.stderr);
  process.exit(1);
}

function group(name) {
  if (name.startsWith('data segment')) return '(data: strings, tables, vtables)';
  if (name.includes('names" subsection')) return null;
  if (name.startsWith('"') || /^(elem|table|type|import|export|global|memory)\[/.test(name) || name.startsWith('code[')) return '(wasm sections and tables)';
  const app = name.match(/\b(jss_lab|jss_engine)((?:::[a-z_][a-z0-9_]*){1,2})/);
  if (app) {
    const parts = `${app[1]}${app[2]}`.split('::');
    // jss_lab::pages::x and jss_lab::components::x name a page or component; others a module.
    return ['pages', 'components', 'storage', 'simulate', 'scenario', 'jss', 'ledger'].includes(parts[1]) && parts[2] ? parts.slice(0, 3).join('::') : parts.slice(0, 2).join('::');
  }
  const crate = name.match(/\b([a-z_][a-z0-9_]*)::/);
  return crate ? crate[1] : '(other)';
}

const lines = res.stdout.trim().split('\n').slice(1);
const sums = new Map();
let total = 0;
for (const line of lines) {
  // Name,ShallowSize,ShallowSizePercent: the name may hold commas and is quoted then.
  const m = line.match(/^(?:"((?:[^"]|"")*)"|([^,]*)),(\d+),/);
  if (!m) continue;
  // Names from the standard library built with the app (scripts/build-app.mjs) carry each
  // crate's hash, as in `core[1c06cdc706c022ca]::fmt`; the grouping reads the plain path.
  const name = (m[1] ?? m[2]).replace(/""/g, '"').replace(/\[[0-9a-f]{8,16}\]/g, '');
  const bytes = Number(m[3]);
  const key = group(name);
  if (key === null) continue;
  total += bytes;
  sums.set(key, (sums.get(key) ?? 0) + bytes);
}
const rows = [...sums].sort((a, b) => b[1] - a[1]).slice(0, Number(top));
console.log(`| where | KB (raw, names excluded) | share |`);
console.log(`|---|---|---|`);
for (const [key, bytes] of rows) console.log(`| ${key} | ${(bytes / 1024).toFixed(1)} | ${((100 * bytes) / total).toFixed(1)} % |`);
console.log(`| **all** | ${(total / 1024).toFixed(1)} | |`);
