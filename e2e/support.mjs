// What every browser test shares: the server's address, Chromium, signing in, the
// accessibility scan and screenshots.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const baseURL = process.env.IRRITRACK_URL ?? 'http://127.0.0.1:18091';
const password = process.env.E2E_PASSWORD;
if (!password) {
  throw new Error('E2E_PASSWORD is not set: run the suite with e2e/run, which makes the accounts');
}

/** Today as the server sees it, on the same machine: the local day, as YYYY-MM-DD. */
export const today = new Date().toLocaleDateString('en-CA');

export const accounts = {
  officer: { email: 'officer@e2e.example.gc.ca', name: 'Élise Tremblay' },
  manager: { email: 'manager@e2e.example.gc.ca', name: 'Marc Gagnon' },
  admin: { email: 'admin@e2e.example.gc.ca', name: 'Aïcha Diallo' },
};

/** Headless Chromium that reaches nothing but the server under test. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--no-first-run',
    ],
  });
}

/**
 * A browser context as a person would have one, the application's Content Security Policy in
 * force. What the browser refuses under that policy is kept in `context.cspViolations`.
 */
export async function newContext(browser, { locale = 'en-CA', ...options } = {}) {
  const context = await browser.newContext({ baseURL, locale, ...options });
  context.cspViolations = [];
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) context.cspViolations.push(message.text());
  });
  return context;
}

/** Signs in through the sign-in form and lands on the dashboard. */
export async function signIn(page, role = 'officer') {
  await page.goto('/login');
  await page.locator('#field-email').fill(accounts[role].email);
  await page.locator('#field-password').fill(password);
  await page.locator('form[action="/login"] button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === '/');
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The WCAG 2.1 A and AA violations axe-core finds on the page as it stands. The scanner is
 * evaluated by the browser's debugging protocol, which the page's policy does not govern, so
 * the page is scanned under its real policy.
 */
export async function accessibilityViolations(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const results = await globalThis.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return results.violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
  }, wcagTags);
}

const screenshots = new URL('./screenshots/', import.meta.url);
mkdirSync(screenshots, { recursive: true });

/** Saves the whole page as screenshots/<name>.png, for people to look at. */
export async function screenshot(page, name) {
  await page.screenshot({ path: new URL(`${name}.png`, screenshots).pathname, fullPage: true });
}

/** The address of the page, without the server part. */
export function pathOf(page) {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

/** The application's messages in one language (`en`, `fr`), by key, from its catalogue. */
export function messages(language) {
  const source = readFileSync(new URL(`../locales/${language}/main.ftl`, import.meta.url), 'utf8');
  const found = new Map();
  for (const line of source.split('\n')) {
    const match = /^([a-z][a-zA-Z0-9-]*) = (.*)$/.exec(line);
    if (match) found.set(match[1], match[2]);
  }
  return (key) => {
    if (!found.has(key)) throw new Error(`no message ${key} in ${language}`);
    return found.get(key);
  };
}

/** The rows of a CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text) {
  const rows = [[]];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { rows.at(-1).push(field); field = ''; }
    else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i += 1;
      rows.at(-1).push(field); field = ''; rows.push([]);
    } else field += c;
  }
  if (field !== '' || rows.at(-1).length > 0) rows.at(-1).push(field);
  if (rows.at(-1).length === 0) rows.pop();
  return rows;
}

/** How many irritants the list page says its filters select. */
export async function listTotal(page) {
  const text = await page.locator('.result-count').innerText();
  const numbers = text.match(/\d+/g).map(Number);
  return numbers.at(-1);
}

/**
 * Counts the steps a person takes on `page`: each page load they cause (a link followed or a
 * form submitted; a redirect after a form is part of the same step). `steps.count` is read
 * after the journey.
 */
export function countSteps(page) {
  const steps = { count: 0 };
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) steps.count += 1;
  });
  return steps;
}
