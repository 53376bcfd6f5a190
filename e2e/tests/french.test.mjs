// Both official languages: the first visit follows the browser, the toggle keeps the page and
// is remembered, and a whole journey works in French.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launch, messages, newContext, pathOf, screenshot, signIn } from '../support.mjs';

const fr = messages('fr');
const en = messages('en');

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser.close());

test('a browser that prefers French is answered in French on the first visit', async () => {
  const context = await newContext(browser, { locale: 'fr-CA' });
  const page = await context.newPage();
  await page.goto('/login');
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), fr('sign-in-title'));
  const toggle = page.locator('a.language-toggle');
  assert.equal(await toggle.innerText(), 'English');
  assert.equal(await toggle.getAttribute('lang'), 'en');
  await screenshot(page, 'login-fr');
  await context.close();
});

test('the toggle keeps the page and its filters, and the choice is remembered', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page);
  await page.goto('/irritants?counterpart=CN&sort=title');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.locator('a.language-toggle').click();
  await page.locator('html[lang="fr"]').waitFor({ state: 'attached' });
  assert.equal(pathOf(page), '/irritants?counterpart=CN&sort=title');
  assert.equal(await page.locator('#field-counterpart').inputValue(), 'CN');

  // Remembered: the next page, reached by a link, is in French too.
  await page.getByRole('navigation', { name: fr('nav-label') }).getByRole('link', { name: fr('nav-reports') }).click();
  await page.waitForURL((url) => url.pathname === '/reports');
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), fr('reports-title'));

  await page.locator('a.language-toggle').click();
  await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
  assert.equal(pathOf(page), '/reports');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), en('reports-title'));
  await context.close();
});

test('an officer switches to French and records an irritant in French with its English title, a refused date explained in French', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.locator('a.language-toggle').click();
  await page.locator('html[lang="fr"]').waitFor({ state: 'attached' });
  await screenshot(page, 'dashboard-fr');
  await page.getByRole('navigation', { name: fr('nav-label') }).getByRole('link', { name: fr('nav-new-irritant') }).click();
  const title = `Droits sur le homard vivant ${Date.now()}`;
  // Written in French, the page's language, unless the officer says otherwise.
  assert.ok(await page.locator('#field-language-fr').isChecked(), 'French is chosen');
  await page.locator('#field-title').fill(title);
  const english = `Duties on live lobster ${Date.now()}`;
  await page.locator('#field-title_translation').fill(english);
  await page.locator('#field-counterpart').selectOption('CN');
  assert.match(await page.locator('#field-counterpart option[value="CN"]').innerText(), /^Chine/);
  await page.locator('#field-direction-their_measure').check();
  await page.locator('#field-sector').selectOption('fisheries');
  await page.locator('#field-measure_type').selectOption('tariff');
  await page.locator('#field-priority').selectOption('high');
  await page.locator('#field-action_holder').selectOption('us');
  await page.locator('#field-target_date').fill('31/12/2026');
  await page.getByRole('button', { name: fr('action-create') }).click();

  await page.locator('.error-summary').waitFor();
  assert.equal(await page.locator('#error-summary-title').innerText(), fr('form-error-summary'));
  const error = await page.locator('#field-target_date-error').innerText();
  const expected = fr('error-invalid-date').replace('{ $value }', '31/12/2026');
  assert.equal(error.replace(/\s+/g, ' '), `${fr('form-error-prefix')} ${expected}`.replace(/\s+/g, ' '));
  assert.equal(await page.locator('#field-title').inputValue(), title);
  await screenshot(page, 'irritant-new-refused-fr');

  await page.locator('#field-target_date').fill('2026-12-31');
  await page.getByRole('button', { name: fr('action-create') }).click();
  await page.waitForURL(/\/irritants\/IRR-\d{4}-\d{4}/);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), title);
  const main = await page.locator('main').innerText();
  assert.match(main, /2026-12-31/);
  assert.ok(main.includes(fr('status-open')), 'the status is named in French');
  await screenshot(page, 'irritant-fr');
  // In English, the same irritant under its English title; the French one is a click away.
  await page.locator('a.language-toggle').click();
  await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), english);
  await page.locator('details.other-language summary').click();
  assert.equal(await page.locator('details.other-language p[lang="fr"]').innerText(), title);
  await screenshot(page, 'irritant-in-both-languages');
  await context.close();
});
