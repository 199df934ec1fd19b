// The guided labs as a newcomer does them: through the console alone (never "Show me"),
// reading the screen to decide each action, with the lab panel ticking the goals.
import { test, expect, openFresh, shot, navTo, clearStorage, jump } from './fixtures.mjs';
import { test as bare } from '@playwright/test';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const panel = (page) => page.getByRole('complementary', { name: /./ }).filter({ has: page.getByRole('progressbar') });

async function answer(page, optionText) {
  const p = panel(page);
  await p.getByRole('radio', { name: optionText, exact: true }).check();
  await p.getByRole('button', { name: 'Check answer' }).click();
  await expect(p.getByText(/^Right\./)).toBeVisible();
}

async function nextStep(page, title) {
  const p = panel(page);
  await expect(p.getByText('✓ Step done')).toBeVisible();
  await p.getByRole('button', { name: 'Next step' }).click();
  await expect(p.getByRole('heading', { level: 3 })).toContainText(title);
}

async function openStepPage(page) {
  await panel(page).getByRole('link', { name: 'Open the page for this step' }).click();
}

// Lab 1, as the notes: size it with the calculator, create `machinelearning` with 2 shards.
async function lab1(page) {
  await navTo(page, 'Labs');
  await page.getByRole('listitem').filter({ hasText: 'Create a data stream' })
    .getByRole('button', { name: 'Start lab' }).click();
  const p = panel(page);
  await expect(p.getByRole('heading', { level: 3 })).toContainText('Step 1 of 4: Estimate the shards you need');

  await openStepPage(page);
  await page.getByRole('radio', { name: /Provisioned/ }).check();
  await page.getByRole('main').getByText("Estimate the number of shards you'll need").click();
  await page.getByLabel('Average record size (KB)').fill('1');
  await page.getByLabel('Max records written per second').fill('1500');
  await page.getByLabel('Number of consumer applications').fill('1');
  const estimate = (await page.getByLabel('Estimated shards').textContent()).trim();
  await expect(p.getByRole('listitem').filter({ hasText: 'The shard calculator has 1 KB records' })).toContainText('Met');
  await answer(page, estimate);
  await nextStep(page, 'Create the stream');

  await page.getByLabel('Data stream name').fill('machinelearning');
  await page.getByLabel('Number of open shards').fill('2');
  await page.getByRole('button', { name: 'Create data stream' }).click();
  await expect(p.getByRole('listitem').filter({ hasText: 'It has 2 open shards' })).toContainText('Not yet');
  for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Step 1 s' }).click();
  await expect(p.getByRole('listitem').filter({ hasText: 'exists and is Active' })).toContainText('Met');
  // The stream's page says what its shards give.
  await expect(page.getByRole('group', { name: 'Stream capacity' })).toContainText('Maximum 2 MiB/second and 2,000 records/second');
  await nextStep(page, 'Read the Total stream capacity');

  // Back on Create data stream through the step's link: the form is as the learner left it, and
  // the panel's options are read against what the console shows.
  await openStepPage(page);
  await expect(page.getByRole('radio', { name: /Provisioned/ })).toBeChecked();
  await expect(page.getByLabel('Data stream name')).toHaveValue('machinelearning');
  await expect(page.getByLabel('Number of open shards')).toHaveValue('2');
  const write = (await page.getByLabel('Write MB per second').textContent()).trim();
  const records = (await page.getByLabel('Write records per second').textContent()).trim();
  const read = (await page.getByLabel('Read MB per second').textContent()).trim();
  await expect(p.getByRole('listitem').filter({ hasText: 'You looked at the capacity of 2 provisioned shards' })).toContainText('Met');
  const n = Number(records).toLocaleString('en-US');
  await answer(page, `${write} MB/s and ${n} records/s in; ${read} MB/s out`);
  await nextStep(page, 'See how records find their shard');

  await openStepPage(page);
  // The second shard's range starts at 2^127: a hash of 0xC3… is in it.
  await expect(page.getByRole('cell', { name: '170141183460469231731687303715884105728' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: '170141183460469231731687303715884105728' });
  const shard = (await row.getByRole('cell').first().textContent()).trim();
  await answer(page, shard);
  await expect(p.getByRole('heading', { name: 'Lab complete' })).toBeVisible();
}

test('lab 1: a newcomer creates the notes\' stream with the panel checking each step', async ({ page }) => {
  await openFresh(page);
  await lab1(page);
  await shot(page, 'lab1-complete');
  // Progress survives a reload, and the list says the lab is done.
  await page.reload();
  await navTo(page, 'Labs');
  await expect(page.getByRole('listitem').filter({ hasText: 'Create a data stream' })).toContainText('Done');
});

async function ticks(page, n) {
  for (let i = 0; i < n; i++) await page.getByRole('button', { name: 'Step 1 s' }).click();
}

const simClock = async (page) => Date.parse(await page.getByLabel('Simulated time').getAttribute('datetime'));
// Each lab's simulated and wall time, from its start to "Lab complete".
const timings = [];
async function timed(page, name, run) {
  const wall = Date.now();
  const sim = await run();
  await expect(panel(page).getByRole('heading', { name: 'Lab complete' })).toBeVisible();
  timings.push(`${name}: ${((await simClock(page)) - sim) / 1000} simulated s, ${(Date.now() - wall) / 1000} s wall`);
}

async function startNextLab(page, title) {
  await panel(page).getByRole('button', { name: `Next lab: ${title}` }).click();
  // The learner's sandbox has the last lab's resources: the dialog says what changes.
  await page.getByRole('dialog', { name: `Start "${title}"?` }).getByRole('button', { name: 'Start lab' }).click();
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(title);
  await expect(panel(page).getByRole('heading', { level: 3 })).toContainText('Step 1 of');
  return simClock(page);
}

// Lab 2: the KDG with the sensor template, 100 records/s, "500 records sent to Kinesis."
async function lab2(page) {
  const started = await startNextLab(page, 'Send data with the Kinesis Data Generator');
  const p = panel(page);
  await openStepPage(page);
  await expect(page.getByLabel('Stream/delivery stream')).toHaveValue('stream:machinelearning');
  await expect(page.getByLabel('Record template', { exact: true })).toHaveValue(/sensorId/);
  await page.getByRole('button', { name: 'Test template' }).click();
  await nextStep(page, 'Send 100 records per second');

  await page.getByLabel('Records per second').fill('100');
  await page.getByRole('button', { name: 'Send data' }).click();
  await expect(p.getByRole('listitem').filter({ hasText: '100 records per second' })).toContainText('Met');
  await nextStep(page, 'Wait for 500 records');

  const sending = page.getByRole('region', { name: 'Sending Data to Kinesis' });
  while (!/^(\d{3,}) records sent/.test(await sending.getByRole('status').textContent()) ||
         Number((await sending.getByRole('status').textContent()).split(' ')[0]) < 500) {
    await ticks(page, 1);
  }
  await expect(sending.getByRole('status')).toHaveText('500 records sent to Kinesis.');
  await nextStep(page, 'Find the records in each shard');

  await openStepPage(page);
  let seen = 0;
  for (const shard of ['shardId-000000000000', 'shardId-000000000001']) {
    await page.getByRole('main').getByLabel('Shard', { exact: true }).selectOption(shard);
    await page.getByRole('button', { name: 'Get records' }).click();
    await expect(page.getByRole('cell', { name: /sensorId/ }).first()).toBeVisible();
    seen += await page.getByRole('cell', { name: /sensorId/ }).count();
  }
  expect(seen).toBeGreaterThan(0);
  await answer(page, "Each record's partition key is hashed with MD5, and the hash falls in one shard's hash-key range");
  await expect(p.getByRole('heading', { name: 'Lab complete' })).toBeVisible();
  return started;
}

// Lab 3: "Connect Kinesis consumers" and the five-step wizard as in the notes.
async function lab3(page) {
  const started = await startNextLab(page, 'Attach Amazon Data Firehose');
  const p = panel(page);
  await openStepPage(page);
  await page.getByRole('link', { name: 'Connect Kinesis consumers' }).click();
  await expect(page.getByLabel('Kinesis data stream', { exact: true })).toHaveValue('machinelearning');
  await page.getByLabel('Delivery stream name').fill('machinelearningfirehose');
  await page.getByRole('main').getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByRole('radiogroup', { name: 'Data transformation' }).getByRole('radio', { name: 'Disabled' })).toBeChecked();
  await answer(page, 'Nothing: transformation and format conversion are disabled, records are delivered as they are');
  await nextStep(page, 'Destination, settings, and create');

  await page.getByRole('main').getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Step 3: Choose a destination' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Amazon S3/ })).toBeChecked();
  await page.getByRole('radiogroup', { name: 'S3 bucket' }).getByRole('radio', { name: 'Create new' }).check();
  await page.getByLabel('New bucket name').fill('machinelearning-firehose-output');
  await page.getByRole('main').getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Step 4: Configure settings' })).toBeVisible();
  await page.getByLabel('Buffer size (MiB)').fill('5');
  await page.getByLabel('Buffer interval (seconds)').fill('300');
  await page.getByLabel('S3 compression', { exact: true }).selectOption('UNCOMPRESSED');
  await page.getByRole('radiogroup', { name: 'Error logging' }).getByRole('radio', { name: 'Enabled' }).check();
  await page.getByRole('radiogroup', { name: 'IAM role' }).getByRole('radio', { name: 'Create new' }).check();
  await page.getByRole('main').getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('button', { name: 'Create delivery stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'machinelearningfirehose' })).toBeVisible();
  await expect(p.getByRole('listitem').filter({ hasText: 'The role may read the stream' })).toContainText('Met');
  await nextStep(page, 'Watch it become Active and read');

  await ticks(page, 8);
  await nextStep(page, 'Look at the role');
  await openStepPage(page);
  await page.getByRole('link', { name: /^KinesisFirehoseServiceRole-/ }).click();
  const trust = await page.getByLabel('Trust policy').textContent();
  const principal = JSON.parse(trust).Statement[0].Principal.Service;
  await answer(page, principal);
  await expect(p.getByRole('heading', { name: 'Lab complete' })).toBeVisible();
  return started;
}

// Lab 4: the notes' role with two Kinesis warnings; delivery fails, the learner fixes it.
async function lab4(page) {
  const started = await startNextLab(page, 'Inspect the S3 output and fix the IAM policy');
  const p = panel(page);
  await jump(page);
  await page.getByRole('link', { name: 'CloudWatch', exact: true }).click();
  await page.getByRole('button', { name: 'DestinationDelivery' }).click();
  const logs = await page.getByRole('region', { name: 'Log events' }).textContent();
  expect(logs).toContain('Kinesis.AccessDenied');
  await answer(page, 'The role does not allow Firehose to read the stream (kinesis:DescribeStream is denied)');
  await nextStep(page, "Read the policy's warnings");

  await openStepPage(page);
  const kinesis = page.getByRole('listitem').filter({ has: page.getByText(/^Kinesis \(\d+ actions?\)/) });
  const badge = (await kinesis.locator('.badge.warn').textContent()).match(/(\d+) warning/)[1];
  await expect(kinesis).toContainText('Specify stream resource ARN for the GetRecords and 2 more actions.');
  await answer(page, badge);
  await nextStep(page, 'Fix the Kinesis statement');

  const editor = page.getByLabel(/^Policy document for KinesisFirehoseServicePolicy/);
  const policy = JSON.parse(await editor.inputValue());
  const statement = policy.Statement.find((s) => [].concat(s.Action).includes('kinesis:GetRecords'));
  statement.Resource = 'arn:aws:kinesis:us-east-1:123456789012:stream/*';
  await editor.fill(JSON.stringify(policy, null, 4));
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Policy saved.')).toBeVisible();
  await expect(kinesis.locator('.badge.warn')).toHaveCount(0);
  await nextStep(page, 'See delivery carry on');

  await jump(page);
  await ticks(page, 25);
  await expect(p.getByRole('listitem').filter({ hasText: 'An object was delivered' })).toContainText('Met');
  await nextStep(page, 'Open the object');

  await openStepPage(page);
  for (let depth = 0; depth < 6; depth++) {
    const folders = page.getByRole('row').filter({ hasText: 'Folder' });
    if ((await folders.count()) === 0) break;
    await folders.last().getByRole('link').click();
  }
  await page.getByRole('row').filter({ hasText: 'Object' }).last().getByRole('button').click();
  const body = await page.getByLabel('Object content').textContent();
  expect(body).toContain('}\n{');
  await answer(page, 'The Kinesis Data Generator ends each record with a newline; Firehose adds nothing between records');
  await expect(p.getByRole('heading', { name: 'Lab complete' })).toBeVisible();
  return started;
}

test('labs 1–4 through the console alone, as the notes do them', async ({ page }) => {
  test.setTimeout(240_000);
  const wallStart = Date.now();
  await openFresh(page);
  await timed(page, 'lab 1', async () => { const t = await simClock(page); await lab1(page); return t; });
  await shot(page, 'lab1-done');
  await timed(page, 'lab 2', () => lab2(page));
  await shot(page, 'lab2-done');
  await timed(page, 'lab 3', () => lab3(page));
  await shot(page, 'lab3-done');
  await timed(page, 'lab 4', () => lab4(page));
  await shot(page, 'lab4-done');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'lab4-done-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  console.log(`labs 1–4 by a scripted learner, ${(Date.now() - wallStart) / 1000} s wall in all:\n  ${timings.join('\n  ')}`);
  await navTo(page, 'Labs');
  for (const title of ['Create a data stream', 'Send data with the Kinesis Data Generator', 'Attach Amazon Data Firehose', 'Inspect the S3 output and fix the IAM policy']) {
    await expect(page.getByRole('listitem').filter({ hasText: title })).toContainText('Done');
  }
});

test('a deep link starts a lab at its step, and Undo takes back the last change', async ({ page }) => {
  await openFresh(page, './#/labs/firehose/step/2');
  await expect(page.getByRole('heading', { level: 1, name: 'Attach Amazon Data Firehose' })).toBeVisible();
  await page.getByRole('button', { name: 'Start at step 2' }).click();
  const p = panel(page);
  await expect(p.getByRole('heading', { level: 3 })).toContainText('Step 2 of 4: Destination, settings, and create');
  await expect(p.getByRole('progressbar')).toHaveAttribute('value', '1');

  // Show me asks first, then does the step through the same API calls.
  await p.getByRole('button', { name: 'Show me' }).click();
  await expect(p.getByRole('group', { name: 'Show me does this step for you:' })).toContainText('Call S3.CreateBucket');
  await p.getByRole('button', { name: 'Run these' }).click();
  await expect(p.getByText('✓ Step done')).toBeVisible();
  await shot(page, 'lab-show-me');

  // Undo takes the delivery stream away again; the step stays done.
  await page.getByRole('button', { name: 'AWS CLI' }).click();
  await page.getByLabel('AWS CLI command').fill('aws kinesis create-stream --stream-name extra --shard-count 1');
  await page.getByLabel('AWS CLI command').press('Enter');
  await page.getByRole('button', { name: 'Hide AWS CLI' }).click();
  await p.getByRole('button', { name: /^Undo: aws kinesis create-stream --stream-name…$/ }).click();
  await expect(page.getByRole('alert')).toContainText('Undone: aws kinesis create-stream --stream-name extra --shard-count 1');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await p.getByRole('button', { name: /^Undo: Show me/ }).click();
  await expect(page.getByRole('alert')).toContainText('Undone: Show me: Destination, settings, and create');
  await page.goto('./#/firehose');
  await expect(page.getByRole('cell', { name: 'machinelearningfirehose' })).toHaveCount(0);

  // Leaving and coming back resumes at the same step, with the sandbox as it was (Undo's
  // copies live only in the page, so they start afresh).
  await page.waitForTimeout(1200); // the autosave runs at most once a second
  await page.goto('./#/');
  await page.reload();
  await expect(p.getByRole('heading', { level: 3 })).toContainText('Step 2 of 4: Destination, settings, and create');
  await expect(p.getByText('✓ Step done')).toBeVisible();
  await expect(p.getByRole('button', { name: 'Undo' })).toBeDisabled();
  await page.getByRole('button', { name: 'Pause' }).click();

  // Reset lab asks, then goes back to step 1 with the starting state.
  await p.getByRole('button', { name: 'Reset lab' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reset lab' }).click();
  await expect(p.getByRole('heading', { level: 3 })).toContainText('Step 1 of 4');
  await expect(p.getByRole('progressbar')).toHaveAttribute('value', '0');
});

test('a course page embedding a lab step gets lab-started, step-completed and resize', async ({ page }) => {
  // The lab's page offers the embed code a course author pastes.
  await openFresh(page, './#/labs/create-stream/step/2');
  const code = await page.getByLabel('Embed code').inputValue();
  expect(code).toContain('#/labs/create-stream/step/2?embed=1');
  expect(code).toContain('data-kinesis-sandbox');
  expect(code).toContain('embed.js');

  await page.goto('./e2e-host/course.html');
  await clearStorage(page);
  await page.goto(`./e2e-host/course.html?route=${encodeURIComponent('#/labs/create-stream/step/2?embed=1')}`);
  const frame = page.frameLocator('#lab');
  await frame.getByRole('button', { name: 'Pause' }).click();
  await expect(frame.getByRole('navigation', { name: 'Services' })).toHaveCount(0);
  // The link opens step 2 itself: the lab starts there.
  const received = (type) => page.evaluate((t) => window.received.filter((m) => m.type === t), `kinesis-sandbox:${type}`);
  await expect.poll(() => received('lab-started')).toEqual([{ type: 'kinesis-sandbox:lab-started', lab: 'create-stream' }]);

  // The learner does step 2 in the frame; the course page hears of it.
  const p = frame.getByRole('complementary').filter({ has: frame.getByRole('progressbar') });
  await p.getByRole('button', { name: 'Show me' }).click();
  await p.getByRole('button', { name: 'Run these' }).click();
  await expect.poll(() => received('step-completed')).toEqual([
    { type: 'kinesis-sandbox:step-completed', lab: 'create-stream', step: 2, steps: 4 },
  ]);
  await expect.poll(async () => (await received('resize')).length).toBeGreaterThan(0);
  await shot(page, 'embed-lab-course-page');

  // The last two steps: what the console shows (counted by Show me here) and the question.
  for (const right of ['2 MB/s and 2,000 records/s in; 4 MB/s out', 'shardId-000000000001']) {
    await p.getByRole('button', { name: 'Next step' }).click();
    await p.getByRole('radio', { name: right }).check();
    await p.getByRole('button', { name: 'Check answer' }).click();
    await expect(p.getByText('✓ Step done')).toHaveCount(0);
    await p.getByRole('button', { name: 'Show me', exact: true }).click();
    await expect(p.getByRole('group', { name: 'Show me does this step for you:' })).toContainText('Count as seen:');
    await p.getByRole('button', { name: 'Run these' }).click();
    await expect(p.getByText('✓ Step done')).toBeVisible();
  }
  await expect.poll(() => received('lab-completed')).toEqual([{ type: 'kinesis-sandbox:lab-completed', lab: 'create-stream' }]);
  expect((await received('step-completed')).map((m) => m.step)).toEqual([2, 3, 4]);
});

bare('the single-file build, opened from file:// offline, runs lab 1', async ({ page }) => {
  const single = pathToFileURL(path.resolve('dist/kinesis-sandbox.html')).href;
  const requests = [];
  page.on('request', (req) => requests.push(req.url()));
  await page.context().setOffline(true);
  await page.goto(single);
  await clearStorage(page);
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Services' })).toBeVisible();
  await page.getByRole('button', { name: 'Pause' }).click();
  await lab1(page);
  await shot(page, 'single-file-lab1');
  expect(requests.filter((u) => u.split('#')[0] !== single && u !== 'data:,')).toEqual([]);
});
