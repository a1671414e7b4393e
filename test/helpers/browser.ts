// Shared parts of the browser tests: Debian's Chromium through playwright-core, a signed-in
// newsroom page, and the checks every page must pass (no horizontal overflow, axe with nothing
// serious or critical, no console errors or failed requests), with a screenshot for a person.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { TestSite } from './site.js';

export const chromiumPath = '/usr/bin/chromium';
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const editorBundle = join('src', 'web', 'assets', 'build', 'editor.js');
export const screenshotDir = join('test-output', 'screenshots');

export const phone = { width: 390, height: 844 };
export const desktop = { width: 1366, height: 900 };

/** Why the browser tests cannot run here, or null when they can. */
export function browserMissing(): string | null {
  if (!existsSync(chromiumPath)) return `${chromiumPath} not found: install chromium (apt-get install chromium) to run the browser tests`;
  if (!existsSync(editorBundle)) return `${editorBundle} is missing: run \`npm run build\` (or node scripts/build-editor.mjs) first`;
  return null;
}

export function launchBrowser(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and failed requests seen so far. */
  problems: string[];
}

/** A fresh Gujarati-locale page that records what went wrong on it. */
export async function openPage(browser: Browser, viewport = desktop): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, locale: 'gu-IN', timezoneId: 'Asia/Kolkata' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // Failed loads are reported below with their URL.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console error: ${m.text()}`);
  });
  page.on('response', (r) => {
    // Chromium may ask for /favicon.ico on its own.
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  return { context, page, problems };
}

/** Signs in through the real login form and lands on the dashboard. */
export async function signedInPage(browser: Browser, site: TestSite, who: { email: string; password: string }, viewport = desktop): Promise<WatchedPage> {
  const watched = await openPage(browser, viewport);
  const { page } = watched;
  await page.goto(`${site.url}/newsroom/login`);
  await page.fill('#email', who.email);
  await page.fill('#password', who.password);
  await Promise.all([page.waitForURL(`${site.url}/newsroom`), page.click('form[action="/newsroom/login"] button[type=submit]')]);
  return watched;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core in the page (through the DevTools protocol, so the page's CSP stays on). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}

/**
 * What a person would check on any page: it is no wider than the window, axe finds nothing
 * serious or critical, nothing failed; and a full-page screenshot `name-WIDTH.png` to look at.
 */
export async function checkPage(watched: WatchedPage, name: string): Promise<void> {
  const { page, problems } = watched;
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: join(screenshotDir, `${name}-${width}.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name}: the page is ${overflow}px wider than the ${width}px window`);
  const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    serious.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.targets.join(', ')}`),
    [],
    `${name} at ${width}px: axe found serious or critical violations`,
  );
  assert.deepEqual(problems, [], `${name} at ${width}px: no console errors, page errors or failed requests`);
}
