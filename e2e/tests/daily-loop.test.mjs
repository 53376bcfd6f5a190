// The everyday moves in few steps, counted: a step is a page load the person causes (a link
// followed or a form submitted).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { accounts, countSteps, launch, newContext, screenshot, signIn } from '../support.mjs';

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
