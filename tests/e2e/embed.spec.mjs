// Embedding in a course page: a host page with the sandbox in an iframe and embed.js gets the
// sandbox's messages (resize, quiz-scored) and the frame follows the content's height; embed=1
// hides the site chrome; and the single-file build runs from file:// with no request at all.
import { test, expect, shot, openFresh, clearStorage, jump } from './fixtures.mjs';
import { test as bare } from '@playwright/test';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const PREFIX = 'kinesis-sandbox:';

// Opens the course page with the sandbox at `route` (a hash route with embed=1) in its iframe,
// on a fresh sandbox (the frame shares the host's origin, so its storage too).
async function openCourse(page, route) {
  await page.goto('./e2e-host/course.html');
  await clearStorage(page);
  await page.goto(`./e2e-host/course.html?route=${encodeURIComponent(route)}`);
  const frame = page.frameLocator('#lab');
  await expect(frame.getByRole('group', { name: 'Simulated clock' })).toBeVisible();
  await frame.getByRole('button', { name: 'Pause' }).click();
  return frame;
}

async function received(page, type) {
  return page.evaluate((t) => window.received.filter((m) => m.type === t), PREFIX + type);
}

// The iframe's rendered height, and the frame's content height as the frame itself measures it.
async function heights(page) {
  const box = await page.locator('#lab').boundingBox();
  const inner = await page.locator('#lab').evaluate(
    (f) => Math.ceil(f.contentDocument.documentElement.getBoundingClientRect().height));
  return { frame: Math.round(box.height), content: inner };
}

test('a course page embedding the sandbox gets resize messages and the iframe follows the content', async ({ page }) => {
  const frame = await openCourse(page, '#/streams?embed=1');
  await expect(frame.getByRole('heading', { level: 1, name: 'Data streams' })).toBeVisible();

  // At least one resize, and the frame is exactly as tall as its content: nothing scrolls inside.
  await expect.poll(async () => (await received(page, 'resize')).length).toBeGreaterThan(0);
  await expect.poll(async () => { const h = await heights(page); return h.frame === h.content; }).toBe(true);
  const before = await heights(page);
  const last = (await received(page, 'resize')).at(-1);
  expect(last.height).toBe(before.content);
  expect(await page.locator('#lab').evaluate((f) => f.style.height)).toBe(`${last.height}px`);
  await shot(page, 'embed-course-page');

  // Opening the AWS CLI panel makes the content taller; the frame grows with it.
  await frame.getByRole('button', { name: 'AWS CLI' }).click();
  await expect(frame.getByLabel('AWS CLI command')).toBeVisible();
  await expect.poll(async () => (await heights(page)).frame).toBeGreaterThan(before.frame + 200);
  await expect.poll(async () => { const h = await heights(page); return h.frame === h.content; }).toBe(true);

  // A deep link inside the frame: the create page, still in embed mode; then back to a shorter page.
  await frame.getByRole('button', { name: 'Hide AWS CLI' }).click();
  await expect.poll(async () => (await heights(page)).frame).toBe(before.frame);
  await frame.getByRole('link', { name: 'Create data stream' }).first().click();
  await expect(frame.getByLabel('Data stream name')).toBeVisible();
  await expect(frame.getByRole('navigation', { name: 'Services' })).toHaveCount(0);
  await expect.poll(async () => { const h = await heights(page); return h.frame === h.content; }).toBe(true);
  expect((await heights(page)).frame).not.toBe(before.frame);
  await shot(page, 'embed-course-page-create');

  // Every message embed.js passed on came from the sandbox and has a known type.
  const types = await page.evaluate(() => window.received.map((m) => m.type));
  for (const t of types) expect(t.startsWith(PREFIX)).toBe(true);
});

test('embed=1 hides the site chrome, keeps the clock and terminal, and links to the full sandbox', async ({ page, baseURL }) => {
  await openFresh(page);
  await page.goto('./#/streams/create?embed=1');
  // The router ignores the hash's query: this is the create page, not "Page not found".
  await expect(page.getByLabel('Data stream name')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Services' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Kinesis Sandbox', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Export sandbox' })).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Simulated clock' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'AWS CLI' })).toBeVisible();
  const full = page.getByRole('link', { name: 'Open the full sandbox' });
  await expect(full).toHaveAttribute('target', '_blank');
  await expect(full).toHaveAttribute('href', `${baseURL}#/streams/create`);
  await shot(page, 'embed-mode');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'embed-mode-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Moving between pages keeps embed mode, and the link follows the route.
  await page.getByLabel('Data stream name').fill('embedded');
  await page.getByRole('button', { name: 'Create data stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'embedded' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Services' })).toHaveCount(0);
  await expect(full).toHaveAttribute('href', `${baseURL}#/streams/embedded`);

  // The link opens the same route with the chrome, in a new tab.
  const [popup] = await Promise.all([page.waitForEvent('popup'), full.click()]);
  await expect(popup.getByRole('navigation', { name: 'Services' })).toBeVisible();
  await expect(popup.getByRole('heading', { level: 1, name: 'embedded' })).toBeVisible();
  await popup.close();

  // embed=1 in the page's own query works too.
  await page.goto('./?embed=1#/quiz');
  await expect(page.getByRole('heading', { level: 1, name: 'Exam prep' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Services' })).toHaveCount(0);
  await expect(full).toHaveAttribute('href', `${baseURL}#/quiz`);
});

test('finishing a short practice session, then an exam, posts quiz-scored to the course page', async ({ page }) => {
  const frame = await openCourse(page, '#/quiz/practice?embed=1');
  await expect(frame.getByRole('heading', { level: 1, name: 'Practice' })).toBeVisible();
  for (let i = 1; i <= 2; i++) {
    await expect(frame.getByText(`Question ${i}`, { exact: true })).toBeVisible();
    await frame.locator('label.quiz-option').first().click();
    await frame.getByRole('button', { name: 'Submit answer' }).click();
    await frame.getByRole('button', { name: 'Next question' }).click();
  }
  expect(await received(page, 'quiz-scored')).toEqual([]);
  await frame.getByRole('button', { name: 'Finish session' }).click();
  await expect(frame.getByRole('heading', { name: 'Session finished' })).toBeVisible();
  const score = await frame.locator('.quiz-score').innerText();
  const [, correct, total, percent] = score.match(/^(\d) of (\d) correct \((\d+)%\)$/).map(Number);
  expect(total).toBe(2);
  await expect.poll(() => received(page, 'quiz-scored')).toEqual([
    { type: 'kinesis-sandbox:quiz-scored', mode: 'practice', correct, total: 2, percent },
  ]);
  await expect(page.locator('#events')).toContainText('"mode":"practice"');
  await shot(page, 'embed-quiz-scored');

  // A one-question exam, submitted.
  await page.goto(`./e2e-host/course.html?route=${encodeURIComponent('#/quiz/exam?embed=1')}`);
  await frame.getByLabel('Number of questions').fill('1');
  await frame.getByRole('button', { name: /^Start exam: 1 questions/ }).click();
  await frame.locator('label.quiz-option').first().click();
  await frame.getByRole('button', { name: 'Submit exam' }).click();
  await frame.getByRole('dialog', { name: 'Submit the exam?' }).getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(frame.getByRole('heading', { name: 'Result' })).toBeVisible();
  const examScore = await frame.locator('.quiz-score').innerText();
  const [, c, , p] = examScore.match(/^(\d) of (\d) correct \((\d+)%\)$/).map(Number);
  await expect.poll(() => received(page, 'quiz-scored')).toEqual([
    { type: 'kinesis-sandbox:quiz-scored', mode: 'exam', correct: c, total: 1, percent: p },
  ]);
});

bare('a course page on another origin gets the messages, and ignores look-alikes from elsewhere', async ({ page, baseURL }) => {
  // The course page on http://localhost:PORT, the sandbox on http://127.0.0.1:PORT.
  const sandboxOrigin = new URL(baseURL).origin;
  const courseOrigin = sandboxOrigin.replace('127.0.0.1', 'localhost');
  const requests = [];
  page.on('request', (req) => requests.push(req.url()));
  await page.goto(`${courseOrigin}/e2e-host/course.html?sandbox=${encodeURIComponent(`${sandboxOrigin}/`)}`
    + `&route=${encodeURIComponent('#/quiz/practice?embed=1')}`);
  const frame = page.frameLocator('#lab');
  await expect(frame.getByRole('heading', { level: 1, name: 'Practice' })).toBeVisible();
  const contentHeight = () => frame.locator('html').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
  const frameHeight = async () => Math.round((await page.locator('#lab').boundingBox()).height);
  await expect.poll(async () => (await frameHeight()) === (await contentHeight())).toBe(true);

  // A message that only looks like the sandbox's (its source is the course page itself) changes nothing.
  const before = await frameHeight();
  await page.evaluate(() => window.postMessage({ type: 'kinesis-sandbox:resize', height: 40 }, '*'));
  await page.waitForTimeout(300);
  expect(await frameHeight()).toBeGreaterThan(40);
  expect((await received(page, 'resize')).filter((m) => m.height === 40)).toEqual([]);

  // The sandbox's own messages cross the origins.
  await frame.locator('label.quiz-option').first().click();
  await frame.getByRole('button', { name: 'Submit answer' }).click();
  await expect.poll(async () => (await frameHeight()) === (await contentHeight()) && (await frameHeight()) > before).toBe(true);
  await frame.getByRole('button', { name: 'Finish session' }).click();
  await expect.poll(() => received(page, 'quiz-scored')).toEqual([
    expect.objectContaining({ type: 'kinesis-sandbox:quiz-scored', mode: 'practice', total: 1 }),
  ]);
  // Where the browser blocks storage for a frame from another site, the sandbox says why it
  // can't save (and runs on).
  for (const notice of await frame.locator('.notice p').allInnerTexts()) {
    expect(notice).toContain('blocks storage for pages embedded in another site');
  }
  await shot(page, 'embed-cross-origin');
  const elsewhere = requests.filter((u) => !u.startsWith(sandboxOrigin) && !u.startsWith(courseOrigin) && !u.startsWith('data:'));
  expect(elsewhere).toEqual([]);
});

// The single-file build, opened from disk: nothing but the file itself may be requested.
const SINGLE = pathToFileURL(path.resolve('dist/kinesis-sandbox.html')).href;

async function openSingleFile(page) {
  const requests = [];
  const errors = [];
  page.on('request', (req) => requests.push(req.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(SINGLE);
  await expect(page.getByRole('navigation', { name: 'Services' })).toBeVisible();
  return { requests, errors };
}

function onlyTheFile(requests) {
  return requests.filter((url) => url.split('#')[0] !== SINGLE && url !== 'data:,');
}

bare('the single-file build runs from file:// offline: home page, then a data stream made in the UI and the CLI', async ({ page }) => {
  await page.context().setOffline(true);
  const { requests, errors } = await openSingleFile(page);
  await clearStorage(page);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Kinesis Sandbox', exact: true })).toBeVisible();
  await shot(page, 'single-file-home');

  // A stream through the console pages (the hash router works under file://).
  await page.getByRole('navigation', { name: 'Services' }).getByRole('link', { name: 'Kinesis Data Streams', exact: true }).click();
  await expect(page).toHaveURL(/kinesis-sandbox\.html#\/streams$/);
  await page.getByRole('link', { name: 'Create data stream' }).first().click();
  await page.getByLabel('Data stream name').fill('machinelearning');
  await page.getByRole('radio', { name: /Provisioned/ }).check();
  await page.getByLabel('Number of open shards').fill('2');
  await page.getByRole('button', { name: 'Create data stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'machinelearning' })).toBeVisible();
  await jump(page);
  await expect(page.locator('.page-header .status')).toHaveText('Active');

  // And one through the AWS CLI panel.
  await page.getByRole('button', { name: 'AWS CLI' }).click();
  const input = page.getByLabel('AWS CLI command');
  await input.fill('aws kinesis create-stream --stream-name fromcli --shard-count 1');
  await input.press('Enter');
  await input.fill('aws kinesis list-streams');
  await input.press('Enter');
  await expect(page.getByRole('log', { name: 'AWS CLI output' })).toContainText('"fromcli"');
  await page.getByRole('button', { name: 'Hide AWS CLI' }).click();
  await shot(page, 'single-file-stream');

  // localStorage works under file://: both streams are still there after a reload, and a deep
  // link opens its page.
  await page.waitForTimeout(1200); // the autosave runs at most once a second
  await page.goto(`${SINGLE}#/streams`);
  await page.reload();
  await expect(page.getByRole('link', { name: 'machinelearning' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'fromcli' })).toBeVisible();

  expect(requests.length, 'the listener saw the file itself').toBeGreaterThan(0);
  expect(onlyTheFile(requests), 'requests besides the file itself').toEqual([]);
  expect(errors).toEqual([]);
});

bare('the single-file build still runs when every storage call throws', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  });
  const { requests, errors } = await openSingleFile(page);
  await page.getByRole('navigation', { name: 'Services' }).getByRole('link', { name: 'Kinesis Data Streams', exact: true }).click();
  await page.getByRole('link', { name: 'Create data stream' }).first().click();
  await page.getByLabel('Data stream name').fill('nostorage');
  await page.getByRole('button', { name: 'Create data stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'nostorage' })).toBeVisible();
  await page.goto(`${SINGLE}#/quiz/practice`);
  await page.locator('label.quiz-option').first().click();
  await page.getByRole('button', { name: 'Submit answer' }).click();
  await expect(page.locator('.quiz-feedback')).toBeVisible();
  await expect(page.locator('#panic-panel')).toHaveCount(0);
  await shot(page, 'single-file-no-storage');
  expect(onlyTheFile(requests)).toEqual([]);
  expect(errors).toEqual([]);
});

// The lab panel (an aside named after its lab, with a progress bar).
const labPanel = (page) => page.getByRole('complementary').filter({ has: page.getByRole('progressbar') });

test('an embedded link to a lab step opens that step, and its navigation is reachable from the panel', async ({ page }) => {
  await openFresh(page);
  await page.goto('./#/labs/create-stream/step/1?embed=1');
  const p = labPanel(page);
  // The step, not the lab's overview with "Start lab".
  await expect(p.getByRole('heading', { level: 3 })).toContainText('Step 1 of 4');
  await expect(page.getByRole('main').getByRole('button', { name: 'Start lab' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Services' })).toHaveCount(0);

  // The step says "Open Kinesis Data Streams → …": the console's navigation is in the panel.
  await p.getByText('Console navigation').click();
  const nav = p.getByRole('navigation', { name: 'Services' });
  await expect(nav).toBeVisible();
  await shot(page, 'embed-lab-navigation');
  await nav.getByRole('link', { name: 'IAM', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Roles' })).toBeVisible();
  await expect(page).toHaveURL(/#\/iam\?embed=1$/);
  await expect(page.getByRole('link', { name: 'Open the full sandbox' })).toBeVisible();

  // A plain link in the step ("Open the page for this step") keeps embed mode too.
  await p.getByRole('link', { name: 'Open the page for this step' }).click();
  await expect(page).toHaveURL(/embed=1/);
  await expect(page.getByRole('link', { name: 'Open the full sandbox' })).toBeVisible();

  // A later step of a lab with a starting point, on a sandbox with nothing in it: it starts
  // at that step without asking.
  await page.goto('./#/labs/firehose/step/2?embed=1');
  await expect(p.getByRole('heading', { level: 2 })).toHaveText('Attach Amazon Data Firehose');
  await expect(p.getByRole('heading', { level: 3 })).toContainText('Step 2 of 4');
});

test('an embedded lab link opened while another lab is under way shows the linked lab', async ({ page }) => {
  await openFresh(page, './#/labs/create-stream');
  await page.getByRole('main').getByRole('button', { name: 'Start lab' }).click();
  const p = labPanel(page);
  await expect(p.getByRole('heading', { level: 2 })).toHaveText('Create a data stream');
  // Something of the learner's, which the other lab would not need.
  await page.getByRole('button', { name: 'AWS CLI' }).click();
  await page.getByLabel('AWS CLI command').fill('aws kinesis create-stream --stream-name mine --shard-count 1');
  await page.getByLabel('AWS CLI command').press('Enter');
  await expect(page.getByRole('log', { name: 'AWS CLI output' })).toContainText('create-stream');
  await page.getByRole('button', { name: 'Hide AWS CLI' }).click();

  await page.goto('./#/labs/firehose/step/1?embed=1');
  // Not the other lab's panel: the linked lab, which asks first since it changes the sandbox.
  await expect(page.getByRole('complementary', { name: 'Create a data stream' })).toHaveCount(0);
  const dialog = page.getByRole('dialog', { name: 'Start "Attach Amazon Data Firehose"?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Kinesis data stream mine (its records are not kept)');
  await shot(page, 'embed-lab-other-lab-asks');
  await dialog.getByRole('button', { name: 'Start lab' }).click();
  await expect(p.getByRole('heading', { level: 2 })).toHaveText('Attach Amazon Data Firehose');
  await expect(p.getByRole('heading', { level: 3 })).toContainText('Step 1 of 4');
  await page.goto('./#/streams?embed=1');
  await expect(page.getByRole('link', { name: 'mine', exact: true })).toBeVisible();
});

test('embed mode follows the address: typing #/ brings the chrome back, going back takes it away', async ({ page }) => {
  await openFresh(page);
  await page.goto('./#/streams?embed=1');
  await expect(page.getByRole('navigation', { name: 'Services' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Create data stream' }).first().click();
  await expect(page.getByLabel('Data stream name')).toBeVisible();
  await expect(page).toHaveURL(/#\/streams\/create\?embed=1$/);
  await expect(page.getByRole('navigation', { name: 'Services' })).toHaveCount(0);

  // The address bar: #/ without embed=1 is the full sandbox, at once (no reload).
  await page.goto('./#/');
  await expect(page.getByRole('navigation', { name: 'Services' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open the full sandbox' })).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Services' }).getByRole('link', { name: 'S3', exact: true }).click();
  await expect(page).toHaveURL(/#\/s3$/);
  await expect(page.getByRole('navigation', { name: 'Services' })).toBeVisible();

  // Back to the embedded page: embed mode again.
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(/embed=1$/);
  await expect(page.getByRole('navigation', { name: 'Services' })).toHaveCount(0);
});
