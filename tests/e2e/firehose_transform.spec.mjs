// Firehose data transformation: a function from the General Firehose processing blueprint, made
// on AWS Lambda's create page; the wizard with "Transform source records with AWS Lambda" and
// "New line delimiter" enabled; records put into the source stream come out of S3 one per line,
// and the delivery stream's page shows the processing chain and the transformation's buffer.
import { test, expect, shot, openFresh, cli, jump } from './fixtures.mjs';

async function hideCli(page) {
  const hide = page.getByRole('button', { name: 'Hide AWS CLI' });
  if (await hide.isVisible()) await hide.click();
}

const RECORDS = [1, 2, 3].map((n) => JSON.stringify({ sensorId: n, currentTemperature: 40 + n }));

async function putRecords(page, records) {
  const entries = records.map((r) => ({ Data: Buffer.from(r).toString('base64'), PartitionKey: 'sensor-7' }));
  await cli(page, `aws kinesis put-records --stream-name clicks --records '${JSON.stringify(entries)}'`);
  await expect(page.getByRole('log', { name: 'AWS CLI output' })).toContainText('"FailedRecordCount": 0');
  await hideCli(page);
}

// Opens the newest object of the bucket by walking down its folders.
async function openNewestObject(page, bucket) {
  await page.getByRole('link', { name: 'S3', exact: true }).click();
  await page.getByRole('link', { name: bucket }).click();
  for (let depth = 0; depth < 6; depth++) {
    const folders = page.getByRole('row').filter({ hasText: 'Folder' });
    if ((await folders.count()) === 0) break;
    await folders.last().getByRole('link').click();
  }
  const objects = page.getByRole('row').filter({ hasText: 'Object' });
  await objects.last().getByRole('button').click();
  await expect(page.getByRole('region', { name: 'Object' })).toBeVisible();
}

test('records transformed by a blueprint function land in S3 one per line', async ({ page }) => {
  test.setTimeout(120_000);
  await openFresh(page);
  await cli(page, 'aws kinesis create-stream --stream-name clicks --shard-count 1');
  await hideCli(page);
  await jump(page);

  // The wizard, from the stream: Process records with the transformation enabled.
  await page.goto('./#/firehose/create/clicks');
  await page.getByLabel('Delivery stream name').fill('clicks-to-s3');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Step 2: Process records' })).toBeVisible();
  const transform = page.getByRole('radiogroup', { name: 'Data transformation' });
  await expect(transform.getByRole('radio', { name: 'Disabled' })).toBeChecked();
  await transform.getByRole('radio', { name: 'Enabled' }).check();
  await expect(page.getByLabel('Buffer size (MiB)')).toHaveValue('1');
  await expect(page.getByLabel('Buffer interval (seconds)')).toHaveValue('60');
  await expect(page.getByText('Default 1 MB (older docs: 3 MB).')).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert')).toContainText('Choose an AWS Lambda function.');
  await page.getByLabel('Buffer size (MiB)').fill('5');
  await expect(page.getByText('Enter a buffer size between 0.2-3 MiB')).toBeVisible();
  await expect(page.getByLabel('Buffer size (MiB)')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Buffer size (MiB)').fill('1');

  // No function yet: Create function opens AWS Lambda with the blueprint.
  await page.getByRole('link', { name: 'Create function' }).click();
  await expect(page).toHaveURL(/#\/lambda\/create\?blueprint=kinesis-firehose-process-record/);
  await page.getByLabel('Function name').fill('xf');
  await page.getByRole('button', { name: 'Create function' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'xf' })).toBeVisible();
  await jump(page);

  // Back in the wizard, where it was left, with the new function chosen.
  await page.goto('./#/firehose/create/clicks');
  await expect(page.getByRole('heading', { name: 'Step 2: Process records' })).toBeVisible();
  await expect(page.getByLabel('Delivery stream name')).toHaveCount(0);
  await expect(page.getByLabel('AWS Lambda function')).toHaveValue('xf');
  await expect(page.getByLabel('Function version')).toHaveValue('$LATEST');
  await shot(page, 'firehose-transform-step2');
  await page.setViewportSize({ width: 390, height: 900 });
  await shot(page, 'firehose-transform-step2-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('button', { name: 'Next' }).click();

  // Destination: a new bucket, and a new line between records.
  await page.getByLabel('New bucket name').fill('xf-out');
  const delimiter = page.getByRole('radiogroup', { name: 'New line delimiter' });
  await expect(delimiter.getByRole('radio', { name: 'Disabled' })).toBeChecked();
  await delimiter.getByRole('radio', { name: 'Enabled' }).check();
  await page.getByRole('button', { name: 'Next' }).click();

  // Settings: a short interval; the new role may invoke the function.
  await page.getByLabel('Buffer interval (seconds)').fill('60');
  await page.getByText('View policy document').click();
  await expect(page.getByLabel('Policy document', { exact: true })).toContainText(':function:xf');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Enabled: AWS Lambda function xf ($LATEST), buffer 1 MiB or 60 seconds')).toBeVisible();
  await page.getByRole('button', { name: 'Create delivery stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'clicks-to-s3' })).toBeVisible();

  // The processing chain.
  const processing = page.getByRole('group', { name: 'Transform and convert records' });
  await expect(processing.getByRole('list', { name: 'Processing chain' })).toContainText('AWS Lambda function xf');
  await expect(processing.getByRole('list', { name: 'Processing chain' })).toContainText('New line delimiter');
  await expect(processing.getByRole('link', { name: 'xf' }).first()).toHaveAttribute('href', '#/lambda/functions/xf');
  await expect(processing).toContainText('1 MiB or 60 seconds');
  await jump(page);

  // Records wait in the transformation's buffer, then go through the function.
  await putRecords(page, RECORDS);
  const waiting = page.getByText(/Bytes waiting for the function: \d+ B of 1.00 MiB \(3 records\)/);
  for (let s = 0; s < 5 && !(await waiting.isVisible()); s++) {
    await page.getByRole('button', { name: 'Step 1 s' }).click();
  }
  await expect(waiting).toBeVisible();
  await expect(page.getByLabel('Seconds until the function is invoked')).toContainText('s until the buffer interval invokes the function');
  await shot(page, 'firehose-transform-details');
  await jump(page);
  await expect(page.getByLabel('Records delivered to S3')).toHaveText('3');
  await page.setViewportSize({ width: 390, height: 900 });
  await shot(page, 'firehose-transform-details-phone');
  await page.setViewportSize({ width: 1280, height: 900 });

  // One record per line.
  await openNewestObject(page, 'xf-out');
  await expect(page.getByLabel('Object content')).toHaveText(RECORDS.map((r) => `${r}\n`).join(''));
});

test('record format conversion asks for a Glue table and the console\'s buffer', async ({ page }) => {
  await openFresh(page);
  await page.goto('./#/firehose/create');
  await page.getByLabel('Delivery stream name').fill('to-parquet');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('radiogroup', { name: 'Record format conversion' }).getByRole('radio', { name: 'Enabled' }).check();
  await expect(page.getByRole('radiogroup', { name: 'Output format' }).getByRole('radio', { name: 'Apache Parquet' })).toBeChecked();
  await expect(page.getByText('Record format conversion requires a buffer size of at least 64 MiB; the default becomes 128 MiB.')).toBeVisible();
  await expect(page.getByText('S3 compression must be disabled: the serializer compresses (Snappy).')).toBeVisible();
  await expect(page.getByLabel('AWS Glue region')).toHaveValue('us-east-1');
  await expect(page.getByRole('radiogroup', { name: 'Deserializer' }).getByRole('radio', { name: 'OpenX JSON SerDe' })).toBeChecked();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert')).toContainText('Choose an AWS Glue database.');
  await shot(page, 'firehose-convert-step2');
});

// The learner's own code in a delivery: lab 6 started at its last step (its Show me made the
// function, the delivery stream and the generator's flow), then the code edited so no port
// of the engine's knows it: every batch now runs in the Web Worker, the clock waits for each,
// and the objects hold what the edited code wrote.
test('edited code transforms a delivery in the worker while the clock waits for it', async ({ page }) => {
  test.setTimeout(180_000);
  await openFresh(page, './#/labs/transform-lambda/step/5');
  await page.getByRole('button', { name: 'Start at step 5', exact: true }).click();
  const ask = page.getByRole('dialog', { name: /^Start / });
  const heading = page.getByRole('complementary').getByRole('heading', { level: 3 });
  await expect(ask.or(heading).first()).toBeVisible();
  if (await ask.isVisible()) await ask.getByRole('button', { name: 'Start lab' }).click();

  await page.goto('./#/lambda/functions/transformer?tab=code');
  const code = page.getByLabel('index.mjs');
  await expect(code).toBeVisible();
  await code.fill("export const handler = async (event) => ({\n  records: event.records.map((r) => ({\n    recordId: r.recordId,\n    result: 'Ok',\n    data: Buffer.from('worker:' + Buffer.from(r.data, 'base64').toString('utf8').length + '\\n').toString('base64'),\n  })),\n});\n");
  await page.getByRole('button', { name: 'Deploy' }).click();
  await expect(page.getByText('Successfully updated the function transformer.')).toBeVisible();

  await jump(page, 2);
  // Each batch went to the worker; the function's log has their REPORT lines.
  await page.goto('./#/lambda/functions/transformer?tab=monitor');
  await expect(page.getByRole('main')).toContainText(/REPORT RequestId: .*Duration: [\d.]+ ms/, { timeout: 30_000 });

  await page.getByRole('link', { name: 'S3', exact: true }).click();
  await page.getByRole('link', { name: 'transformed-output' }).click();
  for (let depth = 0; depth < 6; depth++) {
    const folders = page.getByRole('row').filter({ hasText: 'Folder' }).filter({ hasNotText: 'processing-failed' });
    if ((await folders.count()) === 0) break;
    await folders.last().getByRole('link').click();
  }
  const objects = page.getByRole('row').filter({ hasText: 'Object' });
  await objects.last().getByRole('button').click();
  await expect(page.getByLabel('Object content')).toContainText(/^worker:\d+\nworker:\d+\n/, { timeout: 30_000 });
  await shot(page, 'firehose-transform-worker-object');
});
