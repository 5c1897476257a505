// Trunk pre-build hook: builds the app's wasm and splits it by route.
//
// Trunk 0.21 runs cargo, wasm-bindgen and wasm-opt itself, with no step between linking and
// wasm-bindgen, which is where Leptos's lazy loading needs `wasm-split` (cargo-leptos runs it
// there). So this hook runs the same steps as cargo-leptos's front build, in its order:
//
//   1. cargo builds the app with relocations kept in the linked wasm (`--emit-relocs`), which
//      wasm-split needs to move functions between modules;
//   2. wasm-split cuts the module at every `#[wasm_split]` function (one per lazily loaded
//      page, see src/app.rs): the main module keeps what the first screen reaches, each page
//      gets its own module, and code two pages share goes to a shared chunk; it also writes
//      `__wasm_split.js`, the loader the main module imports to fetch a page's module;
//   3. wasm-bindgen generates the JS glue for the main module;
//   4. wasm-opt optimises every module, and esbuild minifies the JS (release builds only, as
//      Trunk does for what it builds).
//
// The result goes to `app-<hash>/` in Trunk's staging directory, the hash taken over every file
// in it, so a new build gets new URLs while the files inside can name each other plainly
// (they import each other, which per-file hashes could not express). `boot.js` from public/
// starts the app. The post-build hook (trunk-post-build.mjs) puts the tags that load it into
// index.html. Trunk still builds the simulator's worker, copies and hashes the stylesheets
// and icons, and serves the result.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { transformSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { bundleModule } from './bundle-module.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('build-app: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
  process.exit(1);
}
const release = process.env.TRUNK_PROFILE !== 'debug';
// `JSS_KEEP_NAMES=1 trunk build --release` keeps function names in every module, for `twiggy`
// (the README's table of what the first screen's bytes are).
const keepNames = Boolean(process.env.JSS_KEEP_NAMES);
const profileDir = release ? 'release' : 'debug';
const NAME = 'jss-lab';

// The same feature flags index.html gave Trunk's wasm-opt before the split: what rustc's
// wasm32 output uses, so wasm-opt accepts it.
const WASM_OPT_FEATURES = [
  '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-reference-types',
  '--enable-multivalue',
  '--enable-mutable-globals',
];

function run(program, args, env = {}) {
  const vars = Object.entries(env).map(([k, v]) => `${k}='${v}' `).join('');
  console.log(`build-app: ${vars}${program} ${args.join(' ')}`);
  const res = spawnSync(program, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (res.error) {
    console.error(`build-app: could not run ${program}: ${res.error.message}`);
    process.exit(1);
  }
  if (res.status !== 0) {
    console.error(`build-app: ${program} failed (exit ${res.status})`);
    process.exit(1);
  }
}

function capture(program, args) {
  const res = spawnSync(program, args, { cwd: root, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (res.status !== 0) {
    console.error(`build-app: ${program} ${args.join(' ')} failed: ${res.error?.message ?? res.stderr}`);
    process.exit(1);
  }
  return res.stdout;
}

function targetDir() {
  const res = spawnSync('cargo', ['metadata', '--format-version', '1', '--no-deps', '--locked'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.status !== 0) {
    console.error(res.stderr);
    process.exit(1);
  }
  return JSON.parse(res.stdout).target_directory;
}

const target = targetDir();
const work = path.join(target, 'jss-split', profileDir);
const splitDir = path.join(work, 'split');
const appDir = path.join(work, 'app');
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(splitDir, { recursive: true });
fs.mkdirSync(appDir, { recursive: true });

// 1. `cargo rustc` passes these flags to the app's own crate only, so the dependencies keep
// the fingerprints of every other build (clippy, tests) and are not rebuilt. The release
// profile strips symbols, which would also drop what wasm-split reads; wasm-opt removes the
// names afterwards instead. The `split` feature turns on the split points that are not pages
// (the saver's occasional code, src/storage/on_demand.rs); without it, as in tests, that code
// is called directly.
//
// A release build also compiles the standard library for size (`-Zbuild-std` with its
// `optimize_for_size` feature: small sorts and formatting), with panics that stop at once
// without formatting a message (`-Cpanic=immediate-abort`) and without the source locations of
// every possible panic (`-Zlocation-detail=none`): the main module falls from 262.2 to 246.9 KB
// brotli (measured at stop 28). These are unstable options, unlocked on the machine's stable
// toolchain by RUSTC_BOOTSTRAP for this one build only: the tests, clippy and the debug build
// (`trunk serve`) use the stable compiler as it is, and every browser test runs against this
// release build. A panic in the release app then shows as a bare `unreachable` trap in the
// console; the debug build keeps the messages. It builds into a target directory of its own,
// since its flags differ from every other build's.
const sizeTarget = path.join(target, 'jss-size');
const forSize = release
  ? {
      args: ['-Zbuild-std=std,panic_abort', '-Zbuild-std-features=optimize_for_size', `--target-dir=${sizeTarget}`],
      env: { RUSTC_BOOTSTRAP: '1', RUSTFLAGS: '-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none' },
    }
  : { args: [], env: {} };
run(
  'cargo',
  [
    'rustc',
    '--locked',
    '--target=wasm32-unknown-unknown',
    '--bin',
    NAME,
    ...(release ? ['--release'] : []),
    '--features=split',
    ...forSize.args,
    '--',
    '-Clink-arg=--emit-relocs',
    '-Cstrip=none',
  ],
  forSize.env,
);
const linked = path.join(release ? sizeTarget : target, 'wasm32-unknown-unknown', profileDir, `${NAME}.wasm`);

// 2. The split.
run('wasm-split-cli', [linked, splitDir, '--target', 'web', '--out-name', NAME]);

// The generated loader starts every shared chunk a module needs in one task: the simulator's
// page needs 129 files, and 89 `fetch` calls in one task (a dashboard split tried at stop 28)
// blocked a phone for 680 ms in Lighthouse (170 ms observed with its debugger attached). It
// starts them eight at a time, a task apart.
{
  const loaderPath = path.join(splitDir, '__wasm_split.js');
  const before = 'const parallelStuff = deps.map(d => d());';
  const after = [
    'const parallelStuff = [];',
    '        for (let i = 0; i < deps.length; i++) {',
    '            if (i > 0 && i % 8 === 0) await new Promise((resolve) => setTimeout(resolve, 0));',
    '            parallelStuff.push(deps[i]());',
    '        }',
  ].join('\n');
  const text = fs.readFileSync(loaderPath, 'utf8');
  if (!text.includes(before)) {
    console.error(`build-app: __wasm_split.js no longer has \`${before}\` (a new wasm-split?): update this step`);
    process.exit(1);
  }
  fs.writeFileSync(loaderPath, text.replace(before, after));
}

// The dashboard's cards, on screen for every returning visitor, come as one file instead of
// 49 (see scripts/bundle-module.mjs).
{
  const { chunks } = bundleModule({ splitDir, name: 'cards', features: WASM_OPT_FEATURES, run, capture });
  console.log(`build-app: split_cards.wasm now holds the ${chunks} chunks it needed`);
}

// 3. wasm-bindgen on the main module. The lld exports stay (the page modules import them from
// the main module), and names stay mangled, as wasm-split wrote them.
run('wasm-bindgen', [
  '--target=web',
  '--keep-lld-exports',
  '--no-demangle',
  '--no-typescript',
  `--out-dir=${appDir}`,
  `--out-name=${NAME}`,
  path.join(splitDir, `${NAME}.wasm`),
]);
for (const file of fs.readdirSync(splitDir)) {
  if (file === `${NAME}.wasm`) continue;
  fs.copyFileSync(path.join(splitDir, file), path.join(appDir, file));
}
fs.copyFileSync(path.join(root, 'public', 'boot.js'), path.join(appDir, 'boot.js'));

// 4. wasm-opt on every module, in place.
if (release) {
  for (const file of fs.readdirSync(appDir).filter((f) => f.endsWith('.wasm'))) {
    const p = path.join(appDir, file);
    run('wasm-opt', ['-Oz', ...(keepNames ? ['-g'] : []), ...WASM_OPT_FEATURES, p, '-o', p]);
  }
  // The glue, the split loader and boot.js are read before the app starts: minified they are
  // 9.1 KB brotli instead of 12.8 (measured at stop 28). Only local names change; the modules'
  // exports and imports, which name each other across files, stay as they are.
  for (const file of fs.readdirSync(appDir).filter((f) => f.endsWith('.js'))) {
    const p = path.join(appDir, file);
    const { code } = transformSync(fs.readFileSync(p, 'utf8'), { format: 'esm', minify: true });
    fs.writeFileSync(p, code);
  }
}

// One hash over every file (name and bytes), so the directory's name changes with any of them.
function listFiles(dir, prefix = '') {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}
const hash = crypto.createHash('sha256');
for (const file of listFiles(appDir)) {
  hash.update(file);
  hash.update(fs.readFileSync(path.join(appDir, file)));
}
const out = path.join(staging, `app-${hash.digest('hex').slice(0, 16)}`);
fs.cpSync(appDir, out, { recursive: true });
console.log(`build-app: wrote ${path.relative(staging, out)}/ (${listFiles(out).join(', ')})`);
