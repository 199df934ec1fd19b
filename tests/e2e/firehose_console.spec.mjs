// Two console details of Firehose and S3: the S3 browser keeps its folder in the URL (so back,
// forward, reload and deep links work), and a delivery stream is deleted from its page after a
// confirmation that names it.
import { test, expect, shot, openFresh, cliSetUp, jump } from './fixtures.mjs';



// `machinelearning` (2 shards) read by `consolefirehose` into `console-bucket`, with one object
// delivered under the default YYYY/MM/DD/HH/ prefix.
async function pipelineWithOneObject(page) {
  await openFresh(page);
  await cliSetUp(page, 'aws kinesis create-stream --stream-name machinelearning --shard-count 2');
  await jump(page);
  await page.goto('./#/firehose/create/machinelearning');
  await page.getByLabel('Delivery stream name').fill('consolefirehose');
  for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('New bucket name').fill('console-bucket');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Buffer interval (seconds)').fill('60');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Create delivery stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'consolefirehose' })).toBeVisible();
  await jump(page);
  await cliSetUp(page, 'aws kinesis put-record --stream-name machinelearning --partition-key k --data hello --cli-binary-format raw-in-base64-out');
  await jump(page);
}

test('the S3 browser keeps its folder in the URL: back, forward, reload and deep links', async ({ page }) => {
  await pipelineWithOneObject(page);
  await page.goto('./#/s3/console-bucket');
  const rows = page.getByRole('row').filter({ hasText: 'Folder' });
  const levels = [];
  for (let depth = 0; depth < 4; depth++) {
    await rows.first().getByRole('link').click();
    levels.push(new URL(page.url()).hash);
  }
  // #/s3/console-bucket?prefix=2026/ … ?prefix=2026/11/27/17/
  expect(levels[0]).toMatch(/^#\/s3\/console-bucket\?prefix=\d{4}\/$/);
  expect(levels[3]).toMatch(/^#\/s3\/console-bucket\?prefix=\d{4}\/\d{2}\/\d{2}\/\d{2}\/$/);
  const objects = page.getByRole('row').filter({ hasText: 'Object' });
  await expect(objects).toHaveCount(1);
  await expect(objects.getByRole('button')).toHaveText(/^consolefirehose-\d+-/);
  const crumbs = page.getByRole('navigation', { name: 'Folder' }).getByRole('link');
  await expect(crumbs).toHaveText(['console-bucket', /^\d{4}\/$/, /^\d{2}\/$/, /^\d{2}\/$/, /^\d{2}\/$/]);
  await objects.getByRole('button').click();
  await expect(page.getByLabel('Object content')).toHaveText('hello');
  await shot(page, 's3-folder-in-url');

  // Back: one folder up, and the open object closes; forward: down again.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(levels[2].replace(/[?/]/g, '\\$&') + '$'));
  await expect(page.getByRole('row').filter({ hasText: 'Folder' })).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Object' })).toHaveCount(0);
  await page.goForward();
  await expect(page.getByRole('row').filter({ hasText: 'Object' })).toHaveCount(1);

  // A deep link and a reload open the same folder; the bucket crumb goes back to the top.
  const month = levels[1].split('=')[1];
  await page.goto(`./#/s3/console-bucket?prefix=${month}`);
  await expect(page.getByRole('row').filter({ hasText: 'Folder' }).getByRole('link')).toHaveText(/^\d{2}\/$/);
  await page.reload();
  await expect(crumbs).toHaveText(['console-bucket', month.slice(0, 5), month.slice(5)]);
  await page.getByRole('navigation', { name: 'Folder' }).getByRole('link', { name: 'console-bucket' }).click();
  await expect(page).toHaveURL(/#\/s3\/console-bucket$/);
  await expect(page.getByRole('row').filter({ hasText: 'Folder' }).getByRole('link')).toHaveText(/^\d{4}\/$/);
});

test('a delivery stream is deleted from its page after typing its name', async ({ page }) => {
  await pipelineWithOneObject(page);
  await page.goto('./#/firehose/consolefirehose');
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete consolefirehose?' });
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole('button', { name: 'Delete', exact: true });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('To confirm deletion, type consolefirehose in the field.').fill('consolefirehos');
  await expect(confirm).toBeDisabled();
  await shot(page, 'firehose-delete-confirm');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);

  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.getByLabel('To confirm deletion, type consolefirehose in the field.').fill('consolefirehose');
  await confirm.click();
  await expect(page).toHaveURL(/#\/firehose$/);
  await expect(page.getByRole('row', { name: /consolefirehose/ })).toContainText('Deleting');
  await page.getByRole('button', { name: 'Step 1 s' }).click();
  await expect(page.getByText('No delivery streams')).toBeVisible();
  await page.goto('./#/events');
  await expect(page.getByRole('row', { name: /DeleteDeliveryStream/ })).toContainText('consolefirehose');
  // The objects it delivered stay in the bucket.
  await page.goto('./#/s3/console-bucket');
  await expect(page.getByRole('row').filter({ hasText: 'Folder' })).toHaveCount(1);
});
