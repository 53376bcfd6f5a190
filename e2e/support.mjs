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
 * A browser context as a person would have one. `bypassCSP` lets the accessibility scanner's
 * script in; the application's own pages run no script at all.
 */
export function newContext(browser, { locale = 'en-CA', ...options } = {}) {
  return browser.newContext({ baseURL, locale, bypassCSP: true, ...options });
}

/** Signs in through the sign-in form and lands on the dashboard. */
export async function signIn(page, role = 'officer') {
  await page.goto('/login');
  await page.locator('#field-email').fill(accounts[role].email);
  await page.locator('#field-password').fill(password);
  await page.locator('form[action="/login"] button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === '/');
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The WCAG 2.1 A and AA violations axe-core finds on the page as it stands. */
export async function accessibilityViolations(page) {
  await page.addScriptTag({ path: axeSource });
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
