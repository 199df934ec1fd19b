// Lab 12, "Search it in OpenSearch", as a newcomer does it through the console (never "Show
// me"): a domain created on its page, the sensor stream delivered by a delivery stream made in
// the wizard with the destination "Amazon OpenSearch Service" and a daily index, then the FAIL
// readings found on the domain's Discover page — query string, histogram, a document's JSON
// and a filter. Then the lab again by "Show me" alone.
import { test, expect, shot, openFresh, navTo, jump } from './fixtures.mjs';

const panel = (page) => page.getByRole('complementary', { name: /./ }).filter({ has: page.getByRole('progressbar') });

async function nextStep(page, title) {
  const p = panel(page);
  await expect(p.getByText('✓ Step done')).toBeVisible({ timeout: 30_000 });
  await p.getByRole('button', { name: 'Next step' }).click();
  await expect(p.getByRole('heading', { level: 3 })).toContainText(title);
}

async function answer(page, optionText) {
  const p = panel(page);
  await p.getByRole('radio', { name: optionText }).check();
  await p.getByRole('button', { name: 'Check answer' }).click();
  await expect(p.getByText(/^Right\./)).toBeVisible();
}

test('lab 12 through the page: a domain, Firehose into a daily index, FAIL readings in Discover', async ({ page }) => {
  test.setTimeout(180_000);
  await openFresh(page);
  await navTo(page, 'Labs');
  await page.getByRole('listitem').filter({ hasText: 'Search it in OpenSearch' })
    .getByRole('button', { name: 'Start lab' }).click();
  const p = panel(page);
  await expect(p.getByRole('heading', { level: 3 })).toContainText('Create a domain');

  // Step 1: the domain, Processing, then Active.
  await p.getByRole('link', { name: 'Open the page for this step' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Domains (0)' })).toBeVisible();
  await page.getByLabel('Domain name').fill('Sensor Search');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('ValidationException');
  await page.getByLabel('Domain name').fill('sensor-search');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Creating domain sensor-search');
  const domains = page.getByRole('table', { name: 'Domains' });
  await expect(domains).toContainText('Creating (Processing)');
  await jump(page);
  await expect(domains).toContainText('Active');
  await expect(domains).toContainText('.us-east-1.es.amazonaws.com');
  await shot(page, 'opensearch-domains');
  await nextStep(page, 'Deliver the stream to it, one index a day');

  // Step 2: the wizard, with the domain chosen from the account's.
  await p.getByRole('link', { name: 'Open the page for this step' }).click();
  await page.getByRole('radio', { name: /Kinesis Data Stream/ }).check();
  await page.getByLabel('Kinesis data stream', { exact: true }).selectOption('machinelearning');
  await page.getByLabel('Delivery stream name').fill('sensors-to-search');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('radiogroup', { name: 'Destination' }).getByRole('radio', { name: /Amazon OpenSearch Service/ }).check();
  await expect(page.getByLabel('OpenSearch domain')).toHaveValue('sensor-search');
  await expect(page.getByLabel('Index rotation')).toHaveValue('OneDay');
  await expect(page.getByLabel('Retry duration')).toHaveValue('300');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Enter the index name');
  await page.getByLabel('Index', { exact: true }).fill('Sensors');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('must be lower case');
  await page.getByLabel('Index', { exact: true }).fill('sensors');
  await page.getByRole('radiogroup', { name: 'S3 bucket' }).getByRole('radio', { name: 'Choose an existing bucket' }).check();
  await page.getByLabel('Existing bucket', { exact: true }).selectOption('opensearch-backup');
  await shot(page, 'firehose-opensearch-destination');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByLabel('Buffer interval (seconds)').fill('60');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByText('Amazon OpenSearch Service domain sensor-search, index sensors (rotation: every day), retry duration 300 s, backup: failed data only')).toBeVisible();
  await page.getByRole('button', { name: 'Create delivery stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'sensors-to-search' })).toBeVisible();
  await expect(page.getByText('Amazon OpenSearch Service domain')).toBeVisible();
  await answer(page, 'myindex-2016-w08');
  await nextStep(page, 'Documents arrive');

  // Step 3: a few buffers later, the domain counts the day's index and its documents.
  await jump(page);
  await nextStep(page, 'Find the FAIL readings');

  // Step 4: Discover.
  await p.getByRole('link', { name: 'Open the page for this step' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Discover: sensor-search' })).toBeVisible();
  await expect(page.getByText(/Indices: sensors-\d{4}-\d{2}-\d{2}/)).toBeVisible();
  await page.getByLabel('Index pattern').fill('sensors-*');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const total = page.locator('.os-total');
  await expect(total).toContainText(/\d+ hits/);
  const all = Number((await total.textContent()).match(/(\d+)/)[1]);
  await page.getByLabel('Search', { exact: true }).fill('status:FAIL');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(total).not.toHaveText(`${all} hits`);
  const fails = Number((await total.textContent()).match(/(\d+)/)[1]);
  expect(fails).toBeGreaterThan(0);
  expect(fails).toBeLessThan(all);
  await expect(page.getByRole('img', { name: /Documents over time \(timestamp, per/ })).toBeVisible();
  const docs = page.getByRole('table', { name: 'Documents' });
  await expect(docs.getByRole('row').nth(1)).toContainText('status: FAIL');
  await docs.getByRole('row').nth(1).locator('summary').click();
  await expect(docs.getByRole('row').nth(1).locator('pre')).toContainText('"status": "FAIL"');
  await shot(page, 'opensearch-discover');
  // Filter for the first document's sensor: fewer (or as many) hits, each that sensor's.
  const sensor = docs.getByRole('button', { name: /^Filter for sensorId: / }).first();
  // From the keyboard: the lab panel covers the table's right-hand side on this viewport.
  await sensor.press('Enter');
  await expect(page.getByRole('list', { name: 'Filters' })).toContainText('sensorId:');
  const filtered = Number((await total.textContent()).match(/(\d+)/)[1]);
  expect(filtered).toBeLessThanOrEqual(fails);
  await page.setViewportSize({ width: 390, height: 900 });
  await shot(page, 'opensearch-discover-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
  await answer(page, /^Retried every 5 minutes for the 300-second retry duration/);
  await nextStep(page, 'Duplicates and document ids');
  await p.getByRole('radio', { name: /^DocumentIdOptions NO_DOCUMENT_ID/ }).check();
  await p.getByRole('button', { name: 'Check answer' }).click();
  await expect(p.getByRole('heading', { name: 'Lab complete' })).toBeVisible();
});

// Lab 12 by "Show me" alone: each step's calls run in the page and meet its goal.
test('lab 12 replays through Show me in the page', async ({ page }) => {
  test.setTimeout(120_000);
  await openFresh(page);
  await page.goto('./#/labs');
  await page.getByRole('listitem').filter({ hasText: 'Search it in OpenSearch' })
    .getByRole('button', { name: 'Start lab' }).click();
  const p = panel(page);
  const titles = ['Deliver the stream to it, one index a day', 'Documents arrive', 'Find the FAIL readings', 'Duplicates and document ids'];
  const answers = [null, /^myindex-2016-w08/, null, /^Retried every 5 minutes/];
  for (let step = 0; step < 4; step++) {
    await p.getByRole('button', { name: 'Show me', exact: true }).click();
    await p.getByRole('button', { name: 'Run these' }).click();
    if (answers[step]) {
      await p.getByRole('radio', { name: answers[step] }).check();
      await p.getByRole('button', { name: 'Check answer' }).click();
    }
    await expect(p.getByText('✓ Step done')).toBeVisible({ timeout: 30_000 });
    await p.getByRole('button', { name: 'Next step' }).click();
    await expect(p.getByRole('heading', { level: 3 })).toContainText(titles[step]);
  }
  await p.getByRole('radio', { name: /^DocumentIdOptions NO_DOCUMENT_ID/ }).check();
  await p.getByRole('button', { name: 'Check answer' }).click();
  await expect(p.getByRole('heading', { name: 'Lab complete' })).toBeVisible();
});
