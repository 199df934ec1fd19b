// Accessibility: axe-core on every route of the app (src/ui/mod.rs `Route`), in the light and
// the dark colour scheme (the stylesheet follows prefers-color-scheme), with a lab under way
// so the lab panel is on every page. No serious or critical violation is allowed.
import { test, expect, openFresh, jump } from './fixtures.mjs';
import AxeBuilder from '@axe-core/playwright';

// Every route, with resources the detail routes need: lab 4's starting point (the stream, the
// delivery stream, the bucket and the role) and a Glue database.
const ROUTES = [
  '#/',
  '#/streams',
  '#/streams/create',
  '#/streams/machinelearning',
  '#/streams/machinelearning/configuration',
  '#/streams/machinelearning/data-viewer',
  '#/streams/machinelearning/monitoring',
  '#/streams/machinelearning/enhanced-fan-out',
  '#/streams/machinelearning/tags',
  '#/generator',
  '#/firehose',
  '#/firehose/create', '#/http-endpoints', '#/redshift', '#/splunk', '#/opensearch',
  '#/firehose/create/machinelearning',
  '#/firehose/machinelearningfirehose',
  '#/s3',
  '#/s3/machinelearning-firehose-output',
  '#/iam',
  '#/iam/firehose_delivery_role',
  '#/cloudwatch',
  '#/glue',
  '#/glue/sales',
  '#/kinesisvideo',
  '#/kinesisvideo/create',
  '#/quicksight',
  '#/pipeline',
  '#/events',
  '#/quiz',
  '#/quiz/practice',
  '#/quiz/exam',
  '#/quiz/review',
  '#/quiz/tips',
  '#/quiz/question/analytics-001',
  '#/quiz/soon/analytics',
  '#/labs',
  '#/labs/s3-and-iam',
  '#/labs/s3-and-iam/step/2',
  '#/404',
  // Embed mode: the page without the site's chrome, the lab panel with the console's navigation.
  '#/streams?embed=1',
  '#/labs/s3-and-iam/step/1?embed=1',
];

async function setUp(page) {
  await openFresh(page, './#/labs/s3-and-iam');
  await page.getByRole('main').getByRole('button', { name: 'Start lab' }).click();
  await expect(page.getByRole('complementary', { name: 'Inspect the S3 output and fix the IAM policy' })).toBeVisible();
  await page.getByRole('button', { name: 'AWS CLI' }).click();
  const cli = page.getByLabel('AWS CLI command');
  await cli.fill('aws glue create-database --database-input \'{"Name": "sales"}\'');
  await cli.press('Enter');
  await cli.fill('aws glue get-database --name sales');
  await cli.press('Enter');
  await expect(page.getByRole('log', { name: 'AWS CLI output' })).toContainText('"Name": "sales"');
  await page.getByRole('button', { name: 'Hide AWS CLI' }).click();
  // Let the delivery stream come up and a little time pass, so charts and logs have content.
  await jump(page);
}

function describe(violations) {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')} — ${n.failureSummary.replace(/\n/g, ' ')}`).join('\n')}`).join('\n');
}

for (const scheme of ['light', 'dark']) {
  test(`every route has no serious or critical axe violation (${scheme})`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme });
    await setUp(page);
    const found = [];
    for (const route of ROUTES) {
      await page.goto(`./${route}`);
      await expect(page.locator('main h1').first()).toBeVisible();
      if (route.endsWith('embed=1')) await expect(page.getByRole('link', { name: 'Open the full sandbox' })).toBeVisible();
      if (route.startsWith('#/labs/') && route.endsWith('embed=1')) await page.getByText('Console navigation').click();
      const result = await new AxeBuilder({ page }).analyze();
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      if (bad.length) found.push(`${route}\n${describe(bad)}`);
    }
    expect(found.join('\n\n'), 'serious or critical axe violations').toBe('');
  });
}
