// The inline policy editor: line numbers beside the text, an error that names its line once,
// and a refused save's message that goes away when the text changes.
import { test, expect, openFresh, shot } from './fixtures.mjs';

test('the policy editor numbers its lines, locates an error once and clears a stale one', async ({ page }) => {
  await openFresh(page, './#/labs/s3-and-iam');
  await page.getByRole('main').getByRole('button', { name: 'Start lab' }).click();
  await page.goto('./#/iam/firehose_delivery_role');
  const editor = page.getByLabel(/^Policy document for KinesisFirehoseServicePolicy/);
  const text = await editor.inputValue();
  const gutter = page.locator('.code-editor .line-numbers');
  const lines = text.split('\n').length;
  await expect(gutter.locator('span')).toHaveCount(lines);
  await expect(gutter).toHaveAttribute('aria-hidden', 'true');

  // The gutter follows the text when it scrolls.
  await editor.evaluate((el) => { el.scrollTop = 200; el.dispatchEvent(new Event('scroll')); });
  await expect.poll(() => gutter.evaluate((g) => g.scrollTop)).toBe(200);
  const firstShown = await gutter.evaluate((g) => {
    const top = g.getBoundingClientRect().top;
    return [...g.children].find((s) => s.getBoundingClientRect().bottom > top + 4).textContent;
  });
  expect(Number(firstShown)).toBeGreaterThan(1);
  await editor.evaluate((el) => { el.scrollTop = 0; el.dispatchEvent(new Event('scroll')); });

  // A trailing comma on line 4: the status names line and column once; the gutter marks line 4.
  const broken = text.split('\n');
  broken[3] = `${broken[3]},`;
  await editor.fill(broken.join('\n'));
  const status = page.locator(`#${await editor.getAttribute('aria-describedby')}`);
  await expect(status).toContainText(/^Syntax errors in policy: .*\(line \d+, column \d+\)$/);
  expect((await status.textContent()).match(/line/g)).toHaveLength(1);
  await expect(gutter.locator('.error-line')).toHaveCount(1);
  await expect(editor).toHaveAttribute('aria-invalid', 'true');

  // Saving it anyway: IAM's error, with the position once.
  await page.getByRole('button', { name: 'Save changes' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'MalformedPolicyDocument' });
  await expect(alert).toBeVisible();
  expect((await alert.textContent()).match(/line \d+/g)).toHaveLength(1);
  await shot(page, 'iam-policy-error');

  // Typing again: the refused save's error goes, the status follows the new text.
  await editor.fill(text);
  await expect(alert).toHaveCount(0);
  await expect(status).toHaveText(/^Valid policy: \d+ statement\(s\)\.$/);
  await expect(gutter.locator('.error-line')).toHaveCount(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'iam-policy-editor-narrow');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
});
