// A journey with the keyboard alone: no mouse, no click. Every element that takes the focus on
// the way must show it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { accounts, launch, newContext, screenshot, today } from '../support.mjs';

const password = process.env.E2E_PASSWORD;

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser.close());

/** What has the focus: its tag, id, text and whether a focus indicator is drawn around it. */
function focused(page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const shadowed = style.boxShadow !== 'none';
    return {
      tag: element.tagName.toLowerCase(),
      id: element.id,
      type: element.getAttribute('type') ?? '',
      text: (element.innerText || element.value || '').trim(),
      href: element.getAttribute('href') ?? '',
      visible: outlined || shadowed,
    };
  });
}

/** Presses Tab until `wanted` holds for the focused element, checking each stop shows focus. */
async function tabTo(page, wanted, description) {
  for (let presses = 0; presses < 120; presses += 1) {
    await page.keyboard.press('Tab');
    const element = await focused(page);
    if (element.tag !== 'body') {
      assert.ok(element.visible, `the focus on ${element.tag}#${element.id} "${element.text.slice(0, 40)}" is not visible`);
    }
    if (wanted(element)) return element;
  }
  assert.fail(`Tab never reached ${description}`);
}

test('an officer signs in, finds an irritant and logs progress with the keyboard alone', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto('/login');

  // The first stop is the skip link, and it leads into the page's main content.
  const skip = await tabTo(page, () => true, 'anything');
  assert.equal(skip.href, '#main');
  await page.keyboard.press('Enter');
  assert.equal((await focused(page)).id, 'main');

  await tabTo(page, (e) => e.id === 'field-email', 'the e-mail field');
  await page.keyboard.type(accounts.officer.email);
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).id, 'field-password');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/');

  await tabTo(page, (e) => e.href === '/irritants', 'the list of irritants');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/irritants');
  const first = await tabTo(page, (e) => /^\/irritants\/IRR-/.test(e.href), 'the first irritant');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === first.href);

  await tabTo(page, (e) => e.href.endsWith('/updates'), 'the progress update link');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname.endsWith('/updates'));
  await tabTo(page, (e) => e.id === 'field-reported_on', 'the date of the update');
  await page.keyboard.type(today);
  await tabTo(page, (e) => e.id.startsWith('field-rag-'), 'the RAG choices');
  await page.keyboard.press('Space');
  const rag = (await focused(page)).id;
  await tabTo(page, (e) => e.id === 'field-done', 'what was done');
  await page.keyboard.type('Called the embassy; the file is with the minister.');
  await tabTo(page, (e) => e.tag === 'button' && e.type === 'submit', 'the submit button');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === first.href);
  assert.match(await page.locator('main').innerText(), /Called the embassy; the file is with the minister\./);
  assert.ok(rag.startsWith('field-rag-'));
  await screenshot(page, 'keyboard-journey-end');

  // Signing out is reachable too.
  await tabTo(page, (e) => e.tag === 'button' && /Sign out/.test(e.text), 'sign out');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/login');
  await context.close();
});
