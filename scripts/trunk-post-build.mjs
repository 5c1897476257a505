// Trunk post-build hook: adds a strict Content-Security-Policy to index.html and ships the same
// page as 404.html for static hosts without an SPA fallback.
//
// The policy allows nothing inline and no eval: scripts only from this origin plus the one
// inline loader Trunk writes (allowed by its SHA-256 hash, computed here because the loader
// names the build's hashed files), and 'wasm-unsafe-eval', which WebAssembly compilation needs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('trunk-post-build: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
  process.exit(1);
}
const indexPath = path.join(staging, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');

const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  (m) => `'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`,
);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  // The simulator runs in a Web Worker loaded from this origin.
  "worker-src 'self'",
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
