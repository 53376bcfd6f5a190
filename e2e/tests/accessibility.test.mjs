// axe-core's WCAG 2.1 A and AA rules on every page, in English and in French, under the
// application's own Content Security Policy, with a screenshot of each: the pages reached by an
// address, the pages a form answers with (refused, previewed, in conflict), and those of people
// refused or not signed in. Then the main pages at phone width (320 CSS pixels, as at 400 %
// zoom) without sideways scrolling.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { accessibilityViolations, baseURL, launch, newContext, screenshot, signIn, today } from '../support.mjs';

const readout = readFileSync(new URL('../../demo/readout-2025-10-31-canada-china.txt', import.meta.url), 'utf8');
/** The English half of the leaders' readout: a source of this file's own (the journeys import all of it). */
const englishReadout = readout.slice(readout.indexOf('Prime Minister Carney meets'));

let browser;
let admin;
let officer;
let pages;
let irritant;
before(async () => {
  browser = await launch();
  admin = await newContext(browser);
  officer = await newContext(browser);
  const page = await admin.newPage();
  await signIn(page, 'admin');
  await signIn(await officer.newPage(), 'officer');

  // Addresses that need something to exist: an irritant, a source, an issued report, an account.
  await page.goto('/irritants?sort=title');
  irritant = await page.locator('main tbody a[href^="/irritants/IRR-"]').first().getAttribute('href');
  await page.goto('/sources/new');
  await page.locator('#field-text').fill(englishReadout);
  await page.locator('form[action="/sources/preview"] button[type="submit"]').first().click();
  await page.locator('button[formaction="/sources"]').click();
  await page.waitForURL(/\/sources\/[^/?]+\?notice=imported/);
  const source = new URL(page.url()).pathname;
  await page.goto(`/reports/progress?from=2025-10-01&to=${today}`);
  await page.locator('form[action="/reports/issue"] button[type="submit"]').click();
  await page.locator('input[name="confirmed"]').waitFor({ state: 'attached' });
  await page.locator('form[action="/reports/issue"] button[type="submit"]').click();
  await page.waitForURL(/\/reports\/[0-9a-f-]{36}/);
  const issued = new URL(page.url()).pathname;
  await page.goto('/irritants?counterpart=CN&columns=sector');
  await page.locator('.save-view details summary').click();
  await page.locator('.save-view #field-name').fill(`China for the scan ${Date.now()}`);
  await page.locator('.save-view #field-shared').check();
  await page.getByRole('button', { name: 'Save the view' }).click();
  await page.waitForURL(/\/views\/[0-9a-f-]{36}/);
  const view = new URL(page.url()).pathname;
  await page.goto('/admin/users');
  const account = await page.locator('main a[href^="/admin/users/"]').first().getAttribute('href');
  await page.close();

  pages = [
    ['dashboard', '/'],
    ['changes', '/changes'],
    ['changes-status', '/changes?kind=status'],
    ['irritant-directives', `${irritant}/directives?q=officials`],
    ['irritants', '/irritants'],
    ['views', '/views'],
    ['view', view],
    ['irritants-filtered', '/irritants?attention=true&sort=priority'],
    ['irritants-refused-filter', '/irritants?due_within=soon'],
    ['irritant-new', '/irritants/new'],
    ['irritants-import', '/irritants/import'],
    ['irritant', irritant],
    ['irritant-edit', `${irritant}/edit`],
    ['irritant-status', `${irritant}/status`],
    ['irritant-updates', `${irritant}/updates`],
    ['irritant-milestones', `${irritant}/milestones`],
    ['irritant-history', `${irritant}/history`],
    ['irritant-brief', `${irritant}/brief`],
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
    ['notifications', '/notifications'],
    ['account-notifications', '/account/notifications'],
    ['admin-notifications', '/admin/notifications'],
    ['admin-departments', '/admin/departments'],
    ['admin-users', '/admin/users'],
    ['admin-user', account],
    ['admin-security', '/admin/security'],
    ['not-found', '/irritants/IRR-1999-9999'],
  ];
});
after(() => browser.close());

/**
 * Opens a page in `language` (by `path`, or by the steps `reach` takes on a blank page), scans
 * it, saves its screenshot and returns what axe found.
 */
async function scan(context, language, name, reach) {
  await context.addCookies([{ name: 'irritrack-language', value: language, url: baseURL }]);
  const page = await context.newPage();
  if (typeof reach === 'string') await page.goto(reach);
  else await reach(page);
  assert.equal(await page.locator('html').getAttribute('lang'), language, `${name} is in ${language}`);
  const violations = await accessibilityViolations(page);
  await screenshot(page, `${name}-${language}`);
  await page.close();
  console.log(`  axe ${language} ${name}: ${violations.length} violation(s)`);
  return violations.length ? [{ language, name, violations }] : [];
}

function describe(found) {
  return found
    .map(({ language, name, violations }) =>
      violations.map((v) => `${name} (${language}): ${v.rule} [${v.impact}] ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n'))
    .join('\n');
}

/** Pages that answer a form: refused, previewed, or in conflict with someone else's change. */
const formAnswers = {
  'irritant-new-refused': async (page) => {
    await page.goto('/irritants/new');
    await page.locator('form[action="/irritants"] button[type="submit"]').click();
    await page.locator('.error-summary').waitFor();
  },
  'irritant-status-refused': async (page) => {
    await page.goto(`${irritant}/status`);
    await page.locator('#field-effective_date').fill('not a date');
    await page.locator(`form[action="${irritant}/status"] button[type="submit"]`).click();
    await page.locator('.error-summary').waitFor();
  },
  'irritant-edit-conflict': async (page) => {
    await page.goto(`${irritant}/edit`);
    const other = await page.context().newPage();
    await other.goto(`${irritant}/edit`);
    await other.locator('#field-team').fill(`Team ${Date.now()}`);
    await other.locator(`form[action="${irritant}/edit"] button[type="submit"]`).click();
    await other.waitForURL((url) => url.pathname === irritant);
    await other.close();
    await page.locator('#field-team').fill('Another team');
    await page.locator(`form[action="${irritant}/edit"] button[type="submit"]`).click();
    await page.locator('.conflict').waitFor();
  },
  'bulk-values': async (page) => {
    await page.goto('/irritants?sort=title');
    await page.locator('input[name=pick]').nth(0).check();
    await page.locator('input[name=pick]').nth(1).check();
    await page.locator('#field-action').selectOption('priority');
    await page.locator('form#bulk button[type="submit"]').click();
    await page.locator('#field-priority').waitFor();
  },
  'bulk-review': async (page) => {
    await formAnswers['bulk-values'](page);
    // A priority each language's run has not set yet, so that there is something to apply.
    const language = await page.locator('html').getAttribute('lang');
    await page.locator('#field-priority').selectOption(language === 'fr' ? 'low' : 'high');
    await page.locator('main form button[type="submit"]').click();
    await page.locator('form[action="/irritants/bulk/apply"]').waitFor();
  },
  'bulk-result': async (page) => {
    await formAnswers['bulk-review'](page);
    await page.locator('form[action="/irritants/bulk/apply"] button[type="submit"]').click();
    await page.waitForURL(/\/irritants\/bulk\/[0-9a-f-]{36}/);
  },
  'import-preview-unmapped': async (page) => {
    await uploadTracker(page);
    await page.locator('.error-summary').waitFor();
  },
  'import-preview-problems': async (page) => {
    await uploadTracker(page);
    await page.getByRole('combobox', { name: 'Issue' }).selectOption('title');
    await page.getByRole('combobox', { name: 'Country' }).selectOption('counterpart');
    await page.locator('main form button[type="submit"]').first().click();
    await page.locator('ul.import-problems').waitFor();
  },
  'source-preview': async (page) => {
    await page.goto('/sources/new');
    await page.locator('#field-text').fill(readout);
    await page.locator('form[action="/sources/preview"] button[type="submit"]').first().click();
    await page.locator('button[formaction="/sources"]').waitFor();
  },
};

/** Uploads a small tracker with a row in error, for its preview. */
async function uploadTracker(page) {
  await page.goto('/irritants/import');
  // A heading of its own each time, so that no mapping chosen before is remembered for it.
  const csv = `Issue,Country,Due,Seen ${Date.now()}\nTariff on pork,Japan,2026-09-30,\nBan on beef,Atlantis,soon,\n`;
  await page.locator('#field-file').setInputFiles({ name: 'tracker.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.locator('form[action="/irritants/import"] button[type="submit"]').click();
  await page.waitForURL(/\/irritants\/import\/[^/]+$/);
}

for (const language of ['en', 'fr']) {
  test(`every signed-in page passes the WCAG 2.1 A and AA rules in ${language}`, async () => {
    const found = [];
    for (const [name, path] of pages) found.push(...(await scan(admin, language, name, path)));
    assert.equal(found.length, 0, describe(found));
    assert.deepEqual(admin.cspViolations, [], 'nothing the pages hold is refused by their policy');
  });

  test(`pages that answer a form pass the WCAG 2.1 A and AA rules in ${language}`, async () => {
    const found = [];
    for (const [name, reach] of Object.entries(formAnswers)) found.push(...(await scan(admin, language, name, reach)));
    assert.equal(found.length, 0, describe(found));
    assert.deepEqual(admin.cspViolations, []);
  });

  test(`pages for the refused and the signed-out pass the WCAG 2.1 A and AA rules in ${language}`, async () => {
    const signedOut = await newContext(browser);
    const found = [
      ...(await scan(officer, language, 'forbidden', '/admin/users')),
      ...(await scan(signedOut, language, 'login', '/login')),
      ...(await scan(signedOut, language, 'bad-request', '/language?to=xx')),
      ...(await scan(signedOut, language, 'login-refused', async (page) => {
        await page.goto('/login');
        await page.locator('#field-email').fill('nobody@example.gc.ca');
        await page.locator('#field-password').fill('not the password at all');
        await page.locator('form[action="/login"] button[type="submit"]').click();
        await page.locator('.error-summary').waitFor();
      })),
    ];
    assert.equal(found.length, 0, describe(found));
    assert.deepEqual([...officer.cspViolations, ...signedOut.cspViolations], []);
    await signedOut.close();
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
