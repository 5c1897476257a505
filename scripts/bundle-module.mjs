// Makes one split module a single file: the module and every shared chunk it needs, merged.
//
// wasm-split gives each piece of code that two or more modules share a chunk of its own, so a
// module comes with many small files: the dashboard's cards with 48 (22 KB brotli, and 18 KB
// more in chunks mostly under 1 KB each). On a phone each is a request, a compile and an
// instantiation, and together they made the dashboard's start blocking (Lighthouse, stop 29).
// Merged, the cards are one file of 27 KB brotli: compressed together, the pieces are smaller.
//
// The chunks stay loadable by the other modules that share them, through the bundle: every
// loader that listed a merged chunk lists the bundle instead, so each piece of code is still
// instantiated exactly once, whichever module asks first (an instance of a chunk writes its
// functions into the shared table and its constants into memory; two instances would write
// them twice). A page that shares a chunk with the cards then fetches the cards' bundle, which
// a returning visitor has already loaded on the dashboard.
//
// How: every split module imports the same three things (memory, function table, stack
// pointer) from the module `__wasm_split`. binaryen's wasm-merge resolves imports between the
// modules it merges by module name, and would keep one memory import per input (invalid
// without multi-memory). So each input's imports are renamed to `__wasm_shim_` (same length,
// renamed in the import section only), and a small shim module of that name imports the three
// from `__wasm_split` once and exports them: the merged module imports each exactly once.
import fs from 'node:fs';
import path from 'node:path';

const SHARED = '__wasm_split';
const SHIM = '__wasm_shim_';

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [value, at];
    shift += 7;
  }
}

/** `bytes` with every import from `SHARED` renamed to `SHIM`, and how many there were. */
function renameImports(bytes) {
  const out = Buffer.from(bytes);
  const from = Buffer.concat([Buffer.from([SHARED.length]), Buffer.from(SHARED)]);
  const to = Buffer.concat([Buffer.from([SHIM.length]), Buffer.from(SHIM)]);
  let at = 8;
  let renamed = 0;
  while (at < out.length) {
    const id = out[at];
    const [size, start] = leb(out, at + 1);
    if (id === 2) {
      for (let i = out.indexOf(from, start); i >= 0 && i < start + size; i = out.indexOf(from, i + from.length)) {
        to.copy(out, i);
        renamed += 1;
      }
    }
    at = start + size;
  }
  return [out, renamed];
}

/**
 * The shim: imports the memory, table and stack pointer from `SHARED` with the largest minimum
 * any input asks for, and exports them under the same names.
 */
function shimText(imports) {
  const lines = ['(module'];
  for (const imp of imports.values()) lines.push(`  (import "${SHARED}" "${imp.name}" ${imp.type})`);
  for (const imp of imports.values()) lines.push(`  (export "${imp.name}" (${imp.kind} $${imp.name}))`);
  lines.push(')');
  return lines.join('\n');
}

/** The imports of a module, read from `wasm-dis` text: name → { name, kind, type, min }. */
function importsOf(text) {
  const found = new Map();
  const re = /\(import "([^"]+)" "([^"]+)" \((memory|table|global) \$[^\s)]+ ([^\n]*)\)\)\s*$/gm;
  for (const m of text.matchAll(re)) {
    if (m[1] !== SHARED) throw new Error(`bundle: an import from "${m[1]}", not "${SHARED}": ${m[0]}`);
    const [name, kind, rest] = [m[2], m[3], m[4]];
    const min = kind === 'global' ? 0 : Number(rest.match(/^(\d+)/)[1]);
    found.set(name, { name, kind, type: `(${kind} $${name} ${rest})`, min });
  }
  return found;
}

/**
 * Merges module `name` (`split_<name>.wasm` in `splitDir`) with the chunks its loader lists,
 * rewrites `__wasm_split.js` to match, and deletes the merged chunks. `run(program, args)` runs
 * a tool and stops the build if it fails; `capture(program, args)` returns its output.
 */
export function bundleModule({ splitDir, name, features, run, capture }) {
  const loaderPath = path.join(splitDir, '__wasm_split.js');
  let loader = fs.readFileSync(loaderPath, 'utf8');
  const fail = (why) => {
    throw new Error(`bundle ${name}: ${why} (did wasm-split's loader change?)`);
  };

  const exportRe = new RegExp(`export const __wasm_split_load_${name} = wrapAsyncCb\\(makeLoad\\((\\(\\) => \\{[\\s\\S]*?\\n\\}\\n), \\[([^\\]]*)\\]\\)\\);`);
  const own = loader.match(exportRe);
  if (!own) fail(`no loader for split_${name}.wasm`);
  const chunks = own[2].split(',').map((d) => d.trim()).filter(Boolean);
  const chunkFile = new Map();
  for (const ident of chunks) {
    const def = loader.match(new RegExp(`const ${ident} = makeLoad\\(\\(\\) => \\{\\s*const src = fetch\\(new URL\\("\\./(chunk_\\d+\\.wasm)"`));
    if (!def) fail(`no loader for ${ident}`);
    chunkFile.set(ident, def[1]);
  }

  // The inputs with their imports renamed, and the shim.
  const work = path.join(splitDir, `.bundle-${name}`);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work);
  const inputs = [[`split_${name}.wasm`, name], ...chunks.map((ident) => [chunkFile.get(ident), ident])];
  const imports = new Map();
  const args = [];
  for (const [file, label] of inputs) {
    const [bytes, renamed] = renameImports(fs.readFileSync(path.join(splitDir, file)));
    const found = importsOf(capture('wasm-dis', [path.join(splitDir, file)]));
    if (renamed !== found.size) fail(`${file} has ${found.size} imports but ${renamed} were renamed`);
    for (const imp of found.values()) {
      const seen = imports.get(imp.name);
      if (seen && seen.kind !== imp.kind) fail(`${imp.name} is a ${seen.kind} in one input and a ${imp.kind} in another`);
      if (!seen || imp.min > seen.min) imports.set(imp.name, imp);
    }
    const renamedPath = path.join(work, file);
    fs.writeFileSync(renamedPath, bytes);
    args.push(renamedPath, label);
  }
  const shimWat = path.join(work, 'shim.wat');
  const shimWasm = path.join(work, 'shim.wasm');
  fs.writeFileSync(shimWat, shimText(imports));
  run('wasm-as', [...features, shimWat, '-o', shimWasm]);
  const merged = path.join(splitDir, `split_${name}.wasm`);
  run('wasm-merge', [shimWasm, SHIM, ...args, ...features, '-o', merged]);
  fs.rmSync(work, { recursive: true, force: true });
  for (const file of chunkFile.values()) fs.rmSync(path.join(splitDir, file));

  // The loader: the bundle is a loader of its own, defined before any list that names it; the
  // module's export loads it; every list that named a merged chunk names the bundle once.
  const bundle = `__bundle_${name}`;
  for (const ident of chunks) {
    const def = new RegExp(`(?:/\\*[^*]*\\*/\\n)?const ${ident} = makeLoad\\(\\(\\) => \\{[\\s\\S]*?\\n\\}\\n, \\[\\]\\);\\n`);
    if (!def.test(loader)) fail(`cannot remove ${ident}'s loader`);
    loader = loader.replace(def, '');
  }
  loader = loader.replace(exportRe, `export const __wasm_split_load_${name} = wrapAsyncCb(${bundle});`);
  const firstLoader = loader.search(/^(?:\/\*[^*]*\*\/\n)?(?:const __chunk_|export const __wasm_split_load_)/m);
  if (firstLoader < 0) fail('no loader left to put the bundle before');
  const bundleDef = `/* ${name} and the chunks it needs, merged (scripts/bundle-module.mjs) */\nconst ${bundle} = makeLoad(${own[1]}, []);\n`;
  loader = loader.slice(0, firstLoader) + bundleDef + loader.slice(firstLoader);
  const mergedSet = new Set(chunks);
  loader = loader.replace(/\n, \[([^\]]*)\]\)/g, (all, list) => {
    const deps = list.split(',').map((d) => d.trim()).filter(Boolean);
    if (!deps.some((d) => mergedSet.has(d))) return all;
    const kept = deps.filter((d) => !mergedSet.has(d));
    return `\n, [${[bundle, ...kept].join(', ')}])`;
  });
  fs.writeFileSync(loaderPath, loader);
  return { chunks: chunks.length };
}
