// Amazon Redshift as a newcomer meets it: a cluster made on its page, a table made in the query
// editor, a delivery stream from the machinelearning stream to it made in the wizard, rows
// queried, then the table dropped (Redshift.TableNotFound on the delivery stream's page) and
// made again, and the waiting objects loaded by the next COPY.
import { test, expect, shot, openFresh, cliSetUp, jump } from './fixtures.mjs';

async function run(page, sql) {
  await page.getByLabel('SQL', { exact: true }).fill(sql);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
}

test('the sensor stream loads into Redshift through S3 and COPY, and survives a missing table', async ({ page }) => {
  test.setTimeout(180_000);
  await openFresh(page);
  await cliSetUp(page, 'aws kinesis create-stream --stream-name machinelearning --shard-count 1');
  await jump(page);

  await page.goto('./#/redshift');
  await expect(page.getByRole('heading', { level: 1, name: 'Amazon Redshift' })).toBeVisible();
  await page.getByLabel('Admin user password').fill('short');
  await page.getByRole('button', { name: 'Create cluster' }).click();
  await expect(page.getByRole('alert')).toContainText('InvalidParameterValue');
  await expect(page.getByRole('alert')).toContainText('shorter than 8 characters');
  await page.getByLabel('Admin user password').fill('Awsuser1234');
  await page.getByRole('checkbox', { name: 'Turn on Publicly accessible' }).check();
  await page.getByRole('button', { name: 'Create cluster' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Creating cluster' })).toBeVisible();
  await jump(page);
  const clusters = page.getByRole('table', { name: /Clusters/ });
  await expect(clusters).toContainText('Available');
  await expect(clusters).toContainText('jdbc:redshift://redshift-cluster-1.');

  // The editor's example is the table the lab needs.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'completed' })).toBeVisible();
  await expect(page.getByText(/sensor_readings — 0 rows/)).toBeVisible();
  await run(page, 'SELECT * FROM readings');
  await expect(page.getByRole('alert')).toContainText('ERROR: relation "readings" does not exist');

  await page.goto('./#/firehose/create/machinelearning');
  await page.getByLabel('Delivery stream name').fill('machinelearning-redshift');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('radiogroup', { name: 'Destination' }).getByRole('radio', { name: /Amazon Redshift/ }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert')).toContainText('Choose a provisioned cluster');
  await page.getByLabel('Provisioned cluster').selectOption('redshift-cluster-1');
  await expect(page.getByLabel('User name')).toHaveValue('awsuser');
  await page.getByLabel('Password', { exact: true }).fill('Awsuser1234');
  await page.getByLabel('Table', { exact: true }).fill('sensor_readings');
  await page.getByLabel('COPY command options - optional').fill("json 'auto ignorecase'");
  await page.getByLabel('New bucket name').fill('redshift-intermediate');
  await shot(page, 'firehose-redshift-destination');
  await page.setViewportSize({ width: 390, height: 900 });
  await shot(page, 'firehose-redshift-destination-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Buffer interval (seconds)').fill('60');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText(/Amazon Redshift jdbc:redshift:\/\/redshift-cluster-1\..*\/dev, table sensor_readings, COPY options: json 'auto ignorecase'/)).toBeVisible();
  await page.getByRole('button', { name: 'Create delivery stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'machinelearning-redshift' })).toBeVisible();

  await page.goto('./#/generator');
  await page.getByLabel('Records per second').fill('5');
  await expect(page.getByLabel('Stream/delivery stream')).toHaveValue('stream:machinelearning');
  await page.getByRole('button', { name: 'Send data' }).click();
  await jump(page);
  await page.getByRole('button', { name: 'Stop Sending Data to Kinesis' }).click();

  await page.goto('./#/redshift');
  await run(page, 'SELECT status, COUNT(*) AS readings FROM sensor_readings GROUP BY status ORDER BY status');
  const result = page.getByRole('table', { name: 'Query results' });
  await expect(result).toContainText('FAIL');
  await expect(result.getByRole('row')).toHaveCount(4);
  await shot(page, 'redshift-query-editor');
  await page.setViewportSize({ width: 390, height: 900 });
  await shot(page, 'redshift-query-editor-phone');
  await page.setViewportSize({ width: 1280, height: 900 });

  // No table: the COPY fails, the objects wait, nothing is lost.
  await run(page, 'DROP TABLE sensor_readings');
  await expect(page.getByRole('status').filter({ hasText: 'completed' })).toBeVisible();
  await page.goto('./#/generator');
  await page.getByRole('button', { name: 'Send data' }).click();
  await jump(page);
  await page.getByRole('button', { name: 'Stop Sending Data to Kinesis' }).click();
  await page.goto('./#/firehose/machinelearning-redshift');
  await expect(page.getByText(/last attempt failed with Redshift.TableNotFound/)).toBeVisible();
  await shot(page, 'firehose-redshift-waiting');

  await page.goto('./#/redshift');
  await run(page, 'CREATE TABLE sensor_readings (sensorid INTEGER, currenttemperature INTEGER, status VARCHAR(8))');
  await jump(page);
  await run(page, 'SELECT COUNT(*) FROM sensor_readings');
  const count = page.getByRole('table', { name: 'Query results' }).getByRole('row').nth(1);
  await expect(count).not.toHaveText('0');
});

// Lab 11 by "Show me" alone: each step's calls run in the page and meet its goal.
test('lab 11 replays through Show me in the page', async ({ page }) => {
  test.setTimeout(120_000);
  await openFresh(page);
  await page.goto('./#/labs');
  await page.getByRole('listitem').filter({ hasText: 'Load the sensor stream into Redshift' })
    .getByRole('button', { name: 'Start lab' }).click();
  const p = page.getByRole('complementary', { name: /./ }).filter({ has: page.getByRole('progressbar') });
  const answers = { 3: /^Firehose wrote them to the S3 bucket/, 5: /^They waited in the intermediate bucket/ };
  for (let step = 0; step < 6; step++) {
    await p.getByRole('button', { name: 'Show me', exact: true }).click();
    await p.getByRole('button', { name: 'Run these' }).click();
    if (answers[step]) {
      await p.getByRole('radio', { name: answers[step] }).check();
      await p.getByRole('button', { name: 'Check answer' }).click();
    }
    if (step < 5) {
      await expect(p.getByText('✓ Step done')).toBeVisible({ timeout: 30_000 });
      await p.getByRole('button', { name: 'Next step' }).click();
    }
  }
  await expect(p.getByRole('heading', { name: 'Lab complete' })).toBeVisible({ timeout: 30_000 });
});
