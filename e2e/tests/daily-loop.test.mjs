// The everyday moves in few steps, counted: a step is a page load the person causes (a link
// followed or a form submitted).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { accounts, baseURL, countSteps, launch, newContext, screenshot, signIn } from '../support.mjs';

let browser;
let manager;
before(async () => {
  browser = await launch();
  manager = await newContext(browser, { viewport: { width: 1366, height: 900 } });
  await signIn(await manager.newPage(), 'manager');
});
after(() => browser.close());

test('a manager assigns 20 irritants to one owner in at most 4 steps, and reads what changed', async () => {
  const page = await manager.newPage();
  const steps = countSteps(page);
  await page.goto('/irritants?sort=title');
  const boxes = page.locator('input[name=pick]');
  assert.ok((await boxes.count()) >= 20, 'a page holds 20 irritants');
  for (let n = 0; n < 20; n += 1) await boxes.nth(n).check();
  await page.locator('#field-action').selectOption('owner');
  await page.locator('form#bulk button[type="submit"]').click();

  await page.locator('#field-owner').selectOption({ label: accounts.officer.name });
  await screenshot(page, 'bulk-values');
  await page.locator('main form button[type="submit"]').click();

  const apply = page.locator('form[action="/irritants/bulk/apply"]');
  await apply.waitFor();
  assert.equal(await page.locator('input[name=item]').count(), 20, 'the review carries each irritant at its version');
  await screenshot(page, 'bulk-review');
  await apply.locator('button[type="submit"]').click();
  await page.waitForURL(/\/irritants\/bulk\/[0-9a-f-]{36}$/);
  await screenshot(page, 'bulk-result');

  assert.ok(steps.count <= 4, `${steps.count} steps`);
  const tally = await page.locator('[role=status]').innerText();
  const [changed, already, refused] = tally.match(/\d+/g).map(Number);
  assert.equal(changed + already, 20, tally);
  assert.equal(refused, 0, tally);
  assert.equal(await page.locator('tbody tr').count(), 20);

  // Each irritant's own page names its new owner.
  await page.locator('tbody a').first().click();
  assert.match(await page.locator('main').innerText(), new RegExp(accounts.officer.name));
});

/** A short readout of this suite's own writing, with one directive. */
const pulsesReadout = `Minister of International Trade meets counterpart on pulses

March 3, 2026
Ottawa, Ontario

Today, the Minister of International Trade met the visiting Vice-Minister of Commerce to review agricultural trade between the two countries.

The ministers directed their officials to settle the fumigation requirement on dried peas and lentils before the harvest. They also discussed a working group on plant health.

The Minister welcomed the visit and looked forward to the next meeting.`;

test('an officer records an irritant for a directive just imported in at most 3 steps', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, 'officer');
  await page.goto('/sources/new');
  await page.locator('#field-text').fill(pulsesReadout.replace('March 3', `March ${1 + (Date.now() % 27)}`));
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('button', { name: 'Save this source' }).click();
  await page.waitForURL(/\/sources\/[^/?]+\?notice=imported/);

  const steps = countSteps(page);
  const directive = page.locator('li.statement', { hasText: 'settle the fumigation requirement' });
  await directive.getByRole('link', { name: 'Record an irritant for this directive' }).click();
  await page.locator('fieldset.recorded-for').waitFor();
  const title = `Fumigation of dried peas ${Date.now()}`;
  await page.locator('#field-title').fill(title);
  await page.locator('#field-counterpart').selectOption('CN');
  await page.locator('#field-sector').selectOption('agri-food');
  await page.locator('#field-measure_type').selectOption('sps_tbt_restriction');
  await page.locator('#field-priority').selectOption('high');
  await page.locator('#field-mandate_quote').selectOption({ index: 1 });
  await screenshot(page, 'record-for-directive');
  await page.locator('form[action="/irritants"] button[type="submit"]').click();
  await page.waitForURL(/\/irritants\/IRR-\d{4}-\d{4}\?notice=created/);

  assert.ok(steps.count <= 3, `${steps.count} steps`);
  const mandates = await page.locator('section.mandates').innerText();
  assert.match(mandates, /settle the fumigation requirement/);
  await context.close();
});

test('an officer links an existing irritant to a directive from its page in at most 3 steps', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, 'officer');
  await page.goto('/irritants?sort=title');
  const irritant = await page.locator('main tbody a[href^="/irritants/IRR-"]').nth(5).getAttribute('href');

  const steps = countSteps(page);
  await page.goto(irritant);
  await page.locator('#field-directive-q').fill('fumigation lentils');
  await page.getByRole('button', { name: 'Find statements' }).click();
  const hit = page.locator('ol.search-hits > li', { hasText: 'settle the fumigation requirement' }).first();
  await hit.locator('select[name=quote]').selectOption({ index: 1 });
  await screenshot(page, 'link-directive-search');
  await hit.getByRole('button', { name: 'Link this statement' }).click();
  await page.waitForURL(/notice=directive-linked/);

  assert.ok(steps.count <= 3, `${steps.count} steps`);
  assert.match(await page.locator('section.mandates').innerText(), /settle the fumigation requirement/);
  await screenshot(page, 'irritant-linked-to-directive');
  await context.close();
});

test('the register fits a 1366-pixel window in English and French; on a phone its results come first', async () => {
  for (const language of ['en', 'fr']) {
    const context = await newContext(browser, { viewport: { width: 1366, height: 900 } });
    await context.addCookies([{ name: 'irritrack-language', value: language, url: baseURL }]);
    const page = await context.newPage();
    await signIn(page, 'officer');
    await page.goto('/irritants?sort=title');
    const [scrollWidth, clientWidth] = await page.locator('.list-results .table-scroll').evaluate((el) => [el.scrollWidth, el.clientWidth]);
    assert.ok(scrollWidth <= clientWidth, `${language}: the table scrolls sideways (${scrollWidth} > ${clientWidth})`);
    const target = await page.locator('table.irritants thead th').last().boundingBox();
    assert.ok(target.x + target.width <= 1366, `${language}: the target date is cut off`);
    await screenshot(page, `register-1366-${language}`);
    await context.close();
  }
  const phone = await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true });
  const page = await phone.newPage();
  await signIn(page, 'officer');
  await page.goto('/irritants?sort=title');
  const first = await page.locator('table.irritants tbody tr').first().boundingBox();
  assert.ok(first.y < 844 * 2, `the first result is ${first.y}px down`);
  await screenshot(page, 'register-phone');
  await phone.close();
});

test('a manager reassigns an irritant with a handover note in at most 2 steps', async () => {
  const page = await manager.newPage();
  await page.goto('/irritants?sort=title&owner=none');
  const irritant = await page.locator('main tbody a[href^="/irritants/IRR-"]').first().getAttribute('href');

  const steps = countSteps(page);
  await page.goto(irritant);
  await page.locator('details.reassign summary').click();
  await page.locator('#field-reassign-owner').selectOption({ label: accounts.officer.name });
  await page.locator('#field-reassign-handover').fill('The attaché expects a call before Friday.');
  await screenshot(page, 'reassign');
  await page.getByRole('button', { name: 'Hand over' }).click();
  await page.waitForURL(/notice=reassigned/);

  assert.ok(steps.count <= 2, `${steps.count} steps`);
  assert.match(await page.locator('main').innerText(), new RegExp(accounts.officer.name));
  assert.match(await page.locator('li.comment').last().innerText(), /attaché expects a call/);
});
