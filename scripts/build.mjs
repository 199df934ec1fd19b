#!/usr/bin/env node
// Builds the site into dist/ (ARCHITECTURE.md, "What loads when"):
//
//   1. cargo builds the app for wasm32 with the `split` feature, keeping the linker's
//      relocations (`--emit-relocs`), which the splitter needs;
//   2. wasm-split-cli cuts the module at its `#[wasm_split]` points: a first-load module, one
//      module per split point and chunks the split points share, plus `__wasm_split.js`, the
//      loader that fetches a module the first time its code is called;
//   3. wasm-bindgen writes the JS glue for the first-load module;
//   4. binaryen's wasm-opt optimises every module;
//   5. index.html, the stylesheet and embed.js are written, and every file gets a .gz and a .br
//      beside it for static hosts that serve precompressed files.
//
// A build's modules live in dist/app-<hash>/, named after their content, so a page never mixes
// the modules of two builds; index.html and the stylesheet are the only fixed names.
//
// Usage: node scripts/build.mjs [--dev]   (--dev: no split, no wasm-opt, for a quick look)
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
// The pinned tools: binaryen's wasm-opt from npm, the wasm-bindgen and wasm-split CLIs from cargo.
process.env.PATH = [path.join(root, 'node_modules/.bin'), path.join(process.env.HOME, '.cargo/bin'), process.env.PATH].join(':');
const dist = 'dist';
const work = 'target/site';
const split = !process.argv.includes('--dev');
// Its own target directory: the relocations flag would otherwise rebuild every test's wasm.
const targetDir = split ? 'target/split' : 'target';

function run(command, args, env = {}) {
  console.log(`> ${command} ${args.join(' ')}`);
  execFileSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
}

function hash(bytes) {
  return crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(`${work}/split`, { recursive: true });

// 1. The wasm.
const rustflags = [
  // As .cargo/config.toml says (RUSTFLAGS replaces the config's flags, so repeat it).
  '--cfg', 'getrandom_backend="wasm_js"',
  ...(split ? ['-C', 'link-arg=--emit-relocs'] : []),
].join(' ');
run('cargo', [
  'build', '--release', '--target', 'wasm32-unknown-unknown', '--bin', 'kinesis-sandbox',
  ...(split ? ['--features', 'split'] : []),
], { RUSTFLAGS: rustflags, CARGO_TARGET_DIR: targetDir });
const built = `${targetDir}/wasm32-unknown-unknown/release/kinesis-sandbox.wasm`;

// 2. Split it.
const out = `${work}/out`;
fs.mkdirSync(out, { recursive: true });
let mainWasm = built;
if (split) {
  run('wasm-split-cli', [built, `${work}/split`, '--out-name', 'kinesis-sandbox']);
  mainWasm = `${work}/split/kinesis-sandbox.wasm`;
  for (const name of fs.readdirSync(`${work}/split`)) {
    if (name !== 'kinesis-sandbox.wasm') fs.copyFileSync(`${work}/split/${name}`, `${out}/${name}`);
  }
}

// 3. The glue for the first-load module.
run('wasm-bindgen', [
  '--target', 'web', '--no-typescript', ...(split ? ['--keep-lld-exports'] : []), '--out-dir', out, '--out-name', 'kinesis-sandbox', mainWasm,
]);

// 4. Optimise every module (the first-load one and the split ones alike).
const features = [
  '--enable-reference-types', '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
  '--enable-sign-ext', '--enable-mutable-globals', '--enable-multivalue',
];
if (split) {
  for (const name of fs.readdirSync(out).filter((n) => n.endsWith('.wasm'))) {
    run('wasm-opt', ['-O', ...features, `${out}/${name}`, '-o', `${out}/${name}`]);
  }
}

// 5. The site.
fs.rmSync(dist, { recursive: true, force: true });
const files = fs.readdirSync(out).sort();
const appHash = hash(Buffer.concat(files.map((n) => fs.readFileSync(`${out}/${n}`))));
const appDir = `app-${appHash}`;
fs.mkdirSync(`${dist}/${appDir}`, { recursive: true });
for (const name of files) fs.copyFileSync(`${out}/${name}`, `${dist}/${appDir}/${name}`);

const css = fs.readFileSync('static/style.css');
const cssName = `style-${hash(css)}.css`;
fs.writeFileSync(`${dist}/${cssName}`, css);
fs.copyFileSync('static/embed.js', `${dist}/embed.js`);

const glue = `./${appDir}/kinesis-sandbox.js`;
const wasm = `./${appDir}/kinesis-sandbox_bg.wasm`;
const head = [
  `<link rel="stylesheet" href="./${cssName}" />`,
  `<link rel="manifest" href="./manifest.webmanifest" />`,
  `<link rel="icon" href="./icon.svg" type="image/svg+xml" />`,
  `<link rel="modulepreload" href="${glue}" />`,
  `<link rel="preload" href="${wasm}" as="fetch" type="application/wasm" crossorigin="anonymous" />`,
  `<script type="module">
import init from '${glue}';
await init({ module_or_path: new URL('${wasm}', import.meta.url) });
</script>`,
].join('\n    ');
let html = fs.readFileSync('index.html', 'utf8');
const marker = /<!-- build: the stylesheet and the app -->/;
if (!marker.test(html)) throw new Error('index.html lacks the "build: the stylesheet and the app" marker');
html = html.replace(marker, () => head);
fs.writeFileSync(`${dist}/index.html`, html);

// Offline after the first visit: a service worker that keeps this build's files in a cache named
// after the build, and a web app manifest so the sandbox can be installed. The worker answers
// the page itself from the network when it can (a new build shows up on the next visit) and from
// the cache when offline; a build's other files never change, so they come from the cache first.
fs.copyFileSync('static/icon.svg', `${dist}/icon.svg`);
fs.writeFileSync(`${dist}/manifest.webmanifest`, JSON.stringify({
  name: 'Kinesis Sandbox',
  short_name: 'Kinesis Sandbox',
  description: 'Build Amazon Kinesis pipelines in your browser: no AWS account, no server, no cost.',
  start_url: './',
  scope: './',
  display: 'standalone',
  background_color: '#f2f3f3',
  theme_color: '#232f3e',
  icons: [{ src: './icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
}, null, 2));
const cached = ['./', './index.html', `./${cssName}`, './embed.js', './icon.svg', './manifest.webmanifest',
  ...files.map((n) => `./${appDir}/${n}`)];
fs.writeFileSync(`${dist}/sw.js`, `// Kinesis Sandbox's service worker (written by scripts/build.mjs for build ${appHash}).
const CACHE = 'kinesis-sandbox-${appHash}';
const FILES = ${JSON.stringify(cached, null, 2)};

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys
      .filter((key) => key.startsWith('kinesis-sandbox-') && key !== CACHE)
      .map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put('./index.html', copy));
        }
        return response;
      })
      .catch(() => caches.open(CACHE).then((cache) => cache.match('./index.html'))));
    return;
  }
  event.respondWith(caches.open(CACHE)
    .then((cache) => cache.match(request, { ignoreSearch: true }))
    .then((hit) => hit || fetch(request)));
});
`);

// Precompressed copies for hosts that serve them (nginx gzip_static/brotli_static, most CDNs).
function compressAll(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) { compressAll(file); continue; }
    if (/\.(gz|br)$/.test(entry.name)) continue;
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(bytes, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }));
  }
}
compressAll(dist);
console.log(`built ${dist}/ (${appDir}, ${files.length} files)`);
