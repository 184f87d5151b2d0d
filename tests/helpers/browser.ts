// Debian's Chromium driven by Playwright, and the small moves every browser journey needs:
// open the HA panel, reach the add-on inside its iframe, follow Microsoft's new tab, use the keyboard.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type FrameLocator, type Locator, type Page } from 'playwright';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.resolve('test-artifacts');
export const PHONE_VIEWPORT = { width: 360, height: 740 };

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
}

export interface PanelSession {
  context: BrowserContext;
  page: Page;
  /** The add-on's UI inside Home Assistant's iframe. */
  app: FrameLocator;
  /** Uncaught page errors, CSP violations and failed console messages seen in any tab. */
  problems: string[];
}

/** A fresh browser profile on the HA panel page (which opens the ingress session), as a user arrives. */
export async function openPanel(
  browser: Browser,
  panelUrl: string,
  options: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' } = {},
): Promise<PanelSession> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1100, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  // Short waits: every step of a journey is quick, so a missing element should fail fast.
  context.setDefaultTimeout(10_000);
  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
    });
  };
  context.on('page', watch);
  const page = await context.newPage();
  await page.goto(panelUrl);
  const app = page.frameLocator('#ingress-frame');
  await app.getByRole('navigation', { name: 'Sections' }).waitFor();
  return { context, page, app, problems };
}

/** Clicks a link that opens in a new tab and returns that tab once it has loaded. */
export async function followToNewTab(context: BrowserContext, trigger: () => Promise<unknown>): Promise<Page> {
  const [tab] = await Promise.all([context.waitForEvent('page'), trigger()]);
  await tab.waitForLoadState('domcontentloaded');
  return tab;
}

/**
 * Presses Tab until `target` has focus (proving it is reachable from the keyboard), up to `limit`
 * presses. Focus is followed into shadow roots, and the frame must hold the page's focus.
 */
export async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let i = 0; i <= limit; i++) {
    if (await hasFocus(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`tabTo: ${String(target)} never received focus within ${limit} Tab presses`);
}

export function hasFocus(target: Locator): Promise<boolean> {
  return target
    .evaluate((el) => {
      let active: Element | null = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return document.hasFocus() && active === el;
    })
    .catch(() => false);
}

/** Horizontal overflow of the document in a frame or page, in CSS pixels (0 = none). */
export async function horizontalOverflow(target: Page | FrameLocator): Promise<number> {
  const measure = () => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollWidth - root.clientWidth;
  };
  if ('evaluate' in target) return target.evaluate(measure);
  return target.locator('html').evaluate(measure);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Puts text on the clipboard and pastes it with Ctrl+V into a field, as a user does: the field sees
 * a real paste event. The context must have clipboard permissions (see `allowClipboard`).
 */
export async function pasteInto(page: Page, field: Locator, text: string): Promise<void> {
  await field.evaluate((_el, value) => navigator.clipboard.writeText(value), text);
  await field.focus();
  await page.keyboard.press('Control+V');
}

export async function allowClipboard(context: BrowserContext, origin: string): Promise<void> {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
}

/** In Microsoft's tab: pick the account on the sign-in page, then accept (or cancel) the consent. */
export async function signInAtMicrosoft(tab: Page, username: string, consent: 'Accept' | 'Cancel' = 'Accept'): Promise<void> {
  await tab.getByRole('button', { name: new RegExp(username.replace(/[.]/g, '\\.')) }).click();
  await tab.getByRole('heading', { name: 'Permissions requested' }).waitFor();
  await tab.getByRole('button', { name: consent, exact: true }).click();
}
