// Trunk post-build hook: loads the app built by build-app.mjs, joins the stylesheets into one
// minified file, adds a strict Content-Security-Policy to index.html, writes the service worker
// with the build's file list, and ships the same page as 404.html for static hosts without an
// SPA fallback.
//
// The policy allows nothing inline and no eval: scripts only from this origin (plus the hash of
// any inline script, such as the one `trunk serve` adds to reload on change), and
// 'wasm-unsafe-eval', which WebAssembly compilation needs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';
import { writeServiceWorker } from './precache.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('trunk-post-build: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
  process.exit(1);
}
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? '/';
const release = process.env.TRUNK_PROFILE !== 'debug';
const indexPath = path.join(staging, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');

// The app: index.html keeps Trunk's `rel="rust"` link with `data-trunk-skip` (so Trunk builds
// no app of its own) as the place for the tags that load build-app.mjs's output.
const appDirs = fs.readdirSync(staging).filter((f) => /^app-[0-9a-f]+$/.test(f));
if (appDirs.length !== 1) {
  console.error(`trunk-post-build: expected one app-<hash> directory from build-app.mjs, found ${appDirs.length}`);
  process.exit(1);
}
const app = `${publicUrl}${appDirs[0]}`;
// On the first-run screen the wasm is not preloaded: the static shell is that screen, and boot.js
// fetches the wasm after its first paint. A returning visitor (saved data) or a deep link sees
// the app's own content, which needs the wasm: there its download starts with the page (the
// head's first script has set `data-shell` by then), and wasm-bindgen's fetch takes the
// preloaded response. A returning visitor whose glimpse of the dashboard was kept by this build,
// today, for the state saved now (public/boot.js keeps it with the same key), and who is not
// opening a share link (which shows the shared scenario instead), sees that glimpse first, like
// the first-run screen: the shell's inline script puts it in place, and the wasm waits for the
// first paint.
const preload = `<script>(function(){var d=document.documentElement,s=d.getAttribute('data-shell');if(s==='first-run')return;if(s==='returning'&&location.hash.indexOf('#share=')!==0){try{var g=JSON.parse(localStorage.getItem('jss-lab.glimpse')||'null'),c=/"checksum":"([0-9a-f]{16})"/.exec((localStorage.getItem('jss-lab.state')||'').slice(0,200));if(g&&c&&g.key==='${app}/|'+new Date().toISOString().slice(0,10)+'|'+c[1]){d.setAttribute('data-glimpse','kept');return}}catch(e){}}var l=document.createElement('link');l.rel='preload';l.as='fetch';l.type='application/wasm';l.crossOrigin='anonymous';l.href='${app}/jss-lab_bg.wasm';document.head.appendChild(l)})()</script>`;
const loader = [
  preload,
  `<link rel="modulepreload" href="${app}/jss-lab.js" />`,
  `<link rel="modulepreload" href="${app}/__wasm_split.js" />`,
  `<script type="module" src="${app}/boot.js"></script>`,
].join('\n    ');
const placeholder = /<link\b[^>]*\bdata-trunk-skip\b[^>]*>/;
if (!placeholder.test(html)) {
  console.error('trunk-post-build: index.html has no <link data-trunk rel="rust" data-trunk-skip> for the app');
  process.exit(1);
}
html = html.replace(placeholder, loader);

// The stylesheets: the sources stay one file per part of the app (style/), but the page loads
// them as one minified file, in the same order. Six files compressed one by one were 10.5 KB
// brotli; joined and minified they are 5.7 KB (measured at stop 28), since brotli then sees the
// repeated selectors and properties once. Trunk has hashed each one; the joined file gets its
// own hash and integrity.
const sheetTag = /<link rel="stylesheet" href="([^"]+\.css)"[^>]*\/?>\n?\s*/g;
const sheets = [...html.matchAll(sheetTag)].map((m) => m[1]);
if (sheets.length > 0) {
  const local = (href) => path.join(staging, href.slice(publicUrl.length));
  const joined = sheets.map((href) => fs.readFileSync(local(href), 'utf8')).join('\n');
  const css = release ? transformSync(joined, { loader: 'css', minify: true }).code : joined;
  const name = `style-${crypto.createHash('sha256').update(css).digest('hex').slice(0, 16)}.css`;
  fs.writeFileSync(path.join(staging, name), css);
  for (const href of sheets) fs.rmSync(local(href));
  const integrity = `sha384-${crypto.createHash('sha384').update(css).digest('base64')}`;
  let first = true;
  html = html.replace(sheetTag, () => {
    if (!first) return '';
    first = false;
    return `<link rel="stylesheet" href="${publicUrl}${name}" integrity="${integrity}"/>\n    `;
  });
}

const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  (m) => `'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`,
);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  // The simulator runs in a Web Worker, and the service worker keeps the app offline; both
  // are loaded from this origin.
  "worker-src 'self'",
  "manifest-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
html = html.replace(/<meta charset="utf-8" \/>/, (m) => `${m}\n    ${meta}`);
if (!html.includes('Content-Security-Policy')) {
  console.error('trunk-post-build: could not place the CSP meta tag');
  process.exit(1);
}
fs.writeFileSync(indexPath, html);
fs.writeFileSync(path.join(staging, '404.html'), html);
const precache = writeServiceWorker(staging, publicUrl);
console.log(`trunk-post-build: CSP set, 404.html written, sw.js precaches ${precache.length} files`);
