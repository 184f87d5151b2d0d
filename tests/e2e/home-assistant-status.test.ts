// Journey: what the panel says about Home Assistant in add-on mode. A slow or down Supervisor: the
// panel names each unavailable feature and what it means while the rest keeps working, and "Check
// again" says when it is back. HA's www folder created after HA started: the guide and the sign-in
// page say HA must restart, give the redirect URI to register, and an admin restarts HA from the
// panel, keyboard only, after a confirmation. No https public address: paste-back is the way.
// A non-admin sees the states but no restart button. The consumers page gives the address other
// add-ons use. Everything through the emulated HA (Supervisor, Core, ingress).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, FrameLocator, Page } from 'playwright';
import type { HomeAssistantView } from '../../server/http/contract/home-assistant.js';
import { DEFAULT_ADMIN, DEFAULT_NON_ADMIN } from '../emulators/home-assistant/index.js';
import { eventually, startAddonStack, type AddonStack } from '../helpers/addon-stack.js';
import { PHONE_VIEWPORT, allowClipboard, hasFocus, horizontalOverflow, launchBrowser, openPanel, screenshot, tabTo } from '../helpers/browser.js';
import { ENTRA_APP, inMonths } from '../helpers/e2e-stack.js';

const BOUNCE_PATH = '/local/ms365_signin/callback.html';
const nav = (app: FrameLocator, name: string) => app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });
/** A live region (the shell's, where views' announcements are read out) saying `text`. */
const announced = (app: FrameLocator, text: string | RegExp) => app.getByRole('status').filter({ hasText: text });

/** Forces a fresh check and returns the view once `done` accepts it. */
function settled(stack: AddonStack, done: (view: HomeAssistantView) => boolean, what: string): Promise<HomeAssistantView> {
  return eventually(async () => {
    const view = (await (await stack.ingress('/api/home-assistant?fresh=1')).json()) as HomeAssistantView;
    return done(view) ? view : undefined;
  }, what);
}

async function saveApp(stack: AddonStack, method: 'paste_back' | 'internet_redirect'): Promise<void> {
  const saved = await stack.ingress('/api/app-registrations', {
    method: 'POST',
    json: { display_name: ENTRA_APP.displayName, client_id: ENTRA_APP.clientId, client_secret: ENTRA_APP.secretValue, secret_expires_on: inMonths(12), redirect_method: method },
  });
  assert.equal(saved.status, 201, await saved.clone().text());
}

async function assertFits(page: Page, app: FrameLocator, label: string): Promise<void> {
  assert.equal(await horizontalOverflow(app), 0, `${label}: the panel scrolls sideways`);
  assert.equal(await horizontalOverflow(page), 0, `${label}: the Home Assistant page scrolls sideways`);
}

describe('a Supervisor that is down or slow', () => {
  let stack: AddonStack;
  let browser: Browser;
  before(async () => {
    [stack, browser] = await Promise.all([startAddonStack(), launchBrowser()]);
    await saveApp(stack, 'paste_back');
    await settled(stack, (v) => v.internet_redirect.state === 'ready', 'a first good check');
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('names each unavailable feature and what it means, keeps the rest working, and says when HA is back', async () => {
    stack.ha.supervisor.setFault({ kind: 'down' });
    await settled(stack, (v) => v.features.ha_urls.available === false, 'the failed check');
    const { app, page, problems } = await openPanel(browser, stack.site.panelUrl);
    const notice = app.getByRole('region', { name: 'Some Home Assistant features are unavailable' });
    await notice.getByText('Everything else keeps working', { exact: false }).waitFor();
    await notice.getByText('Home Assistant’s addresses', { exact: true }).waitFor();
    await notice.getByText(/The Home Assistant Supervisor could not be reached/).first().waitFor();
    await notice.getByText(/The redirect URI through Home Assistant cannot be built: sign in with paste-back/).waitFor();
    await notice.getByText('Home Assistant notifications', { exact: true }).waitFor();
    await notice.getByText(/show only in this panel and the add-on’s log/).waitFor();
    await notice.getByText('Restarting Home Assistant from this panel', { exact: true }).waitFor();

    // The rest keeps working: the accounts page loads, the sign-in page offers paste-back.
    await nav(app, 'Accounts').click();
    await app.getByRole('heading', { name: 'App registrations' }).waitFor();
    await nav(app, 'Sign in').click();
    assert.equal(await app.getByRole('radio', { name: /Paste-back/ }).isChecked(), true);
    assert.equal(await app.getByRole('button', { name: 'Start sign-in' }).isEnabled(), true);
    const redirect = app.getByRole('status').filter({ hasText: 'Home Assistant did not answer' });
    await redirect.getByText(/could not learn Home Assistant’s addresses/).waitFor();

    // Slow instead of down: still unavailable, and the panel does not hang while it waits.
    await nav(app, 'Accounts').click();
    stack.ha.supervisor.setFault({ kind: 'slow', delayMs: 2_000 });
    const again = notice.getByRole('button', { name: 'Check Home Assistant again' });
    await tabTo(page, again);
    await page.keyboard.press('Enter');
    await announced(app, /Home Assistant checked: \d+ features are still unavailable/).waitFor();
    await notice.getByText(/did not answer within 1 seconds/).first().waitFor();

    stack.ha.supervisor.setFault(null);
    await again.click();
    const back = app.getByRole('region', { name: 'Home Assistant answers again' });
    await back.waitFor();
    await announced(app, 'Home Assistant checked: every feature is available again.').waitFor();
    assert.equal(await hasFocus(back.getByRole('heading')), true, 'focus stays in the notice, not lost at the page start');
    assert.deepEqual(problems, []);
  });
});

describe('Home Assistant’s www folder created after it started', () => {
  let stack: AddonStack;
  let browser: Browser;
  let redirectUri: string;
  before(async () => {
    [stack, browser] = await Promise.all([startAddonStack({ www: false }), launchBrowser()]);
    await saveApp(stack, 'internet_redirect');
    const view = await settled(stack, (v) => v.internet_redirect.state === 'needs_restart', 'needs_restart');
    redirectUri = view.internet_redirect.redirect_uri ?? '';
    assert.equal(redirectUri, `${stack.ha.siteOrigin}${BOUNCE_PATH}`);
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('a non-admin sees that HA must restart, but no restart button', async () => {
    stack.site.setUser(DEFAULT_NON_ADMIN);
    const { app, problems } = await openPanel(browser, stack.site.panelUrl);
    await nav(app, 'Sign in').click();
    await app.getByRole('status').filter({ hasText: 'Home Assistant must restart once' }).waitFor();
    assert.equal(await app.getByRole('button', { name: 'Restart Home Assistant' }).count(), 0);
    await app.getByText('Only a Home Assistant administrator can restart it.').waitFor();
    assert.deepEqual(problems, []);
    stack.site.setUser(DEFAULT_ADMIN);
  });

  it('fits a phone while it says so', async () => {
    const { app, page } = await openPanel(browser, stack.site.panelUrl, { viewport: PHONE_VIEWPORT });
    await nav(app, 'Sign in').click();
    await app.getByRole('button', { name: 'Restart Home Assistant' }).waitFor();
    await assertFits(page, app, 'sign-in page, HA must restart');
    await screenshot(page, '360-ha-needs-restart');
    await nav(app, 'Guide').click();
    await app.getByRole('button', { name: /^Step 4:/ }).click();
    await app.getByRole('radio', { name: /Internet redirect/ }).check();
    await app.getByRole('button', { name: 'Restart Home Assistant' }).waitFor();
    await assertFits(page, app, 'guide step 4, HA must restart');
    // The add-on page on its own (same session), so a full-page screenshot shows everything.
    const full = await page.context().newPage();
    await full.goto(`${stack.site.origin}${stack.site.ingressPath}/#/sign-in`);
    await full.getByRole('button', { name: 'Restart Home Assistant' }).waitFor();
    assert.equal(await horizontalOverflow(full), 0, 'the sign-in page scrolls sideways on its own');
    await screenshot(full, '360-ha-needs-restart-sign-in');
    await full.close();
  });

  it('shows the state and the URI in the sign-in choice and the guide; an admin restarts HA by keyboard, then it is ready', async () => {
    const { app, page, context, problems } = await openPanel(browser, stack.site.panelUrl);
    await allowClipboard(context, stack.site.origin);

    await nav(app, 'Sign in').click();
    assert.equal(await app.getByRole('radio', { name: /Internet redirect/ }).isChecked(), true, 'the app’s own method, usable');
    const state = app.getByRole('status').filter({ hasText: 'Home Assistant must restart once' });
    await state.getByText(/its www folder did not exist when Home Assistant started/).waitFor();
    await state.getByText(/What to do: Restart Home Assistant once/).waitFor();
    assert.equal(await app.getByLabel('Redirect URI', { exact: true }).inputValue(), redirectUri);
    await app.getByRole('button', { name: 'Copy Redirect URI' }).click();
    assert.equal(await app.locator('body').evaluate(() => navigator.clipboard.readText()), redirectUri);

    await nav(app, 'Guide').click();
    await app.getByRole('button', { name: /^Step 4:/ }).click();
    await app.getByRole('radio', { name: /Internet redirect/ }).check();
    await app.getByRole('status').filter({ hasText: 'Home Assistant must restart once' }).waitFor();
    assert.equal(await app.getByLabel('Redirect URI', { exact: true }).inputValue(), redirectUri);
    assert.equal(await app.getByRole('textbox', { name: /Public https address/ }).count(), 0, 'no address to type: HA provides it');

    // Keyboard only: the button, the dialog (Cancel first, so a stray Enter restarts nothing), confirm.
    const restart = app.getByRole('button', { name: 'Restart Home Assistant' });
    await tabTo(page, restart);
    await page.keyboard.press('Enter');
    const dialog = app.getByRole('dialog', { name: 'Restart Home Assistant?' });
    await dialog.getByText(/automations pause/).waitFor();
    assert.equal(await hasFocus(dialog.getByRole('button', { name: 'Cancel' })), true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(stack.ha.core.restarts, 0, 'cancelling restarts nothing');
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    await app.getByRole('status').filter({ hasText: /Home Assistant is restarting|Ready: Home Assistant serves the sign-in page/ }).waitFor({ timeout: 20_000 });
    await app.getByRole('status').filter({ hasText: 'Ready: Home Assistant serves the sign-in page' }).waitFor({ timeout: 20_000 });
    assert.equal(stack.ha.core.restarts, 1);
    assert.equal(await restart.count(), 0, 'nothing left to restart');
    assert.equal(await hasFocus(app.getByText('Internet redirect through Home Assistant', { exact: true })), true, 'focus stays on the section');
    assert.equal(await app.getByLabel('Redirect URI', { exact: true }).inputValue(), redirectUri);
    assert.equal((await fetch(`${stack.ha.siteOrigin}${BOUNCE_PATH}`)).status, 200, 'HA serves the page now');
    assert.deepEqual(problems, []);
  });
});

describe('Home Assistant without an https public address', () => {
  let stack: AddonStack;
  let browser: Browser;
  before(async () => {
    [stack, browser] = await Promise.all([
      startAddonStack({ urls: (site) => ({ internal: site, external: 'http://192.168.1.20:8123', cloud: null }) }),
      launchBrowser(),
    ]);
    await saveApp(stack, 'paste_back');
    await settled(stack, (v) => v.internet_redirect.state === 'no_public_url', 'no_public_url');
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('offers paste-back only and says why; the consumers page gives the address other add-ons use', async () => {
    const { app, problems } = await openPanel(browser, stack.site.panelUrl);
    await nav(app, 'Sign in').click();
    const internet = app.getByRole('radio', { name: /Internet redirect/ });
    assert.equal(await internet.isDisabled(), true);
    await app.getByText('Not available right now: see below.').waitFor();
    const state = app.getByRole('status').filter({ hasText: 'No https public address: use paste-back' });
    await state.getByText(/http:\/\/192\.168\.1\.20:8123 is not https/).waitFor();
    await state.getByText(/sign in with paste-back: it always works/).waitFor();
    assert.equal(await app.getByLabel('Redirect URI', { exact: true }).count(), 0, 'no URI that would land nowhere');
    assert.equal(await app.getByRole('button', { name: 'Restart Home Assistant' }).count(), 0);
    assert.equal(await app.getByRole('radio', { name: /Paste-back/ }).isChecked(), true);

    const status = (await (await stack.ingress('/api/status')).json()) as { home_assistant: HomeAssistantView };
    const expected = status.home_assistant.consumer_api_url;
    assert.match(expected ?? '', /^http:\/\/local-ms365-signin:\d+$/);
    await nav(app, 'Consumers').click();
    const address = app.getByRole('region', { name: 'Address for other add-ons' });
    assert.equal(await address.getByLabel('Consumer API address', { exact: true }).inputValue(), expected);
    await address.getByRole('button', { name: 'Copy Consumer API address' }).waitFor();
    assert.deepEqual(problems, []);
  });
});
