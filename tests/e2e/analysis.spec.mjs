// The Analysis workspace (Amazon Quick Sight) as lab 8's learner uses it: the delivered objects
// loaded as a dataset, then each visual the lab asks for, with a screenshot of each to look
// at: the histogram of a uniform temperature, the statuses compared in a bar chart, a scatter
// plot without a relationship, and a box plot after two faulty readings are sent.
import { test, expect, openFresh, shot, cliSetUp, jump } from './fixtures.mjs';

const panel = (page) => page.getByRole('complementary').filter({ has: page.getByRole('progressbar') });
const chart = (page) => page.locator('svg.analysis-chart');

async function createDataset(page) {
  await page.getByRole('button', { name: 'Create dataset' }).click();
  await expect(page.locator('.dataset-summary [role=status]')).toContainText(/JSON: [\d,]+ rows, 3 fields/);
}

test('lab 8: a dataset from S3 and the visual for each question', async ({ page }) => {
  test.setTimeout(180_000);
  await openFresh(page, './#/labs/explore');
  await page.getByRole('main').getByRole('button', { name: 'Start lab' }).click();
  const ask = page.getByRole('dialog', { name: /^Start / });
  const heading = panel(page).getByRole('heading', { level: 3 });
  await expect(ask.or(heading).first()).toBeVisible();
  if (await ask.isVisible()) await ask.getByRole('button', { name: 'Start lab' }).click();
  await expect(heading).toContainText('Step 1 of');

  await page.getByRole('link', { name: 'Amazon Quick Sight (QuickSight)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Amazon Quick Sight');
  await page.getByLabel('S3 bucket', { exact: true }).selectOption('machinelearning-firehose-output');
  await createDataset(page);
  const fields = page.locator('.fields-table');
  await expect(fields.getByRole('rowheader', { name: 'currentTemperature' })).toBeVisible();
  await expect(fields.getByRole('row').filter({ hasText: 'currentTemperature' })).toContainText('number');
  await expect(panel(page).getByRole('listitem').filter({ hasText: 'A dataset was made' })).toContainText('Met');
  await shot(page, 'analysis-dataset-fields');

  // The temperature's distribution: ten bins of about the same height.
  await page.getByRole('radio', { name: 'Histogram' }).check();
  await page.getByLabel('Value', { exact: true }).selectOption('currentTemperature');
  await expect(page.getByRole('img', { name: 'Histogram of currentTemperature' })).toBeVisible();
  await expect(chart(page).locator('rect.bar')).toHaveCount(10);
  await page.getByText('Show data table').click();
  await expect(page.locator('.chart-table tbody tr')).toHaveCount(10);
  await shot(page, 'analysis-histogram');

  // The statuses compared: three bars.
  await page.getByRole('radio', { name: 'Bar chart' }).check();
  await page.getByLabel('X axis').selectOption('status');
  await page.getByLabel('Value', { exact: true }).selectOption('');
  await expect(chart(page).locator('rect.bar')).toHaveCount(3);
  await shot(page, 'analysis-bar-status');

  // No relationship between the sensor and its temperature.
  await page.getByRole('radio', { name: 'Scatter plot' }).check();
  await page.getByLabel('X axis').selectOption('sensorId');
  await page.getByLabel('Y axis').selectOption('currentTemperature');
  await expect(page.locator('.chart-summary')).toContainText('no linear relationship');
  await shot(page, 'analysis-scatter-none');

  // Two faulty readings, delivered, then found by a box plot.
  for (const t of [900, -250]) {
    const data = JSON.stringify({ sensorId: 99, currentTemperature: t, status: 'FAIL' });
    await cliSetUp(page, `aws kinesis put-record --stream-name machinelearning --partition-key faulty --data '${data}' --cli-binary-format raw-in-base64-out`);
  }
  await jump(page);
  await createDataset(page);
  await page.getByRole('radio', { name: 'Box plot' }).check();
  await page.getByLabel('Value', { exact: true }).selectOption('currentTemperature');
  await expect(chart(page).locator('circle.outlier')).toHaveCount(2);
  await shot(page, 'analysis-box-plot-outliers');

  // At 360 px the chart scales down and the fields table scrolls.
  await page.setViewportSize({ width: 360, height: 800 });
  const box = await chart(page).boundingBox();
  expect(box.width).toBeLessThanOrEqual(360);
  await shot(page, 'analysis-narrow');
});

test('ML Insights: a spike in a stream\'s readings is found, and the series is forecast', async ({ page }) => {
  test.setTimeout(120_000);
  await openFresh(page, './#/quicksight');
  await cliSetUp(page, 'aws kinesis create-stream --stream-name readings --shard-count 1');
  await jump(page);
  // One reading a minute for 40 minutes, about 100 with a small daily-like wobble, and one of
  // 420 at minute 25.
  const records = [];
  for (let m = 0; m < 40; m++) {
    const t = `2026-12-06T10:${String(m).padStart(2, '0')}:00`;
    const v = m === 25 ? 420 : 100 + ((m * 7) % 11) - 5;
    records.push({ Data: JSON.stringify({ time: t, temperature: v }), PartitionKey: `k${m}` });
  }
  await cliSetUp(page, `aws kinesis put-records --stream-name readings --records '${JSON.stringify(records)}' --cli-binary-format raw-in-base64-out`);
  await page.getByRole('radio', { name: /Kinesis Data Streams/ }).check();
  await page.getByLabel('Kinesis data stream', { exact: true }).selectOption('readings');
  await page.getByRole('button', { name: 'Create dataset' }).click();
  await expect(page.locator('.dataset-summary [role=status]')).toContainText(/40 rows, 2 fields/);

  const insights = page.getByRole('region', { name: 'ML Insights' });
  await insights.getByLabel('Value', { exact: true }).selectOption('temperature');
  await insights.getByRole('button', { name: 'Run insights' }).click();
  await expect(insights.getByRole('img')).toBeVisible();
  await expect(insights.locator('circle.anomaly').first()).toBeVisible();
  await expect(insights.locator('.insight-list li').first()).toContainText('10:25');
  await expect(insights.locator('path.forecast')).toHaveCount(1);
  await shot(page, 'analysis-ml-insights');
  await page.setViewportSize({ width: 390, height: 844 });
  await insights.scrollIntoViewIfNeeded();
  await shot(page, 'analysis-ml-insights-390');
});
