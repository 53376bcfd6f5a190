// Saved views, columns, and the everyday frictions removed: a likely duplicate shown before
// recording, an irritant to link found by words, typing kept across a switch of language.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { countSteps, launch, messages, newContext, screenshot, signIn } from '../support.mjs';

const fr = messages('fr');
let browser;
before(async () => {
  browser = await launch();
});
after(() => browser.close());

test('a manager keeps a list with its columns as a shared view, and an officer follows it', async () => {
  const managerContext = await newContext(browser, { viewport: { width: 1366, height: 900 } });
  const page = await managerContext.newPage();
  await signIn(page, 'manager');
  await page.goto('/irritants?sort=title');
  await page.locator('#field-counterpart').fill('China');
  await page.locator('details.column-choice summary').click();
  await page.locator('#column-sector').check();
  await page.locator('#column-lead_department').uncheck();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const headers = await page.locator('table.irritants thead th').allInnerTexts();
  assert.ok(headers.includes('Sector') && !headers.includes('Lead department'), headers.join(' | '));

  const name = `China by sector ${Date.now()}`;
  await page.locator('.save-view details summary').click();
  await page.locator('.save-view #field-name').fill(name);
  await page.locator('.save-view #field-shared').check();
  await page.getByRole('button', { name: 'Save the view' }).click();
  await page.waitForURL(/\/views\/[0-9a-f-]{36}\?notice=saved/);
  const address = new URL(page.url()).pathname;
  assert.equal(await page.locator('h1').innerText(), name);
  assert.ok((await page.locator('table.irritants thead th').allInnerTexts()).includes('Sector'));
  await screenshot(page, 'saved-view');
  await page.locator('.nav-views summary').click();
  assert.ok((await page.locator('.nav-views ul').innerText()).includes(name), 'in the navigation');
  await screenshot(page, 'saved-view-navigation');

  const officerContext = await newContext(browser);
  const officer = await officerContext.newPage();
  await signIn(officer, 'officer');
  const steps = countSteps(officer);
  await officer.locator('.nav-views summary').click();
  await officer.getByRole('link', { name: 'All views…' }).click();
  await officer.getByRole('link', { name }).click();
  await officer.locator('#field-delivery').selectOption('immediate');
  await officer.getByRole('button', { name: 'Follow this view' }).click();
  await officer.waitForURL(`${address}?notice=following`);
  assert.ok(steps.count <= 3, `${steps.count} steps to follow a shared view`);
  assert.match(await officer.locator('.view-bar').innerText(), /You follow this view: By e-mail at once/);
  await screenshot(officer, 'saved-view-followed');
  await officer.locator('.nav-views summary').click();
  assert.ok((await officer.locator('.nav-views ul').innerText()).includes(name), 'followed views are in the navigation');
  await officerContext.close();
  await managerContext.close();
});

test('recording a likely duplicate shows it first, and one more step records it', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, 'officer');
  await page.goto('/irritants?counterpart=CN&sort=title');
  const existing = (await page.locator('table.irritants tbody td.title').first().innerText()).trim();
  await page.goto('/irritants/new');
  await page.locator('#field-title').fill(`${existing} again`);
  await page.locator('#field-counterpart').selectOption('CN');
  await page.locator('#field-sector').selectOption('agri-food');
  await page.locator('#field-measure_type').selectOption('tariff');
  await page.locator('#field-priority').selectOption('medium');
  await page.locator('form[action="/irritants"] button[type="submit"]').click();
  const warning = page.locator('section.duplicates');
  await warning.waitFor();
  assert.match(await warning.innerText(), new RegExp(existing.replace(/[()]/g, '.')));
  assert.equal(await page.locator('#field-title').inputValue(), `${existing} again`);
  await screenshot(page, 'irritant-new-duplicates');
  await warning.getByRole('button', { name: 'It is a different irritant: record it' }).click();
  await page.waitForURL(/\/irritants\/IRR-\d{4}-\d{4}\?notice=created/);
  await context.close();
});

test('another irritant is linked by words of its title, chosen from the matches, in 3 steps', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, 'officer');
  await page.goto('/irritants?sort=title');
  const rows = page.locator('table.irritants tbody tr');
  const irritant = await rows.nth(0).locator('a').first().getAttribute('href');
  const other = (await rows.nth(1).locator('td.title').innerText()).trim();
  const otherReference = (await rows.nth(1).locator('a').first().innerText()).trim();

  const steps = countSteps(page);
  await page.goto(irritant);
  await page.locator('details.link-irritant summary').click();
  await page.locator('#field-linked').fill(other.split(' ').slice(0, 3).join(' '));
  await page.locator('details.link-irritant').getByRole('button', { name: 'Link', exact: true }).click();
  const choices = page.locator('section.link-candidates');
  await choices.waitFor();
  await screenshot(page, 'link-irritant-choices');
  await choices.getByRole('button', { name: `Link ${otherReference}` }).click();
  await page.waitForURL(/notice=linked/);
  assert.ok(steps.count <= 3, `${steps.count} steps`);
  assert.match(await page.locator('ul.links').innerText(), new RegExp(otherReference));
  await context.close();
});

test('switching language keeps what was typed in a form', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, 'officer');
  await page.goto('/irritants/new');
  await page.locator('#field-title').fill('Quota on frozen blueberries');
  await page.locator('#field-summary').fill('Announced after the ministers met.');
  await page.locator('#field-counterpart').selectOption('CN');
  await page.locator('#field-direction-our_measure').check();
  await page.locator('a.language-toggle').click();
  await page.locator('html[lang="fr"]').waitFor({ state: 'attached' });
  assert.equal(await page.locator('h1').innerText(), fr('new-title'));
  assert.equal(await page.locator('#field-title').inputValue(), 'Quota on frozen blueberries');
  assert.equal(await page.locator('#field-summary').inputValue(), 'Announced after the ministers met.');
  assert.equal(await page.locator('#field-counterpart').inputValue(), 'CN');
  assert.ok(await page.locator('#field-direction-our_measure').isChecked());
  await screenshot(page, 'language-switch-keeps-typing');

  // A refused form is shown at the address it was sent to; the toggle goes back to the form's
  // own page, and the typing goes with it.
  await page.locator('form[action="/irritants"] button[type=submit]').last().click();
  await page.locator('.error-summary').waitFor();
  await page.locator('#field-team').fill('Market access team');
  await page.locator('a.language-toggle').click();
  await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
  assert.equal(new URL(page.url()).pathname, '/irritants/new');
  assert.equal(await page.locator('#field-title').inputValue(), 'Quota on frozen blueberries');
  assert.equal(await page.locator('#field-team').inputValue(), 'Market access team');
  assert.deepEqual(context.cspViolations, [], 'the script runs under the page policy');
  await context.close();
});
