// Dynamic partitioning from the wizard: inline parsing with a jq key, "Apply dynamic
// partitioning keys" writing the prefix, multi record deaggregation; one record holding two
// objects ends up in two partitions' folders in S3 (jq loaded on first use).
import { test, expect, shot, openFresh, cli, jump } from './fixtures.mjs';

test('records are partitioned by a key the wizard parses with jq', async ({ page }) => {
  test.setTimeout(120_000);
  await openFresh(page);
  await page.goto('./#/firehose/create');
  await page.getByLabel('Delivery stream name').fill('orders');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('New bucket name').fill('orders-out');

  const dp = page.getByRole('radiogroup', { name: 'Dynamic partitioning' });
  await expect(dp.getByRole('radio', { name: 'Not enabled' })).toBeChecked();
  await dp.getByRole('radio', { name: 'Enabled', exact: true }).check();
  await page.getByRole('radiogroup', { name: 'Multi record deaggregation' }).getByRole('radio', { name: 'Enabled', exact: true }).check();
  await expect(page.getByRole('radiogroup', { name: 'Multi record deaggregation type' }).getByRole('radio', { name: 'JSON' })).toBeChecked();
  await page.getByRole('radiogroup', { name: 'Inline parsing for JSON' }).getByRole('radio', { name: 'Enabled', exact: true }).check();
  await page.getByLabel('Key name 1').fill('device');
  await page.getByLabel('JQ expression 1').fill('.device');
  await page.getByRole('button', { name: 'Apply dynamic partitioning keys' }).click();
  await expect(page.getByLabel('S3 bucket prefix - optional')).toHaveValue('device=!{partitionKeyFromQuery:device}/');

  // The error prefix is required first, in Firehose's words.
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert')).toContainText('ErrorOutputPrefix must be specified when dynamic partitioning is enabled.');
  await page.getByLabel('S3 bucket error output prefix - optional').fill('errors/!{firehose:error-output-type}/');
  await page.getByRole('radiogroup', { name: 'New line delimiter' }).getByRole('radio', { name: 'Enabled', exact: true }).check();
  await shot(page, 'firehose-partitioning-destination');
  await page.setViewportSize({ width: 390, height: 900 });
  await shot(page, 'firehose-partitioning-destination-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('button', { name: 'Next' }).click();

  // Settings: the buffer the console proposes, and its rule.
  await expect(page.getByLabel('Buffer size (MiB)')).toHaveValue('128');
  await expect(page.getByRole('note').filter({ hasText: 'Dynamic partitioning requires a buffer size of at least 64 MiB' })).toBeVisible();
  await page.getByLabel('Buffer interval (seconds)').fill('60');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Enabled, multi record deaggregation (JSON), inline parsing for JSON: {device:.device}')).toBeVisible();
  await page.getByRole('button', { name: 'Create delivery stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'orders' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Processing chain' })).toContainText('Multi record deaggregation: JSON');
  await jump(page);

  const record = Buffer.from('{"device":"phone","n":1}{"device":"tablet","n":2}').toString('base64');
  await cli(page, `aws firehose put-record --delivery-stream-name orders --record Data=${record}`);
  await expect(page.getByRole('log', { name: 'AWS CLI output' })).toContainText('"RecordId"');
  await page.getByRole('button', { name: 'Hide AWS CLI' }).click();
  await jump(page);
  await expect(page.getByLabel('Records delivered to S3')).toHaveText('2');

  await page.getByRole('link', { name: 'S3', exact: true }).click();
  await page.getByRole('link', { name: 'orders-out' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'device=phone/' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'device=tablet/' })).toBeVisible();
  await shot(page, 'firehose-partitioning-bucket');
});
