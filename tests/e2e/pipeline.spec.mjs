// The pipeline diagram as a learner builds the notes' pipeline: nothing, then `machinelearning`
// with 2 shards, the generator sending 100 records/s, Firehose reading the stream into S3, and
// last a rate no 2-shard stream can take, which turns the shards hot. The clock stays paused
// and moves only by "Step 1 s" and "Jump +5 min".
import { test, expect, shot, openFresh, navTo, cliSetUp, jump } from './fixtures.mjs';


async function step(page, seconds) {
  for (let i = 0; i < seconds; i++) {
    await page.getByRole('button', { name: 'Step 1 s' }).click();
  }
}

async function darkShot(page, name) {
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}

function diagramOf(page) {
  return page.getByRole('main').getByRole('img', { name: /^Pipeline diagram\./ });
}

test('the diagram follows the pipeline as it is built', async ({ page }) => {
  test.setTimeout(120_000);
  await openFresh(page);
  await navTo(page, 'Pipeline');
  await expect(page.getByRole('heading', { level: 1, name: 'Pipeline' })).toBeVisible();
  await expect(page.getByText('Nothing built yet.')).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: 'Create a data stream' })).toBeVisible();
  await shot(page, 'pipeline-empty');

  // A stream: its two shards are lanes, and the diagram says what is missing.
  await cliSetUp(page, 'aws kinesis create-stream --stream-name machinelearning --shard-count 2');
  const diagram = diagramOf(page);
  await expect(diagram).toHaveAttribute('aria-label', /Streams: machinelearning \(2 shards, 0 records\/s\)/);
  await expect(diagram.locator('text', { hasText: 'CREATING' })).toHaveCount(1);
  await jump(page);
  await expect(diagram.locator('rect.lane')).toHaveCount(2);
  await expect(diagram.locator('text', { hasText: 'No producer sending' })).toHaveCount(1);
  await expect(diagram.locator('text', { hasText: 'No consumer yet' })).toHaveCount(1);
  await shot(page, 'pipeline-stream-only');

  // The generator at 100 records/s.
  await navTo(page, 'Kinesis Data Generator');
  await expect(page.getByLabel('Stream/delivery stream')).toHaveValue('stream:machinelearning');
  await page.getByRole('button', { name: 'Send data' }).click();
  await step(page, 2);
  await navTo(page, 'Pipeline');
  await expect(diagram).toHaveAttribute('aria-label', /Producers: Kinesis Data Generator\. Streams: machinelearning \(2 shards, 100 records\/s\)/);
  await expect(diagram.locator('text.edge-label', { hasText: '100/s' })).toHaveCount(1);
  await expect(diagram.locator('text', { hasText: 'Constant: 100 records/s' })).toHaveCount(1);

  // Firehose from the stream, as the notes' wizard makes it.
  await page.goto('./#/firehose/create/machinelearning');
  await page.getByLabel('Delivery stream name').fill('machinelearningfirehose');
  for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('New bucket name').fill('ml-sandbox-lab');
  for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Create delivery stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'machinelearningfirehose' })).toBeVisible();
  await step(page, 8);
  await navTo(page, 'Pipeline');
  await expect(diagram).toHaveAttribute('aria-label', /Consumers: Firehose machinelearningfirehose\. Destinations: S3 bucket ml-sandbox-lab\./);
  await expect(diagram.locator('text', { hasText: /^next delivery in \d+ s$/ })).toHaveCount(1);
  const buffered = diagram.locator('text', { hasText: / of 5\.00 MiB · \d+ records$/ });
  const before = await buffered.textContent();
  await step(page, 2);
  await expect(buffered).not.toHaveText(before);
  const facts = page.getByRole('list', { name: 'Pipeline, step by step' });
  await expect(facts.getByRole('listitem').first()).toHaveText(/^Producer: Kinesis Data Generator, Constant: 100 records\/s, sending to machinelearning/);
  await shot(page, 'pipeline-built');
  await darkShot(page, 'pipeline-built');

  // After the 300 s buffer interval, the object is in the bucket.
  await jump(page);
  await expect(diagram.locator('text', { hasText: /^1 object · / })).toHaveCount(1);

  // The home page shows it too.
  await page.goto('./#/');
  await expect(page.getByRole('heading', { level: 2, name: 'Your pipeline' })).toBeVisible();
  await expect(diagramOf(page)).toHaveAttribute('aria-label', /machinelearning \(2 shards/);
  await shot(page, 'pipeline-home');

  // 3,000 records/s into 2 shards: both are over 1,000 records/s and throttle.
  await navTo(page, 'Kinesis Data Generator');
  await page.getByRole('button', { name: 'Stop Sending Data to Kinesis' }).click();
  await page.getByLabel('Records per second').fill('3000');
  await page.getByRole('button', { name: 'Send data' }).click();
  await step(page, 2);
  await navTo(page, 'Pipeline');
  await expect(diagram).toHaveAttribute('aria-label', /2 shards throttled\./);
  await expect(diagram.locator('rect.lane.hot')).toHaveCount(2);
  await expect(diagram.locator('text', { hasText: /^throttled: over 1,000 records\/s/ })).toHaveCount(2);
  await shot(page, 'pipeline-throttled');
  await darkShot(page, 'pipeline-throttled');
});

test('the generator into a Direct PUT delivery stream: the arrow passes under the streams', async ({ page }) => {
  await openFresh(page);
  await cliSetUp(page, 'aws kinesis create-stream --stream-name machinelearning --shard-count 1');
  await jump(page);
  await page.goto('./#/firehose/create');
  await expect(page.getByRole('radio', { name: /Direct PUT/ })).toBeChecked();
  await page.getByLabel('Delivery stream name').fill('directfirehose');
  for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('New bucket name').fill('direct-bucket');
  for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Create delivery stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'directfirehose' })).toBeVisible();
  await step(page, 6);
  await navTo(page, 'Kinesis Data Generator');
  await page.getByLabel('Stream/delivery stream').selectOption('firehose:directfirehose');
  await page.getByRole('button', { name: 'Send data' }).click();
  await step(page, 2);
  await navTo(page, 'Pipeline');
  const diagram = diagramOf(page);
  await expect(diagram).toHaveAttribute('aria-label', /Producers: Kinesis Data Generator\. Streams: machinelearning \(1 shard, 0 records\/s\)\. Consumers: Firehose directfirehose\. Destinations: S3 bucket direct-bucket\./);
  await expect(diagram.locator('text', { hasText: 'Source: Direct PUT' })).toHaveCount(1);
  // The arrow runs under the stream, straight to the delivery stream.
  await expect(diagram.locator('path.edge[d*=" V"]')).toHaveCount(0);
  await shot(page, 'pipeline-direct-put');
  await darkShot(page, 'pipeline-direct-put');
  // An enhanced fan-out consumer hangs off the stream in the consumers' column.
  await cliSetUp(page, 'aws kinesis register-stream-consumer --stream-arn arn:aws:kinesis:us-east-1:123456789012:stream/machinelearning --consumer-name reader');
  await step(page, 6);
  await expect(diagram).toHaveAttribute('aria-label', /Consumers: fan-out consumer reader, Firehose directfirehose\./);
  await expect(diagram.locator('text', { hasText: 'No consumer yet' })).toHaveCount(0);
  for (const width of [390, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await shot(page, `pipeline-direct-put-${width}`);
  }
  // A click on a box opens its console page.
  // (The links lie over the picture, beside it in the DOM: an image holds no links.)
  await page.getByRole('main').locator('.pipeline a[href="#/streams/machinelearning"]').first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'machinelearning' })).toBeVisible();
});
