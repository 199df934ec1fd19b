// What loads when (ARCHITECTURE.md): the first page renders from the first-load module alone,
// the sandbox's modules follow, exam prep and the labs are fetched on first use, a failed fetch
// says so and can be retried, and after the first visit everything works offline.
import { test, expect, shot, openFresh, cliSetUp, clockMillis } from './fixtures.mjs';

// The service worker fetches every module for its offline cache, out of page.route's reach and
// muddling which module the page asked for: only the offline test lets it run.
test.use({ serviceWorkers: 'block' });

// The split modules (dist/app-<hash>/*.wasm other than the first-load one) the page fetched.
function watchModules(page) {
  const fetched = [];
  page.on('requestfinished', (req) => {
    const name = new URL(req.url()).pathname.split('/').pop();
    if (name.endsWith('.wasm') && name !== 'kinesis-sandbox_bg.wasm') fetched.push(name);
  });
  return fetched;
}

test('the home page renders from the first-load module alone, before the rest arrives', async ({ page }) => {
  // Hold back every split module: the first page must still render, with its progress indicator.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\/app-[0-9a-f]+\/(split|chunk)_[\w]+\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Kinesis Sandbox', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Start here' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Loading the sandbox' })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Loading the sandbox' })).toBeVisible();
  await expect(page.getByText('Your pipeline appears here once the sandbox has loaded.')).toBeVisible();
  await shot(page, 'loading-boot-1440');
  release();
  // Then the sandbox itself: the navigation, the clock, the live pipeline.
  await expect(page.getByRole('navigation', { name: 'Services' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(page.locator('#boot')).toHaveCount(0);
});

test('exam prep and the labs are fetched the first time they are opened, not before', async ({ page }) => {
  const fetched = watchModules(page);
  await openFresh(page);
  const before = [...fetched];
  expect(before).toContain('split_sandbox.wasm');
  expect(before).not.toContain('split_quiz.wasm');
  expect(before).not.toContain('split_labs.wasm');

  await page.getByRole('navigation', { name: 'Services' }).getByRole('link', { name: 'Exam prep' }).click();
  await expect(page.getByRole('heading', { name: 'Exam prep', level: 1 })).toBeVisible();
  // (The browser reports a finished request a moment after the module is in use.)
  await expect.poll(() => fetched).toContain('split_quiz.wasm');
  expect(fetched).not.toContain('split_labs.wasm');

  await page.getByRole('navigation', { name: 'Services' }).getByRole('link', { name: 'Labs' }).click();
  await expect(page.getByRole('heading', { name: 'Labs', level: 1 })).toBeVisible();
  await expect.poll(() => fetched).toContain('split_labs.wasm');
  // Once fetched, a module is not fetched again.
  await page.getByRole('navigation', { name: 'Services' }).getByRole('link', { name: 'Exam prep' }).click();
  await expect(page.getByRole('heading', { name: 'Exam prep', level: 1 })).toBeVisible();
  expect(fetched.filter((n) => n === 'split_quiz.wasm')).toHaveLength(1);
});

test("the data generator's fake data is fetched when the generator is first opened", async ({ page }) => {
  const fetched = watchModules(page);
  await openFresh(page);
  expect(fetched).not.toContain('split_fake_data.wasm');
  await page.getByRole('navigation', { name: 'Services' }).getByRole('link', { name: 'Kinesis Data Generator' }).click();
  await expect(page.getByRole('button', { name: 'Test template' })).toBeVisible();
  await expect.poll(() => fetched).toContain('split_fake_data.wasm');
  // The templates draw from it at once: a first name is never empty.
  await page.getByLabel('Record template', { exact: true }).fill('{"who": "{{name.firstName}}"}');
  await page.getByRole('button', { name: 'Test template' }).click();
  const samples = page.getByRole('region', { name: 'Sample Records' }).locator('pre');
  await expect(samples).toHaveCount(5);
  for (const text of await samples.allInnerTexts()) expect(JSON.parse(text).who).toMatch(/^[A-Z][a-z]+/);
});

test('a lab started at a late step on a fresh page replays its starting point: the extensions come first', async ({ page }) => {
  // Lab 5's earlier steps send with the generator and let time pass: without the fake data
  // the clock would hold, and its resharding would still be UPDATING when the next step runs.
  const fetched = watchModules(page);
  await openFresh(page, './#/labs/exam-tips/step/4');
  await page.getByRole('button', { name: 'Start at step 4', exact: true }).click();
  const ask = page.getByRole('dialog', { name: /^Start / });
  const heading = page.getByRole('complementary').filter({ has: page.getByRole('progressbar') }).getByRole('heading', { level: 3 });
  await expect(ask.or(heading)).toBeVisible();
  if (await ask.isVisible()) await ask.getByRole('button', { name: 'Start lab' }).click();
  await expect(heading).toContainText('Step 4 of');
  await expect(page.getByRole('alert').filter({ hasText: 'could not set up its starting state' })).toHaveCount(0);
  expect(fetched).toContain('split_fake_data.wasm');
});

test('a module that cannot be fetched says so, and Try again fetches it', async ({ page }) => {
  await openFresh(page);
  let failing = true;
  await page.route(/\/split_quiz\.wasm$/, (route) => (failing ? route.abort() : route.continue()));
  await page.getByRole('navigation', { name: 'Services' }).getByRole('link', { name: 'Exam prep' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Exam prep could not load' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Check the connection and try again.');
  await shot(page, 'loading-failed');
  // The rest of the sandbox still works.
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  failing = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { name: 'Exam prep', level: 1 })).toBeVisible();
});

test('a deep link to a lab step waits for its modules, then shows the step', async ({ page }) => {
  await openFresh(page);
  await page.goto('./#/labs/create-stream');
  await expect(page.getByRole('heading', { name: 'Create a data stream', level: 1 })).toBeVisible();
});

test.describe('with the service worker', () => {
  test.use({ serviceWorkers: 'allow' });

  test('after the first visit the sandbox works offline, exam prep included', async ({ page, context }) => {
    await openFresh(page);
    // The service worker has cached the build once it is active.
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await expect.poll(() => page.evaluate(async () => (await caches.keys()).length)).toBe(1);
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('navigation', { name: 'Services' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Services' }).getByRole('link', { name: 'Exam prep' }).click();
    await expect(page.getByRole('heading', { name: 'Exam prep', level: 1 })).toBeVisible();
    await page.getByRole('navigation', { name: 'Services' }).getByRole('link', { name: 'Kinesis Data Streams' }).click();
    await page.getByRole('link', { name: 'Create data stream' }).first().click();
    await expect(page.getByRole('heading', { name: 'Create data stream' })).toBeVisible();
    await context.setOffline(false);
  });
});

test('a jump asked for while an extension is on its way passes when it arrives, with the clock paused', async ({ page }) => {
  // Hold back the ZIP and Snappy codecs, which a Snappy delivery stream needs before time passes.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\/app-[0-9a-f]+\/split_codecs\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await openFresh(page);
  await cliSetUp(page, `aws firehose create-delivery-stream --delivery-stream-name snappy --s3-destination-configuration '{"RoleARN": "arn:aws:iam::123456789012:role/r", "BucketARN": "arn:aws:s3:::b", "CompressionFormat": "Snappy"}'`);
  const start = await clockMillis(page);
  await page.getByRole('button', { name: 'Jump +5 min' }).click();
  await page.waitForTimeout(1500);
  expect(await clockMillis(page)).toBe(start);
  // The codecs arrive; nothing else is clicked, and the clock (still paused) passes the jump.
  release();
  await expect.poll(() => clockMillis(page), { timeout: 15_000 }).toBe(start + 300_000);
  await expect(page.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
});

test('a Redshift statement run before the SQL engine arrives waits, then runs when it does, with the clock paused', async ({ page }) => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\/app-[0-9a-f]+\/split_sql\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await openFresh(page);
  await page.goto('./#/redshift');
  await page.getByLabel('Admin user password').fill('Awsuser1234');
  await page.getByRole('button', { name: 'Create cluster' }).click();
  await page.getByRole('button', { name: 'Jump +5 min' }).click();
  await expect(page.getByRole('table', { name: /Clusters/ })).toContainText('Available');
  await expect(page.getByRole('status').filter({ hasText: "Amazon Redshift's SQL engine" })).toBeVisible();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Submitted: it runs once the SQL engine has loaded.' })).toBeVisible();
  const start = await clockMillis(page);
  release();
  await expect(page.getByRole('status').filter({ hasText: 'completed' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/sensor_readings — 0 rows/)).toBeVisible();
  expect(await clockMillis(page)).toBe(start);
});
