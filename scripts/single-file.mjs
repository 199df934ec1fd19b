#!/usr/bin/env node
// Builds dist/kinesis-sandbox.html from trunk's dist/: one self-contained file that works when
// opened straight from disk (file://), offline, with no request at all. The stylesheet becomes a
// <style>, wasm-bindgen's JS glue goes into the inline module script (its one `export` line
// removed), and the wasm travels gzipped and base64-encoded in a data <script>, unpacked with
// DecompressionStream and instantiated from bytes.
//
// Usage: node scripts/single-file.mjs [dist-dir]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = process.argv[2] || 'dist';
const OUT = 'kinesis-sandbox.html';

function fail(message) {
  console.error(`single-file: ${message}`);
  process.exit(1);
}

function read(name, encoding) {
  const file = path.join(dist, name.replace(/^\.\//, ''));
  if (!fs.existsSync(file)) fail(`${file} is missing (run trunk build first)`);
  return fs.readFileSync(file, encoding);
}

// Replaces exactly one match of `pattern` in `text`, or stops the build.
function replaceOnce(text, pattern, replacement, what) {
  const matches = text.match(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g'));
  if (!matches || matches.length !== 1) fail(`expected one ${what} in index.html, found ${matches ? matches.length : 0}`);
  return text.replace(pattern, () => replacement);
}

let html = read('index.html', 'utf8');

// The stylesheet.
const cssLink = html.match(/<link rel="stylesheet" href="([^"]+\.css)"[^>]*>/);
if (!cssLink) fail('no stylesheet link in index.html');
const css = read(cssLink[1], 'utf8');
if (/url\(/.test(css)) fail('the stylesheet refers to another file (url(...)); inline it first');
html = replaceOnce(html, /<link rel="stylesheet" href="[^"]+\.css"[^>]*>/, `<style>\n${css}</style>`, 'stylesheet link');

// The loader trunk wrote, and the files it names.
const loader = html.match(/<script type="module">([\s\S]*?)<\/script>/);
if (!loader) fail('no module script in index.html');
const glueName = loader[1].match(/from '([^']+\.js)'/);
const wasmName = loader[1].match(/module_or_path: '([^']+\.wasm)'/);
if (!glueName || !wasmName) fail('the module script does not name the glue and the wasm as expected');

let glue = read(glueName[1], 'utf8');
const exportLine = /^export \{ initSync, __wbg_init as default \};\s*$/m;
if (!exportLine.test(glue)) fail('the JS glue does not end with the expected export line');
glue = glue.replace(exportLine, '');
if (/^\s*(import|export)\b/m.test(glue)) fail('the JS glue has other imports or exports');
if (/<\/script/i.test(glue)) fail('the JS glue contains "</script"');

const wasm = read(wasmName[1]);
const packed = zlib.gzipSync(wasm, { level: 9 }).toString('base64');

// The glue and the loader share one block, so that the loader's names can't clash with the
// glue's top-level ones.
const module = `<script type="module">
{
${glue}
// The wasm, from the data script above: base64 → gzip → bytes. No request.
async function kinesisSandboxWasm() {
  const text = document.getElementById('kinesis-sandbox-wasm').textContent.trim();
  const binary = atob(text);
  const packed = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) packed[i] = binary.charCodeAt(i);
  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}
const exports = await __wbg_init({ module_or_path: await kinesisSandboxWasm() });
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm: exports}}));
}
</script>`;
const data = `<script id="kinesis-sandbox-wasm" type="application/gzip;base64">\n${packed}\n</script>\n`;
html = replaceOnce(html, /<script type="module">[\s\S]*?<\/script>/, data + module, 'module script');

// Preloads of the files now inlined, and the embed comment (embed.js is not part of this file).
html = html.replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
html = html.replace(/\s*<!-- For course pages that embed the sandbox[^>]*-->/, '');
if (/<link rel="(stylesheet|modulepreload|preload)"|<script[^>]+src=/.test(html)) {
  fail('index.html still refers to another file');
}

fs.writeFileSync(path.join(dist, OUT), html);
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`single-file: dist/${OUT} ${kib(Buffer.byteLength(html))} (wasm ${kib(wasm.length)}, gzipped and base64 ${kib(packed.length)})`);
