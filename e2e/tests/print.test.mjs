// Printing: a report on Letter and A4 paper carries its security marking on every page, and
// nothing printed from any page is a button or a field.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { launch, newContext, signIn, today } from '../support.mjs';

const MARKING = 'UNCLASSIFIED / NON CLASSIFIÉ';
const folder = mkdtempSync(join(tmpdir(), 'irritrack-print-'));
let browser;
let page;
before(async () => {
  browser = await launch();
  page = await (await newContext(browser)).newPage();
  await signIn(page, 'manager');
});
after(() => browser.close());

/** The page printed to PDF on `format` paper, as the text of each printed page. */
async function printed(format) {
  const file = join(folder, `${format}.pdf`);
  writeFileSync(file, await page.pdf({ format, printBackground: false }));
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  // pdftotext ends each page with a form feed.
  return text.split('\f').filter((pageText) => pageText.trim() !== '');
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
