// Debian's Chromium driven by playwright-core: where it is, whether the suite may skip without it, and page helpers.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { screenshotDir } from './screenshot-dir.js';

/** Installed by `.ci/run` (apt-get install chromium); playwright's own browser downloads are not available here. */
export const CHROMIUM_PATH = process.env.TEAMSET_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = screenshotDir();

export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Locally a missing Chromium skips the suite with a note; in CI it must fail, never pass by skipping. */
export function skipBrowserSuite(): boolean {
  if (chromiumInstalled()) return false;
  if (process.env.CI) return false;
  console.warn(
    `Skipping the browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set TEAMSET_CHROMIUM).`,
  );
  return true;
}

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumInstalled())
    throw new Error(
      `Chromium is required for the browser tests but is not at ${CHROMIUM_PATH}: apt-get install chromium`,
    );
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true });
}

export interface TrackedContext {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors, other than the browser's notes on expected 4xx answers. */
  problems: string[];
}

/** `bypassCSP`: lets a test inject a script tag (axe-core) past the App's Content-Security-Policy. */
export async function newTrackedContext(
  browser: Browser,
  baseURL: string,
  options: { bypassCSP?: boolean } = {},
): Promise<TrackedContext> {
  const context = await browser.newContext({
    baseURL,
    bypassCSP: options.bypassCSP ?? false,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(`console: ${message.text()}`);
  });
  return { context, page, problems };
}

export async function screenshot(target: Page | Locator, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // No hover tooltip from the last click in the picture.
  if ('mouse' in target) await target.mouse.move(0, 0);
  // Let Mantine's open/close transitions settle so the image shows the finished state.
  await new Promise((resolve) => setTimeout(resolve, 400));
  // Toasts from the steps before are no part of the picture.
  await target.screenshot({
    path: join(SCREENSHOT_DIR, `${name}.png`),
    animations: 'disabled',
    style: '.mantine-Notifications-root { display: none !important; }',
  });
}

/** The input labelled exactly `label`; a required field's label ends in Mantine's " *", which is no part of its name. */
export function field(scope: Page | Locator, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}

/** Picks an option of a Mantine Select by the select's label and the option's text. */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  // .first(): Mantine labels the (portaled) option list with the same label as the input, which comes first.
  await field(page, label).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * Drags a Mantine range slider's `thumb` with the mouse to `fraction` of the slider's `track` (in `scope`), scrolled
 * into view first (a sidebar section may sit below the fold of its own scroll).
 */
export async function dragThumb(page: Page, scope: Locator, thumbName: string, fraction: number): Promise<void> {
  const thumb = scope.getByRole('slider', { name: thumbName });
  await thumb.scrollIntoViewIfNeeded();
  const track = await scope.locator('.mantine-RangeSlider-track').boundingBox();
  const from = await thumb.boundingBox();
  if (!track || !from) throw new Error(`no layout for the slider of ${thumbName}`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(track.x + track.width * fraction, from.y + from.height / 2, { steps: 8 });
  await page.mouse.up();
}

/** Waits for a toast whose text contains `text`. */
export async function toast(page: Page, text: string): Promise<void> {
  await page.locator('.mantine-Notification-root', { hasText: text }).first().waitFor();
}
