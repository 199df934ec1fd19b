// AWS Lambda as a learner meets it before wiring it to Firehose: a function from the Firehose
// processing blueprint with a new execution role, tested with the Firehose event template (the
// records it returns, decoded), its timeout changed, and a bad name refused in Lambda's words;
// then the learner's own code, run in the functions' Web Worker, and a run past its timeout.
import { test, expect, shot, openFresh, navTo, cli } from './fixtures.mjs';
import AxeBuilder from '@axe-core/playwright';

const BLUEPRINT = 'kinesis-firehose-process-record';

// Create function from the blueprint, with a new role with basic Lambda permissions.
async function createFromBlueprint(page, name) {
  await page.goto(`./#/lambda/create?blueprint=${BLUEPRINT}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Create function' })).toBeVisible();
  await expect(page.getByLabel('Use a blueprint')).toBeChecked();
  await expect(page.getByRole('radio', { name: /Process records sent to a Data Firehose stream/ })).toBeChecked();
  await page.getByLabel('Function name').fill(name);
  await expect(page.getByRole('note')).toContainText(`${name}-role-`);
  await page.getByRole('button', { name: 'Create function' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('a blueprint function with a new role transforms the Firehose test event', async ({ page }) => {
  await openFresh(page);
  await navTo(page, 'Lambda');
  await expect(page.getByRole('heading', { level: 1, name: 'Functions (0)' })).toBeVisible();
  await expect(page.getByText('There is no data to display.')).toBeVisible();
  await page.getByRole('link', { name: 'Create function' }).click();
  await page.getByLabel('Use a blueprint').check();
  await page.getByLabel('Search blueprints').fill('firehose');
  await expect(page.getByRole('radio', { name: /Process records sent to a Data Firehose stream/ })).toBeVisible();
  await page.getByLabel('Search blueprints').fill('no such blueprint');
  await expect(page.getByText('0 blueprints')).toBeVisible();

  await createFromBlueprint(page, 'firehose-transform');
  await expect(page.getByRole('region', { name: 'Function overview' })).toContainText(BLUEPRINT);
  await expect(page.getByLabel('index.mjs')).toHaveValue(/result: 'Ok'/);
  await shot(page, 'lambda-code');

  await page.getByRole('tab', { name: 'Test' }).click();
  await expect(page).toHaveURL(/tab=test/);
  await page.getByLabel('Template - optional').selectOption('Amazon Data Firehose');
  await expect(page.getByLabel('Event JSON')).toHaveValue(/deliveryStreamArn/);
  await page.getByRole('button', { name: 'Test', exact: true }).click();
  const result = page.getByRole('region', { name: 'Execution result' });
  await expect(result).toContainText('Executing function: succeeded');
  const records = result.getByRole('table', { name: 'Records returned, decoded' });
  await expect(records.getByRole('row')).toHaveCount(3);
  await expect(records.getByRole('row').nth(1)).toContainText('Ok');
  await expect(records).toContainText('Hello, this is a test 123.');
  await expect(records).toContainText('"currentTemperature": 72');
  await expect(result.getByLabel('Function Logs')).toContainText('Processing completed.  Successful records 2.');
  await expect(result.getByLabel('Function Logs')).toContainText('REPORT RequestId:');
  await shot(page, 'lambda-test');

  // A deep link opens the tab; the log group holds the run.
  await page.goto('./#/lambda/functions/firehose-transform?tab=monitor');
  await expect(page.getByRole('tab', { name: 'Monitor' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('list', { name: 'Latest log events' })).toContainText('START RequestId:');

  // The role Lambda assumes is in IAM, with its trust policy for lambda.amazonaws.com.
  await page.getByRole('tab', { name: 'Configuration' }).click();
  await page.getByRole('link', { name: /^firehose-transform-role-/ }).click();
  await expect(page.getByLabel('Trust policy')).toContainText('lambda.amazonaws.com');
});

test('the timeout is changed in General configuration', async ({ page }) => {
  await openFresh(page);
  await createFromBlueprint(page, 'configured');
  await page.getByRole('tab', { name: 'Configuration' }).click();
  const general = page.getByRole('region', { name: 'General configuration' });
  await expect(general).toContainText('0 min 3 sec');
  await general.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Timeout (seconds)').fill('901');
  await expect(page.getByText('Timeout (seconds) must be between 1 and 900.')).toBeVisible();
  await page.getByLabel('Timeout (seconds)').fill('10');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Successfully updated the function configured.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'General configuration' })).toContainText('0 min 10 sec');
});

test('a bad function name is refused in Lambda\'s words, and a function is deleted', async ({ page }) => {
  await openFresh(page, './#/lambda/create');
  await page.getByLabel('Function name').fill('my function');
  await page.getByRole('button', { name: 'Create function' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('ValidationException');
  await expect(alert).toContainText("Value 'my function' at 'functionName' failed to satisfy constraint");
  await page.getByLabel('Function name').fill('hello');
  await page.getByRole('button', { name: 'Create function' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'hello' })).toBeVisible();
  await expect(page.getByLabel('index.mjs')).toHaveValue(/Hello from Lambda!/);
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Functions (0)' })).toBeVisible();
});

async function seriousViolations(page, where) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where} ${v.impact} ${v.id}: ${v.help}`);
}

for (const scheme of ['light', 'dark']) {
  test(`the Lambda pages have no serious or critical axe violation, and fit a phone (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openFresh(page);
    await createFromBlueprint(page, 'checked');
    await page.setViewportSize({ width: 360, height: 800 });
    const found = [];
    for (const route of ['#/lambda/functions', '#/lambda/create', `#/lambda/create?blueprint=${BLUEPRINT}`,
      '#/lambda/functions/checked', '#/lambda/functions/checked?tab=configuration',
      '#/lambda/functions/checked?tab=monitor', '#/lambda/functions/checked?tab=test']) {
      await page.goto(`./${route}`);
      await expect(page.locator('main h1').first()).toBeVisible();
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      if (wide) found.push(`${route} scrolls sideways at 360 px`);
      found.push(...await seriousViolations(page, route));
    }
    // The result of a test, with its records table.
    await page.getByLabel('Template - optional').selectOption('Amazon Data Firehose');
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Execution result' })).toContainText('Executing function: succeeded');
    found.push(...await seriousViolations(page, 'the test result'));
    expect(found.join('\n')).toBe('');
  });
}

test('edited code stays while another tab is open, and Deploy makes it the function\'s', async ({ page }) => {
  await openFresh(page);
  await createFromBlueprint(page, 'edited');
  const code = page.getByLabel('index.mjs');
  await code.fill('export const handler = async (event) => event;\n');
  await expect(page.getByText('Changes not deployed')).toBeVisible();
  await page.getByRole('tab', { name: 'Test' }).click();
  await expect(page.getByRole('note')).toContainText('Test runs the deployed code');
  await page.getByRole('tab', { name: 'Code' }).click();
  await expect(code).toHaveValue('export const handler = async (event) => event;\n');
  await expect(page.getByText('Changes not deployed')).toBeVisible();
  await page.getByRole('button', { name: 'Deploy' }).click();
  await expect(page.getByText('Successfully updated the function edited.')).toBeVisible();
  await expect(page.getByText('Changes not deployed')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Function overview' })).not.toContainText(BLUEPRINT);
});

test('edited code is deployed and runs, and a run past its timeout fails', async ({ page }) => {
  await openFresh(page);
  await createFromBlueprint(page, 'dropping');
  const code = page.getByLabel('index.mjs');
  await code.fill("export const handler = async (event) => ({\n  records: event.records.map((r) => ({ recordId: r.recordId, result: 'Dropped', data: r.data })),\n});\n");
  await expect(page.getByText('Changes not deployed')).toBeVisible();
  await page.getByRole('button', { name: 'Deploy' }).click();
  await expect(page.getByText('Successfully updated the function dropping.')).toBeVisible();
  await expect(page.getByText('Changes not deployed')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Test' }).click();
  await page.getByLabel('Template - optional').selectOption('Amazon Data Firehose');
  await page.getByRole('button', { name: 'Test', exact: true }).click();
  const result = page.getByRole('region', { name: 'Execution result' });
  await expect(result).toContainText('Executing function: succeeded');
  await expect(result.getByRole('table', { name: 'Records returned, decoded' })).toContainText('Dropped');

  // The terminal's invoke waits for the run in the worker too, and prints its answer.
  await cli(page, `aws lambda invoke --function-name dropping --cli-binary-format raw-in-base64-out --payload '{"records":[{"recordId":"1","data":"eA=="}]}' out.json`);
  const output = page.getByRole('log', { name: 'AWS CLI output' });
  await expect(output).toContainText('\\"result\\":\\"Dropped\\"');
  await expect(output).toContainText('"StatusCode": 200');
  await page.getByRole('button', { name: 'Hide AWS CLI' }).click();

  await page.getByRole('tab', { name: 'Code' }).click();
  await code.fill('export const handler = async () => { for (;;) {} };\n');
  await page.getByRole('button', { name: 'Deploy' }).click();
  await page.getByRole('tab', { name: 'Test' }).click();
  await page.getByRole('button', { name: 'Test', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Running…' })).toBeDisabled();
  // The page stays responsive while the function runs, and the run ends in the Test tab.
  await page.getByRole('tab', { name: 'Monitor' }).click();
  await page.getByRole('tab', { name: 'Test' }).click();
  await expect(result).toContainText('Executing function: failed', { timeout: 15_000 });
  await expect(result.getByLabel('Function Logs')).toContainText('Task timed out after 3.00 seconds');
});

test('a test\'s result counts for the lab\'s goal', async ({ page }) => {
  await openFresh(page, './#/labs/transform-lambda/step/3');
  await page.getByRole('button', { name: 'Start at step 3', exact: true }).click();
  const ask = page.getByRole('dialog', { name: /^Start / });
  const panel = page.getByRole('complementary').filter({ has: page.getByRole('progressbar') });
  const heading = panel.getByRole('heading', { level: 3 });
  await expect(ask.or(heading)).toBeVisible();
  if (await ask.isVisible()) await ask.getByRole('button', { name: 'Start lab' }).click();
  await expect(heading).toContainText('Step 3 of');
  await panel.getByRole('link', { name: 'Open the page for this step' }).click();
  await expect(page.getByRole('tab', { name: 'Test' })).toHaveAttribute('aria-selected', 'true');
  await page.getByLabel('Template - optional').selectOption('Amazon Data Firehose');
  await page.getByRole('button', { name: 'Test', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Execution result' })).toContainText('Executing function: succeeded');
  await expect(panel.locator('.check.passed')).toContainText('You tested transformer and it succeeded');
});
