// Firehose to Splunk, as a newcomer does it: a HEC token made on the (simulated) Splunk page,
// a delivery stream made in the wizard with the destination "Splunk", records put from the
// CLI, time jumped, and the events found with the Splunk search, newest first.
import { test, expect, shot, openFresh, cli, jump, navTo } from './fixtures.mjs';

test('a delivery stream delivers to the Splunk HEC and the events are searchable', async ({ page }) => {
  test.setTimeout(120_000);
  await openFresh(page);
  await navTo(page, 'Splunk (HEC)');
  await expect(page.getByRole('heading', { level: 1, name: 'Splunk (HEC)' })).toBeVisible();
  await expect(page.getByRole('note')).toContainText('A simulated Splunk, not an AWS service.');
  await page.getByLabel('Name', { exact: true }).fill('firehose');
  const ack = page.getByRole('checkbox', { name: 'Enable indexer acknowledgement' });
  await expect(ack).not.toBeChecked();
  await ack.check();
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Token firehose created.' })).toBeVisible();
  const token = await page.getByLabel('Token value of firehose').inputValue();
  expect(token).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
  const endpoint = await page.getByLabel('HEC endpoint (Splunk cluster endpoint)').inputValue();
  await shot(page, 'splunk-tokens');

  await page.goto('./#/firehose/create');
  await page.getByLabel('Delivery stream name').fill('to-splunk');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('radiogroup', { name: 'Destination' }).getByRole('radio', { name: /^Splunk/ }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter the Splunk cluster endpoint');
  await page.getByLabel('Splunk cluster endpoint').fill(endpoint);
  await page.getByLabel('Authentication token').fill(token);
  await page.getByLabel('HEC acknowledgement timeout').fill('700');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert')).toContainText('HEC acknowledgement timeout');
  await page.getByLabel('HEC acknowledgement timeout').fill('300');
  await page.getByLabel('New bucket name').fill('splunk-backup');
  await shot(page, 'firehose-splunk-destination');
  await page.setViewportSize({ width: 390, height: 900 });
  await shot(page, 'firehose-splunk-destination-phone');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('Buffer interval (seconds)')).toHaveValue('60');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText(`Splunk ${endpoint} (Raw endpoint), HEC acknowledgement timeout 300 s, retry duration 3600 s, S3 backup: failed events only`)).toBeVisible();
  await page.getByRole('button', { name: 'Create delivery stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'to-splunk' })).toBeVisible();
  await expect(page.getByText(`Splunk ${endpoint} (Raw endpoint)`)).toBeVisible();
  await jump(page);

  // Firehose adds no delimiter: each record brings its own newline for the Raw endpoint.
  for (const line of ['GET /login 200\n', 'POST /pay FAIL\n']) {
    const data = Buffer.from(line).toString('base64');
    await cli(page, `aws firehose put-record --delivery-stream-name to-splunk --record Data=${data}`);
    await expect(page.getByRole('log', { name: 'AWS CLI output' })).toContainText('"RecordId"');
  }
  await page.getByRole('button', { name: 'Hide AWS CLI' }).click();
  await jump(page);

  await page.getByRole('link', { name: 'Search what was indexed' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Splunk (HEC)' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search' }).fill('index=main FAIL');
  await page.getByLabel('Time range').selectOption({ label: 'Last 15 minutes' });
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /event/ }).last()).toHaveText('1 event');
  const rows = page.getByRole('table', { name: 'Events' }).getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('POST /pay FAIL');
  await expect(rows.nth(1)).toContainText('httpevent');
  await page.getByRole('searchbox', { name: 'Search' }).fill('index=main');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(rows).toHaveCount(3);
  // Newest first: both arrived in one batch, so in the order Splunk indexed them, reversed.
  await expect(rows.nth(1)).toContainText('POST /pay FAIL');
  await expect(rows.nth(2)).toContainText('GET /login 200');
  await shot(page, 'splunk-search');
  await page.setViewportSize({ width: 390, height: 900 });
  await shot(page, 'splunk-search-phone');
});

// The Splunk lab by "Show me" alone: each step's calls run in the page and meet its goal.
test('the Splunk lab replays through Show me in the page', async ({ page }) => {
  test.setTimeout(90_000);
  await openFresh(page);
  await page.goto('./#/labs');
  await page.getByRole('listitem').filter({ hasText: 'Deliver to Splunk' })
    .getByRole('button', { name: 'Start lab' }).click();
  const p = page.getByRole('complementary', { name: /./ }).filter({ has: page.getByRole('progressbar') });
  const titles = ['Create a delivery stream to it', 'Send log lines and search them', 'A late acknowledgement'];
  for (let step = 0; step < 3; step++) {
    await p.getByRole('button', { name: 'Show me', exact: true }).click();
    await p.getByRole('button', { name: 'Run these' }).click();
    if (step === 2) {
      await p.getByRole('radio', { name: /^Firehose concatenates the records/ }).check();
      await p.getByRole('button', { name: 'Check answer' }).click();
    }
    await expect(p.getByText('✓ Step done')).toBeVisible({ timeout: 30_000 });
    await p.getByRole('button', { name: 'Next step' }).click();
    await expect(p.getByRole('heading', { level: 3 })).toContainText(titles[step]);
  }
  await p.getByRole('radio', { name: /^Splunk\.AckTimeout; the retry clock starts/ }).check();
  await p.getByRole('button', { name: 'Check answer' }).click();
  await expect(p.getByRole('heading', { name: 'Lab complete' })).toBeVisible();
});
