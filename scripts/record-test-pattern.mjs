// Records static/video/test-pattern.webm: the recorded test pattern the labs' "Show me" sends
// to a video stream (and the tests' media). Headless Chromium draws the page's test pattern
// (colour bars, a moving box, the second of the recording) on a canvas and records it with
// MediaRecorder as VP8 WebM, a key frame (so a cluster, so a fragment) every second.
//
//   node scripts/record-test-pattern.mjs [seconds]
import { chromium } from '@playwright/test';
import fs from 'node:fs';

const seconds = Number(process.argv[2] || 10);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu'],
});
const page = await browser.newPage();
await page.setContent('<canvas width="320" height="180"></canvas>');
const bytes = await page.evaluate(async (seconds) => {
  const canvas = document.querySelector('canvas');
  const ctx = canvas.getContext('2d');
  const fps = 5;
  const bars = ['#c0c0c0', '#c0c000', '#00c0c0', '#00c000', '#c000c0', '#c00000', '#0000c0'];
  const draw = (frame) => {
    const bar = canvas.width / bars.length;
    bars.forEach((c, i) => { ctx.fillStyle = c; ctx.fillRect(i * bar, 0, bar + 1, canvas.height); });
    ctx.fillStyle = '#ffffff';
    ctx.fillRect((frame * 12) % (canvas.width - 40), canvas.height / 2 - 20, 40, 40);
    ctx.fillStyle = 'rgba(0,0,0,0.7)';
    ctx.fillRect(0, canvas.height - 36, canvas.width, 36);
    ctx.fillStyle = '#ffffff';
    ctx.font = '16px monospace';
    const s = Math.floor(frame / fps);
    ctx.fillText(`Kinesis Sandbox test pattern  ${String(s).padStart(2, '0')} s`, 8, canvas.height - 12);
  };
  let frame = 0;
  draw(frame);
  const stream = canvas.captureStream(fps);
  const recorder = new MediaRecorder(stream, {
    mimeType: 'video/webm;codecs=vp8',
    videoBitsPerSecond: 150_000,
    videoKeyFrameIntervalDuration: 1000,
  });
  const chunks = [];
  recorder.ondataavailable = (e) => chunks.push(e.data);
  const stopped = new Promise((resolve) => { recorder.onstop = resolve; });
  recorder.start();
  const timer = setInterval(() => draw(++frame), 1000 / fps);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 100));
  clearInterval(timer);
  recorder.stop();
  await stopped;
  const buffer = await new Blob(chunks).arrayBuffer();
  return Array.from(new Uint8Array(buffer));
}, seconds);
await browser.close();
fs.writeFileSync('static/video/test-pattern.webm', Buffer.from(bytes));
console.log(`static/video/test-pattern.webm: ${bytes.length} bytes, ${seconds} s`);
