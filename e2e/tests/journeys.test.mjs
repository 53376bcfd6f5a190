// The officer's and manager's everyday journeys, in English, through the real pages.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { launch, listTotal, newContext, parseCsv, pathOf, screenshot, signIn, today } from '../support.mjs';

const readout = readFileSync(new URL('../../demo/readout-2025-10-31-canada-china.txt', import.meta.url), 'utf8');

let browser;
let officer;
before(async () => {
  browser = await launch();
  officer = await newContext(browser);
  await signIn(await officer.newPage());
});
after(() => browser.close());

/** Follows one of the links above an irritant's page: Edit, Change status, History... */
function irritantAction(page, name) {
  return page.getByRole('navigation', { name: 'Actions on this irritant' }).getByRole('link', { name });
}

/** Records an irritant through the form and returns its reference and title. */
async function recordIrritant(page, title) {
  await page.goto('/irritants/new');
  await page.locator('#field-title').fill(title);
  await page.locator('#field-counterpart').selectOption('CN');
  await page.locator('#field-direction-their_measure').check();
  await page.locator('#field-sector').selectOption('fisheries');
  await page.locator('#field-measure_type').selectOption('tariff');
  await page.locator('#field-priority').selectOption('high');
  await page.locator('#field-action_holder').selectOption('us');
  await page.locator('form[action="/irritants"] button[type="submit"]').click();
  // A title like one of the register's is first shown its likely duplicates, to confirm.
  const duplicates = page.locator('section.duplicates');
  await Promise.race([page.waitForURL(/\/irritants\/IRR-\d{4}-\d{4}/), duplicates.waitFor()]);
  if (await duplicates.isVisible()) {
    await duplicates.getByRole('button', { name: 'It is a different irritant: record it' }).click();
  }
  await page.waitForURL(/\/irritants\/IRR-\d{4}-\d{4}/);
  return pathOf(page).split('/')[2].split('?')[0];
}

test('an officer records an irritant, fixing a refused field on the way', async () => {
  const page = await officer.newPage();
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Record an irritant' }).click();
  assert.equal(pathOf(page), '/irritants/new');
  const title = `Tariff on live lobster ${Date.now()}`;
  await page.locator('#field-title').fill(title);
  await page.locator('#field-summary').fill('A 25 % tariff on live lobster and crab, « mesure de rétorsion ».');
  await page.locator('#field-direction-their_measure').check();
  await page.locator('#field-sector').selectOption('fisheries');
  await page.locator('#field-measure_type').selectOption('tariff');
  await page.locator('#field-priority').selectOption('high');
  await page.locator('#field-action_holder').selectOption('us');
  await page.locator('#field-target_date').fill('2026-02-30');
  await page.getByRole('button', { name: 'Record the irritant' }).click();

  // Refused: the summary has the focus and names both problems, each field says why, and
  // everything typed is still there.
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'error-summary');
  const problems = await summary.locator('li').allInnerTexts();
  assert.equal(problems.length, 2, problems.join(' | '));
  assert.match(problems[0], /^Counterpart/);
  assert.match(problems[1], /^Target resolution date/);
  assert.match(await page.locator('#field-target_date-error').innerText(), /date/i);
  assert.equal(await page.locator('#field-title').inputValue(), title);
  assert.equal(await page.locator('#field-target_date').inputValue(), '2026-02-30');
  assert.ok(await page.locator('#field-direction-their_measure').isChecked());
  await screenshot(page, 'irritant-new-refused');

  // The summary's first link leads to the field to fix.
  await summary.getByRole('link').first().click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'field-counterpart');
  await page.locator('#field-counterpart').selectOption('CN');
  await page.locator('#field-target_date').fill('2026-12-31');
  await page.getByRole('button', { name: 'Record the irritant' }).click();
  await page.waitForURL(/\/irritants\/IRR-\d{4}-\d{4}/);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), title);
  assert.match(await page.locator('main').innerText(), /2026-12-31/);
  await screenshot(page, 'irritant');
});

test('an officer changes the status after a meeting and logs progress', async () => {
  const page = await officer.newPage();
  const reference = await recordIrritant(page, `Anti-dumping duty on canola oil ${Date.now()}`);
  await irritantAction(page, 'Change status').click();
  await page.locator('#field-status-resolved_in_part').check();
  await page.locator('#field-effective_date').fill(today);
  await page.locator('#field-note').fill('Duty lifted on oil; meal still covered.');
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.waitForURL(new RegExp(`/irritants/${reference}(\\?|$)`));
  assert.match(await page.locator('.badge.status-resolved_in_part').first().innerText(), /Resolved in part/i);

  await irritantAction(page, 'Add a progress update').click();
  await page.locator('#field-reported_on').fill(today);
  await page.locator('#field-rag-at_risk').check();
  await page.locator('#field-done').fill('Technical talks in Beijing; samples exchanged.');
  await page.locator('#field-next_steps').fill('Second round in January.');
  await page.getByRole('button', { name: 'Add a progress update' }).click();
  await page.waitForURL(new RegExp(`/irritants/${reference}(\\?|#|$)`));
  const main = await page.locator('main').innerText();
  assert.match(main, /Technical talks in Beijing; samples exchanged\./);
  assert.match(main, /Second round in January\./);
  assert.match(await page.locator('.badge.rag-at_risk').first().innerText(), /At risk/i);

  await irritantAction(page, 'History').click();
  assert.match(await page.locator('main').innerText(), /Resolved in part/);
});

test('two tabs edit the same irritant: the second is refused and keeps its input', async () => {
  const first = await officer.newPage();
  const reference = await recordIrritant(first, `Import ban on pork ${Date.now()}`);
  const second = await officer.newPage();
  await first.goto(`/irritants/${reference}/edit`);
  await second.goto(`/irritants/${reference}/edit`);

  await first.locator('#field-title').fill('Import ban on pork — first tab');
  await first.getByRole('button', { name: 'Save changes' }).click();
  await first.waitForURL(new RegExp(`/irritants/${reference}(\\?|$)`));

  await second.locator('#field-title').fill('Import ban on pork — second tab');
  await second.locator('#field-team').fill('Market access, Beijing');
  await second.getByRole('button', { name: 'Save changes' }).click();
  const conflict = second.locator('.conflict');
  await conflict.waitFor();
  assert.match(await conflict.innerText(), /Someone else changed this/);
  assert.equal(await second.locator('#field-title').inputValue(), 'Import ban on pork — second tab');
  assert.equal(await second.locator('#field-team').inputValue(), 'Market access, Beijing');
  await screenshot(second, 'irritant-edit-conflict');

  // Nothing of the second tab was saved.
  await first.goto(`/irritants/${reference}`);
  assert.equal(await first.getByRole('heading', { level: 1 }).innerText(), 'Import ban on pork — first tab');
});

test('an officer imports the leaders\' readout and links its directive to an irritant', async () => {
  const page = await officer.newPage();
  const reference = await recordIrritant(page, `Canola seed duties ${Date.now()}`);
  await page.goto('/sources');
  await page.getByRole('link', { name: 'Import a source document' }).click();
  await page.locator('#field-text').fill(readout);
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('button', { name: 'Save this source' }).click();
  await page.waitForURL(/\/sources\/[^/?]+\?notice=imported/);
  await screenshot(page, 'source');

  const directive = page.locator('li.statement', { hasText: 'move quickly to resolve outstanding trade issues' });
  assert.equal(await directive.locator('.badge.directive').count(), 1, 'the directive is recognised');
  assert.equal(await directive.locator('[lang^="zh"]').count(), 1, 'the Chinese text is marked as Chinese');
  await directive.locator('summary').click();
  await directive.locator('input[name="reference"]').fill(reference);
  await directive.locator('input[name="quote"]').fill('move quickly to resolve outstanding trade issues and irritants');
  await directive.getByRole('button', { name: 'Link' }).click();
  await page.waitForURL(/\/sources\/[^/?#]+\?notice=linked#statement-\d+$/);
  const linked = page.locator('li.statement', { hasText: 'move quickly to resolve outstanding trade issues' });
  assert.equal(await linked.getByRole('link', { name: reference }).count(), 1);

  await page.goto(`/irritants/${reference}`);
  assert.match(await page.locator('main').innerText(), /move quickly to resolve outstanding trade issues/);
});

test('a manager follows a dashboard figure to the list it counts', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, 'manager');
  await screenshot(page, 'dashboard');
  const figure = page.locator('.figure', { hasText: 'open' }).first();
  const count = Number((await figure.locator('a').innerText()).match(/\d+/)[0]);
  assert.ok(count > 0, 'the demonstration data has open irritants');
  await figure.locator('a').click();
  await page.waitForURL(/\/irritants\?/);
  assert.match(pathOf(page), /status=open/);
  assert.equal(await listTotal(page), count, `the list counts the same ${count} irritants`);
  await screenshot(page, 'irritants');
  await context.close();
});

test('an officer makes a progress report, downloads it and freezes it', async () => {
  const page = await officer.newPage();
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
  // Typed and shown as YYYY-MM-DD whatever the browser's locale, not as a locale's date control.
  assert.equal(await page.locator('#field-from').getAttribute('type'), 'text');
  await page.locator('#field-from').fill('2025-10-01');
  await page.locator('#field-to').fill(today);
  await page.getByRole('button', { name: 'Make the report' }).click();
  await page.waitForURL(/\/reports\/progress\?/);
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), new RegExp(`2025-10-01 to ${today}`));
  await screenshot(page, 'report');

  const csvLink = page.getByRole('link', { name: /CSV/ }).first();
  const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\uFEFF'), 'the CSV starts with a byte-order mark for spreadsheet programs');
  assert.ok(csv.split('\n').length > 3, 'the CSV has rows');

  await page.getByRole('button', { name: /Freeze/ }).click();
  // Freezing shows what it will store, and asks.
  await page.locator('h1', { hasText: 'Freeze this report?' }).waitFor();
  await screenshot(page, 'report-issue-confirm');
  await page.getByRole('button', { name: 'Freeze it' }).click();
  await page.waitForURL(/\/reports\/[0-9a-f-]{36}/);
  assert.match(await page.locator('main').innerText(), /Issued/i);
});

test('the list\'s export keeps its filters', async () => {
  const page = await officer.newPage();
  await page.goto('/irritants?counterpart=CN&sort=title');
  const total = await listTotal(page);
  assert.ok(total > 0, 'irritants with China to export');
  const exportLink = page.getByRole('link', { name: /CSV/ }).first();
  const [download] = await Promise.all([page.waitForEvent('download'), exportLink.click()]);
  const [heading, ...rows] = parseCsv(readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, ''));
  assert.equal(rows.length, total, 'every irritant the list selects, not just its first page');
  const counterpart = heading.indexOf('Counterpart');
  assert.ok(counterpart >= 0, heading.join(' | '));
  assert.deepEqual([...new Set(rows.map((row) => row[counterpart]))], ['CN'], 'only those the filter selects');
  const listed = await page.locator('main table.irritants tbody tr td.title').allInnerTexts();
  // The file keeps each title as written, with its language and its English or French
  // rendering; the list shows an English reader the English where there is some.
  const column = (name) => heading.indexOf(name);
  const asRead = (row) =>
    row[column('Language')] === 'French' && row[column('Title in the other official language')]
      ? row[column('Title in the other official language')]
      : row[column('Title')];
  const exported = rows.map(asRead).slice(0, listed.length);
  assert.deepEqual(exported, listed, 'in the list\'s order');
});
