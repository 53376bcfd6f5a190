// Being told: watching an irritant, a comment that mentions someone, the notification centre
// with its count in every page's header, and the settings of what reaches whom.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launch, newContext, pathOf, screenshot, signIn } from '../support.mjs';

let browser;
let officer;
let manager;
let irritant;
before(async () => {
  browser = await launch();
  officer = await newContext(browser);
  manager = await newContext(browser);
  const page = await manager.newPage();
  await signIn(page, 'manager');
  await signIn(await officer.newPage(), 'officer');
  // One without an owner, which no one has been made to watch.
  await page.goto('/irritants?sort=title&owner=none');
  irritant = await page.locator('main tbody a[href^="/irritants/IRR-"]').nth(3).getAttribute('href');
  await page.close();
});
after(() => browser.close());

/** The unread count in the header, 0 when there is none. */
async function unreadCount(page) {
  const badge = page.locator('.notifications-link .unread-count');
  return (await badge.count()) === 0 ? 0 : Number(await badge.innerText());
}

test('an officer watches an irritant, is mentioned in a comment, follows the notice and reads it', async () => {
  const mine = await officer.newPage();
  await mine.goto(irritant);
  await mine.getByRole('button', { name: 'Watch this irritant' }).click();
  await mine.waitForURL(/notice=watching/);
  assert.ok((await mine.locator('ul.watchers li').allInnerTexts()).includes('Élise Tremblay'));
  const before = await unreadCount(mine);

  const theirs = await manager.newPage();
  await theirs.goto(irritant);
  const comment = theirs.locator('#field-body');
  await comment.fill('Ask @Nobody about the quota');
  await theirs.getByRole('button', { name: 'Add comment' }).click();
  await theirs.locator('#field-body-error').waitFor();
  assert.match(await theirs.locator('#field-body-error').innerText(), /@Nobody/);
  assert.equal(await theirs.locator('#field-body').inputValue(), 'Ask @Nobody about the quota', 'the text is kept');
  await screenshot(theirs, 'comment-refused');

  await theirs.locator('#field-body').fill('@Élise can you call the attaché before Friday?');
  await theirs.getByRole('button', { name: 'Add comment' }).click();
  await theirs.waitForURL(/notice=commented/);
  const added = theirs.locator('li.comment').last();
  assert.equal(await added.locator('a.mention').innerText(), '@Élise');
  await screenshot(theirs, 'irritant-with-comments');

  await mine.goto('/');
  assert.equal(await unreadCount(mine), before + 1, 'the header counts the mention');
  await mine.locator('.notifications-link').click();
  assert.equal(pathOf(mine), '/notifications');
  const notice = mine.locator('ol.notifications li.unread').first();
  assert.match(await notice.innerText(), /Marc Gagnon mentioned you/);
  await screenshot(mine, 'notifications');
  await notice.locator('a').first().click();
  await mine.waitForURL(/#comment-/);
  assert.equal(mine.url().split('#')[0], new URL(irritant, mine.url()).href, 'the exact place');

  await mine.goto('/notifications');
  await mine.getByRole('button', { name: 'Mark all as read' }).click();
  await mine.waitForURL(/notice=read/);
  assert.equal(await unreadCount(mine), 0);
  assert.equal(await mine.locator('ol.notifications li.unread').count(), 0);
});

test('an officer chooses how each kind of notification reaches them, a refused time kept and explained', async () => {
  const page = await officer.newPage();
  await page.goto('/account/notifications');
  await page.locator('#delivery-status_changed').selectOption('off');
  await page.locator('#field-digest_time').fill('7 am');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.locator('#field-digest_time-error').waitFor();
  assert.match(await page.locator('#field-digest_time-error').innerText(), /HH:MM/);
  assert.equal(await page.locator('#delivery-status_changed').inputValue(), 'off', 'the choice is kept');
  assert.equal(await page.locator('#field-digest_time').inputValue(), '7 am', 'what was typed is kept');
  await screenshot(page, 'notification-settings-refused');

  await page.locator('#field-digest_time').fill('17:30');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.waitForURL(/notice=saved/);
  assert.equal(await page.locator('#delivery-status_changed').inputValue(), 'off');
  assert.equal(await page.locator('#field-digest_time').inputValue(), '17:30');
  await page.locator('#delivery-status_changed').selectOption('digest');
  await page.locator('#field-digest_time').fill('07:00');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.waitForURL(/notice=saved/);
});
