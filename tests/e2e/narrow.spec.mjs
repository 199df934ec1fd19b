// Phones and narrow screens: no page scrolls sideways at 360 or 390 px, and the lab panel is a
// sheet that keeps the step and Next in reach. Screenshots at 390×844 and 1440×900.
import { test, expect, shot, plantSaveOnce } from './fixtures.mjs';
import fs from 'node:fs';

const V1 = fs.readFileSync('tests/fixtures/saves/v1-pipeline.json', 'utf8');

const ROUTES = [
  '#/', '#/streams', '#/streams/create', '#/streams/machinelearning', '#/streams/machinelearning/monitoring',
  '#/generator', '#/firehose', '#/firehose/create', '#/http-endpoints', '#/redshift', '#/splunk', '#/opensearch', '#/firehose/create/machinelearning',
  '#/firehose/machinelearningfirehose', '#/s3', '#/s3/machinelearning-firehose-output',
  '#/iam', '#/iam/role-machinelearningfirehose', '#/cloudwatch', '#/glue', '#/kinesisvideo', '#/kinesisvideo/create', '#/quicksight', '#/pipeline', '#/events',
  '#/labs', '#/labs/firehose', '#/quiz', '#/quiz/practice', '#/quiz/review', '#/quiz/tips',
];

// A tab with the notes' pipeline (the previous release's save), paused.
async function openPipeline(page) {
  await plantSaveOnce(page, V1);
  await page.goto('./#/');
  await page.getByRole('button', { name: 'Pause' }).click();
}

// "Start lab" on a lab's page, then "Start lab" in the dialog that says what it replaces.
async function startLab(page) {
  await page.getByRole('main').getByRole('button', { name: 'Start lab' }).first().click();
  const dialog = page.getByRole('dialog');
  if (await dialog.count()) await dialog.getByRole('button', { name: 'Start lab' }).click();
}

async function sideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

for (const width of [360, 390]) {
  test(`no page scrolls sideways at ${width} px`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 800 });
    await openPipeline(page);
    const wide = [];
    for (const route of ROUTES) {
      await page.goto(`./${route}`);
      await expect(page.locator('main h1').first()).toBeVisible();
      const over = await sideways(page);
      if (over > 0) wide.push(`${route}: ${over} px too wide`);
    }
    expect(wide).toEqual([]);
  });
}

test('on a phone the lab panel is a sheet under the page, and folds to its title', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openPipeline(page);
  await page.goto('./#/labs/create-stream');
  await startLab(page);
  const panel = page.locator('aside.lab-panel');
  await expect(panel.getByRole('button', { name: 'Next step' })).toBeInViewport();
  // The console page starts at the top of the screen, not below the lab.
  const main = await page.locator('main').boundingBox();
  expect(main.y).toBeLessThan(300);
  expect(await sideways(page)).toBe(0);
  await shot(page, 'phone-lab-step');
  await panel.getByRole('button', { name: 'Hide step' }).click();
  await expect(panel.getByRole('button', { name: 'Next step' })).toBeHidden();
  await panel.getByRole('button', { name: 'Show step' }).click();
  await expect(panel.getByRole('button', { name: 'Next step' })).toBeInViewport();
});

for (const [w, h, name] of [[390, 844, 'phone'], [1440, 900, 'desktop']]) {
  test(`screenshots at ${w}×${h}`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await openPipeline(page);
    for (const [route, shotName] of [
      ['#/', 'home'], ['#/generator', 'generator'], ['#/firehose/create/machinelearning', 'firehose-wizard'],
      ['#/s3/machinelearning-firehose-output', 's3-browser'],
    ]) {
      await page.goto(`./${route}`);
      await expect(page.locator('main h1').first()).toBeVisible();
      await page.screenshot({ path: `target/screenshots/${name}-${shotName}.png` });
    }
    await page.goto('./#/labs/firehose');
    await startLab(page);
    await expect(page.getByRole('complementary').getByRole('progressbar')).toBeVisible();
    await page.screenshot({ path: `target/screenshots/${name}-lab-step.png` });
  });
}
