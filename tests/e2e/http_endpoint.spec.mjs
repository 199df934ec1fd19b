// Firehose to an HTTP endpoint, as a newcomer does it: an endpoint set up on its page, a
// delivery stream made in the wizard with the destination "HTTP Endpoint", an outage (503 for
// 90 s), a record put from the CLI, and the endpoint's log showing the same request refused,
// retried and accepted, headers and base64 body included.
import { test, expect, shot, openFresh, cli, jump } from './fixtures.mjs';

const URL = 'https://collector.example.com/firehose';

test('a delivery stream posts to an HTTP endpoint, retrying through an outage', async ({ page }) => {
  test.setTimeout(120_000);
  await openFresh(page);
  await page.goto('./#/http-endpoints');
  await expect(page.getByRole('heading', { level: 1, name: 'HTTP endpoints (0)' })).toBeVisible();
  await page.getByLabel('Endpoint URL').fill(URL);
  await page.getByRole('button', { name: 'Save endpoint' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved:' })).toContainText(`${URL} answers 200 OK`);

  await page.goto('./#/firehose/create');
  await page.getByLabel('Delivery stream name').fill('to-http');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('radiogroup', { name: 'Destination' }).getByRole('radio', { name: /HTTP Endpoint/ }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter the HTTP endpoint URL: https://');
  await page.getByLabel('HTTP endpoint URL').fill(URL);
  await page.getByLabel('Access key - optional').fill('my-key');
  await page.getByLabel('Retry duration').fill('600');
  await page.getByLabel('New bucket name').fill('http-backup');
  await shot(page, 'firehose-http-destination');
  await page.setViewportSize({ width: 390, height: 900 });
  await shot(page, 'firehose-http-destination-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Buffer interval (seconds)').fill('60');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText(`HTTP endpoint ${URL}, content encoding none, retry duration 600 s, S3 backup: failed data only`)).toBeVisible();
  await page.getByRole('button', { name: 'Create delivery stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'to-http' })).toBeVisible();
  await expect(page.getByText(`HTTP endpoint ${URL}`)).toBeVisible();
  await jump(page);

  // An outage: 503 for the next 90 seconds.
  await page.getByRole('link', { name: 'See what it received' }).click();
  await page.getByLabel('Response').selectOption('ERROR');
  await page.getByLabel('Status code').fill('503');
  await page.getByLabel('For how long (seconds) - optional').fill('90');
  await page.getByRole('button', { name: 'Save endpoint' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved:' })).toContainText(`${URL} answers 503`);

  const record = Buffer.from('{"sensorId":7,"status":"OK"}').toString('base64');
  await cli(page, `aws firehose put-record --delivery-stream-name to-http --record Data=${record}`);
  await expect(page.getByRole('log', { name: 'AWS CLI output' })).toContainText('"RecordId"');
  await page.getByRole('button', { name: 'Hide AWS CLI' }).click();
  await jump(page);

  const panel = page.getByRole('region', { name: URL });
  await expect(panel.getByRole('status')).toContainText(/Answers 200 OK · [3-9] requests received/);
  const rows = panel.getByRole('table', { name: `Requests received by ${URL}` }).getByRole('row');
  await expect(rows.nth(1)).toContainText('200');
  await expect(rows.last()).toContainText('503');
  await rows.nth(1).getByText('Headers and body').click();
  const request = rows.nth(1).locator('pre');
  await expect(request).toContainText('X-Amz-Firehose-Access-Key: my-key');
  await expect(request).toContainText('X-Amz-Firehose-Protocol-Version: 1.0');
  await expect(request).toContainText(`"data": "${record}"`);
  await shot(page, 'http-endpoints');
  await page.setViewportSize({ width: 390, height: 900 });
  await shot(page, 'http-endpoints-phone');
});

// Lab 10 by "Show me" alone: each step's calls run in the page and meet its goal.
test('lab 10 replays through Show me in the page', async ({ page }) => {
  test.setTimeout(90_000);
  await openFresh(page);
  await page.goto('./#/labs');
  await page.getByRole('listitem').filter({ hasText: 'Deliver to an HTTP endpoint' })
    .getByRole('button', { name: 'Start lab' }).click();
  const p = page.getByRole('complementary', { name: /./ }).filter({ has: page.getByRole('progressbar') });
  const titles = ['Create a delivery stream to it', 'An outage: the same request, retried', 'What a 413 does'];
  for (let step = 0; step < 3; step++) {
    await p.getByRole('button', { name: 'Show me', exact: true }).click();
    await p.getByRole('button', { name: 'Run these' }).click();
    if (step === 2) {
      await p.getByRole('radio', { name: /^Only 200 counts as success/ }).check();
      await p.getByRole('button', { name: 'Check answer' }).click();
    }
    await expect(p.getByText('✓ Step done')).toBeVisible({ timeout: 30_000 });
    await p.getByRole('button', { name: 'Next step' }).click();
    await expect(p.getByRole('heading', { level: 3 })).toContainText(titles[step]);
  }
  await p.getByRole('radio', { name: /^Drops the batch/ }).check();
  await p.getByRole('button', { name: 'Check answer' }).click();
  await expect(p.getByRole('heading', { name: 'Lab complete' })).toBeVisible();
});
