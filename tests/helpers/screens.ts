// Screenshots a person can look through after a run: every journey that calls these leaves PNGs in
// test-artifacts/screens/ (gitignored), named <width>-<light|dark>-<what>.png so the same screen
// at 1280/360 and light/dark sorts side by side.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright';
import { ARTIFACTS_DIR } from './browser.js';

export const SCREENS_DIR = path.join(ARTIFACTS_DIR, 'screens');
export const DESKTOP_VIEWPORT = { width: 1280, height: 900 };

async function fileFor(page: Page, name: string): Promise<string> {
  const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
  const width = page.viewportSize()?.width ?? 0;
  mkdirSync(SCREENS_DIR, { recursive: true });
  return path.join(SCREENS_DIR, `${width}-${dark ? 'dark' : 'light'}-${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
}

/** The page as it is now (Home Assistant around the add-on's frame). */
export async function keepScreen(page: Page, name: string): Promise<string> {
  const file = await fileFor(page, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * The add-on page on its own at `url`, in the same browser session, so a full-page screenshot shows
 * everything (inside Home Assistant's iframe only the visible part would be captured).
 */
export async function keepAddonScreen(page: Page, url: string, name: string, ready?: (full: Page) => Promise<unknown>): Promise<Page> {
  const full = await page.context().newPage();
  await full.goto(url);
  await full.locator('m365-app').waitFor();
  if (ready) await ready(full);
  else {
    // A view draws its heading and "Loading…" together, then its content: wait for both steps.
    await full.getByRole('heading', { level: 1 }).first().waitFor();
    await full.getByText('Loading…').first().waitFor({ state: 'detached' });
  }
  await full.screenshot({ path: await fileFor(full, name), fullPage: true });
  return full;
}
