// Starting a lab says first what it will do to the learner's sandbox, and keeps what the lab
// doesn't need: the learner's own Firehose role survives lab 4's start.
import { test, expect, openFresh, shot } from './fixtures.mjs';

const panel = (page) => page.getByRole('complementary').filter({ has: page.getByRole('progressbar') });

test('starting lab 4 after making a delivery stream in the console lists its changes and keeps the learner\'s role', async ({ page }) => {
  // Lab 3's starting point (the stream), on an empty sandbox: nothing of the learner's, no question.
  await openFresh(page, './#/labs/firehose');
  await page.getByRole('main').getByRole('button', { name: 'Start lab' }).click();
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText('Attach Amazon Data Firehose');

  // The learner's delivery stream, through the console, with a role of its own ("Create new").
  await page.goto('./#/streams/machinelearning');
  await page.getByRole('link', { name: 'Connect Kinesis consumers' }).click();
  await page.getByLabel('Delivery stream name').fill('machinelearningfirehose');
  await page.getByRole('main').getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('main').getByRole('button', { name: 'Next', exact: true }).click();
  // Page 3, "Choose a destination", has the bucket; page 4 the role.
  await page.getByLabel('New bucket name').fill('machinelearning-firehose-output');
  await page.getByRole('main').getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('radiogroup', { name: 'IAM role' }).getByRole('radio', { name: 'Create new' }).check();
  await page.getByRole('main').getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('button', { name: 'Create delivery stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'machinelearningfirehose' })).toBeVisible();
  await page.goto('./#/iam');
  await page.getByRole('link', { name: /^KinesisFirehoseServiceRole-/ }).click();
  const role = await page.getByRole('heading', { level: 1 }).textContent();
  const roleUrl = page.url();

  // Lab 4 from the labs page: the dialog lists what it creates, replaces and keeps.
  await page.goto('./#/labs/s3-and-iam');
  await page.getByRole('main').getByRole('button', { name: 'Start lab' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start "Inspect the S3 output and fix the IAM policy"?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Creates' })).toBeVisible();
  await expect(dialog).toContainText('IAM role firehose_delivery_role');
  await expect(dialog).toContainText('Kinesis data stream machinelearning');
  await expect(dialog).toContainText('Firehose delivery stream machinelearningfirehose');
  await expect(dialog.getByRole('heading', { name: 'Keeps (made again in the lab\'s sandbox)' })).toBeVisible();
  await expect(dialog).toContainText(`IAM role ${role} (with its policies)`);
  await shot(page, 'lab-start-plan');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'lab-start-plan-narrow');
  await page.setViewportSize({ width: 1280, height: 720 });

  // Cancel changes nothing.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText('Attach Amazon Data Firehose');

  // Start: lab 4, and the learner's role is still there, with its policy.
  await page.getByRole('main').getByRole('button', { name: 'Start lab' }).click();
  await dialog.getByRole('button', { name: 'Start lab' }).click();
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText('Inspect the S3 output and fix the IAM policy');
  await page.goto(roleUrl);
  await expect(page.getByRole('heading', { level: 1, name: role })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Permissions policies (1 inline)' })).toBeVisible();

  // The notes' role of lab 4: its summary has the notes' warnings.
  await page.goto('./#/iam/firehose_delivery_role');
  const block = (name) => page.getByRole('listitem').filter({ has: page.getByText(new RegExp(`^${name} \\(\\d+ actions?\\)`)) });
  await expect(block('Kinesis').locator('.badge.warn')).toHaveText('⚠ 2 warnings');
  await expect(block('CloudWatch Logs').locator('.badge.warn')).toHaveText('⚠ 1 warning');
  await expect(block('KMS').locator('.badge.warn')).toHaveText('⚠ 1 warning');
  await expect(block('Lambda').locator('.badge.warn')).toHaveText('⚠ 2 warnings');
  await expect(block('KMS')).toContainText('Specify key resource ARN for the Decrypt action.');
});
