// Every lab step's text against the screen it is read beside: each **bold** name in a step's
// text (a button, field, tab, link, radio choice, heading or wizard page the learner is told
// about) must be visible on that step's page, outside the lab panel. It catches a text naming
// something the screen doesn't have, or has elsewhere.
//
// How a step is walked, as a learner reading it would:
// - a step with a `page` starts afresh at that step (`#/labs/<lab>/step/<n>`, "Start at step n",
//   which replays the earlier steps' Show me so their resources exist) and opens its page with
//   the panel's link; a step without one carries on where the step before it left off;
// - the bold names are looked for in the order the text gives them, and the ones the text has
//   the learner use to reveal more are used: a radio or checkbox is checked, a tab or a
//   disclosure (summary) opened, and a link followed when the name is only a link there
//   ("IAM → Roles → …": each part in turn). A button is never pressed (it may change the
//   sandbox), except that a wizard page title ("Step 3: Choose a destination") moves the wizard
//   there with Next, filling only what Next insists on with throwaway values.
//
// Conventions for lab texts: **bold** is a name on the screen, `code` is what the learner types
// or a resource's name, *italics* a value or state to watch for (Creating, 500 records sent…).
// The few bold words that are neither are listed in NOT_CONSOLE_NAMES, each with why.
import { test, expect, openFresh, shot } from './fixtures.mjs';

// Bold words that are ideas, not names on the screen.
const NOT_CONSOLE_NAMES = new Map([
  ['partition key', 'a concept: Kinesis hashes it to choose the shard (lab 1, step 4)'],
]);

const panelOf = (page) => page.getByRole('complementary').filter({ has: page.getByRole('progressbar') });

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Visible elements outside the lab panel whose text is `name` (case aside), or `name` with a
// qualifier: "Buffer size (MiB)", "Estimated shards: 2", "Inline policy · …"; not a sentence
// that merely starts with it. Each with what kind of element it is.
async function onScreen(page, name) {
  const re = new RegExp(`^\\s*${escape(name)}(?:\\s*$|\\s*\\(|:(?:\\s|$)|\\s+[·›—–-]\\s)`, 'i');
  const all = page.getByText(re);
  const found = [];
  for (let i = 0; i < await all.count(); i++) {
    const el = all.nth(i);
    if (!(await el.isVisible())) continue;
    const kind = await el.evaluate((node) => {
      if (node.closest('.lab-panel')) return 'panel';
      const label = node.closest('label');
      const input = label && (label.control || label.querySelector('input'));
      if (input && ['radio', 'checkbox'].includes(input.type)) return input.disabled ? 'text' : 'check';
      if (node.closest('summary')) return node.closest('details').open ? 'text' : 'summary';
      if (node.closest('[role=tab]')) return 'tab';
      if (node.closest('button')) return 'button';
      if (node.closest('a[href]')) return 'link';
      return 'text';
    });
    if (kind !== 'panel') found.push({ el, kind });
  }
  return found;
}

// The Firehose wizard's page now ("Step 1: Name and source"), if a wizard is open.
async function wizardPage(page) {
  const h = page.locator('.wizard-body h2');
  return (await h.count()) ? (await h.textContent()).trim() : null;
}

// Moves the wizard forward to `title` with Next, filling only what Next asks for.
async function wizardTo(page, title) {
  const want = Number(title.match(/^Step (\d+):/)[1]);
  for (let tries = 0; tries < 10; tries++) {
    const now = await wizardPage(page);
    if (!now) return;
    if (Number(now.match(/^Step (\d+):/)[1]) >= want) return;
    await page.getByRole('main').getByRole('button', { name: 'Next', exact: true }).click();
    if (await page.getByRole('main').getByRole('alert').count()) {
      for (const [label, value] of [['Delivery stream name', 'lab-text-check'], ['New bucket name', 'lab-text-check'],
        ['HTTP endpoint URL', 'https://lab-text-check.example.com'],
        ['Splunk cluster endpoint', 'https://lab-text-check.example.com'], ['Authentication token', 'lab-text-check'],
        ['Index', 'lab-text-check'], ['Password', 'lab-text-check'], ['Table', 'lab_text_check']]) {
        const field = page.getByLabel(label, { exact: true });
        if (await field.isVisible() && !(await field.inputValue())) await field.fill(value);
      }
      // A Redshift destination needs a cluster: the first the account has.
      const cluster = page.getByLabel('Provisioned cluster', { exact: true });
      if (await cluster.isVisible() && !(await cluster.inputValue()) && (await cluster.locator('option').count()) > 1) {
        await cluster.selectOption({ index: 1 });
      }
    }
  }
}

// Looks for one bold name, using it when the text has the learner use it; returns a problem.
async function look(page, name) {
  if (/^Step \d+: /.test(name) && (await wizardPage(page))) await wizardTo(page, name);
  const found = await onScreen(page, name);
  if (process.env.LAB_TEXT_VERBOSE) {
    const seen = await Promise.all(found.map(async (f) => `${f.kind}:${(await f.el.textContent()).trim().slice(0, 40)}`));
    console.log(`  ${new URL(page.url()).hash} "${name}" → ${seen.join(' | ') || 'nothing'}`);
  }
  if (found.length === 0) return `"${name}" is not on the screen (${new URL(page.url()).hash})`;
  const reveal = found.find((f) => ['check', 'summary', 'tab'].includes(f.kind));
  const onlyLinks = found.every((f) => f.kind === 'link');
  if (reveal) {
    await reveal.el.click();
  } else if (onlyLinks) {
    await found[0].el.click();
    await page.waitForTimeout(50);
  }
  return null;
}

// The lab's ids and step counts, from the Labs page.
async function labsToWalk(page) {
  await openFresh(page, './#/labs');
  // The labs page loads on first use: wait for its cards before reading them.
  const cards = page.getByRole('main').locator('.lab-card h2 a');
  await expect(cards.first()).toBeVisible();
  const ids = await cards.evaluateAll(
    (links) => links.map((a) => a.getAttribute('href').replace(/^.*#\/labs\//, '')));
  const labs = [];
  for (const id of ids) {
    await page.goto(`./#/labs/${id}`);
    await expect(page.locator('ol.lab-steps > li').first()).toBeVisible();
    labs.push({ id, steps: await page.locator('ol.lab-steps > li').count() });
  }
  return labs;
}

// Starts `lab` at step `n` on a fresh sandbox (a save the last page wrote on its way out may
// make it ask first: starting replaces it either way).
async function startAt(page, lab, n) {
  await openFresh(page, `./#/labs/${lab}/step/${n}`);
  const heading = panelOf(page).getByRole('heading', { level: 3 });
  // The page may open with the lab already at that step (a save the last page wrote on its
  // way out): then there is nothing to start.
  const start = page.getByRole('button', { name: n === 1 ? 'Start lab' : `Start at step ${n}`, exact: true });
  const there = heading.filter({ hasText: `Step ${n} of` });
  await expect(start.or(there).first()).toBeVisible();
  if (await start.isVisible()) {
    await start.click();
    const ask = page.getByRole('dialog', { name: /^Start / });
    await expect(ask.or(heading)).toBeVisible();
    if (await ask.isVisible()) await ask.getByRole('button', { name: 'Start lab' }).click();
  }
  await expect(heading).toContainText(`Step ${n} of`);
}

test('every bold name in a lab step\'s text is on that step\'s page', async ({ page }) => {
  test.setTimeout(300_000);
  const labs = await labsToWalk(page);
  expect(labs.length).toBeGreaterThanOrEqual(5);
  const problems = [];
  let names = 0;
  for (const { id, steps } of labs) {
    let fresh = true;
    for (let n = 1; n <= steps; n++) {
      const panel = panelOf(page);
      if (!fresh) {
        await panel.getByRole('button', { name: 'Next step' }).click();
        await expect(panel.getByRole('heading', { level: 3 })).toContainText(`Step ${n} of`);
      }
      const pageLink = panel.getByRole('link', { name: 'Open the page for this step' });
      if (fresh || (await pageLink.count())) {
        await startAt(page, id, n);
        if (await pageLink.count()) await pageLink.click();
      }
      fresh = false;
      const bold = await panel.locator('.lab-step > p strong, .lab-step > ul strong').allTextContents();
      for (const text of bold) {
        for (const name of text.split('→').map((s) => s.trim()).filter(Boolean)) {
          if (NOT_CONSOLE_NAMES.has(name)) continue;
          names += 1;
          const problem = await look(page, name);
          if (problem) problems.push(`${id} step ${n}: ${problem}`);
        }
      }
    }
  }
  await shot(page, 'lab-text-last-step');
  console.log(`lab texts: ${names} bold names checked on their pages`);
  expect(problems, 'bold names in lab texts that the screen does not have').toEqual([]);
  expect(names).toBeGreaterThan(50);
});

// The check itself: a name hidden until the text's choice is made is not found until then, a
// sentence that merely starts with a name is not that name, and the lab panel never counts.
test('the text check finds only what the screen shows, outside the lab panel', async ({ page }) => {
  await startAt(page, 'create-stream', 1);
  await panelOf(page).getByRole('link', { name: 'Open the page for this step' }).click();
  expect(await onScreen(page, 'Total stream capacity')).toEqual([]);
  expect(await onScreen(page, 'Estimate the number of shards')).toEqual([]);
  expect(await look(page, 'No such button')).toBe('"No such button" is not on the screen (#/streams/create)');
  // "Estimate the shards you need" is the panel's step title, not the page's.
  expect(await onScreen(page, 'Estimate the shards you need')).toEqual([]);
  expect(await look(page, 'Provisioned')).toBeNull();
  await expect(page.getByRole('radio', { name: /Provisioned/ })).toBeChecked();
  expect((await onScreen(page, 'Total stream capacity')).map((f) => f.kind)).toEqual(['text']);
  // "Acceptable characters are …" starts with "Acceptable", but is a sentence.
  expect(await onScreen(page, 'Acceptable')).toEqual([]);
});
