// The app shell as a newcomer meets it: navigation, the clock, saving, errors.
import { test, expect, shot, openFresh, clockMillis, navTo, plantSave, savedHead, jump } from './fixtures.mjs';
import fs from 'node:fs';

test('the home page explains the sandbox and every section opens from the navigation', async ({ page }) => {
  await openFresh(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Kinesis Sandbox' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '8760 hours (365 days)' })).toBeVisible();
  await shot(page, 'shell-home');

  const nav = page.getByRole('navigation', { name: 'Services' });
  const links = nav.getByRole('link');
  const names = await links.allInnerTexts();
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) {
    await nav.getByRole('link', { name, exact: true }).click();
    const heading = page.getByRole('main').getByRole('heading', { level: 1 });
    await expect(heading).toBeVisible();
    await expect(heading).not.toHaveText('Page not found');
    await shot(page, `shell-section-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`);
  }
  await expect(page).toHaveURL(/#\//);
});

test('Kinesis Data Streams shows the empty list from the engine', async ({ page }) => {
  await openFresh(page);
  await navTo(page, 'Kinesis Data Streams');
  await expect(page).toHaveURL(/#\/streams$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Data streams' })).toBeVisible();
});

test('time controls pause, run faster and jump five minutes', async ({ page }) => {
  await openFresh(page);
  const paused = await clockMillis(page);
  await page.waitForTimeout(1200);
  expect(await clockMillis(page)).toBe(paused);

  await jump(page);
  await expect.poll(() => clockMillis(page)).toBe(paused + 5 * 60 * 1000);

  await page.getByRole('button', { name: '60×' }).click();
  await expect(page.getByRole('button', { name: '60×' })).toHaveAttribute('aria-pressed', 'true');
  await page.waitForTimeout(1500);
  await page.getByRole('button', { name: 'Pause' }).click();
  const ran = (await clockMillis(page)) - (paused + 5 * 60 * 1000);
  // About 1.5 s of real time at 60×; the bounds are loose because the check is not a timing test.
  expect(ran).toBeGreaterThan(30_000);
  expect(ran).toBeLessThan(600_000);

  await page.getByRole('button', { name: '1×' }).click();
  await expect(page.getByRole('button', { name: '1×' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: '10×' }).click();
  await expect(page.getByRole('button', { name: '10×' })).toHaveAttribute('aria-pressed', 'true');
  await shot(page, 'shell-clock');
});

test('a reload finds the sandbox where it was left', async ({ page }) => {
  await openFresh(page);
  await jump(page);
  await jump(page);
  const before = await clockMillis(page);
  await expect.poll(() => savedHead(page)).not.toBeNull();
  await page.waitForTimeout(1200); // the autosave debounce
  await page.reload();
  await expect(page.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
  expect(await clockMillis(page)).toBe(before);
});

test('a corrupt save shows a clear message and a fresh sandbox, not a blank page', async ({ page }) => {
  await openFresh(page);
  await plantSave(page, '{"format":"kinesis-sandbox", broken');
  await page.reload();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The saved sandbox is not valid JSON');
  await expect(alert).toContainText('A fresh sandbox was started');
  await expect(page.getByRole('navigation', { name: 'Services' })).toBeVisible();
  await shot(page, 'shell-corrupt-save');
  expect(await page.evaluate(() => localStorage.getItem('kinesis-sandbox:unreadable-save')))
    .toContain('broken');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);

  await plantSave(page, JSON.stringify({ format: 'kinesis-sandbox', version: 99, sandbox: {} }));
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('format version 99, and this page reads version 2');
});

test('a panic shows the error panel', async ({ page }) => {
  await openFresh(page);
  await page.goto('#/debug/panic');
  await page.reload();
  const panel = page.getByRole('alert');
  await expect(panel.getByRole('heading', { name: 'Kinesis Sandbox stopped with an error' })).toBeVisible();
  await expect(panel).toContainText('deliberate panic');
  await expect(panel.getByRole('button', { name: 'Reload', exact: true })).toBeVisible();
  await shot(page, 'shell-panic');
});

test('an unknown address shows the not-found page', async ({ page }) => {
  await openFresh(page);
  await page.goto('#/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kinesis Sandbox' })).toBeVisible();
});

test('the site works from a sub-path', async ({ page }) => {
  await openFresh(page, 'course/week-3/kinesis/#/streams');
  await expect(page.getByRole('heading', { level: 1, name: 'Data streams' })).toBeVisible();
  await navTo(page, 'Event history');
  await expect(page).toHaveURL(/course\/week-3\/kinesis\/#\/events$/);
});

test('reset asks first, then starts a fresh sandbox', async ({ page }) => {
  await openFresh(page);
  await jump(page);
  await page.getByRole('button', { name: 'Reset sandbox' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset the sandbox?' });
  await expect(dialog).toBeVisible();
  await shot(page, 'shell-reset-dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: 'Reset sandbox' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('The sandbox was reset');
  // A fresh sandbox starts at the real time of day.
  expect(Math.abs((await clockMillis(page)) - Date.now())).toBeLessThan(60_000);
});

test('export writes a file that import brings back', async ({ page }, testInfo) => {
  await openFresh(page);
  await jump(page, 3);
  const exportedAt = await clockMillis(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export sandbox' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^kinesis-sandbox-\d{8}-\d{6}\.json$/);
  const file = testInfo.outputPath('export.json');
  await download.saveAs(file);
  const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(saved.format).toBe('kinesis-sandbox');
  expect(saved.version).toBe(2);

  await jump(page);
  await page.getByLabel('Sandbox file to import').setInputFiles(file);
  await expect(page.getByRole('alert')).toContainText('Sandbox imported.');
  expect(await clockMillis(page)).toBe(exportedAt);

  const bad = testInfo.outputPath('bad.json');
  fs.writeFileSync(bad, '{"hello": "world"}');
  await page.getByLabel('Sandbox file to import').setInputFiles(bad);
  await expect(page.getByRole('alert')).toContainText('The file is not a Kinesis Sandbox save. Your sandbox is unchanged.');
  expect(await clockMillis(page)).toBe(exportedAt);
});

test('the theme follows the system colour scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openFresh(page);
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await shot(page, 'shell-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(dark).not.toBe(light);
  expect(light).toBe('rgb(242, 243, 243)');
});
