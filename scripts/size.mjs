#!/usr/bin/env node
// What the built site in dist/ costs to load: the first load (what the browser fetches before
// the first page renders: index.html, the stylesheet, the JS glue and split loader, the
// first-load wasm) apart from what is fetched on first use (each split module), raw, gzipped
// and brotli'd (the .gz and .br files scripts/build.mjs writes).
import fs from 'node:fs';
import path from 'node:path';

const dist = process.argv[2] || 'dist';
if (!fs.existsSync(`${dist}/index.html`)) {
  console.error(`${dist}/index.html is missing: run make dist first`);
  process.exit(1);
}
const html = fs.readFileSync(`${dist}/index.html`, 'utf8');
const glue = html.match(/from '\.\/([^']+\.js)'/)[1];
const appDir = path.dirname(glue);
const firstLoad = new Set([
  'index.html',
  html.match(/href="\.\/(style-[^"]+\.css)"/)[1],
  glue,
  `${appDir}/__wasm_split.js`,
  html.match(/new URL\('\.\/([^']+\.wasm)'/)[1],
]);

const size = (f) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
const rows = [];
function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(file);
    else if (!/\.(gz|br)$/.test(entry.name) && entry.name !== 'kinesis-sandbox.html') {
      rows.push({ name: path.relative(dist, file), raw: size(file), gz: size(`${file}.gz`), br: size(`${file}.br`) });
    }
  }
}
walk(dist);

const line = (name, r) => console.log(`${name.padEnd(52)} ${String(r.raw).padStart(10)} ${String(r.gz).padStart(10)} ${String(r.br).padStart(10)}`);
const sum = (list) => list.reduce((a, r) => ({ raw: a.raw + r.raw, gz: a.gz + r.gz, br: a.br + r.br }), { raw: 0, gz: 0, br: 0 });
console.log(`${'file'.padEnd(52)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)} ${'brotli'.padStart(10)}`);
const groups = [
  ['First load (before the first page renders)', rows.filter((r) => firstLoad.has(r.name))],
  ['On demand (fetched on first use)', rows.filter((r) => r.name.endsWith('.wasm') && !firstLoad.has(r.name))],
  ['Other files (embed.js for course pages, the service worker…)', rows.filter((r) => !firstLoad.has(r.name) && !r.name.endsWith('.wasm'))],
];
for (const [title, list] of groups) {
  console.log(`\n${title}`);
  for (const r of list.sort((a, b) => a.name.localeCompare(b.name))) line(`  ${r.name}`, r);
  line('  TOTAL', sum(list));
}
// Each split point: what its first use fetches (its module and the chunks it shares), and how
// much of that the sandbox, fetched right after the first render, has not already brought.
const loader = fs.readFileSync(`${dist}/${appDir}/__wasm_split.js`, 'utf8');
const deps = {};
for (const m of loader.matchAll(/export const __wasm_split_load_(\w+) = [\s\S]*?\[([^\]]*)\]\)\);/g)) {
  deps[m[1]] = [`split_${m[1]}.wasm`, ...m[2].split(',').map((c) => c.trim()).filter(Boolean).map((c) => `${c.replace('__chunk_', 'chunk_')}.wasm`)];
}
const byName = Object.fromEntries(rows.map((r) => [path.basename(r.name), r]));
const present = (list) => list.filter((n) => byName[n]);
const sandbox = new Set(present(deps.sandbox || []));
console.log('\nBy split point (gzip): what its first use fetches, and what it adds after the sandbox');
for (const [name, list] of Object.entries(deps)) {
  const files = present(list);
  const all = sum(files.map((n) => byName[n]));
  const added = name === 'sandbox' ? all : sum(files.filter((n) => !sandbox.has(n)).map((n) => byName[n]));
  console.log(`  ${name.padEnd(12)} ${String(all.gz).padStart(9)} B in ${String(files.length).padStart(2)} files; adds ${String(added.gz).padStart(9)} B (brotli ${added.br} B)`);
}

const single = `${dist}/kinesis-sandbox.html`;
if (fs.existsSync(single)) console.log(`\nSingle-file build (a separate download): kinesis-sandbox.html ${size(single)} bytes`);
