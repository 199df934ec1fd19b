#!/usr/bin/env node
// Page-load benchmark (make bench-load): serves dist/ as a static host with precompressed files
// would (tests/e2e/serve.py), opens it in headless Chromium with the cache disabled and the
// network throttled through the DevTools protocol (Network.emulateNetworkConditions), and
// reports, for each connection, the median over several loads of:
//   - first render: the first page's heading on screen (the boot view, from the first-load
//     module alone), and the bytes transferred until then;
//   - sandbox ready: the whole app mounted (the engine and the console), and the bytes until then.
// A benchmark, not a test: it asserts nothing.
//
// Usage: node scripts/bench-load.mjs [runs]
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

const RUNS = Number(process.argv[2] || 3);
const PORT = 8179;
const CONNECTIONS = [
  { name: 'local (no throttling)', latency: 0, mbit: 0 },
  { name: '10 Mbit/s, 40 ms', latency: 40, mbit: 10 },
  { name: '4 Mbit/s, 150 ms', latency: 150, mbit: 4 },
];

let server;
async function serve(encodings) {
  if (server) server.kill();
  server = spawn('python3', ['tests/e2e/serve.py', String(PORT)], {
    stdio: 'ignore', env: { ...process.env, SERVE_ENCODINGS: encodings },
  });
  await new Promise((resolve) => setTimeout(resolve, 800));
}
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu'],
});

async function load(connection) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (connection.mbit > 0) {
    const bytesPerSecond = (connection.mbit * 1_000_000) / 8;
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: connection.latency,
      downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond,
    });
  }
  // Bytes on the wire, by the time each one finished arriving.
  const finished = [];
  cdp.on('Network.loadingFinished', (e) => finished.push({ at: e.timestamp, bytes: e.encodedDataLength }));
  let startedAt;
  cdp.on('Network.requestWillBeSent', (e) => { if (startedAt === undefined) startedAt = e.timestamp; });
  // When the heading and the mounted app appear, in the page's own clock.
  await page.addInitScript(() => {
    window.__marks = {};
    new MutationObserver(() => {
      if (!window.__marks.render && document.querySelector('main h1')) window.__marks.render = performance.now();
      if (!window.__marks.ready && document.querySelector('nav.side-nav')) window.__marks.ready = performance.now();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.waitForFunction(() => window.__marks.ready, null, { timeout: 120_000, polling: 50 });
  const marks = await page.evaluate(() => ({ ...window.__marks, origin: performance.timeOrigin }));
  // The protocol's timestamps are seconds on a monotonic clock: relate them through the
  // navigation's first request, which starts at the page's time 0 (give or take a millisecond).
  const bytesBy = (ms) => finished.filter((f) => (f.at - startedAt) * 1000 <= ms + 5).reduce((a, f) => a + f.bytes, 0);
  const result = { render: marks.render, ready: marks.ready, renderBytes: bytesBy(marks.render), readyBytes: bytesBy(marks.ready) };
  await context.close();
  return result;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const kb = (n) => `${(n / 1000).toFixed(0)} KB`;
try {
  for (const encoding of ['gzip', 'br']) {
  await serve(encoding);
  console.log(`\nPage load, median of ${RUNS} (cache disabled; files served ${encoding === 'br' ? 'brotli' : 'gzip'}-compressed)`);
  console.log(`${'connection'.padEnd(24)} ${'first render'.padStart(13)} ${'bytes'.padStart(9)} ${'sandbox ready'.padStart(14)} ${'bytes'.padStart(9)}`);
  for (const connection of CONNECTIONS) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await load(connection));
    console.log(`${connection.name.padEnd(24)} ${`${(median(runs.map((r) => r.render)) / 1000).toFixed(2)} s`.padStart(13)} ${kb(median(runs.map((r) => r.renderBytes))).padStart(9)} ${`${(median(runs.map((r) => r.ready)) / 1000).toFixed(2)} s`.padStart(14)} ${kb(median(runs.map((r) => r.readyBytes))).padStart(9)}`);
  }
  }
} finally {
  await browser.close();
  server.kill();
}
