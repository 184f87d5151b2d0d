// Journeys: "Add an MS365 integration" through the emulated HA ingress. The add-on drives the
// emulated Core's MS365 config flows (MSAL for Python redeems the code at the Microsoft emulator and
// writes the token file as the integration does). A new Calendar entry by paste-back; a stale paste
// caught before HA sees it; cancel leaves no flow open; a wrong secret and a missing permission come
// back as diagnoses; reconfigure; a non-admin sees no button that changes anything.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, FrameLocator } from 'playwright';
import { EmulatedConfigEntries } from '../emulators/home-assistant/config-entries.js';
import { DEFAULT_ADMIN, DEFAULT_NON_ADMIN } from '../emulators/home-assistant/index.js';
import { EmulatedMs365ConfigFlows } from '../emulators/home-assistant/ms365-config-flows.js';
import { startMicrosoftEmulator, type MicrosoftEmulator } from '../emulators/microsoft/index.js';
import { eventually, startAddonStack, type AddonStack } from '../helpers/addon-stack.js';
import { allowClipboard, followToNewTab, launchBrowser, openPanel, pasteInto, screenshot, signInAtMicrosoft, type PanelSession } from '../helpers/browser.js';
import { ADDON_HOST, MICROSOFT_HOST } from '../helpers/e2e-stack.js';
import { leakedSecrets } from '../helpers/service.js';
import { MS365_APP, nativeClient } from '../helpers/ms365-stack.js';

const WRONG_SECRET = 'Zz9~WrongSecretValue_aBcDeFgHiJkLmNoPqRsT';
const USER = 'adele@contoso.onmicrosoft.com';

describe('adding an MS365 integration from the panel', () => {
  let microsoft: MicrosoftEmulator;
  let stack: AddonStack;
  let browser: Browser;
  let entries: EmulatedConfigEntries;
  let flows: EmulatedMs365ConfigFlows;
  let firstAddress = '';

  before(async () => {
    [microsoft, browser] = await Promise.all([startMicrosoftEmulator({ host: MICROSOFT_HOST }), launchBrowser()]);
    microsoft.registerApp({ clientId: MS365_APP.clientId, displayName: 'Home Assistant MS365', secrets: [{ value: MS365_APP.secret, id: MS365_APP.secretId }], redirectUris: [nativeClient('global')] });
    stack = await startAddonStack({ endpointOverride: microsoft.origin, settings: { uiHost: ADDON_HOST }, user: DEFAULT_ADMIN });
    entries = new EmulatedConfigEntries(stack.ha.core);
    flows = new EmulatedMs365ConfigFlows(stack.ha.core, entries, { microsoftOrigin: microsoft.origin });
    for (const [name, secret] of [['Home Assistant MS365', MS365_APP.secret], ['Old secret', WRONG_SECRET]] as const) {
      const saved = await stack.ingress('/api/app-registrations', { method: 'POST', json: { display_name: name, client_id: MS365_APP.clientId, client_secret: secret } });
      assert.equal(saved.status, 201);
    }
  });
  after(async () => {
    flows?.close();
    await browser?.close();
    await stack?.close();
    await microsoft?.close();
  });

  async function openAdd(session: PanelSession): Promise<FrameLocator> {
    const { app } = session;
    await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'MS365 integrations' }).click();
    await app.getByRole('heading', { name: 'MS365 integrations', level: 1 }).waitFor();
    await app.getByRole('button', { name: 'Add an MS365 integration' }).click();
    return app;
  }

  async function fillForm(app: FrameLocator, options: { integration: string; name: string; registration?: string; check?: string }) {
    const region = app.getByRole('region', { name: 'Add an MS365 integration' });
    await region.getByRole('radio', { name: new RegExp(options.integration) }).check();
    await region.getByRole('textbox', { name: 'Name for the entries' }).fill(options.name);
    if (options.registration) await region.getByRole('combobox', { name: 'App registration' }).selectOption({ label: `${options.registration} (${MS365_APP.clientId}, global, tenant common)` });
    if (options.check) await region.getByRole('checkbox', { name: new RegExp(options.check) }).check();
    return region;
  }

  async function signIn(session: PanelSession, region: ReturnType<FrameLocator['getByRole']>): Promise<string> {
    const tab = await followToNewTab(session.context, () => region.getByRole('link', { name: 'Open Microsoft sign-in in a new tab' }).click());
    await signInAtMicrosoft(tab, USER);
    await tab.waitForURL(/\/common\/oauth2\/nativeclient\?code=/);
    const address = tab.url();
    await tab.close();
    await session.page.bringToFront();
    return address;
  }

  it('creates a Calendar entry by paste-back, and the page shows it working', async () => {
    const session = await openPanel(browser, stack.site.panelUrl);
    await allowClipboard(session.context, stack.site.origin);
    const app = await openAdd(session);
    const region = await fillForm(app, { integration: 'MS365 Calendar', name: 'work', check: 'Enable update services' });
    await region.getByText(/Needs Calendars.ReadWrite instead of Calendars.Read/).waitFor();
    await region.getByRole('button', { name: 'Start set-up' }).click();
    firstAddress = await signIn(session, region);
    await pasteInto(session.page, region.getByRole('textbox', { name: 'Address of the blank page' }), firstAddress);
    await region.getByText('Home Assistant created the entry: work').waitFor();
    await app.getByRole('article', { name: 'MS365 Calendar · work' }).getByText('Working').waitFor();
    assert.equal(entries.entries.length, 1);
    assert.equal(entries.entries[0]?.data.enable_update, true);
    assert.equal(flows.flows.size, 0);
    await screenshot(session.page, 'ms365-add-integration');
    await region.getByRole('button', { name: 'Close' }).click();
    assert.deepEqual(session.problems, []);
    await session.context.close();
  });

  it('catches a stale paste before Home Assistant sees it, and cancel leaves no flow open', async () => {
    const session = await openPanel(browser, stack.site.panelUrl);
    await allowClipboard(session.context, stack.site.origin);
    const app = await openAdd(session);
    const region = await fillForm(app, { integration: 'MS365 Mail', name: 'office' });
    await region.getByRole('button', { name: 'Start set-up' }).click();
    await region.getByRole('link', { name: 'Open Microsoft sign-in in a new tab' }).waitFor();
    assert.equal(flows.flows.size, 1);
    const calls = flows.calls.length;
    await pasteInto(session.page, region.getByRole('textbox', { name: 'Address of the blank page' }), firstAddress);
    await region.getByText(/This address belongs to another sign-in/).waitFor();
    assert.equal(flows.calls.length, calls, 'nothing was sent to HA');
    await region.getByRole('button', { name: 'Cancel' }).click();
    await region.waitFor({ state: 'detached' });
    assert.equal(flows.flows.size, 0, 'the emulator shows no open flow');
    await session.context.close();
  });

  it('abandons the flow when the user leaves the page mid-way', async () => {
    const session = await openPanel(browser, stack.site.panelUrl);
    const app = await openAdd(session);
    const region = await fillForm(app, { integration: 'MS365 Contacts', name: 'people' });
    await region.getByRole('button', { name: 'Start set-up' }).click();
    await region.getByRole('link', { name: 'Open Microsoft sign-in in a new tab' }).waitFor();
    assert.equal(flows.flows.size, 1);
    await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Guide' }).click();
    await eventually(async () => (flows.flows.size === 0 ? true : undefined), 'the flow abandoned in HA');
    await session.context.close();
  });

  it('explains a wrong secret and a missing permission', async () => {
    const session = await openPanel(browser, stack.site.panelUrl);
    await allowClipboard(session.context, stack.site.origin);
    let app = await openAdd(session);
    let region = await fillForm(app, { integration: 'MS365 ToDo', name: 'tasks', registration: 'Old secret' });
    await region.getByRole('button', { name: 'Start set-up' }).click();
    await pasteInto(session.page, region.getByRole('textbox', { name: 'Address of the blank page' }), await signIn(session, region));
    await region.getByText('Home Assistant could not redeem the sign-in code with Microsoft').waitFor();
    await region.getByText(/Secret ID instead of the secret’s Value/).waitFor();
    await region.getByRole('button', { name: 'Cancel' }).click();
    // The panel closes once HA has dropped the flow: waiting for that, not for a clock.
    await region.waitFor({ state: 'detached' });

    microsoft.withholdScopes(['Tasks.ReadWrite']);
    app = await openAdd(session);
    region = await fillForm(app, { integration: 'MS365 ToDo', name: 'chores', check: 'Enable update services' });
    await region.getByRole('button', { name: 'Start set-up' }).click();
    await pasteInto(session.page, region.getByRole('textbox', { name: 'Address of the blank page' }), await signIn(session, region));
    await region.getByText('Microsoft did not grant: Tasks.ReadWrite').waitFor();
    microsoft.withholdScopes([]);
    await region.getByRole('button', { name: 'Cancel' }).click();
    await region.waitFor({ state: 'detached' });
    assert.equal(flows.flows.size, 0);
    assert.deepEqual(leakedSecrets(stack.service.logs, [MS365_APP.secret, WRONG_SECRET]), []);
    await session.context.close();
  });

  it('reconfigures the entry', async () => {
    const session = await openPanel(browser, stack.site.panelUrl);
    await allowClipboard(session.context, stack.site.origin);
    const { app } = session;
    await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'MS365 integrations' }).click();
    await app.getByRole('button', { name: 'Reconfigure work' }).click();
    const region = app.getByRole('region', { name: 'Reconfigure MS365 Calendar · work' });
    await region.getByRole('button', { name: 'Start reconfiguring' }).click();
    await pasteInto(session.page, region.getByRole('textbox', { name: 'Address of the blank page' }), await signIn(session, region));
    await region.getByText('Home Assistant reconfigured the entry: work').waitFor();
    assert.equal(flows.flows.size, 0);
    assert.ok(existsSync(flows.tokenFile('ms365_calendar', 'work')));
    await session.context.close();
  });

  it('shows a non-admin no button that changes anything', async () => {
    stack.site.setUser(DEFAULT_NON_ADMIN);
    try {
      const { app, context } = await openPanel(browser, stack.site.panelUrl);
      await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'MS365 integrations' }).click();
      await app.getByRole('article', { name: 'MS365 Calendar · work' }).waitFor();
      assert.equal(await app.getByRole('button', { name: 'Add an MS365 integration' }).count(), 0);
      assert.equal(await app.getByRole('button', { name: /Reconfigure/ }).count(), 0);
      const refused = await stack.ingress('/api/ms365/flows', { method: 'POST', json: { domain: 'ms365_calendar', entity_name: 'x', app_registration_id: 'y' } });
      assert.equal(refused.status, 403);
      // Reading the options opens a flow in HA, so it is an admin's action too.
      assert.equal((await stack.ingress('/api/ms365/integrations/ms365_calendar/options')).status, 403);
      assert.equal(flows.flows.size, 0);
      await context.close();
    } finally {
      stack.site.setUser(DEFAULT_ADMIN);
    }
  });

  it('names the chosen registration’s own cloud in the paste-back choice (issue 12, item 3)', async () => {
    const saved = await stack.ingress('/api/app-registrations', { method: 'POST', json: { display_name: 'China', client_id: MS365_APP.clientId, client_secret: MS365_APP.secret, cloud: 'china' } });
    assert.equal(saved.status, 201);
    const session = await openPanel(browser, stack.site.panelUrl);
    const app = await openAdd(session);
    const region = app.getByRole('region', { name: 'Add an MS365 integration' });
    await region.getByRole('radio', { name: /Calendar/ }).first().check();
    await region.getByRole('combobox', { name: 'App registration' }).selectOption({ label: `China (${MS365_APP.clientId}, china, tenant common)` });
    await region.getByText(nativeClient('china'), { exact: true }).waitFor();
    assert.equal(await region.getByText(nativeClient('global'), { exact: true }).count(), 0);
    assert.equal(flows.flows.size, 0, 'nothing was started');
    await session.context.close();
  });
});
