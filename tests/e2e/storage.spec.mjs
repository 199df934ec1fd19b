// The sandbox's save in IndexedDB: a save the previous release left in localStorage moves over
// (and stays until the copy is written), a reload finds everything, and the sandbox menu shows
// how much space the save takes.
import { test, expect, savedHead, SAVE_KEY, shot } from './fixtures.mjs';
import fs from 'node:fs';

const V1 = fs.readFileSync('tests/fixtures/saves/v1-pipeline.json', 'utf8');

async function bucketObjects(page) {
  await page.goto('./#/s3/machinelearning-firehose-output');
  await expect(page.getByRole('heading', { level: 1, name: 'machinelearning-firehose-output' })).toBeVisible();
  for (let depth = 0; depth < 6; depth++) {
    const folders = page.getByRole('row').filter({ hasText: 'Folder' });
    if ((await folders.count()) === 0) break;
    await folders.last().getByRole('link').click();
  }
  return page.getByRole('row').filter({ hasText: 'Object' });
}

test('a save the previous release left in localStorage moves to IndexedDB and loads', async ({ page }) => {
  // Planted once per tab (not again on reload), before the app starts.
  await page.addInitScript(([key, value]) => {
    if (!sessionStorage.getItem('planted')) {
      localStorage.setItem(key, value);
      sessionStorage.setItem('planted', '1');
    }
  }, [SAVE_KEY, V1]);
  await page.goto('./#/firehose');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('link', { name: 'machinelearningfirehose' })).toBeVisible();
  // Copied into IndexedDB, then (only then) removed from localStorage.
  await expect.poll(() => savedHead(page)).not.toBeNull();
  expect((await savedHead(page)).sections).toEqual(expect.arrayContaining(['s3', 'streams', 'firehose']));
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), SAVE_KEY)).toBeNull();
  await expect(await bucketObjects(page)).toHaveCount(3);

  // A reload reads IndexedDB alone.
  await page.waitForTimeout(1200);
  await page.reload();
  await expect(await bucketObjects(page)).toHaveCount(3);
  await page.goto('./#/firehose');
  await expect(page.getByRole('link', { name: 'machinelearningfirehose' })).toBeVisible();
  // The menu shows the browser's estimate from the last save on; the clock re-renders it.
  await expect(async () => {
    await page.getByRole('button', { name: 'Step 1 s' }).click();
    await expect(page.locator('.storage-usage')).toContainText('Stored in this browser (IndexedDB', { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await shot(page, 'storage-migrated');
});

test('the page shows its loading message until the save is read, never a blank page', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('navigation', { name: 'Services' })).toBeVisible();
  await expect(page.locator('#boot')).toHaveCount(0);
  // Before the app starts, index.html says it is loading.
  const html = fs.readFileSync('dist/index.html', 'utf8');
  expect(html).toContain('Loading Kinesis Sandbox');
});
