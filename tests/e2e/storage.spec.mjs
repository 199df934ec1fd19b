// The sandbox's save in IndexedDB: a save the previous release left in localStorage moves over
// (and stays until the copy is written), a reload finds everything, and the sandbox menu shows
// how much space the save takes; a long session comes back whole; a full storage is said, and
// Free space makes room.
import { test, expect, savedHead, SAVE_KEY, shot, clockMillis, cli, plantSaveOnce, jump } from './fixtures.mjs';
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
  await plantSaveOnce(page, V1);
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

// Every key of the save's IndexedDB store.
async function storedKeys(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('kinesis-sandbox');
    open.onerror = () => resolve([]);
    open.onsuccess = () => {
      const db = open.result;
      const get = db.transaction('save').objectStore('save').getAllKeys();
      get.onsuccess = () => { db.close(); resolve(get.result.map(String)); };
      get.onerror = () => { db.close(); resolve([]); };
    };
  }));
}

// The simulated time of the save in IndexedDB (its `now` section), or null.
async function savedNow(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('kinesis-sandbox');
    open.onerror = () => resolve(null);
    open.onsuccess = () => {
      const db = open.result;
      const get = db.transaction('save').objectStore('save').get('sandbox/now');
      get.onsuccess = () => { db.close(); resolve(typeof get.result === 'string' ? JSON.parse(get.result) : null); };
      get.onerror = () => { db.close(); resolve(null); };
    };
  }));
}


// Every object key in the bucket, walking all its folders.
async function allObjects(page, bucket) {
  const keys = [];
  const walk = async (route) => {
    await page.goto(route);
    await expect(page.getByRole('heading', { level: 1, name: bucket })).toBeVisible();
    const rows = page.getByRole('row');
    await expect(rows.first()).toBeVisible();
    const objects = await page.getByRole('row').filter({ hasText: 'Object' }).allInnerTexts();
    keys.push(...objects.map((t) => t.replace(/\s+/g, ' ').trim()));
    const folders = await page.getByRole('row').filter({ hasText: 'Folder' }).getByRole('link').evaluateAll(
      (links) => links.map((a) => a.getAttribute('href')));
    for (const href of folders) await walk(href);
  };
  await walk(`./#/s3/${bucket}`);
  return keys;
}

// What the session holds: records per shard, the oldest records of a shard, every object.
async function session(page) {
  await page.goto('./#/streams/machinelearning/details');
  const shards = await page.getByRole('table', { name: 'Shards of this stream' }).getByRole('row').allInnerTexts();
  await cli(page, 'aws kinesis get-shard-iterator --stream-name machinelearning --shard-id shardId-000000000001 --shard-iterator-type TRIM_HORIZON');
  const log = page.getByRole('log', { name: 'AWS CLI output' });
  await expect(log).toContainText('"ShardIterator"');
  const iterator = (await log.innerText()).match(/"ShardIterator": "([^"]+)"/g).pop().split('"')[3];
  await cli(page, `aws kinesis get-records --shard-iterator ${iterator} --limit 5`);
  await expect(log).toContainText('"MillisBehindLatest"');
  const text = await log.innerText();
  const records = text.slice(text.lastIndexOf('get-records')).match(/"(SequenceNumber|Data|PartitionKey)": "[^"]*"/g);
  await page.getByRole('button', { name: 'Hide AWS CLI' }).click();
  const objects = await allObjects(page, 'machinelearning-firehose-output');
  return { shards, records, objects };
}

test('a long session reloads intact: every record and S3 object comes back from the chunked save', async ({ page }) => {
  test.setTimeout(240_000);
  // The v1 pipeline (generator at 10 records/s → stream → Firehose, 60 s buffers → S3).
  await plantSaveOnce(page, V1, { thenRead: 'indexeddb' });
  await page.goto('./#/firehose');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('link', { name: 'machinelearningfirehose' })).toBeVisible();
  // Three simulated hours, five minutes at a time.
  for (let i = 0; i < 36; i++) {
    await jump(page);
  }
  await page.getByRole('button', { name: 'Step 1 s' }).click();
  const now = await clockMillis(page);
  await expect.poll(() => savedNow(page), { timeout: 30_000 }).toBe(now);

  const before = await session(page);
  expect(before.shards.length).toBe(3);
  expect(before.records.length).toBe(15);
  expect(before.objects.length).toBeGreaterThan(150);
  // Records are kept in chunks, each body on its own.
  const keys = await storedKeys(page);
  expect(keys.filter((k) => k.startsWith('records/machinelearning/')).length).toBeGreaterThan(8);
  expect(keys.filter((k) => k.startsWith('s3/machinelearning-firehose-output/')).length).toBe(before.objects.length);

  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Services' })).toBeVisible();
  expect(await clockMillis(page)).toBe(now);
  const after = await session(page);
  expect(after).toEqual(before);
  await shot(page, 'storage-long-session');
});

test('a full storage: the page warns past 80 %, says so when a save is refused and keeps the previous save whole; Free space deletes the oldest objects and their bodies', async ({ page }) => {
  test.setTimeout(120_000);
  // The browser reports 90 % used; puts fail with QuotaExceededError while `__full` is set.
  await plantSaveOnce(page, V1, { thenRead: 'indexeddb' });
  await page.addInitScript(() => {
    StorageManager.prototype.estimate = () => Promise.resolve({ usage: 9e7, quota: 1e8 });
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.__full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await page.goto('./#/firehose');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('link', { name: 'machinelearningfirehose' })).toBeVisible();
  // The jumps wait for the extensions the sandbox needs (the generator's fake data).
  await jump(page, 2);
  await expect(page.getByText('more than 80 % full')).toBeVisible({ timeout: 15_000 });
  const saved = await clockMillis(page);
  await expect.poll(() => savedNow(page), { timeout: 15_000 }).toBe(saved);
  const keysBefore = await storedKeys(page);

  // Full: the next saves are refused, and the page says so; the save in IndexedDB stays as it was.
  await page.evaluate(() => { window.__full = true; });
  await jump(page);
  // A refused write is reported by the next save (the clock is paused: at the next change).
  await expect(async () => {
    await page.getByRole('button', { name: 'Step 1 s' }).click();
    await expect(page.getByText('your latest changes are not saved yet (the previous save is kept whole)')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  expect(await savedNow(page)).toBe(saved);
  expect(await storedKeys(page)).toEqual(keysBefore);

  // Free space: half the objects (the oldest) go; once saves go through, so do their bodies.
  const objects = keysBefore.filter((k) => k.startsWith('s3/')).length;
  await page.getByRole('button', { name: 'Free space' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText(/Deleted the \d+ oldest S3 objects to free space/)).toBeVisible();
  await page.evaluate(() => { window.__full = false; });
  await page.getByRole('button', { name: 'Step 1 s' }).click();
  const now = await clockMillis(page);
  // The autosave tries again after its 30 s back-off.
  await expect.poll(() => savedNow(page), { timeout: 50_000 }).toBe(now);
  const bodies = (await storedKeys(page)).filter((k) => k.startsWith('s3/')).length;
  expect(bodies).toBeLessThan(objects);

  // What was saved reloads whole.
  const kept = await allObjects(page, 'machinelearning-firehose-output');
  expect(kept.length).toBe(bodies);
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Services' })).toBeVisible();
  expect(await clockMillis(page)).toBe(now);
  expect(await allObjects(page, 'machinelearning-firehose-output')).toEqual(kept);
});
