// Kinesis Data Streams as the notes' first lab does it: create `machinelearning` with 2 shards,
// put a record from the AWS CLI terminal, find it in the Data viewer, and make a shard hot.
import { test, expect, shot, openFresh, navTo, cli, jump } from './fixtures.mjs';


async function createMachineLearning(page) {
  await navTo(page, 'Kinesis Data Streams');
  await page.getByRole('link', { name: 'Create data stream' }).click();
  await page.getByLabel('Data stream name').fill('machinelearning');
  await page.getByRole('radio', { name: /Provisioned/ }).check();
  await page.getByLabel('Number of open shards').fill('2');
  await expect(page.getByLabel('Write MB per second')).toHaveText('2');
  await expect(page.getByLabel('Write records per second')).toHaveText('2000');
  await expect(page.getByLabel('Read MB per second')).toHaveText('4');
  await expect(page.getByText('You can provision up to 500 more shards before hitting your account limit of 500.')).toBeVisible();
  await shot(page, 'streams-create');
  await page.getByRole('button', { name: 'Create data stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'machinelearning' })).toBeVisible();
  await expect(page.getByText('Creating', { exact: true }).first()).toBeVisible();
  // Creation takes a few simulated seconds.
  await jump(page);
  await expect(page.locator('.page-header .status')).toHaveText('Active');
}

test('the shard calculator estimates shards and fills the field', async ({ page }) => {
  await openFresh(page, './#/streams/create');
  await page.getByRole('radio', { name: /Provisioned/ }).check();
  await page.getByText("Estimate the number of shards you'll need").click();
  await page.getByLabel('Average record size (KB)').fill('5');
  await page.getByLabel('Max records written per second').fill('1000');
  await page.getByLabel('Number of consumer applications').fill('3');
  // 5 KiB × 1000/s = 5000 KiB/s in, × 3 consumers = 15000 KiB/s out → max(4.9, 7.3) → 8 shards.
  await expect(page.getByLabel('Estimated shards')).toHaveText('8');
  await page.getByRole('button', { name: 'Use this value' }).click();
  await expect(page.getByLabel('Number of open shards')).toHaveValue('8');
  await expect(page.getByLabel('Write records per second')).toHaveText('8000');
  await shot(page, 'streams-calculator');
});

test('a bad stream name gets AWS\'s validation message', async ({ page }) => {
  await openFresh(page, './#/streams/create');
  await page.getByLabel('Data stream name').fill('machine learning!');
  await page.getByRole('button', { name: 'Create data stream' }).click();
  await expect(page.getByRole('alert')).toContainText(
    "1 validation error detected: Value 'machine learning!' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  await shot(page, 'streams-bad-name');
});

test('create machinelearning, put a record from the CLI and read it in the Data viewer', async ({ page }) => {
  await openFresh(page);
  await createMachineLearning(page);
  await expect(page.getByRole('cell', { name: 'shardId-000000000000' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '170141183460469231731687303715884105727' })).toBeVisible();
  // The details say what the 2 shards give, as the Total stream capacity panel did.
  const capacity = page.getByRole('group', { name: 'Stream capacity' });
  await expect(capacity.getByRole('definition')).toHaveText([
    'Provisioned', '2', 'Maximum 2 MiB/second and 2,000 records/second', 'Maximum 4 MiB/second',
  ]);
  await expect(capacity.getByRole('term')).toHaveText(['Capacity mode', 'Provisioned shards', 'Write capacity', 'Read capacity']);
  await expect(capacity).toContainText('Each shard takes 1 MiB/second and 1,000 records/second in and gives 2 MiB/second out');
  await shot(page, 'streams-details');

  await cli(page, 'aws kinesis put-record --stream-name machinelearning --partition-key sensor-7 --data \'{"sensorId": 7, "currentTemperature": 42, "status": "OK"}\' --cli-binary-format raw-in-base64-out');
  const log = page.getByRole('log', { name: 'AWS CLI output' });
  await expect(log).toContainText('"ShardId": "shardId-0000000000');
  await expect(log).toContainText('"SequenceNumber"');
  const out = await log.innerText();
  const shardId = out.match(/"ShardId": "(shardId-\d+)"/)[1];

  await cli(page, 'aws kinesis describe-stream --stream-name nope');
  await expect(log).toContainText('An error occurred (ResourceNotFoundException) when calling the DescribeStream operation: Stream nope under account 123456789012 not found.');
  await shot(page, 'streams-cli');
  await page.getByRole('button', { name: 'Hide AWS CLI' }).click();

  await page.getByRole('tab', { name: 'Data viewer' }).click();
  await page.getByLabel('Shard').selectOption(shardId);
  await page.getByRole('button', { name: 'Get records' }).click();
  await expect(page.getByRole('cell', { name: 'sensor-7' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Records read from the shard' })).toContainText('"currentTemperature": 42');
  await shot(page, 'streams-data-viewer');

  await navTo(page, 'Kinesis Data Streams');
  await expect(page.getByRole('row', { name: /machinelearning Active Provisioned 2 24 hours/ })).toBeVisible();
});

test('a shard pushed over 1,000 records per second is shown as hot', async ({ page }) => {
  await openFresh(page);
  await createMachineLearning(page);
  // 3 × 500 records with one partition key in the same (paused) second: the third call is over.
  const records = JSON.stringify(Array.from({ length: 500 }, (_, i) => ({ Data: 'eA==', PartitionKey: 'hot' })));
  for (let i = 0; i < 3; i++) {
    await cli(page, `aws kinesis put-records --stream-name machinelearning --records '${records}'`);
  }
  const log = page.getByRole('log', { name: 'AWS CLI output' });
  await expect(log).toContainText('"ErrorCode": "ProvisionedThroughputExceededException"');
  await expect(log).toContainText('Rate exceeded for shard shardId-00000000000');
  await page.getByRole('button', { name: 'Hide AWS CLI' }).click();
  const hot = page.getByRole('status', { name: 'Throttled shards' });
  await expect(hot).toBeVisible();
  await expect(hot).toContainText('writes refused in the last second');
  await shot(page, 'streams-hot-shard');
});

test('Create data stream keeps the learner\'s choice while the page session lasts', async ({ page }) => {
  await openFresh(page, './#/streams/create');
  await expect(page.getByRole('radio', { name: /On-demand/ })).toBeChecked();
  await page.getByLabel('Data stream name').fill('keep-me');
  await page.getByRole('radio', { name: /Provisioned/ }).check();
  await page.getByText("Estimate the number of shards you'll need").click();
  await page.getByLabel('Average record size (KB)').fill('2');
  await page.getByLabel('Number of open shards').fill('3');
  await expect(page.getByLabel('Write records per second')).toHaveText('3000');

  const kept = async () => {
    await expect(page.getByRole('heading', { level: 1, name: 'Create data stream' })).toBeVisible();
    await expect(page.getByRole('radio', { name: /Provisioned/ })).toBeChecked();
    await expect(page.getByLabel('Data stream name')).toHaveValue('keep-me');
    await expect(page.getByLabel('Number of open shards')).toHaveValue('3');
    await expect(page.getByLabel('Write records per second')).toHaveText('3000');
    await expect(page.getByLabel('Average record size (KB)')).toHaveValue('2');
  };
  // Away through the navigation, then the browser's Back.
  await navTo(page, 'Kinesis Data Generator');
  await expect(page).toHaveURL(/#\/generator$/);
  await page.goBack();
  await kept();
  // Away and back through the console's own links.
  await navTo(page, 'Kinesis Data Streams');
  await page.getByRole('link', { name: 'Create data stream' }).click();
  await kept();
  // Switching back to On-demand is kept too.
  await page.getByRole('radio', { name: /On-demand/ }).check();
  await navTo(page, 'Kinesis Data Streams');
  await page.goBack();
  await expect(page.getByRole('radio', { name: /On-demand/ })).toBeChecked();
  await expect(page.getByLabel('Number of open shards')).toHaveCount(0);
  await page.getByRole('radio', { name: /Provisioned/ }).check();
  await expect(page.getByLabel('Number of open shards')).toHaveValue('3');
  await shot(page, 'streams-create-kept');

  // Only for the page session: nothing is stored, so a reload starts afresh.
  await page.reload();
  await expect(page.getByRole('radio', { name: /On-demand/ })).toBeChecked();
  await expect(page.getByLabel('Data stream name')).toHaveValue('');
});
