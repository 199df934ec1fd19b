// The Kinesis Data Generator as the notes' second lab uses it: the sensor template into
// `machinelearning` (2 shards) at 100 records per second, "500 records sent to Kinesis." after
// five simulated seconds, and the records in the Data viewer. The clock stays paused and moves
// only by "Step 1 s", so every count is exact.
import { test, expect, shot, openFresh, cli, jump } from './fixtures.mjs';


// `machinelearning` with 2 shards, active, then the generator page.
async function openGenerator(page) {
  await openFresh(page);
  await cli(page, 'aws kinesis create-stream --stream-name machinelearning --shard-count 2');
  await expect(page.getByRole('log', { name: 'AWS CLI output' })).not.toContainText('An error occurred');
  await page.getByRole('button', { name: 'Hide AWS CLI' }).click();
  await jump(page);
  await page.getByRole('link', { name: 'Kinesis Data Generator' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kinesis Data Generator' })).toBeVisible();
  await expect(page.getByLabel('Stream/delivery stream')).toHaveValue('stream:machinelearning');
}

async function step(page, seconds) {
  for (let i = 0; i < seconds; i++) {
    await page.getByRole('button', { name: 'Step 1 s' }).click();
  }
}

test('the sensor template: test it, send 100 records/s for 5 s, read them in the Data viewer', async ({ page }) => {
  await openGenerator(page);
  await expect(page.getByLabel('Region')).toHaveValue('us-east-1');
  await expect(page.getByRole('tab', { name: 'Template 1' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Record template', { exact: true })).toHaveValue(/"sensorId": \{\{random.number\(50\)\}\}/);
  await expect(page.getByLabel('Records per second')).toHaveValue('100');

  await page.getByRole('button', { name: 'Test template' }).click();
  const samples = page.getByRole('region', { name: 'Sample Records' }).locator('pre');
  await expect(samples).toHaveCount(5);
  for (const text of await samples.allInnerTexts()) {
    const r = JSON.parse(text);
    expect(r.sensorId).toBeGreaterThanOrEqual(0);
    expect(r.sensorId).toBeLessThanOrEqual(50);
    expect(r.currentTemperature).toBeGreaterThanOrEqual(10);
    expect(r.currentTemperature).toBeLessThanOrEqual(150);
    expect(['OK', 'FAIL', 'WARN']).toContain(r.status);
  }
  await shot(page, 'generator-test-template');

  await page.getByRole('button', { name: 'Send data' }).click();
  const sending = page.getByRole('region', { name: 'Sending Data to Kinesis' });
  await expect(sending.getByRole('status')).toHaveText('0 records sent to Kinesis.');
  await step(page, 5);
  await expect(sending.getByRole('status')).toHaveText('500 records sent to Kinesis.');
  await expect(sending.getByRole('row', { name: 'Last second' })).toHaveText(/Last second\s*100\s*100\s*0\s*0/);
  await expect(sending.getByRole('list', { name: 'Last records' }).locator('pre')).toHaveCount(5);
  await expect(page.getByText('records throttled')).toHaveCount(0);
  await shot(page, 'generator-sending');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'generator-sending-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByRole('button', { name: 'Stop Sending Data to Kinesis' }).click();
  const stopped = page.getByRole('region', { name: 'Sending stopped' });
  await expect(stopped.getByRole('status')).toHaveText('500 records sent to Kinesis.');
  await step(page, 2);
  await expect(stopped.getByRole('status')).toHaveText('500 records sent to Kinesis.');

  // The 500 records are in the stream's two shards.
  await stopped.getByRole('link', { name: 'Open machinelearning in the Data viewer' }).click();
  await expect(page).toHaveURL(/#\/streams\/machinelearning\/data-viewer$/);
  // The Data viewer reads 100 records a call: Get records, then Next records until none are left.
  const table = page.getByRole('table', { name: 'Records read from the shard' });
  let total = 0;
  let previous = null;
  for (const shard of ['shardId-000000000000', 'shardId-000000000001']) {
    await page.getByLabel('Shard').selectOption(shard);
    await page.getByRole('button', { name: 'Get records' }).click();
    for (let call = 0; call < 5; call++) {
      const first = table.locator('tbody tr').first();
      if (previous !== null) await expect(first).not.toHaveText(previous);
      const n = Number((await page.getByText(/^\d+ records\./).innerText()).match(/^(\d+) records/)[1]);
      if (n === 0) break;
      if (call === 0) {
        await expect(table).toContainText('"sensorId"');
        await expect(table).toContainText('"currentTemperature"');
        if (shard.endsWith('0')) await shot(page, 'generator-data-viewer');
      }
      total += n;
      previous = await first.innerText();
      await page.getByRole('button', { name: 'Next records' }).click();
    }
    previous = await table.locator('tbody tr').first().innerText();
  }
  expect(total).toBe(500);
});

test('a bad template shows where it is wrong and sends nothing', async ({ page }) => {
  await openGenerator(page);
  const editor = page.getByLabel('Record template', { exact: true });
  await editor.fill('{\n  "a": {{nope.thing}}\n}');
  await expect(page.getByText('Line 2, column 10: Invalid module: nope')).toBeVisible();
  await expect(editor).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Test template' }).click();
  await expect(page.getByRole('alert')).toContainText('InvalidTemplateException');
  await page.getByRole('button', { name: 'Send data' }).click();
  await expect(page.getByRole('alert')).toContainText('Invalid module: nope (line 2, column 10)');
  await step(page, 3);
  await expect(page.getByRole('region', { name: 'Sending Data to Kinesis' })).toHaveCount(0);
  await expect(page.getByText(/records sent to Kinesis/)).toHaveCount(0);
  await shot(page, 'generator-bad-template');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'generator-bad-template-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // An unclosed tag, and the template kept in this browser across a reload.
  await editor.fill('x {{random.number(5)');
  await expect(page.getByText(/Line 1, column 3: /)).toBeVisible();
  await page.getByLabel('Template name').fill('Broken one');
  await expect(page.getByRole('tab', { name: 'Broken one' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Broken one' })).toBeVisible();
  await expect(page.getByLabel('Record template', { exact: true })).toHaveValue('x {{random.number(5)');
  await page.getByRole('tab', { name: 'Template 2' }).click();
  await expect(page.getByLabel('Record template', { exact: true })).toHaveValue(/name\.firstName/);
});

test('3,000 records/s into 2 shards: the throttled records are counted and shown', async ({ page }) => {
  await openGenerator(page);
  await page.getByLabel('Records per second').fill('3000');
  await page.getByRole('button', { name: 'Send data' }).click();
  await step(page, 2);
  const sending = page.getByRole('region', { name: 'Sending Data to Kinesis' });
  const row = sending.getByRole('row', { name: 'Last second' });
  const cells = await row.getByRole('cell').allInnerTexts();
  const [generated, accepted, throttled, failed] = cells.map((c) => Number(c.replace(/,/g, '')));
  expect(generated).toBe(3000);
  expect(accepted).toBeLessThanOrEqual(2000);
  expect(throttled).toBeGreaterThanOrEqual(1000);
  expect(accepted + throttled + failed).toBe(3000);
  await expect(sending.getByText(/records throttled \(ProvisionedThroughputExceededException\)/)).toBeVisible();
  await shot(page, 'generator-throttled');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'generator-throttled-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('button', { name: 'Stop Sending Data to Kinesis' }).click();
});

test('Periodic: Mu 50 and Sigma 0 every hour gives 50 records each second', async ({ page }) => {
  await openGenerator(page);
  await page.getByRole('tab', { name: 'Periodic' }).click();
  await page.getByLabel('Mu for every hour').fill('50');
  await page.getByLabel('Sigma for every hour').fill('0');
  await page.getByRole('button', { name: 'Apply to every hour' }).click();
  await page.getByRole('button', { name: 'Edit hour by hour' }).click();
  await expect(page.getByLabel('Mu, Wednesday 13:00')).toHaveValue('50');
  await expect(page.getByLabel('Sigma, Saturday 23:00')).toHaveValue('0');
  await shot(page, 'generator-periodic');
  await page.getByRole('button', { name: 'Send data' }).click();
  await step(page, 3);
  await expect(page.getByRole('region', { name: 'Sending Data to Kinesis' }).getByRole('status'))
    .toHaveText('150 records sent to Kinesis.');
});
