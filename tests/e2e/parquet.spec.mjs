// Record format conversion seen by a learner: lab 7 started at its fourth step (the Glue table
// and the converting delivery stream made by its "Show me"), time jumped, the Parquet object
// opened in the S3 browser as a table, then downloaded and read by an independent Parquet
// reader (hyparquet), which must find the Glue table's columns and the generator's readings.
import fs from 'node:fs';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { test, expect, openFresh, shot, jump } from './fixtures.mjs';

test('a converted object opens in the S3 browser and in another Parquet reader', async ({ page }) => {
  test.setTimeout(180_000);
  await openFresh(page, './#/labs/parquet/step/4');
  await page.getByRole('button', { name: 'Start at step 4', exact: true }).click();
  const ask = page.getByRole('dialog', { name: /^Start / });
  const heading = page.getByRole('complementary').getByRole('heading', { level: 3 });
  await expect(ask.or(heading).first()).toBeVisible();
  if (await ask.isVisible()) await ask.getByRole('button', { name: 'Start lab' }).click();
  await jump(page);

  await page.getByRole('link', { name: 'S3', exact: true }).click();
  await page.getByRole('link', { name: 'sensor-lake' }).click();
  for (let depth = 0; depth < 6; depth++) {
    const folders = page.getByRole('row').filter({ hasText: 'Folder' });
    if ((await folders.count()) === 0) break;
    await folders.last().getByRole('link').click();
  }
  const objects = page.getByRole('row').filter({ hasText: 'Object' });
  await expect(objects.last()).toContainText('.parquet');
  await objects.last().getByRole('button').click();
  const schema = page.getByRole('table', { name: 'Schema' });
  await expect(schema).toBeVisible();
  await expect(schema).toContainText('currenttemperature');
  await expect(page.getByText(/^Parquet file: \d+ rows? in 1 row group/)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Rows' })).toContainText(/OK|WARN|FAIL/);
  await shot(page, 'parquet-object');

  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download' }).click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/^parquetfirehose-1-.*\.parquet$/);
  const bytes = fs.readFileSync(await file.path());
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const meta = parquetMetadata(buffer);
  const columns = parquetSchema(meta).children.map((c) => c.element.name);
  expect(columns).toEqual(['sensorid', 'currenttemperature', 'status']);
  const rows = await parquetReadObjects({ file: buffer });
  expect(rows.length).toBeGreaterThan(100);
  for (const r of rows) {
    expect(['OK', 'FAIL', 'WARN']).toContain(r.status);
    expect(r.sensorid).toBeGreaterThanOrEqual(0);
    expect(r.currenttemperature).toBeGreaterThanOrEqual(10);
  }
});
