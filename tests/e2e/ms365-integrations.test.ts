// Journey: an HA install with two MS365 entries, one whose token file is missing and one the add-on
// cannot use (its secret is a Secret ID). In the panel's "MS365 integrations" page the user sees
// both, signs the broken one in again by paste-back, and watches HA reload it and load it. Then the
// entry's keep-alive is switched on. Everything through the emulated HA (Supervisor, Core, ingress).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright';
import { EmulatedConfigEntries, type EmulatedEntry } from '../emulators/home-assistant/config-entries.js';
import { startMicrosoftEmulator, type MicrosoftEmulator } from '../emulators/microsoft/index.js';
import { eventually, startAddonStack, type AddonStack } from '../helpers/addon-stack.js';
import { allowClipboard, followToNewTab, launchBrowser, openPanel, pasteInto, screenshot, signInAtMicrosoft } from '../helpers/browser.js';
import { ADDON_HOST, MICROSOFT_HOST } from '../helpers/e2e-stack.js';
import { MS365_APP, entryData, nativeClient } from '../helpers/ms365-stack.js';
import { keepScreen } from '../helpers/screens.js';

describe('the MS365 integrations page', () => {
  let microsoft: MicrosoftEmulator;
  let stack: AddonStack;
  let browser: Browser;
  let entries: EmulatedConfigEntries;
  let family: EmulatedEntry;

  before(async () => {
    [microsoft, browser] = await Promise.all([startMicrosoftEmulator({ host: MICROSOFT_HOST }), launchBrowser()]);
    microsoft.registerApp({ clientId: MS365_APP.clientId, displayName: 'Home Assistant MS365', secrets: [{ value: MS365_APP.secret, id: MS365_APP.secretId }], redirectUris: [nativeClient('global')] });
    stack = await startAddonStack({ endpointOverride: microsoft.origin, settings: { uiHost: ADDON_HOST } });
    entries = new EmulatedConfigEntries(stack.ha.core);
    family = entries.add({ domain: 'ms365_calendar', data: entryData({ entity: 'family', options: { enable_update: true } }) });
    entries.add({ domain: 'ms365_mail', data: entryData({ entity: 'office', secret: MS365_APP.secretId }) });
    for (const entry of entries.entries) await entries.setUp(entry);
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
    await microsoft?.close();
  });

  it('shows each entry’s health, signs a broken one in again, and HA loads it', async () => {
    const { context, page, app, problems } = await openPanel(browser, stack.site.panelUrl);
    await allowClipboard(context, stack.site.origin);
    await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'MS365 integrations' }).click();
    await app.getByRole('heading', { name: 'MS365 integrations', level: 1 }).waitFor();

    const calendar = app.getByRole('article', { name: 'MS365 Calendar · family' });
    await calendar.getByText('Needs sign-in').waitFor();
    await calendar.getByText(/The token file is missing/).waitFor();
    await calendar.getByText('setup error', { exact: true }).waitFor();
    assert.deepEqual(await calendar.getByRole('list', { name: 'Permissions the entry needs' }).getByRole('listitem').allTextContents(), ['User.Read', 'offline_access', 'Calendars.ReadWrite']);

    // The entry the add-on cannot use: shown with the reason, and no action offered.
    const mail = app.getByRole('article', { name: 'MS365 Mail · office' });
    await mail.getByText('Not managed by the add-on').waitFor();
    await mail.getByText(/Secret ID, not the secret’s Value/).waitFor();
    assert.equal(await mail.getByRole('button', { name: /Sign in again/ }).count(), 0);

    await calendar.getByRole('button', { name: 'Sign in again for family' }).click();
    const panel = app.getByRole('region', { name: /Sign in again: MS365 Calendar · family/ });
    await panel.getByRole('heading', { name: /Sign in again/ }).waitFor();
    assert.equal(await panel.getByRole('radio', { name: /Paste-back/ }).isChecked(), true);
    await panel.getByRole('button', { name: 'Start sign-in' }).click();
    const tab = await followToNewTab(context, () => panel.getByRole('link', { name: 'Open Microsoft sign-in in a new tab' }).click());
    await signInAtMicrosoft(tab, 'adele@contoso.onmicrosoft.com');
    await tab.waitForURL(/\/common\/oauth2\/nativeclient\?code=/);
    await page.bringToFront();
    await pasteInto(page, panel.getByRole('textbox', { name: 'Address of the blank page' }), tab.url());

    await panel.getByText('Token file written for adele@contoso.onmicrosoft.com').waitFor();
    await panel.getByText('Home Assistant reloaded the entry: it is now loaded.').waitFor();
    await calendar.getByText('Working').waitFor();
    await calendar.getByText('Present and readable, adele@contoso.onmicrosoft.com').waitFor();
    assert.deepEqual(entries.reloads, [family.entry_id]);
    assert.equal(family.state, 'loaded');
    assert.ok(existsSync(path.join(stack.ha.configDir, 'ms365_storage', '.MS365-token-cache', 'ms365_calendar_family.token')));

    // Keep-alive on: the service keeps it, and the box stays ticked once the list reloads.
    const keepAlive = calendar.getByRole('checkbox', { name: /Refresh the token file when the integration has not refreshed it/ });
    await keepAlive.check();
    const saved = await eventually(async () => {
      const view = (await (await stack.ingress(`/api/ms365/entries/${family.entry_id}`)).json()) as { keep_alive: { enabled: boolean; after_days: number } };
      return view.keep_alive.enabled ? view.keep_alive : undefined;
    }, 'keep-alive saved');
    assert.equal(saved.after_days, 14);
    assert.equal(await keepAlive.isChecked(), true);

    await screenshot(page, 'ms365-integrations');
    await panel.getByRole('button', { name: 'Close' }).click();
    await panel.waitFor({ state: 'detached' });
    assert.deepEqual(problems, []);
  });

  it('signing the entry in again names its account, preselects it, and warns when another came back (issue 12, item 8)', async () => {
    const { context, page, app, problems } = await openPanel(browser, stack.site.panelUrl);
    await allowClipboard(context, stack.site.origin);
    await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'MS365 integrations' }).click();
    const calendar = app.getByRole('article', { name: 'MS365 Calendar · family' });
    await calendar.getByRole('button', { name: 'Sign in again for family' }).click();
    const panel = app.getByRole('region', { name: /Sign in again: MS365 Calendar · family/ });
    await panel.getByText('Signing in again as adele@contoso.onmicrosoft.com.').waitFor();
    await panel.getByRole('button', { name: 'Start sign-in' }).click();
    const tab = await followToNewTab(context, () => panel.getByRole('link', { name: 'Open Microsoft sign-in in a new tab' }).click());
    await tab.waitForFunction(() => (document.activeElement as HTMLButtonElement | null)?.value === 'adele@contoso.onmicrosoft.com');
    await signInAtMicrosoft(tab, 'megan@outlook.com');
    await tab.waitForURL(/\/common\/oauth2\/nativeclient\?code=/);
    await page.bringToFront();
    await pasteInto(page, panel.getByRole('textbox', { name: 'Address of the blank page' }), tab.url());
    await panel.getByRole('status').filter({ hasText: 'You signed in as megan@outlook.com, not adele@contoso.onmicrosoft.com' }).waitFor();
    await keepScreen(page, 'ms365-sign-in-again-different-account');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
