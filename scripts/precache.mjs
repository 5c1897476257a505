// Writes the service worker of a build: public/sw.js preceded by the list of the build's files,
// each with a hash of its bytes, and the cache's name, a hash of that list.
//
// trunk-post-build.mjs calls it on every build; `node scripts/precache.mjs DIR` rewrites the
// worker of a built directory (the e2e test of updates uses it to make a new deploy).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// sw.js cannot list itself; 404.html is index.html again, which the worker serves for every
// page address anyway.
const SKIP = new Set(['sw.js', '404.html']);

function listFiles(dir, prefix = '') {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.'))
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

const digest = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** Writes `dir/sw.js` and returns the precache list. */
export function writeServiceWorker(dir, publicUrl = '/') {
  const precache = listFiles(dir)
    .filter((f) => !SKIP.has(f))
    .map((f) => ({ url: `${publicUrl}${f}`, revision: digest(fs.readFileSync(path.join(dir, f))) }));
  const cache = `jss-lab-${digest(JSON.stringify(precache))}`;
  const template = fs.readFileSync(path.join(root, 'public', 'sw.js'), 'utf8');
  const head = `const PRECACHE = ${JSON.stringify(precache)};\nconst CACHE = ${JSON.stringify(cache)};\n`;
  fs.writeFileSync(path.join(dir, 'sw.js'), head + template);
  return precache;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/precache.mjs DIST_DIR');
    process.exit(2);
  }
  const list = writeServiceWorker(path.resolve(dir));
  console.log(`precache: ${list.length} files`);
}
