#!/usr/bin/env node
// Builds dist/kinesis-sandbox.html from the built site in dist/: one self-contained file that works when
// opened straight from disk (file://), offline, with no request at all. The stylesheet becomes a
// <style>, wasm-bindgen's JS glue goes into the inline module script (its one `export` line
// removed), and each wasm module travels gzipped and base64-encoded in a data <script>, unpacked
// with DecompressionStream and instantiated from bytes (the split modules when first used).
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
  if (!fs.existsSync(file)) fail(`${file} is missing (run node scripts/build.mjs first)`);
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

// The loader scripts/build.mjs wrote, and the files it names.
const loader = html.match(/<script type="module">([\s\S]*?)<\/script>/);
if (!loader) fail('no module script in index.html');
const glueName = loader[1].match(/from '([^']+\.js)'/);
const wasmName = loader[1].match(/new URL\('([^']+\.wasm)'/);
if (!glueName || !wasmName) fail('the module script does not name the glue and the wasm as expected');
const appDir = path.dirname(glueName[1]);

let glue = read(glueName[1], 'utf8');
const exportLine = /^export \{ initSync, __wbg_init as default \};\s*$/m;
if (!exportLine.test(glue)) fail('the JS glue does not end with the expected export line');
glue = glue.replace(exportLine, '');

// The split loader (`__wasm_split.js`), if the build has split modules: the glue imports it
// and it imports the glue back, so both go into one block; its `export const`s become the
// object the glue passes to the wasm as that module's imports, and each split module's fetch
// becomes a read of its own data script.
const splitImport = /^import \* as (\w+) from "\.\/__wasm_split\.js";?\s*$/gm;
let splitLoader = '';
const splitData = [];
const importNames = [...glue.matchAll(splitImport)].map((m) => m[1]);
if (importNames.length > 0) {
  glue = glue.replace(splitImport, '');
  let link = read(`${appDir}/__wasm_split.js`, 'utf8');
  const linkImport = /^import \{ initSync \} from "\.\/kinesis-sandbox\.js";\s*$/m;
  if (!linkImport.test(link)) fail('__wasm_split.js does not import initSync from the glue as expected');
  link = link.replace(linkImport, '');
  const exported = [];
  link = link.replace(/^export const (\w+) =/gm, (_, name) => { exported.push(name); return `const ${name} =`; });
  link = link.replace(/fetch\(new URL\("\.\/([\w.-]+\.wasm)", import\.meta\.url\)\)/g, (_, file) => {
    const id = `kinesis-sandbox-${file.replace(/\.wasm$/, '')}`;
    splitData.push(`<script id="${id}" type="application/gzip;base64">\n${zlib.gzipSync(read(`${appDir}/${file}`), { level: 9 }).toString('base64')}\n</script>\n`);
    return `kinesisSandboxBytes('${id}').then((bytes) => new Response(bytes, { headers: { 'Content-Type': 'application/wasm' } }))`;
  });
  if (/import\.meta|^\s*(import|export)\b/m.test(link)) fail('__wasm_split.js has a fetch or an import/export left');
  splitLoader = `${link}\nconst __wasmSplitExports = { ${exported.join(', ')} };\n`
    + importNames.map((name) => `const ${name} = __wasmSplitExports;\n`).join('');
}
if (/^\s*(import|export)\b/m.test(glue)) fail('the JS glue has other imports or exports');
if (/<\/script/i.test(glue + splitLoader)) fail('the JS contains "</script"');

const wasm = read(wasmName[1]);
const packed = zlib.gzipSync(wasm, { level: 9 }).toString('base64');

// The glue and the loader share one block, so that the loader's names can't clash with the
// glue's top-level ones.
const module = `<script type="module">
{
// A module's bytes, from its data script: base64 → gzip → bytes. No request.
async function kinesisSandboxBytes(id) {
  const text = document.getElementById(id).textContent.trim();
  const binary = atob(text);
  const packed = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) packed[i] = binary.charCodeAt(i);
  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}
${glue}
${splitLoader}
await __wbg_init({ module_or_path: await kinesisSandboxBytes('kinesis-sandbox-wasm') });
}
</script>`;
const data = `<script id="kinesis-sandbox-wasm" type="application/gzip;base64">\n${packed}\n</script>\n${splitData.join('')}`;
html = replaceOnce(html, /<script type="module">[\s\S]*?<\/script>/, data + module, 'module script');

// Preloads of the files now inlined, and the embed comment (embed.js is not part of this file).
html = html.replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
// The manifest is for installing the hosted site; the icon travels inline.
html = html.replace(/\s*<link rel="manifest"[^>]*>/, '');
html = html.replace(/<link rel="icon" href="\.\/icon\.svg"[^>]*>/, () =>
  `<link rel="icon" href="data:image/svg+xml;base64,${read('icon.svg').toString('base64')}" type="image/svg+xml" />`);
html = html.replace(/\s*<!-- For course pages that embed the sandbox[^>]*-->/, '');
if (/<link rel="(stylesheet|modulepreload|preload|manifest)"|<link rel="icon" href="\.|<script[^>]+src=/.test(html)) {
  fail('index.html still refers to another file');
}

fs.writeFileSync(path.join(dist, OUT), html);
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`single-file: dist/${OUT} ${kib(Buffer.byteLength(html))} (wasm ${kib(wasm.length)}, gzipped and base64 ${kib(packed.length)})`);
