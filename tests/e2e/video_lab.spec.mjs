// Lab 9, "Stream video for ML", as a newcomer does it through the console (never "Show me"),
// with Chromium's fake camera as the webcam: a stream with no data retention, the webcam's
// video acknowledged, playback refused with NoDataRetentionException, the retention raised,
// the last minute played back, images extracted into S3 and opened there. Then a video file
// sent by the page's producer, and a file that isn't Matroska refused in plain words.
import { test, expect, openFresh, shot, navTo, jump, cliSetUp } from './fixtures.mjs';
import { CHROMIUM } from './chromium.mjs';

test.use({
  launchOptions: {
    ...CHROMIUM,
    args: [...CHROMIUM.args, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
});

const panel = (page) => page.getByRole('complementary', { name: /./ }).filter({ has: page.getByRole('progressbar') });

async function answer(page, optionText) {
  const p = panel(page);
  await p.getByRole('radio', { name: optionText }).check();
  await p.getByRole('button', { name: 'Check answer' }).click();
  await expect(p.getByText(/^Right\./)).toBeVisible();
}

async function nextStep(page, title) {
  const p = panel(page);
  await expect(p.getByText('✓ Step done')).toBeVisible({ timeout: 30_000 });
  await p.getByRole('button', { name: 'Next step' }).click();
  await expect(p.getByRole('heading', { level: 3 })).toContainText(title);
}

test('lab 9: the webcam into a video stream, playback refused then allowed, images in S3', async ({ page }) => {
  test.setTimeout(180_000);
  await openFresh(page);
  await navTo(page, 'Labs');
  await page.getByRole('listitem').filter({ hasText: 'Stream video for ML' })
    .getByRole('button', { name: 'Start lab' }).click();
  const p = panel(page);
  await expect(p.getByRole('heading', { level: 3 })).toContainText('Create a video stream that keeps nothing');

  // Step 1: no data retention.
  await p.getByRole('link', { name: 'Open the page for this step' }).click();
  await page.getByLabel('Video stream name').fill('ml-camera');
  await page.getByLabel('No data retention').check();
  await page.getByRole('button', { name: 'Create video stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'ml-camera' })).toBeVisible();
  await page.getByRole('button', { name: '1×' }).click();
  await expect(page.getByRole('region', { name: 'Video stream info' })).toContainText('ACTIVE', { timeout: 15_000 });
  await answer(page, 'The last 5 minutes (at most 200 MB), live, with GetMedia');
  await nextStep(page, 'Send video: your camera or the test pattern');

  // Step 2: the (fake) webcam, recorded live.
  await page.getByRole('button', { name: 'Start webcam' }).click();
  const acks = page.getByRole('list', { name: 'Acknowledgements', exact: true });
  await expect(acks).toContainText('RECEIVED', { timeout: 20_000 });
  await expect(acks).not.toContainText('PERSISTED');
  await expect(page.getByTitle('Webcam preview')).toBeVisible();
  await shot(page, 'video-lab-webcam');
  await nextStep(page, 'Try to play it back');

  // Step 3: playback refused, GetMedia reads the buffer.
  const playback = page.getByRole('region', { name: 'Media playback' });
  await playback.getByRole('button', { name: 'Play back media' }).click();
  await expect(playback.getByRole('alert')).toContainText('NoDataRetentionException');
  await playback.getByRole('button', { name: 'Read live with GetMedia' }).click();
  await expect(playback).toContainText(/\d+ fragments? loaded/, { timeout: 15_000 });
  await answer(page, 'Data retention above 0 (at least 24 hours)');
  await nextStep(page, 'Keep the media: raise the retention');

  // Step 4: 24 hours.
  await page.getByLabel('Data retention period (hours)').fill('24');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('UpdateDataRetention: ')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Video stream info' })).toContainText('24 hours', { timeout: 15_000 });
  await nextStep(page, 'Play back the last minute');

  // Step 5: the webcam goes on recording; what arrived since is played back.
  await expect(acks).toContainText('PERSISTED', { timeout: 20_000 });
  await playback.getByLabel('Time range').first().selectOption({ label: 'Last minute' });
  await playback.getByRole('button', { name: 'Play back media' }).click();
  await expect(playback).toContainText(/\d+ fragments? loaded/, { timeout: 15_000 });
  const video = playback.locator('video');
  await expect.poll(() => video.evaluate((v) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  const sessions = page.getByRole('region', { name: 'HLS and DASH streaming sessions' });
  await sessions.getByRole('button', { name: 'Get HLS streaming session URL' }).click();
  await expect(sessions.getByRole('alert')).toContainText('UnsupportedStreamMediaTypeException');
  await answer(page, /HLS needs H\.264 or H\.265 video/);
  await shot(page, 'video-lab-playback');
  await nextStep(page, 'Turn the video into images for a training set');

  // Step 6: one image a second from the last minute, saved into the bucket.
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  const extract = page.getByRole('group', { name: 'Extract images' });
  await extract.getByLabel('Time range').selectOption({ label: 'Last minute' });
  await extract.getByLabel('Sampling interval (ms)').fill('1000');
  await extract.getByRole('button', { name: 'Extract images' }).click();
  await expect(extract.getByRole('status').filter({ hasText: 'GetImages answered' })).toContainText(/: ([5-9]|\d\d+) images\./, { timeout: 30_000 });
  await extract.getByLabel('S3 bucket').selectOption('ml-training-images');
  await extract.getByRole('button', { name: 'Save to S3' }).click();
  await expect(extract.getByRole('status').filter({ hasText: 'PutObject saved' })).toContainText('ml-training-images');
  await expect(p.getByRole('listitem').filter({ hasText: 'ml-training-images holds at least 5 images' })).toContainText('Met');
  await nextStep(page, 'What comes next: Rekognition and SageMaker');
  await answer(page, /Rekognition Video stream processor writing results/);
  await expect(p.getByRole('heading', { name: 'Lab complete' })).toBeVisible();
  await shot(page, 'video-lab-done');

  // The images are objects: a JPEG in the bucket, downloaded, is a JPEG.
  await navTo(page, 'S3');
  await page.getByRole('link', { name: 'ml-training-images' }).click();
  // Down the key's folders (prefix, stream, date and time) to the images.
  for (let depth = 0; depth < 12; depth++) {
    if (await page.getByRole('row').filter({ hasText: /\.jpg/ }).count() > 0) break;
    await page.getByRole('row').filter({ hasText: 'Folder' }).first().getByRole('link').click();
  }
  await expect(page.getByRole('row').filter({ hasText: /\.jpg/ }).first()).toBeVisible();
  await shot(page, 'video-lab-images-in-s3');
});

test('a video file is sent by the producer as the clock runs; a file that is not Matroska is refused', async ({ page }) => {
  test.setTimeout(90_000);
  await openFresh(page);
  await page.goto('./#/kinesisvideo/create');
  await page.getByLabel('Video stream name').fill('files');
  await page.getByLabel('Custom data retention period').check();
  await page.getByLabel('Data retention period (hours)').fill('24');
  await page.getByRole('button', { name: 'Create video stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'files' })).toBeVisible();
  await jump(page);
  await expect(page.getByRole('region', { name: 'Video stream info' })).toContainText('ACTIVE');

  const sender = page.getByRole('region', { name: 'Send a video file' });
  await sender.getByLabel('Video file (WebM or MKV)').setInputFiles({
    name: 'clip.mp4', mimeType: 'video/mp4', buffer: Buffer.from('....ftypisom not matroska'),
  });
  await sender.getByRole('button', { name: 'Send file' }).click();
  await expect(sender.getByRole('alert')).toContainText('InvalidArgumentException');
  await expect(sender.getByRole('alert')).toContainText('it is not a Matroska (WebM or MKV) file');

  // Image generation on first (it samples what arrives after), set with the CLI.
  await cliSetUp(page, 'aws s3api create-bucket --bucket file-frames');
  await cliSetUp(page, 'aws kinesisvideo update-image-generation-configuration --stream-name files --image-generation-configuration Status=ENABLED,ImageSelectorType=SERVER_TIMESTAMP,DestinationConfig={Uri=s3://file-frames/gen,DestinationRegion=us-east-1},SamplingInterval=3000,Format=PNG');
  await sender.getByLabel('Video file (WebM or MKV)').setInputFiles('static/video/test-pattern.webm');
  await sender.getByLabel('Loop').uncheck();
  await sender.getByRole('button', { name: 'Send file' }).click();
  await expect(sender.getByRole('status').first()).toContainText('Sending test-pattern.webm:');
  await jump(page);
  await expect(sender.getByText(/Producer finished: the whole file was sent · \d+ fragments sent · 1 pass done/)).toBeVisible();
  await expect(sender.getByRole('list', { name: 'Producer acknowledgements' })).toContainText('PERSISTED');
  await expect(page.getByRole('region', { name: 'Fragments' }).getByRole('status')).toContainText(/[1-9]\d* fragments?/);
  await shot(page, 'video-file-producer');
  // The host decoded the recorded pattern's frames: PNG objects in the bucket.
  await navTo(page, 'S3');
  await page.getByRole('link', { name: 'file-frames' }).click();
  for (let depth = 0; depth < 12; depth++) {
    if (await page.getByRole('row').filter({ hasText: /\.png/ }).count() > 0) break;
    await page.getByRole('row').filter({ hasText: 'Folder' }).first().getByRole('link').click();
  }
  await expect(page.getByRole('row').filter({ hasText: /\.png/ }).first()).toBeVisible();
  await page.goto('./#/kinesisvideo/streams/files');
  await page.setViewportSize({ width: 390, height: 900 });
  await sender.scrollIntoViewIfNeeded();
  await shot(page, 'video-file-producer-phone');
});

// Lab 9 by "Show me" alone: the recorded test pattern is sent, and image generation's frames
// are decoded by the page until the bucket holds the training images.
test('lab 9 replays through Show me in the page, images decoded by the browser', async ({ page }) => {
  test.setTimeout(120_000);
  await openFresh(page);
  await page.goto('./#/labs');
  await page.getByRole('listitem').filter({ hasText: 'Stream video for ML' })
    .getByRole('button', { name: 'Start lab' }).click();
  const p = panel(page);
  const answers = [/^The last 5 minutes/, null, /^Data retention above 0/, null, /^HLS needs H\.264/, null];
  for (let step = 0; step < 6; step++) {
    await p.getByRole('button', { name: 'Show me', exact: true }).click();
    await p.getByRole('button', { name: 'Run these' }).click();
    if (answers[step]) {
      await p.getByRole('radio', { name: answers[step] }).check();
      await p.getByRole('button', { name: 'Check answer' }).click();
    }
    // Image generation's frames are decoded as the clock runs.
    if (step === 5) await page.getByRole('button', { name: '1×' }).click();
    await expect(p.getByText('✓ Step done')).toBeVisible({ timeout: 60_000 });
    await p.getByRole('button', { name: 'Next step' }).click();
  }
  await p.getByRole('radio', { name: /^Kinesis Video Streams with a Rekognition Video stream processor/ }).check();
  await p.getByRole('button', { name: 'Check answer' }).click();
  await expect(p.getByRole('heading', { name: 'Lab complete' })).toBeVisible();
});
