// Journey: the guide with the localhost paste-back (recommended when no internet redirect is set up),
// then a sign-in where Microsoft sends the browser to http://localhost/?code=…, Chromium cannot open
// it, and the address it shows is pasted back: first into the wrong sign-in's page check, then right.
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import type { Page } from 'playwright';
import { allowClipboard, followToNewTab, openPanel, pasteInto, signInAtMicrosoft } from '../helpers/browser.js';
import { ENTRA_APP, NATIVECLIENT } from '../helpers/e2e-stack.js';
import { useJourney } from '../helpers/journey.js';
import { saveSecretInGuide } from './support/panel-steps.js';

/** True when something on this machine answers on port 80, so the real "can't be reached" would not happen. */
function port80Answers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: 'localhost', port: 80 });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Lets Chromium fail to open http://localhost as it does on a user's computer, and resolves with the
 * address it tried: the one its address bar keeps (Playwright reports the error page itself as
 * chrome-error://). Only if this machine has a web server on port 80 is the request refused by route.
 */
async function expectUnreachableLocalhost(tab: Page): Promise<() => Promise<string>> {
  if (await port80Answers()) await tab.route('http://localhost/**', (route) => route.abort('connectionrefused'));
  const failed = tab.waitForEvent('requestfailed', (request) => request.url().startsWith('http://localhost/'));
  return async () => {
    const request = await failed;
    assert.equal(request.failure()?.errorText, 'net::ERR_CONNECTION_REFUSED');
    return request.url();
  };
}

describe('the localhost paste-back', () => {
  const journey = useJourney({}, async (stack) => {
    // The user added http://localhost under Web next to the nativeclient address (Entra keeps one list per app).
    stack.microsoft.registerApp({
      clientId: ENTRA_APP.clientId,
      displayName: ENTRA_APP.displayName,
      signInAudience: 'multi_and_personal',
      secrets: [{ value: ENTRA_APP.secretValue, id: ENTRA_APP.secretId }],
      redirectUris: [NATIVECLIENT, 'http://localhost'],
    });
  });

  it('takes a user from the guide to a signed-in account through http://localhost', async () => {
    const { context, page, app, problems } = await openPanel(journey.browser, journey.stack.ingress.panelUrl);
    await allowClipboard(context, journey.stack.ingress.origin);
    await app.getByRole('heading', { name: 'Set up your app registration' }).waitFor();
    for (const step of [1, 2, 3]) await app.getByLabel(`Step ${step} done`).check();

    // 4: no internet redirect here, so the localhost paste-back is chosen and recommended, with the reason.
    const localhost = app.getByRole('radio', { name: /Localhost paste-back \(recommended\)/ });
    assert.equal(await localhost.isChecked(), true);
    await app.getByText(/Why localhost: Microsoft never shows its “wrongplace” page/).waitFor();
    assert.equal(await app.getByLabel('Redirect URI', { exact: true }).inputValue(), 'http://localhost');
    await app.getByRole('button', { name: 'Copy Redirect URI' }).click();
    assert.equal(await app.locator('body').evaluate(() => navigator.clipboard.readText()), 'http://localhost', 'its own copy button');
    // Choosing the nativeclient page offers the localhost address beside it, to register both.
    await app.getByRole('radio', { name: /^Paste-back/ }).check();
    assert.equal(await app.getByLabel('Redirect URI', { exact: true }).inputValue(), NATIVECLIENT);
    assert.equal(await app.getByLabel('Localhost redirect URI', { exact: true }).inputValue(), 'http://localhost');
    await localhost.check();
    await app.getByLabel('Step 4 done').check();

    // 5 and 6: the client ID, the secret's Value and its expiry, saved with the localhost method.
    await app.getByRole('textbox', { name: 'Application (client) ID' }).fill(ENTRA_APP.clientId);
    await saveSecretInGuide(app);
    await app.getByRole('checkbox', { name: 'Use MS365 Calendar' }).check();
    await app.getByRole('link', { name: 'Continue to sign-in' }).click();

    // The sign-in form starts from the app's method and names the address it uses.
    await app.getByRole('heading', { name: 'Sign in to Microsoft 365' }).waitFor();
    assert.equal(await app.getByRole('radio', { name: /Localhost paste-back/ }).isChecked(), true);
    await app.getByText(/Redirect URI used: http:\/\/localhost\./).waitFor();
    await app.getByRole('button', { name: 'Start sign-in' }).click();
    await app.getByText(/This site can’t be reached/).first().waitFor();
    await app.getByText(/address bar holds the whole answer/).waitFor();
    assert.equal(await app.getByText(/Safari downloads an empty file/).count(), 0, 'no nativeclient warnings for this method');

    // Microsoft sends the browser to http://localhost/?code=…; nothing answers there.
    const microsoft = await followToNewTab(context, () => app.getByRole('link', { name: 'Open Microsoft sign-in in a new tab' }).click());
    const unreachable = await expectUnreachableLocalhost(microsoft);
    await signInAtMicrosoft(microsoft, 'adele@contoso.onmicrosoft.com');
    const address = await unreachable();
    // What the user sees, as the panel told them: Chromium's own error page.
    await microsoft.getByText('This site can’t be reached').waitFor();
    await microsoft.getByText('localhost refused to connect.').first().waitFor();
    assert.match(address, /^http:\/\/localhost\/\?code=[^&]+&client_info=[^&]+&state=[^&]+&session_state=/, 'the address bar holds the whole answer');
    await page.bringToFront();

    // Pasted as if it came from the nativeclient page: refused, naming the address this sign-in expects.
    const field = app.getByRole('textbox', { name: 'Address of the page that could not open' });
    await pasteInto(page, field, address.replace('http://localhost/', 'https://login.microsoftonline.com/common/oauth2/nativeclient'));
    await app.getByText(/it expects http:\/\/localhost\/\?code=…/).waitFor();

    // The address as Firefox copies it, without http://: accepted.
    await field.fill('');
    await pasteInto(page, field, address.replace(/^http:\/\//, ''));
    await app.getByText('Signed in as Adele Vance (adele@contoso.onmicrosoft.com)').waitFor();
    assert.equal(await app.getByText('✗ missing').count(), 0);
    assert.equal(journey.stack.microsoft.stats.tokenRequests.authorization_code, 1, 'one redemption, from the accepted paste');
    assert.deepEqual(problems, []);
  });
});
