// The AWS Glue Data Catalog as a learner prepares Parquet conversion: a database, then the
// sensor table from a form whose column types are checked while typed, then the same catalog
// from the AWS CLI panel.
import { test, expect, shot, openFresh, navTo } from './fixtures.mjs';

test('a database and the sensor table from the console, a bad type refused in Glue\'s words', async ({ page }) => {
  await openFresh(page);
  await navTo(page, 'AWS Glue Data Catalog');
  await expect(page.getByRole('heading', { level: 1, name: 'Databases' })).toBeVisible();
  await expect(page.getByText('No databases')).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Sensors');
  await page.getByLabel('Description - optional').fill('Readings from the notes\' sensor template');
  await page.getByRole('button', { name: 'Create database' }).click();
  // Glue keeps names in lower case.
  await page.getByRole('link', { name: 'sensors' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'sensors' })).toBeVisible();
  await expect(page.getByText('No tables')).toBeVisible();

  await page.getByLabel('Name', { exact: true }).fill('readings');
  await page.getByLabel('Column 1 name').fill('sensorId');
  await page.getByLabel('Column 1 data type').fill('array<int');
  await expect(page.getByText(/at position/)).toBeVisible();
  await page.getByLabel('Column 1 data type').fill('integer');
  await page.getByRole('button', { name: 'Create table' }).click();
  await expect(page.getByRole('alert')).toContainText('InvalidInputException');

  await page.getByRole('button', { name: 'Use the sensor template\'s schema' }).click();
  await page.getByLabel('Location - optional').fill('s3://machinelearning-firehose-output/');
  await page.getByRole('button', { name: 'Create table' }).click();
  const schema = page.getByRole('table', { name: 'Schema of readings' });
  await expect(schema).toContainText('currenttemperature');
  await expect(schema).toContainText('string');
  await shot(page, 'glue-database');

  await page.getByRole('button', { name: 'Delete table readings' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('No tables')).toBeVisible();
});

test('the AWS CLI panel speaks aws glue, and the console shows what it made', async ({ page }) => {
  await openFresh(page);
  await page.getByRole('button', { name: 'AWS CLI' }).click();
  const input = page.getByLabel('AWS CLI command');
  await input.fill('aws glue create-database --database-input Name=catalog');
  await input.press('Enter');
  await input.fill(`aws glue create-table --database-name catalog --table-input '{"Name": "events", "StorageDescriptor": {"Columns": [{"Name": "tags", "Type": "map<string,string>"}]}}'`);
  await input.press('Enter');
  await input.fill('aws glue get-tables --database-name catalog');
  await input.press('Enter');
  await expect(page.getByRole('log', { name: 'AWS CLI output' })).toContainText('"Type": "map<string,string>"');
  await page.getByRole('button', { name: 'Hide AWS CLI' }).click();
  await navTo(page, 'AWS Glue Data Catalog');
  await page.getByRole('link', { name: 'catalog', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Schema of events' })).toContainText('map<string,string>');
});
