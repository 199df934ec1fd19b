// CloudWatch Logs into Firehose: a delivery stream made in the wizard with "Turn on
// decompression" and "Turn on message extraction"; a subscription filter made in the terminal
// sends a log group's events to it; only the messages land in S3, one per line, and a
// learner's own PutRecord is refused with InvalidSourceException.
import { test, expect, shot, openFresh, cli, jump } from './fixtures.mjs';

async function hideCli(page) {
  const hide = page.getByRole('button', { name: 'Hide AWS CLI' });
  if (await hide.isVisible()) await hide.click();
}

async function run(page, line, expected) {
  await cli(page, line);
  const log = page.getByRole('log', { name: 'AWS CLI output' });
  if (expected) {
    await expect(log).toContainText(expected);
  } else {
    await expect(log).not.toContainText(/An error occurred|Error parsing|aws: error/);
  }
}

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'logs.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'firehose:PutRecordBatch', Resource: '*' }] });

test('log events sent by a subscription filter land in S3 as their messages', async ({ page }) => {
  test.setTimeout(120_000);
  await openFresh(page);
  await page.goto('./#/firehose/create');
  await page.getByLabel('Delivery stream name').fill('logs-to-s3');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Step 2: Process records' })).toBeVisible();
  const extract = page.getByRole('checkbox', { name: 'Turn on message extraction' });
  await expect(extract).toBeDisabled();
  await page.getByRole('checkbox', { name: 'Turn on decompression' }).check();
  await extract.check();
  await shot(page, 'firehose-decompression-step2');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('New bucket name').fill('logs-out');
  await page.getByRole('radiogroup', { name: 'New line delimiter' }).getByRole('radio', { name: 'Enabled' }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Buffer interval (seconds)').fill('60');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Enabled (GZIP), message extraction enabled')).toBeVisible();
  await page.getByRole('button', { name: 'Create delivery stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'logs-to-s3' })).toBeVisible();
  const chain = page.getByRole('list', { name: 'Processing chain' });
  await expect(chain).toContainText('Decompress source records from Amazon CloudWatch Logs (GZIP)');
  await expect(chain).toContainText('Message extraction enabled');
  await jump(page);

  // Only CloudWatch Logs may put into it.
  await run(page, `aws firehose put-record --delivery-stream-name logs-to-s3 --record Data=aGVsbG8=`, 'InvalidSourceException');
  await cli(page, 'clear');

  // The role CloudWatch Logs assumes, the log group and the subscription filter.
  await run(page, `aws iam create-role --role-name cwl-to-firehose --assume-role-policy-document '${TRUST}'`);
  await run(page, `aws iam put-role-policy --role-name cwl-to-firehose --policy-name put --policy-document '${POLICY}'`);
  await run(page, 'aws logs create-log-group --log-group-name app');
  await run(page, 'aws logs create-log-stream --log-group-name app --log-stream-name web-1');
  await run(page, 'aws logs put-subscription-filter --log-group-name app --filter-name to-s3 --filter-pattern "" --destination-arn arn:aws:firehose:us-east-1:123456789012:deliverystream/logs-to-s3 --role-arn arn:aws:iam::123456789012:role/cwl-to-firehose');
  await run(page, 'aws logs describe-subscription-filters --log-group-name app', '"filterName": "to-s3"');
  await run(page, `aws logs put-log-events --log-group-name app --log-stream-name web-1 --log-events '[{"timestamp":1,"message":"GET /index.html 200"},{"timestamp":2,"message":"GET /missing 404"}]'`);
  await hideCli(page);

  // The log group shows its filter.
  await page.getByRole('navigation', { name: 'Services' }).getByRole('link', { name: 'CloudWatch', exact: true }).click();
  await expect(page.getByText('subscription filter to-s3 → arn:aws:firehose:us-east-1:123456789012:deliverystream/logs-to-s3')).toBeVisible();

  await page.goto('./#/firehose/logs-to-s3');
  await jump(page);
  await expect(page.getByLabel('Records delivered to S3')).toHaveText('2');

  // The messages, one per line, without their envelope.
  await page.getByRole('link', { name: 'S3', exact: true }).click();
  await page.getByRole('link', { name: 'logs-out' }).click();
  for (let depth = 0; depth < 6; depth++) {
    const folders = page.getByRole('row').filter({ hasText: 'Folder' });
    if ((await folders.count()) === 0) break;
    await folders.last().getByRole('link').click();
  }
  await page.getByRole('row').filter({ hasText: 'Object' }).last().getByRole('button').click();
  await expect(page.getByLabel('Object content')).toHaveText('GET /index.html 200\nGET /missing 404\n');
  await shot(page, 'logs-subscription-object');
});
