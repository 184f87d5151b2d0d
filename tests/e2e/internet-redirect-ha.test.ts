// Journey: the internet redirect through Home Assistant, in add-on mode. Microsoft (127.0.0.2) sends
// the browser to the bounce page HA serves under /local/ (localhost, another site); the page's
// script carries code and state on to the add-on's ingress callback, a same-site navigation that
// HA's SameSite=Strict session cookie accompanies. The panel then shows the account.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright';
import { startMicrosoftEmulator, type MicrosoftEmulator } from '../emulators/microsoft/index.js';
import { eventually, startAddonStack, type AddonStack } from '../helpers/addon-stack.js';
import { launchBrowser, openPanel, signInAtMicrosoft } from '../helpers/browser.js';
import { ADDON_HOST, ENTRA_APP, inMonths, MICROSOFT_HOST, NATIVECLIENT } from '../helpers/e2e-stack.js';
import type { HomeAssistantView } from '../../server/http/contract/home-assistant.js';
import { startSignIn } from './support/panel-steps.js';

const BOUNCE_PATH = '/local/ms365_signin/callback.html';

describe('an internet-redirect sign-in through Home Assistant’s /local/ page', () => {
  let microsoft: MicrosoftEmulator;
  let stack: AddonStack;
  let browser: Browser;
  let redirectUri: string;

  before(async () => {
    [microsoft, browser] = await Promise.all([startMicrosoftEmulator({ host: MICROSOFT_HOST }), launchBrowser()]);
    stack = await startAddonStack({ endpointOverride: microsoft.origin, settings: { uiHost: ADDON_HOST } });
    const view = await eventually(async () => {
      const v = (await (await stack.ingress('/api/home-assistant?fresh=1')).json()) as HomeAssistantView;
      return v.internet_redirect.state === 'ready' ? v : undefined;
    }, 'the bounce page served by HA');
    redirectUri = view.internet_redirect.redirect_uri ?? '';
    assert.equal(redirectUri, `${stack.ha.siteOrigin}${BOUNCE_PATH}`);
    // What the user registers in the Entra portal: the URI the panel showed.
    microsoft.registerApp({
      clientId: ENTRA_APP.clientId,
      displayName: ENTRA_APP.displayName,
      signInAudience: 'multi_and_personal',
      secrets: [{ value: ENTRA_APP.secretValue, id: ENTRA_APP.secretId }],
      redirectUris: [NATIVECLIENT, redirectUri],
    });
    const saved = await stack.ingress('/api/app-registrations', {
      method: 'POST',
      json: {
        display_name: ENTRA_APP.displayName,
        client_id: ENTRA_APP.clientId,
        client_secret: ENTRA_APP.secretValue,
        secret_expires_on: inMonths(12),
        redirect_method: 'internet_redirect',
      },
    });
    assert.equal(saved.status, 201, await saved.clone().text());
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
    await microsoft?.close();
  });

  it('lands on the bounce page, reaches the add-on through ingress, and the panel shows the account', async () => {
    const session = await openPanel(browser, stack.site.panelUrl);
    const { app, page } = session;
    const tab = await startSignIn(session, { scopes: 'User.Read offline_access Calendars.Read' });
    const visited: string[] = [];
    tab.on('framenavigated', (frame) => {
      if (frame === tab.mainFrame()) visited.push(frame.url());
    });
    await app.getByText(redirectUri).first().waitFor();

    await signInAtMicrosoft(tab, 'megan@outlook.com');
    const callback = `${stack.ha.siteOrigin}${stack.site.ingressPath}/auth/callback?`;
    await tab.waitForURL((url) => url.href.startsWith(callback));
    await tab.getByRole('heading', { name: 'Signed in' }).waitFor();

    const bounce = visited.find((url) => url.startsWith(`${redirectUri}?`));
    assert.ok(bounce, `the browser passed the bounce page: ${visited.join(' → ')}`);
    assert.match(bounce, /[?&]code=/);
    const forwarded = new URL(tab.url());
    assert.deepEqual([...forwarded.searchParams.keys()].sort(), ['code', 'state'], 'only code and state are forwarded');
    const reached = stack.site.requests.filter((r) => r.path === '/auth/callback');
    assert.deepEqual(reached.map((r) => r.status), [200], 'the ingress cookie went with the script navigation');
    assert.ok(stack.ha.localRequests.some((r) => r.path === BOUNCE_PATH && r.status === 200));
    await tab.close();

    await page.bringToFront();
    await app.getByText('Signed in as Megan Bowen (megan@outlook.com)').waitFor();
    assert.deepEqual(session.problems, []);
    await session.context.close();
  });

  it('(control) a form on Microsoft’s site posting straight to the ingress URL gets 401: the cookie stays home', async () => {
    const session = await openPanel(browser, stack.site.panelUrl);
    const tab = await session.context.newPage();
    await tab.goto(`${microsoft.origin}/common/oauth2/nativeclient`);
    const target = `${stack.ha.siteOrigin}${stack.site.ingressPath}/auth/callback`;
    const response = tab.waitForResponse((r) => r.url().startsWith(target));
    await tab.evaluate((action) => {
      const form = document.createElement('form');
      form.method = 'GET';
      form.action = action;
      const field = document.createElement('input');
      field.name = 'code';
      field.value = 'x';
      form.append(field);
      document.body.append(form);
      form.submit();
    }, target);
    assert.equal((await response).status(), 401);
    await session.context.close();
  });
});
