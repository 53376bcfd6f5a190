// axe-core's WCAG 2.1 A and AA rules on every page, in English and in French, with a screenshot
// of each; and the main pages at phone width (320 CSS pixels, as at 400 % zoom) without
// sideways scrolling.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { accessibilityViolations, baseURL, launch, newContext, screenshot, signIn } from '../support.mjs';

const today = new Date().toISOString().slice(0, 10);

let browser;
let admin;
let pages;
before(async () => {
  browser = await launch();
  admin = await newContext(browser);
  const page = await admin.newPage();
  await signIn(page, 'admin');

  // Addresses that need something to exist: an irritant, a source, an issued report.
  await page.goto('/irritants?sort=title');
  const irritant = await page.locator('main tbody a[href^="/irritants/IRR-"]').first().getAttribute('href');
  // A source of its own: the English half of the leaders' readout (the journeys import all of it).
  const readout = readFileSync(new URL('../../demo/readout-2025-10-31-canada-china.txt', import.meta.url), 'utf8');
  await page.goto('/sources/new');
  await page.locator('#field-text').fill(readout.slice(readout.indexOf('Prime Minister Carney meets')));
  await page.locator('form[action="/sources/preview"] button[type="submit"]').first().click();
  await page.locator('button[formaction="/sources"]').click();
  await page.waitForURL(/\/sources\/[^/?]+\?notice=imported/);
  const source = new URL(page.url()).pathname;
  await page.goto(`/reports/progress?from=2025-10-01&to=${today}`);
  await page.locator('form[action="/reports/issue"] button[type="submit"]').click();
  await page.waitForURL(/\/reports\/[0-9a-f-]{36}/);
  const issued = new URL(page.url()).pathname;
  await page.close();

  pages = [
    ['dashboard', '/'],
    ['irritants', '/irritants'],
    ['irritants-filtered', '/irritants?attention=true&sort=priority'],
    ['irritants-refused-filter', '/irritants?due_within=soon'],
    ['irritant-new', '/irritants/new'],
    ['irritant', irritant],
    ['irritant-edit', `${irritant}/edit`],
    ['irritant-status', `${irritant}/status`],
    ['irritant-updates', `${irritant}/updates`],
    ['irritant-milestones', `${irritant}/milestones`],
    ['irritant-history', `${irritant}/history`],
    ['sources', '/sources'],
    ['source-new', '/sources/new'],
    ['source', source],
    ['source-edit', `${source}/edit`],
    ['search', '/search?q=canola'],
    ['reports', '/reports'],
    ['report', `/reports/progress?from=2025-10-01&to=${today}`],
    ['report-refused', `/reports/progress?from=${today}&to=2025-10-01`],
    ['report-issued', issued],
    ['account-password', '/account/password'],
    ['account-tokens', '/account/tokens'],
    ['account-calendar', '/account/calendar'],
    ['admin-departments', '/admin/departments'],
    ['admin-users', '/admin/users'],
    ['admin-security', '/admin/security'],
    ['not-found', '/irritants/IRR-1999-9999'],
  ];
});
after(() => browser.close());

/** Scans `path` in `language`, saves its screenshot, and returns what axe found. */
async function scan(context, language, name, path) {
  await context.addCookies([{ name: 'irritrack-language', value: language, url: baseURL }]);
  const page = await context.newPage();
  await page.goto(path);
  assert.equal(await page.locator('html').getAttribute('lang'), language, `${path} is in ${language}`);
  const violations = await accessibilityViolations(page);
  await screenshot(page, `${name}-${language}`);
  await page.close();
  return violations;
}

function describe(found) {
  return found
    .map(({ language, name, violations }) =>
      violations.map((v) => `${name} (${language}): ${v.rule} [${v.impact}] ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n'))
    .join('\n');
}

for (const language of ['en', 'fr']) {
  test(`every signed-in page passes the WCAG 2.1 A and AA rules in ${language}`, async () => {
    const found = [];
    for (const [name, path] of pages) {
      const violations = await scan(admin, language, name, path);
      console.log(`  axe ${language} ${name}: ${violations.length} violation(s)`);
      if (violations.length > 0) found.push({ language, name, violations });
    }
    assert.equal(found.length, 0, describe(found));
  });

  test(`the sign-in page, empty and refused, passes the WCAG 2.1 A and AA rules in ${language}`, async () => {
    const context = await newContext(browser);
    const found = [];
    const empty = await scan(context, language, 'login', '/login');
    console.log(`  axe ${language} login: ${empty.length} violation(s)`);
    if (empty.length) found.push({ language, name: 'login', violations: empty });

    const page = await context.newPage();
    await page.goto('/login');
    await page.locator('#field-email').fill('nobody@example.gc.ca');
    await page.locator('#field-password').fill('not the password at all');
    await page.locator('form[action="/login"] button[type="submit"]').click();
    await page.locator('.error-summary').waitFor();
    const refused = await accessibilityViolations(page);
    await screenshot(page, `login-refused-${language}`);
    console.log(`  axe ${language} login-refused: ${refused.length} violation(s)`);
    if (refused.length) found.push({ language, name: 'login-refused', violations: refused });
    await context.close();
    assert.equal(found.length, 0, describe(found));
  });

  test(`a refused irritant form passes the WCAG 2.1 A and AA rules in ${language}`, async () => {
    const page = await admin.newPage();
    await page.goto('/irritants/new');
    await page.locator('form[action="/irritants"] button[type="submit"]').click();
    await page.locator('.error-summary').waitFor();
    const violations = await accessibilityViolations(page);
    console.log(`  axe ${language} irritant-new-refused: ${violations.length} violation(s)`);
    await page.close();
    assert.equal(violations.length, 0, describe([{ language, name: 'irritant-new-refused', violations }]));
  });
}

test('the main pages reflow at 320 CSS pixels wide, as at 400 % zoom, without sideways scrolling', async () => {
  const context = await newContext(browser, { viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  await signIn(page, 'admin');
  const overflowing = [];
  for (const [name, path] of pages) {
    await page.goto(path);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    if (scrollWidth > clientWidth) overflowing.push(`${name} (${scrollWidth} px)`);
    if (['dashboard', 'irritants', 'irritant', 'report'].includes(name)) await screenshot(page, `${name}-phone`);
  }
  await context.close();
  assert.deepEqual(overflowing, [], `these pages scroll sideways: ${overflowing.join(', ')}`);
});
