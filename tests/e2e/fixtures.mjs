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
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Services' })).toBeVisible();
  await page.getByRole('button', { name: 'Pause' }).click();
}

// The simulated time shown in the top bar, in epoch milliseconds.
export async function clockMillis(page) {
  const iso = await page.getByLabel('Simulated time').getAttribute('datetime');
  return Date.parse(iso);
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
