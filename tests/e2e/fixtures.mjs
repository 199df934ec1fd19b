// Shared fixtures: every test fails if the page asks for anything outside its own origin,
// and screenshots go to target/screenshots/.
import { test as base, expect } from '@playwright/test';
import fs from 'node:fs';

export const SAVE_KEY = 'kinesis-sandbox:state';
const SHOTS = 'target/screenshots';

export const test = base.extend({
  page: async ({ page, baseURL }, use) => {
    const origin = new URL(baseURL).origin;
    const outside = [];
    page.on('request', (req) => {
      const url = req.url();
      if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
        outside.push(url);
      }
    });
    await use(page);
    expect(outside, 'requests outside the page\'s own origin').toEqual([]);
  },
});

export { expect };

export async function shot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

// Opens the page on a fresh sandbox, paused, so the clock only moves when a test moves it.
export async function openFresh(page, path = './') {
  await page.goto(path);
  await clearStorage(page);
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Services' })).toBeVisible();
  await page.getByRole('button', { name: 'Pause' }).click();
}

// Forgets every save: localStorage, and the IndexedDB database (the page closes its
// connection when asked, so the deletion is not blocked).
export async function clearStorage(page) {
  await page.evaluate(() => new Promise((resolve) => {
    localStorage.clear();
    const request = indexedDB.deleteDatabase('kinesis-sandbox');
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  }));
}

// The head of the sandbox's save in IndexedDB (format, version, settings, sections), or null.
export async function savedHead(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('kinesis-sandbox');
    open.onerror = () => resolve(null);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('save')) { db.close(); resolve(null); return; }
      const get = db.transaction('save').objectStore('save').get('head');
      get.onsuccess = () => { db.close(); resolve(get.result ? JSON.parse(get.result) : null); };
      get.onerror = () => { db.close(); resolve(null); };
    };
  }));
}

// The simulated time shown in the top bar, in epoch milliseconds.
export async function clockMillis(page) {
  const iso = await page.getByLabel('Simulated time').getAttribute('datetime');
  return Date.parse(iso);
}

// Clicks "Jump +5 min" `times` times and waits until the clock has moved that far: a jump is
// held while an extension the sandbox needs (fake data, jq, columnar) is still being fetched.
export async function jump(page, times = 1) {
  const start = await clockMillis(page);
  for (let i = 0; i < times; i++) await page.getByRole('button', { name: 'Jump +5 min' }).click();
  await expect.poll(() => clockMillis(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(start + times * 300_000);
}

// Follows an entry of the left navigation ("Services").
export async function navTo(page, name) {
  await page.getByRole('navigation', { name: 'Services' }).getByRole('link', { name, exact: true }).click();
}

// Puts `text` in the saved-sandbox slot before the page's own scripts run on the next load, as
// a damaged save would be found (the unload autosave of the current page can't overwrite it).
export async function plantSave(page, text) {
  await page.addInitScript(([key, value]) => localStorage.setItem(key, value), [SAVE_KEY, text]);
}

// Types `line` into the AWS CLI terminal (opening it if needed) and runs it.
export async function cli(page, line) {
  const input = page.getByLabel('AWS CLI command');
  if (!(await input.isVisible())) {
    await page.getByRole('button', { name: 'AWS CLI' }).click();
  }
  await input.fill(line);
  await input.press('Enter');
}

// Runs `line` as set-up: it must not fail, and the terminal is hidden again afterwards.
export async function cliSetUp(page, line) {
  await cli(page, line);
  await expect(page.getByRole('log', { name: 'AWS CLI output' })).not.toContainText('An error occurred');
  await page.getByRole('button', { name: 'Hide AWS CLI' }).click();
}

// Plants `save` in localStorage (where the previous release kept the sandbox) once per tab, not
// again on reload, before the app starts. With `thenRead: 'indexeddb'` later loads drop the copy
// the page leaves in localStorage when it is hidden, so that a reload reads IndexedDB.
export async function plantSaveOnce(page, save, { thenRead = 'anything' } = {}) {
  await page.addInitScript(([key, value, dropCopy]) => {
    if (!sessionStorage.getItem('planted')) {
      localStorage.setItem(key, value);
      sessionStorage.setItem('planted', '1');
    } else if (dropCopy) {
      localStorage.removeItem(key);
    }
  }, [SAVE_KEY, save, thenRead === 'indexeddb']);
}
