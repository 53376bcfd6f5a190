// Data in: a readout whose address, links and contacts are left out, one of them kept by the
// official; and a tracker kept in a spreadsheet, mapped column by column, checked, and
// imported whole.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { accounts, launch, messages, newContext, screenshot, signIn } from '../support.mjs';

const en = messages('en');

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser.close());

const stamp = Date.now();

/** A readout of our own, with a quick-facts list, links and a media-relations block. */
const readout = `Canada and Peru agree to review pulse inspections ${stamp}

March 3, 2026
Lima, Peru

The Minister of International Trade met Peru's Minister of Foreign Trade in Lima.

The ministers directed their officials to complete the review of pulse inspections by June.

Quick facts

- Peru bought 90,000 tonnes of Canadian lentils last year.

Related links
- [Canada-Peru trade](https://example.gc.ca/peru)

Media Relations
Global Affairs Canada
media@example.gc.ca
`;

test('an official sees what the readout importer left out, and keeps the contacts block as a statement', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page);
  await page.goto('/sources/new');
  await page.locator('#field-text').fill(readout);
  await page.locator('form[action="/sources/preview"] button[type="submit"]').first().click();
  const leftOut = page.locator('section.left-out');
  await leftOut.waitFor();
  assert.deepEqual(await leftOut.locator('p.reason').allInnerTexts(), [
    en('left-out-heading'), en('left-out-links'), en('left-out-contacts'),
  ]);
  await screenshot(page, 'readout-left-out');
  const statements = () => page.locator('ol.statements > li').count();
  assert.equal(await statements(), 3);

  // The contacts block is kept: it becomes the last statement once previewed again.
  await leftOut.getByRole('checkbox').nth(2).check();
  await page.getByRole('button', { name: en('action-preview-again') }).click();
  await page.locator('section.left-out').waitFor();
  assert.equal(await statements(), 4);
  assert.match(await page.locator('ol.statements > li').last().innerText(), /media@example\.gc\.ca/);
  await page.locator('button[formaction="/sources"]').click();
  await page.waitForURL(/\/sources\/[^/?]+\?notice=imported/);
  assert.match(await page.locator('main').innerText(), /Media Relations Global Affairs Canada/);
  await context.close();
});

/** A tracker kept by hand, in columns of its own naming. */
const tracker = `Issue,Country,Lead,Due,Notes
Seasonal tariff on blueberries ${stamp},Japan,${accounts.officer.email},2026-09-30,Raised at the trade committee
Inspection delays for lentils ${stamp},Inde,${accounts.officer.name},"June 1, 2026",Importers report three-week delays
`;

test('an official imports a tracker from a spreadsheet: maps its columns, checks every row, imports all at once', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page);
  await page.goto('/irritants');
  await page.getByRole('link', { name: en('action-import-irritants') }).click();
  await page.locator('#field-file').setInputFiles({
    name: 'tracker.csv', mimeType: 'text/csv', buffer: Buffer.from(tracker),
  });
  await page.getByRole('button', { name: en('action-preview') }).click();
  await page.waitForURL(/\/irritants\/import\/[^/]+$/);
  // Nothing names the title's column yet: said at the top, linked to the columns.
  await page.locator('.error-summary').waitFor();
  await screenshot(page, 'import-unmapped');

  const choose = async (heading, field) =>
    page.getByRole('combobox', { name: heading }).selectOption(field);
  await choose('Issue', 'title');
  await choose('Country', 'counterpart');
  await choose('Lead', 'owner');
  await choose('Due', 'target_date');
  await choose('Notes', 'summary');
  await page.getByRole('button', { name: en('action-check-again') }).click();
  const importButton = page.getByRole('button', { name: 'Import 2 irritants' });
  await importButton.waitFor();
  await screenshot(page, 'import-ready');
  await importButton.click();
  await page.waitForURL((url) => url.pathname === '/irritants/import' && url.searchParams.get('imported') === '2');
  assert.match(await page.locator('.notice').innerText(), /2 irritants were imported/);

  await page.goto(`/irritants?q=${stamp}`);
  const rows = page.locator('main tbody tr');
  assert.equal(await rows.count(), 2, await page.locator('main tbody').innerText());
  const lentils = rows.filter({ hasText: `Inspection delays for lentils ${stamp}` });
  await lentils.locator('a[href^="/irritants/IRR-"]').first().click();
  await page.waitForURL(/\/irritants\/IRR-/);
  assert.match(await page.locator('main').innerText(), /India/);
  await screenshot(page, 'import-imported-irritant');
  await context.close();
});
