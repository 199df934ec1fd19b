// Exam prep as a learner uses it: practice with explanations, a timed exam with a report by
// topic, spaced review, progress kept across reloads, and the keyboard.
import { test, expect, shot, openFresh } from './fixtures.mjs';
import fs from 'node:fs';

const PROGRESS_KEY = 'kinesis-sandbox:quiz-progress:v1';
// A bank question and one of its wrong options, to miss it on purpose.
const KNOWN = 'kds-capacity-001';
const KNOWN_WRONG = '2 MiB and 2,000 records per second, whichever is hit first';
const KNOWN_RIGHT = '1 MiB or 1,000 records per second, whichever is hit first';

test('Exam prep is the last navigation entry and its home offers every exam and mode', async ({ page }) => {
  await openFresh(page);
  const links = page.getByRole('navigation', { name: 'Services' }).getByRole('link');
  await expect(links.last()).toHaveText('Exam prep');
  await links.last().click();
  await expect(page).toHaveURL(/#\/quiz$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Exam prep' })).toBeVisible();
  for (const code of ['DEA-C01', 'MLA-C01', 'SAA-C03', 'SAP-C02']) {
    await expect(page.getByRole('checkbox', { name: new RegExp(`^${code} — `) })).toBeVisible();
  }
  await expect(page.getByRole('checkbox', { name: /^MLS-C01 — .*retired 2026-03-31, legacy$/ })).toBeVisible();
  const tabs = page.getByRole('navigation', { name: 'Exam prep' });
  for (const name of ['Overview', 'Practice', 'Exam', 'Review', 'Exam tips']) {
    await expect(tabs.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('button', { name: 'Reset progress' })).toBeVisible();
  await shot(page, 'quiz-home');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'quiz-home-dark');
});

test('practice: answer a question and read every option explained', async ({ page }) => {
  await openFresh(page, './#/quiz/practice');
  await expect(page.getByRole('heading', { level: 1, name: 'Practice' })).toBeVisible();
  const options = page.locator('label.quiz-option');
  const count = await options.count();
  expect(count).toBeGreaterThanOrEqual(3);
  const submit = page.getByRole('button', { name: 'Submit answer' });
  await expect(submit).toBeDisabled();
  await options.first().click();
  await submit.click();
  const feedback = page.locator('.quiz-feedback');
  await expect(feedback.getByRole('heading', { level: 2 })).toHaveText(/^(Correct|Incorrect)$/);
  await expect(feedback.locator('.quiz-why')).toHaveCount(count);
  for (const why of await feedback.locator('.quiz-why p:not(.quiz-why-head)').allInnerTexts()) {
    expect(why.trim().length).toBeGreaterThan(10);
  }
  await expect(feedback.getByRole('link', { name: 'AWS documentation' })).toHaveAttribute('href', /^https:\/\/(docs\.aws\.amazon\.com|awslabs\.github\.io)\//);
  await expect(feedback.getByRole('link', { name: 'Show me in the sandbox' })).toHaveAttribute('href', /^#\//);
  await expect(page.getByText('This session: 1 answered')).toBeVisible();
  await shot(page, 'quiz-practice-feedback');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'quiz-practice-feedback-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Every fourth question is computed by the engine, and says so.
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: /^(Next|Skip) question$/ }).click();
  await expect(page.getByText('Question 4', { exact: true })).toBeVisible();
  await expect(page.locator('.quiz-meta').getByText('Computed question')).toBeVisible();
  await shot(page, 'quiz-practice-computed');
});

test('a missed question shows why, and "Show me in the sandbox" opens the page or says coming soon', async ({ page }) => {
  await openFresh(page, `./#/quiz/question/${KNOWN}`);
  await page.getByRole('radio', { name: KNOWN_WRONG }).check();
  await page.getByRole('button', { name: 'Submit answer' }).click();
  const feedback = page.locator('.quiz-feedback');
  await expect(feedback.getByRole('heading', { name: 'Incorrect' })).toBeVisible();
  await expect(feedback).toContainText('2 MiB per second is the per-shard read limit');
  await expect(feedback).toContainText('Wrong, and you chose it');
  await expect(feedback).toContainText('Correct, and you did not choose it');
  await feedback.getByRole('link', { name: 'Show me in the sandbox' }).click();
  await expect(page).toHaveURL(/#\/streams\/create$/);

  await page.goto('./#/quiz/tips');
  await page.getByRole('link', { name: 'Show Firehose buffering in the sandbox' }).click();
  await expect(page).toHaveURL(/#\/firehose\/create$/);
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).not.toHaveText(/coming soon|Page not found/);

  // A part of the console that is not built yet (Kinesis Data Analytics) says so plainly.
  await page.goto('./#/quiz/tips');
  await page.goto('./#/quiz/soon/analytics');
  await expect(page.getByRole('heading', { level: 1, name: /^Kinesis Data Analytics .*: coming soon$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Back to the question' }).click();
  await expect(page).toHaveURL(/#\/quiz\/tips$/);
});

test('exam: five questions, one marked for review, one left unanswered, then the report by topic', async ({ page }) => {
  await openFresh(page, './#/quiz/exam');
  await page.getByLabel('Number of questions').fill('5');
  await page.getByLabel('Time limit (minutes)').fill('10');
  await page.getByRole('button', { name: 'Start exam: 5 questions in 10 minutes' }).click();
  await expect(page.getByRole('timer', { name: 'Time remaining' })).toHaveText(/^(10:00|09:5\d)$/);
  const navigator = page.getByRole('navigation', { name: 'Question navigator' });
  await expect(navigator.getByRole('button')).toHaveCount(5);

  for (let i = 1; i <= 4; i++) {
    await expect(page.getByText(`Question ${i} of 5`)).toBeVisible();
    await page.locator('label.quiz-option').first().click();
    if (i === 2) await page.getByRole('button', { name: 'Mark for review' }).click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
  }
  await expect(page.getByText('Question 5 of 5')).toBeVisible();
  await expect(navigator.getByRole('button', { name: 'Question 2, answered, marked for review' })).toBeVisible();
  await expect(navigator.getByRole('button', { name: 'Question 5, unanswered' })).toBeVisible();
  await expect(page.getByText('4 of 5 answered · 1 marked for review')).toBeVisible();

  // Back to the marked one: the answer can still change.
  await navigator.getByRole('button', { name: 'Question 2, answered, marked for review' }).click();
  await expect(page.getByText('Question 2 of 5')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Mark for review' })).toHaveAttribute('aria-pressed', 'true');
  await page.locator('label.quiz-option').nth(1).click();
  await shot(page, 'quiz-exam');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'quiz-exam-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByRole('button', { name: 'Submit exam' }).click();
  const dialog = page.getByRole('dialog', { name: 'Submit the exam?' });
  await expect(dialog).toContainText('1 unanswered (they count as wrong) and 1 marked for review');
  await shot(page, 'quiz-exam-submit');
  await dialog.getByRole('button', { name: 'Submit', exact: true }).click();

  await expect(page.getByRole('heading', { name: 'Result' })).toBeVisible();
  await expect(page.locator('.quiz-score')).toHaveText(/^[0-5] of 5 correct \(\d+%\)$/);
  await expect(page.getByText('Unanswered: 1 (counted as wrong)')).toBeVisible();
  const table = page.getByRole('table', { name: 'Score by topic' });
  const rows = table.locator('tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(1);
  const totals = await rows.locator('td:nth-child(3)').allInnerTexts();
  expect(totals.map(Number).reduce((a, b) => a + b, 0)).toBe(5);
  const missed = page.locator('.quiz-missed li');
  expect(await missed.count()).toBeGreaterThanOrEqual(1);
  await expect(page.locator('.quiz-missed')).toContainText('Question 5 (unanswered');
  await shot(page, 'quiz-exam-report');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'quiz-exam-report-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.locator('.quiz-missed').getByRole('link', { name: 'Question 5' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Review a question' })).toBeVisible();
  await expect(page.locator('label.quiz-option').first()).toBeVisible();

  await page.goto('./#/quiz/review');
  await expect(page.getByRole('button', { name: /^Retry missed \([1-5]\)$/ })).toBeEnabled();
  await page.goto('./#/quiz');
  await expect(page.locator('.quiz-progress-summary')).toContainText('1 exam finished');
});

test('progress survives a reload; review brings back the missed question; export, reset and import', async ({ page }, testInfo) => {
  await openFresh(page, `./#/quiz/question/${KNOWN}`);
  await page.getByRole('radio', { name: KNOWN_WRONG }).check();
  await page.getByRole('button', { name: 'Submit answer' }).click();
  await expect(page.getByRole('heading', { name: 'Incorrect' })).toBeVisible();
  expect(JSON.parse(await page.evaluate((k) => localStorage.getItem(k), PROGRESS_KEY)).format).toBe('kinesis-sandbox-quiz');

  await page.goto('./#/quiz/review');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Review' })).toBeVisible();
  await expect(page.getByText('1 missed (box 1)')).toBeVisible();
  await shot(page, 'quiz-review');
  await page.getByRole('button', { name: 'Retry missed (1)' }).click();
  await page.getByRole('radio', { name: KNOWN_RIGHT }).check();
  await page.getByRole('button', { name: 'Submit answer' }).click();
  await expect(page.getByRole('heading', { name: 'Correct' })).toBeVisible();
  await page.getByRole('button', { name: 'Back to the schedule' }).click();
  await expect(page.getByRole('button', { name: 'Retry missed (0)' })).toBeDisabled();
  await expect(page.getByRole('row', { name: /^Box 2\s+1\s+1 day$/ })).toBeVisible();

  // An exam in progress survives a reload too.
  await page.goto('./#/quiz/exam');
  await page.getByLabel('Number of questions').fill('3');
  await page.getByRole('button', { name: /^Start exam: 3 questions/ }).click();
  await page.locator('label.quiz-option').first().click();
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Question navigator' }).getByRole('button', { name: 'Question 1, answered' })).toBeVisible();

  await page.goto('./#/quiz');
  await page.reload();
  const summary = page.locator('.quiz-progress-summary');
  await expect(summary).toContainText('1 question answered (2 answers in all, 1 correct)');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export progress' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^kinesis-sandbox-quiz-\d{4}-\d{2}-\d{2}\.json$/);
  const file = testInfo.outputPath('quiz.json');
  await download.saveAs(file);
  expect(JSON.parse(fs.readFileSync(file, 'utf8')).version).toBe(1);

  await page.getByRole('button', { name: 'Reset progress' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset quiz progress?' });
  await expect(dialog).toBeVisible();
  await shot(page, 'quiz-reset-dialog');
  await dialog.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(summary).toContainText('0 questions answered');
  await page.reload();
  await expect(summary).toContainText('0 questions answered');

  await page.getByLabel('Quiz progress file to import').setInputFiles(file);
  await expect(page.getByRole('alert')).toContainText('Quiz progress imported.');
  await expect(summary).toContainText('1 question answered');
  const bad = testInfo.outputPath('bad.json');
  fs.writeFileSync(bad, '{"format":"kinesis-sandbox-quiz","version":7}');
  await page.getByLabel('Quiz progress file to import').setInputFiles(bad);
  await expect(page.getByRole('alert')).toContainText('format version 7, and this page reads version 1');
  await expect(summary).toContainText('1 question answered');
});

test('keyboard: 1–5 choose, Enter submits, N goes on; in the exam M marks for review', async ({ page }) => {
  await openFresh(page, './#/quiz/practice');
  await expect(page.getByText('Question 1', { exact: true })).toBeVisible();
  await page.getByRole('heading', { level: 1, name: 'Practice' }).click();
  await page.keyboard.press('2');
  await expect(page.locator('label.quiz-option').nth(1).locator('input')).toBeChecked();
  await page.keyboard.press('Enter');
  await expect(page.locator('.quiz-feedback')).toBeVisible();
  await page.keyboard.press('n');
  await expect(page.getByText('Question 2', { exact: true })).toBeVisible();
  await expect(page.locator('.quiz-feedback')).toHaveCount(0);

  await page.goto('./#/quiz/exam');
  await page.getByLabel('Number of questions').fill('3');
  await page.getByLabel('Number of questions').press('Enter');
  await expect(page.getByText('Question 1 of 3')).toBeVisible();
  await page.getByRole('heading', { level: 1, name: 'Exam' }).click();
  await page.keyboard.press('1');
  await page.keyboard.press('m');
  await expect(page.getByRole('button', { name: 'Question 1, answered, marked for review' })).toBeVisible();
  await page.keyboard.press('n');
  await expect(page.getByText('Question 2 of 3')).toBeVisible();
  await page.keyboard.press('p');
  await expect(page.getByText('Question 1 of 3')).toBeVisible();
});

test('exam tips are cards linked to their questions', async ({ page }) => {
  await openFresh(page, './#/quiz/tips');
  const cards = page.locator('article.quiz-tip');
  await expect(cards).toHaveCount(9);
  await expect(cards.first().getByRole('heading', { name: 'Shard capacity' })).toBeVisible();
  await shot(page, 'quiz-tips');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'quiz-tips-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('button', { name: 'Practise the 5 questions on Shard capacity' }).click();
  await expect(page.getByText('Question 1 of 5')).toBeVisible();
  await page.getByRole('button', { name: 'Back to all tips' }).click();
  await cards.first().getByText('Its 5 questions').click();
  await cards.first().getByRole('link').first().click();
  await expect(page).toHaveURL(/#\/quiz\/question\/kds-capacity-001$/);
  await expect(page.getByRole('radio', { name: KNOWN_RIGHT })).toBeVisible();
});
