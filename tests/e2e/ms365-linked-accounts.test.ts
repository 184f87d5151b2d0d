// Journey: an MS365 Calendar entry signed in again through the add-on leaves an account and an app
// registration in the add-on. The accounts page lists both, each labelled with the entry that uses
// it, instead of hiding them or leaving the user to guess where they came from. A non-admin sees the
// same, without the controls.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright';
import { EmulatedConfigEntries, type EmulatedEntry } from '../emulators/home-assistant/config-entries.js';
import { signInWithFetch, startMicrosoftEmulator, type MicrosoftEmulator } from '../emulators/microsoft/index.js';
import { DEFAULT_ADMIN, DEFAULT_NON_ADMIN } from '../emulators/home-assistant/index.js';
import { startAddonStack, type AddonStack } from '../helpers/addon-stack.js';
import { launchBrowser, openPanel } from '../helpers/browser.js';
import { ADDON_HOST, MICROSOFT_HOST } from '../helpers/e2e-stack.js';
import { MS365_APP, entryData, nativeClient } from '../helpers/ms365-stack.js';

describe('accounts and app registrations used by MS365 entries', () => {
  let microsoft: MicrosoftEmulator;
  let stack: AddonStack;
  let browser: Browser;
  let family: EmulatedEntry;

  before(async () => {
    [microsoft, browser] = await Promise.all([startMicrosoftEmulator({ host: MICROSOFT_HOST }), launchBrowser()]);
    microsoft.registerApp({ clientId: MS365_APP.clientId, displayName: 'Home Assistant MS365', secrets: [{ value: MS365_APP.secret, id: MS365_APP.secretId }], redirectUris: [nativeClient('global')] });
    stack = await startAddonStack({ endpointOverride: microsoft.origin, settings: { uiHost: ADDON_HOST } });
    const entries = new EmulatedConfigEntries(stack.ha.core);
    family = entries.add({ domain: 'ms365_calendar', title: 'Family calendar', data: entryData({ entity: 'family' }) });
    await entries.setUp(family);
    // The entry's "Sign in again" as the MS365 page does it, paste-back.
    const started = await stack.ingress(`/api/ms365/entries/${family.entry_id}/sign-ins`, { method: 'POST', json: { method: 'paste_back' } });
    assert.equal(started.status, 201, await started.clone().text());
    const landed = await signInWithFetch(((await started.json()) as { authorize_url: string }).authorize_url);
    assert.ok(landed.location, 'Microsoft sent the browser back');
    const finished = await stack.ingress(`/api/ms365/entries/${family.entry_id}/sign-ins/paste`, { method: 'POST', json: { url: landed.location } });
    assert.equal(finished.status, 200, await finished.clone().text());
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
    await microsoft?.close();
  });

  it('labels the account and the app registration with the entry that uses them', async () => {
    const { app, problems } = await openPanel(browser, stack.site.panelUrl);
    await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /^Accounts/ }).click();
    const account = app.getByRole('article', { name: 'Adele Vance' });
    await account.getByText('Used by the MS365 Calendar entry Family calendar', { exact: true }).waitFor();
    await account.getByText('Status: Working').waitFor();
    const registrations = app.getByRole('region', { name: 'App registrations' });
    await registrations.getByText('Used by the MS365 Calendar entry Family calendar', { exact: true }).waitFor();
    await registrations.getByText(MS365_APP.clientId).waitFor();
    assert.deepEqual(problems, []);
  });

  it('shows a non-admin the same labels and health, without the controls that change anything', async () => {
    stack.site.setUser(DEFAULT_NON_ADMIN);
    const { app, problems } = await openPanel(browser, stack.site.panelUrl);
    await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /^Accounts/ }).click();
    const account = app.getByRole('article', { name: 'Adele Vance' });
    await account.getByText('Used by the MS365 Calendar entry Family calendar', { exact: true }).waitFor();
    await account.getByText(/of 90 days left/).waitFor();
    assert.equal(await account.getByRole('link', { name: /Sign in again/ }).count(), 0);
    assert.equal(await account.getByRole('button', { name: /Remove/ }).count(), 0);
    await app.getByRole('region', { name: 'App registrations' }).getByText('Used by the MS365 Calendar entry Family calendar', { exact: true }).waitFor();
    assert.equal(await app.getByText('Replace the client secret').count(), 0);
    await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Activity' }).click();
    await app.getByText('No activity yet').waitFor();
    assert.deepEqual(problems, []);
    stack.site.setUser(DEFAULT_ADMIN);
  });
});
