// The notes' Firehose lab: from the `machinelearning` data stream, "Connect Kinesis consumers"
// opens the five-step wizard; records put into the stream land in S3 as one object, which is
// downloaded byte for byte. Then the delivery role is broken, the error shows in CloudWatch Logs,
// and fixing the policy lets delivery resume. A GZIP object is checked with the system's gunzip.
import { test, expect, shot, openFresh, cli, jump } from './fixtures.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';


async function hideCli(page) {
  const hide = page.getByRole('button', { name: 'Hide AWS CLI' });
  if (await hide.isVisible()) await hide.click();
}

// Puts records into the stream, all with one partition key so they stay in order on one shard.
async function putRecords(page, records) {
  const entries = records.map((r) => ({ Data: Buffer.from(r).toString('base64'), PartitionKey: 'sensor-7' }));
  await cli(page, `aws kinesis put-records --stream-name machinelearning --records '${JSON.stringify(entries)}'`);
  await expect(page.getByRole('log', { name: 'AWS CLI output' })).toContainText('"FailedRecordCount": 0');
  await hideCli(page);
}

async function createMachineLearning(page) {
  await cli(page, 'aws kinesis create-stream --stream-name machinelearning --shard-count 2');
  await hideCli(page);
  await jump(page);
}

// Opens the newest object of the bucket by walking down its folders.
async function openNewestObject(page, bucket) {
  await page.getByRole('link', { name: 'S3', exact: true }).click();
  await page.getByRole('link', { name: bucket }).click();
  await expect(page.getByRole('heading', { level: 1, name: bucket })).toBeVisible();
  for (let depth = 0; depth < 6; depth++) {
    const folders = page.getByRole('row').filter({ hasText: 'Folder' });
    if ((await folders.count()) === 0) break;
    await folders.last().getByRole('link').click();
  }
  const objects = page.getByRole('row').filter({ hasText: 'Object' });
  await objects.last().getByRole('button').click();
  await expect(page.getByRole('region', { name: 'Object' })).toBeVisible();
}

async function download(page) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download' }).click(),
  ]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

async function darkShot(page, name) {
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}

const RECORDS = [1, 2, 3].map((n) => JSON.stringify({ sensorId: n, currentTemperature: 40 + n, status: 'OK' }));

test('the Firehose lab: stream to S3, download, break and fix the role', async ({ page }) => {
  test.setTimeout(120_000);
  await openFresh(page);
  await createMachineLearning(page);
  await page.goto('./#/streams/machinelearning');
  await expect(page.locator('.page-header .status')).toHaveText('Active');

  // Step 1: the stream is preselected.
  await page.getByRole('link', { name: 'Connect Kinesis consumers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create delivery stream' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Kinesis Data Stream/ })).toBeChecked();
  await expect(page.getByLabel('Kinesis data stream', { exact: true })).toHaveValue('machinelearning');
  await expect(page.getByText('You chose machinelearning in Kinesis Data Streams')).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter a delivery stream name');
  await page.getByLabel('Delivery stream name').fill('machinelearningfirehose');
  await shot(page, 'firehose-step1');
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 2: transformation and conversion are off unless turned on.
  await expect(page.getByRole('radiogroup', { name: 'Data transformation' }).getByRole('radio', { name: 'Disabled' })).toBeChecked();
  await expect(page.getByRole('radiogroup', { name: 'Record format conversion' }).getByRole('radio', { name: 'Disabled' })).toBeChecked();
  await shot(page, 'firehose-step2');
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 3: S3 (the others are listed but not available) and, on the same page as in the
  // console, its bucket: Next waits for one.
  await expect(page.getByRole('heading', { name: 'Step 3: Choose a destination' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Amazon S3/ })).toBeChecked();
  // Every destination of the console is offered.
  for (const d of [/HTTP Endpoint/, /Amazon Redshift/, /Splunk/, /Amazon OpenSearch Service/]) {
    await expect(page.getByRole('radiogroup', { name: 'Destination' }).getByRole('radio', { name: d })).toBeEnabled();
  }
  await expect(page.getByRole('group', { name: 'S3 destination' })).toBeVisible();
  await expect(page.getByRole('radiogroup', { name: 'S3 bucket' }).getByRole('radio', { name: 'Create new' })).toBeChecked();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert')).toContainText('Choose an S3 bucket or create one.');
  await expect(page.getByRole('heading', { name: 'Step 3: Choose a destination' })).toBeVisible();
  await page.getByLabel('New bucket name').fill('ml-sandbox-lab');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByLabel('S3 bucket prefix - optional')).toBeVisible();
  await shot(page, 'firehose-step3');
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 4: 5 MiB / 300 s, no compression, logging on, new role; the bucket was chosen already.
  await expect(page.getByRole('heading', { name: 'Step 4: Configure settings' })).toBeVisible();
  await expect(page.getByLabel('New bucket name')).toHaveCount(0);
  await expect(page.getByLabel('Buffer size (MiB)')).toHaveValue('5');
  await page.getByLabel('Buffer interval (seconds)').fill('1000');
  await expect(page.getByText('Enter a buffer interval between 0-900 seconds')).toBeVisible();
  await expect(page.getByLabel('Buffer interval (seconds)')).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter a buffer interval between 0-900 seconds');
  await page.getByLabel('Buffer interval (seconds)').fill('300');
  await expect(page.getByText('Exam-era (2020) console: 60–900 seconds')).toBeVisible();
  await expect(page.getByLabel('S3 compression', { exact: true })).toHaveValue('UNCOMPRESSED');
  await expect(page.getByRole('radiogroup', { name: 'Error logging' }).getByRole('radio', { name: 'Enabled' })).toBeChecked();
  await expect(page.getByRole('radiogroup', { name: 'IAM role' }).getByRole('radio', { name: 'Create new' })).toBeChecked();
  await page.getByText('View policy document').click();
  const policy = page.getByLabel('Policy document', { exact: true });
  await expect(policy).toContainText('"kinesis:GetRecords"');
  await expect(policy).toContainText('arn:aws:s3:::ml-sandbox-lab/*');
  await expect(policy).toContainText(':stream/machinelearning');
  await shot(page, 'firehose-step4');
  await darkShot(page, 'firehose-step4');
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 5: review and create.
  await expect(page.getByText('ml-sandbox-lab (new)')).toBeVisible();
  await expect(page.getByText('300 seconds')).toBeVisible();
  await shot(page, 'firehose-step5');
  await page.getByRole('button', { name: 'Create delivery stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'machinelearningfirehose' })).toBeVisible();
  await jump(page);
  await expect(page.locator('.page-header .status')).toHaveText('Active');

  // Records into the stream, then wait out the 300 s buffer interval.
  await putRecords(page, RECORDS);
  await page.getByRole('button', { name: '10×' }).click();
  await expect(page.getByLabel(/Bytes buffered/)).toBeVisible();
  await expect(page.getByText(/Bytes buffered: \d+ B of 5.00 MiB \(3 records\)/)).toBeVisible({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByLabel('Seconds until the next delivery')).toContainText('s until the buffer interval delivers it');
  await shot(page, 'firehose-buffer');
  await jump(page);
  await expect(page.getByLabel('Records delivered to S3')).toHaveText('3');
  await shot(page, 'firehose-details');
  await darkShot(page, 'firehose-details');

  // The object: three JSON records back to back, downloaded byte for byte.
  await openNewestObject(page, 'ml-sandbox-lab');
  const expected = RECORDS.join('');
  await expect(page.getByLabel('Object content')).toHaveText(expected);
  await expect(page.getByText('3 JSON records, written back to back')).toBeVisible();
  await shot(page, 'firehose-s3-object');
  await darkShot(page, 'firehose-s3-object');
  const first = await download(page);
  expect(first.name).toMatch(/^machinelearningfirehose-\d+-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-/);
  expect(first.bytes.toString('utf8')).toBe(expected);

  // Break the role: deny s3:PutObject.
  await page.getByRole('link', { name: 'IAM', exact: true }).click();
  await page.getByRole('link', { name: /^KinesisFirehoseServiceRole-machinelearni-us-east-1-\d+$/ }).click();
  const editor = page.getByLabel(/^Policy document for KinesisFirehoseServicePolicy/);
  const original = await editor.inputValue();
  await expect(page.getByText('Valid policy')).toBeVisible();
  await editor.fill(original.replace('"Version"', '"Version" oops'));
  await expect(page.getByText(/Syntax errors in policy: .* \(line 2, column \d+\)/)).toBeVisible();
  await expect(editor).toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'iam-malformed');
  const broken = JSON.parse(original);
  broken.Statement.push({ Sid: 'BreakDelivery', Effect: 'Deny', Action: 's3:PutObject', Resource: '*' });
  await editor.fill(JSON.stringify(broken, null, 4));
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Policy saved.')).toBeVisible();
  await expect(page.getByRole('row', { name: /s3:PutObject/ })).toContainText('Denied explicitly by statement');
  await expect(page.getByRole('row', { name: /s3:PutObject/ })).toContainText('BreakDelivery');
  await expect(page.getByText('Specify stream resource ARN').or(page.getByText('One or more actions may not support this resource.')).first()).toBeVisible();
  await shot(page, 'iam-role');
  await darkShot(page, 'iam-role');

  // Delivery now fails: the error is in CloudWatch Logs and the records wait.
  await putRecords(page, ['{"sensorId":9}']);
  await jump(page, 2);
  await page.getByRole('link', { name: 'CloudWatch', exact: true }).click();
  await page.getByRole('button', { name: 'DestinationDelivery' }).click();
  await expect(page.getByRole('region', { name: 'Log events' })).toContainText('S3.AccessDenied');
  await shot(page, 'cloudwatch-logs');
  await darkShot(page, 'cloudwatch-logs');
  await page.goto('./#/pipeline');
  await expect(page.getByRole('main').getByRole('img', { name: /machinelearningfirehose: delivery failing: S3\.AccessDenied \(s3:PutObject denied\)\./ })).toBeVisible();
  await shot(page, 'pipeline-delivery-failing');
  await page.goto('./#/firehose/machinelearningfirehose');
  await expect(page.getByText(/waiting: S3 delivery failed and is retried/)).toBeVisible();
  await expect(page.getByLabel('Records delivered to S3')).toHaveText('3');

  // Fix the policy: delivery resumes.
  await page.getByRole('link', { name: /^KinesisFirehoseServiceRole-/ }).click();
  await page.getByLabel(/^Policy document for KinesisFirehoseServicePolicy/).fill(original);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('row', { name: /s3:PutObject/ })).toContainText('Allowed by statement');
  await jump(page);
  await page.goto('./#/firehose/machinelearningfirehose');
  await expect(page.getByLabel('Records delivered to S3')).toHaveText('4');
  await page.goto('./#/firehose');
  await expect(page.getByRole('row', { name: /machinelearningfirehose/ })).toContainText('machinelearning');
  await expect(page.getByRole('row', { name: /machinelearningfirehose/ })).toContainText('Disabled');
  await shot(page, 'firehose-list');
});

test('a GZIP object opens with the system gunzip', async ({ page }) => {
  await openFresh(page);
  await createMachineLearning(page);
  await page.goto('./#/firehose/create/machinelearning');
  await page.getByLabel('Delivery stream name').fill('gzipfirehose');
  for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('New bucket name').fill('gz-bucket');
  await page.getByLabel('S3 bucket prefix - optional').fill('gz/');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Buffer interval (seconds)').fill('60');
  await page.getByLabel('S3 compression', { exact: true }).selectOption('GZIP');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Create delivery stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'gzipfirehose' })).toBeVisible();
  await jump(page);
  await putRecords(page, RECORDS);
  await jump(page);
  await openNewestObject(page, 'gz-bucket');
  await expect(page.getByText('Decoded from GZIP')).toBeVisible();
  await expect(page.getByLabel('Object content')).toHaveText(RECORDS.join(''));
  await page.getByRole('radio', { name: 'Raw bytes' }).check();
  await expect(page.getByLabel('Object content')).toContainText(/00000000\s+1f 8b/);
  const file = await download(page);
  expect(file.name).toMatch(/\.gz$/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-gz-'));
  const where = path.join(dir, file.name);
  fs.writeFileSync(where, file.bytes);
  const plain = execFileSync('gunzip', ['-c', where]);
  expect(plain.toString('utf8')).toBe(RECORDS.join(''));
  await shot(page, 'firehose-gzip');
});

test('ZIP is fetched for the first ZIP delivery stream, and its object opens with unzip', async ({ page }) => {
  const fetched = [];
  page.on('requestfinished', (req) => fetched.push(new URL(req.url()).pathname.split('/').pop()));
  await openFresh(page);
  await createMachineLearning(page);
  // Nothing so far needs ZIP or Snappy.
  expect(fetched).not.toContain('split_codecs.wasm');
  await page.goto('./#/firehose/create/machinelearning');
  await page.getByLabel('Delivery stream name').fill('zipfirehose');
  for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('New bucket name').fill('zip-bucket');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Buffer interval (seconds)').fill('60');
  await page.getByLabel('S3 compression', { exact: true }).selectOption('ZIP');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Create delivery stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'zipfirehose' })).toBeVisible();
  // A ZIP delivery stream exists: the codecs come before its first delivery.
  await expect.poll(() => fetched.includes('split_codecs.wasm')).toBe(true);
  await jump(page);
  await putRecords(page, RECORDS);
  await jump(page);
  await openNewestObject(page, 'zip-bucket');
  await expect(page.getByText('Decoded from ZIP')).toBeVisible();
  await expect(page.getByLabel('Object content')).toHaveText(RECORDS.join(''));
  const file = await download(page);
  expect(file.name).toMatch(/\.zip$/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-zip-'));
  const where = path.join(dir, file.name);
  fs.writeFileSync(where, file.bytes);
  const plain = execFileSync('python3', ['-c', 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); sys.stdout.buffer.write(z.read(z.namelist()[0]))', where]);
  expect(plain.toString('utf8')).toBe(RECORDS.join(''));
});
