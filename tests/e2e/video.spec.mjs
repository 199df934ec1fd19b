// Kinesis Video Streams as a newcomer meets it: a stream with 24 hours of data retention fed
// by the page's test pattern (a canvas recorded by MediaRecorder, each 1-second piece sent
// with PutMedia), its fragments listed, PERSISTED acknowledgements, the media played back in
// a <video>, then the stream deleted; and a stream with no data retention, whose media is
// RECEIVED but never PERSISTED and whose playback is refused with NoDataRetentionException,
// while GetMedia still reads the 5-minute buffer.
import { test, expect, shot, openFresh, navTo, cliSetUp } from './fixtures.mjs';

// Create video stream, with the data retention choice `retention` (a radio's name) and, for a
// custom period, `hours`; then waits for the stream to be ACTIVE (time runs at 1×).
async function createStream(page, name, retention, hours) {
  await navTo(page, 'Kinesis Video Streams');
  await expect(page.getByRole('heading', { level: 1, name: /^Video streams \(\d+\)$/ })).toBeVisible();
  await page.getByRole('link', { name: 'Create video stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create video stream' })).toBeVisible();
  await page.getByLabel('Video stream name').fill(name);
  await page.getByLabel(retention).check();
  if (hours !== undefined) {
    await page.getByLabel('Data retention period (hours)').fill(String(hours));
  }
  await page.getByRole('button', { name: 'Create video stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('button', { name: '1×' }).click();
  await expect(page.getByRole('region', { name: 'Video stream info' })).toContainText('ACTIVE', { timeout: 15_000 });
}

// Sends the test pattern for about `ms`, then stops.
async function sendTestPattern(page, ms) {
  await page.getByRole('button', { name: 'Send test pattern' }).click();
  await expect(page.getByLabel('Test pattern')).toBeVisible();
  await page.waitForTimeout(ms);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Send test pattern' })).toBeEnabled({ timeout: 10_000 });
}

test('a stream with 24 hours of retention takes the test pattern and plays it back', async ({ page }) => {
  test.setTimeout(90_000);
  await openFresh(page);
  await navTo(page, 'Kinesis Video Streams');
  await expect(page.getByRole('heading', { level: 1, name: 'Video streams (0)' })).toBeVisible();
  await expect(page.getByText('No video streams')).toBeVisible();

  await createStream(page, 'cam-1', 'Custom data retention period', 24);
  const info = page.getByRole('region', { name: 'Video stream info' });
  await expect(info).toContainText('24 hours');
  await expect(info).toContainText('arn:aws:kinesisvideo:');

  await sendTestPattern(page, 3_000);
  const acks = page.getByRole('list', { name: 'Acknowledgements' });
  await expect(acks).toContainText('PERSISTED', { timeout: 10_000 });
  await expect(acks).not.toContainText('ERROR');

  const fragments = page.getByRole('region', { name: 'Fragments' });
  await expect(fragments.getByRole('status')).toContainText(/[1-9]\d* fragments?/);
  await expect(fragments.getByRole('row').nth(1)).toContainText('…');
  await shot(page, 'video-producer');

  await page.getByRole('button', { name: 'Play back media' }).click();
  const playback = page.getByRole('region', { name: 'Media playback' });
  await expect(playback).toContainText(/\d+ fragments? loaded/);
  const video = playback.locator('video');
  await expect.poll(() => video.evaluate((v) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  await shot(page, 'video-playback');

  // Images for ML: GetImages decodes frames of the stored fragments in the page; they go to S3.
  await cliSetUp(page, 'aws s3api create-bucket --bucket training-frames');
  const extract = page.getByRole('group', { name: 'Extract images' });
  await extract.getByLabel('Sampling interval (ms)').fill('1000');
  await extract.getByRole('button', { name: 'Extract images' }).click();
  await expect(extract.getByRole('status').filter({ hasText: 'GetImages answered' })).toContainText(/: [1-9]\d* images?\./, { timeout: 30_000 });
  const first = extract.getByRole('list', { name: 'Extracted images' }).getByRole('img').first();
  await expect.poll(() => first.evaluate((img) => img.naturalWidth)).toBeGreaterThan(0);
  await shot(page, 'video-extracted-images');
  await extract.getByLabel('S3 bucket').selectOption('training-frames');
  await extract.getByRole('button', { name: 'Save to S3' }).click();
  await expect(extract.getByRole('status').filter({ hasText: 'PutObject saved' })).toContainText('training-frames');

  await page.getByRole('button', { name: 'Delete video stream' }).click();
  await page.getByRole('dialog', { name: 'Delete cam-1?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Video streams/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'cam-1' })).toHaveCount(0, { timeout: 15_000 });
});

test('with no data retention, media is received but playback says NoDataRetentionException', async ({ page }) => {
  test.setTimeout(90_000);
  await openFresh(page);
  await navTo(page, 'Kinesis Video Streams');
  await page.getByRole('link', { name: 'Create video stream' }).click();
  await page.getByLabel('No data retention').check();
  await expect(page.getByRole('note')).toContainText('NoDataRetentionException');
  await createStream(page, 'cam-0', 'No data retention');
  await expect(page.getByRole('region', { name: 'Video stream info' })).toContainText('No data retention');

  await sendTestPattern(page, 2_500);
  const acks = page.getByRole('list', { name: 'Acknowledgements' });
  await expect(acks).toContainText('RECEIVED', { timeout: 10_000 });
  await expect(acks).not.toContainText('PERSISTED');

  await page.getByRole('button', { name: 'Play back media' }).click();
  const playback = page.getByRole('region', { name: 'Media playback' });
  await expect(playback.getByRole('alert')).toContainText('NoDataRetentionException');
  await expect(playback.locator('video')).toHaveCount(0);

  // A consumer reading live with GetMedia still gets the 5-minute buffer.
  await page.getByRole('button', { name: 'Read live with GetMedia' }).click();
  await expect(playback).toContainText(/\d+ fragments? loaded with GetMedia\./);
  await expect.poll(() => playback.locator('video').evaluate((v) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
});

test('a name AWS refuses is said in the console\'s words', async ({ page }) => {
  await openFresh(page);
  await page.goto('./#/kinesisvideo/create');
  await page.getByLabel('Video stream name').fill('my camera');
  await expect(page.getByRole('alert')).toContainText('letters, numbers, underscores');
  await expect(page.getByRole('button', { name: 'Create video stream' })).toBeDisabled();
});
