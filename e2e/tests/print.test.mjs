// Printing: a report on Letter and A4 paper carries its security marking on every page, and
// nothing printed from any page is a button or a field. On the demonstration's register, as a
// briefing unit prints it: the report on at most three pages and its summary on one, and each
// irritant's brief on exactly one, however long its texts; the Word documents open in
// LibreOffice and say what the pages say.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { launch, newContext, screenshot, signIn, today } from '../support.mjs';

const MARKING = 'UNCLASSIFIED / NON CLASSIFIÉ';
const folder = mkdtempSync(join(tmpdir(), 'irritrack-print-'));
const demoURL = process.env.DEMO_URL;
let browser;
let page;
let demo;
before(async () => {
  browser = await launch();
  page = await (await newContext(browser)).newPage();
  await signIn(page, 'manager');
  assert.ok(demoURL, 'DEMO_URL names the demonstration server (e2e/run starts it)');
  demo = await (await newContext(browser, { baseURL: demoURL })).newPage();
  await signIn(demo, 'manager');
});
after(() => browser.close());

/** The text of each page of a PDF file. */
function pdfPages(file) {
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  // pdftotext ends each page with a form feed.
  return text.split('\f').filter((pageText) => pageText.trim() !== '');
}

/** The page (`from`, by default the main register's) printed to PDF on `format` paper, as the
 * text of each printed page. */
async function printed(format, from = page) {
  const file = join(folder, `${format}.pdf`);
  writeFileSync(file, await from.pdf({ format, printBackground: false }));
  return pdfPages(file);
}

/** A Word document the page links to, downloaded and converted to PDF by LibreOffice: the
 * text of each of its pages. */
async function wordPages(from, link, name) {
  const [download] = await Promise.all([from.waitForEvent('download'), from.locator(link).click()]);
  const file = join(folder, `${name}.docx`);
  await download.saveAs(file);
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', folder, file], {
    stdio: 'ignore',
    timeout: 120_000,
  });
  return pdfPages(join(folder, `${name}.pdf`));
}

const CONTROLS = ['Freeze this report', 'Apply filters', 'Sign out', 'Edit', 'Remove link', 'Save'];

test('a report prints with its marking, its period and page numbers on every page', async () => {
  await page.goto(`/reports/progress?from=2026-01-01&to=${today}`);
  for (const format of ['Letter', 'A4']) {
    const pages = await printed(format);
    assert.ok(pages.length >= 1, `${format}: pages printed`);
    pages.forEach((text, index) => {
      assert.ok(text.includes(MARKING), `${format} page ${index + 1} carries the marking`);
      assert.ok(text.includes(`${index + 1} / ${pages.length}`), `${format} page ${index + 1} is numbered`);
      for (const control of CONTROLS) {
        assert.ok(!new RegExp(`\\b${control}\\b`).test(text), `${format} page ${index + 1}: no "${control}"`);
      }
    });
  }
});

test('an irritant\'s page prints as a record, not a form', async () => {
  await page.goto('/irritants?sort=title');
  const irritant = await page.locator('main tbody a[href^="/irritants/IRR-"]').first().getAttribute('href');
  await page.goto(irritant);
  const pages = await printed('Letter');
  const text = pages.join('\n');
  assert.ok(text.includes(irritant.split('/').pop()), 'the reference is printed');
  for (const control of ['Edit', 'Change status', 'Add a progress update', 'Watch', 'Post the comment']) {
    assert.ok(!new RegExp(`\\b${control}\\b`).test(text), `no "${control}" on paper`);
  }
});

test('the demonstration\'s report prints on at most three pages, its summary for ministers on one', async () => {
  await demo.goto('/reports/progress');
  const glanced = await demo.locator('table.glance tbody th a').allInnerTexts();
  assert.ok(glanced.length >= 7, `the summary names the demonstration's irritants: ${glanced}`);
  for (const format of ['Letter', 'A4']) {
    const pages = await printed(format, demo);
    assert.ok(pages.length <= 3, `${format}: ${pages.length} pages`);
    const summaryPage = pages.find((text) => text.includes('At a glance'));
    for (const reference of glanced) {
      assert.ok(summaryPage.includes(reference), `${format}: ${reference} on the summary's page`);
    }
  }
  const document = await wordPages(demo, 'nav.exports a[href$="format=docx"]', 'report');
  const text = document.join('\n');
  assert.ok(text.includes(MARKING) && text.includes('At a glance'), 'the Word report opens with its summary');
  for (const reference of glanced) assert.ok(text.includes(reference), `${reference} in the Word report`);
});

test('an irritant\'s brief prints on exactly one page, however long its texts, and opens in Word', async () => {
  await demo.goto('/irritants/IRR-2025-0001/brief');
  await screenshot(demo, 'brief');
  for (const format of ['Letter', 'A4']) {
    const pages = await printed(format, demo);
    assert.equal(pages.length, 1, `${format}: one page`);
    assert.ok(pages[0].includes(MARKING), `${format}: the marking`);
    assert.ok(pages[0].includes('Anti-dumping duties on Canadian canola seed'));
    for (const control of ['Download as Word', 'Back to the irritant', 'Sign out']) {
      assert.ok(!pages[0].includes(control), `${format}: no "${control}" on paper`);
    }
  }
  const document = (await wordPages(demo, 'a[href$="/brief.docx"]', 'brief')).join('\n');
  for (const expected of ['Anti-dumping duties on Canadian canola seed', 'The mandate', 'directed their officials', 'Status: Open']) {
    assert.ok(document.includes(expected), `"${expected}" in the Word brief`);
  }

  // An irritant whose every text is as long as the register allows still briefs on one page.
  // Far beyond what a page holds, within what each field accepts.
  const long = (words) => `${words} `.repeat(80).trim();
  await demo.goto('/irritants/new');
  await demo.locator('#field-title').fill(`Quotas on processed fish ${'and shellfish products '.repeat(7)}`.slice(0, 200).trim());
  await demo.locator('#field-summary').fill(long('The quota covers every processed line and its derivatives.'));
  await demo.locator('#field-counterpart').selectOption('CN');
  await demo.locator('#field-direction-their_measure').check();
  await demo.locator('#field-sector').selectOption('fisheries');
  await demo.locator('#field-measure_type').selectOption('licensing');
  await demo.locator('#field-measure').fill(long('Licences are issued late and for part of the year.').slice(0, 500).trim());
  await demo.locator('#field-priority').selectOption('high');
  await demo.locator('#field-action_holder').selectOption('us');
  await demo.locator('form[action="/irritants"] button[type="submit"]').click();
  const duplicates = demo.locator('section.duplicates');
  await Promise.race([demo.waitForURL(/\/irritants\/IRR-\d{4}-\d{4}/), duplicates.waitFor()]);
  if (await duplicates.isVisible()) {
    await duplicates.getByRole('button', { name: 'It is a different irritant: record it' }).click();
  }
  await demo.waitForURL(/\/irritants\/IRR-\d{4}-\d{4}/);
  const reference = new URL(demo.url()).pathname.split('/')[2];
  for (let update = 0; update < 4; update += 1) {
    await demo.goto(`/irritants/${reference}/updates`);
    await demo.locator('#field-rag-at_risk').check();
    await demo.locator('#field-done').fill(long(`Meeting ${update + 1} with the licensing office went over every line.`));
    await demo.locator('#field-next_steps').fill(long('Ask for the full-year licences at the next meeting.'));
    await demo.locator(`form[action="/irritants/${reference}/updates"] button[type="submit"]`).click();
    await demo.waitForURL((url) => url.pathname === `/irritants/${reference}`);
  }
  await demo.goto(`/irritants/${reference}/brief`);
  await screenshot(demo, 'brief-long');
  for (const format of ['Letter', 'A4']) {
    const pages = await printed(format, demo);
    assert.equal(pages.length, 1, `${format}: the longest brief on one page`);
    assert.ok(pages[0].includes('…'), `${format}: long texts shortened`);
  }
});
