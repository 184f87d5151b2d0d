// Journey: keeping an eye on the tokens. Two accounts; Microsoft revokes one's grant, so the accounts
// page shows it as needing sign-in with the diagnosis and the way back, while the other shows its
// last and next refresh and the refresh token's 90-day window. The app registration's client secret
// runs out (7 days, then expired), Microsoft refuses it, and it is replaced from the page. The Activity page lists what a
// consumer did, and its result filter narrows the list. Everything fits a phone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, FrameLocator } from 'playwright';
import { PHONE_VIEWPORT, hasFocus, horizontalOverflow, launchBrowser, openPanel, screenshot, tabTo } from '../helpers/browser.js';
import { ENTRA_APP, inMonths, signInByApi, startE2eStack, type E2eStack } from '../helpers/e2e-stack.js';

const DAY_MS = 24 * 60 * 60_000;
// The badge ("2 need attention") is part of the Accounts link's name.
const nav = (app: FrameLocator, name: string) => app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: new RegExp(`^${name}`) });
const announced = (app: FrameLocator, text: string | RegExp) => app.getByRole('status').filter({ hasText: text });

function inDays(days: number): string {
  return new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
}

describe('token health, secret expiry and activity', () => {
  let stack: E2eStack;
  let browser: Browser;
  let key: string;
  let adele: string;
  let megan: string;
  before(async () => {
    [stack, browser] = await Promise.all([startE2eStack(), launchBrowser()]);
    const saved = await stack.service.ui('/api/app-registrations', {
      method: 'POST',
      json: { display_name: ENTRA_APP.displayName, client_id: ENTRA_APP.clientId, client_secret: ENTRA_APP.secretValue, secret_expires_on: inDays(5) },
    });
    assert.equal(saved.status, 201, await saved.clone().text());
    const appId = ((await saved.json()) as { id: string }).id;
    // Both accounts grant Calendars.Read (and User.Read): the key's list covers them, so it may have their tokens.
    await signInByApi(stack, appId, ['Calendars.Read']);
    await signInByApi(stack, appId, ['Calendars.Read'], 'megan@outlook.com');
    const accounts = ((await (await stack.service.ui('/api/accounts')).json()) as { accounts: Array<{ id: string; username: string }> }).accounts;
    adele = accounts.find((a) => a.username.startsWith('adele'))!.id;
    megan = accounts.find((a) => a.username.startsWith('megan'))!.id;
    const consumer = await stack.service.ui('/api/consumers', { method: 'POST', json: { name: 'Node-RED', account_ids: [adele, megan], allowed_scopes: ['Calendars.Read', 'User.Read'] } });
    key = ((await consumer.json()) as { key: string }).key;

    assert.equal((await stack.service.api('/v1/token', { method: 'POST', key, json: { account_id: adele, scopes: ['Calendars.Read'] } })).status, 200);
    assert.equal((await stack.service.api('/v1/token', { method: 'POST', key, json: { account_id: adele, scopes: ['Mail.Read'] } })).status, 403, 'outside the key’s scopes');
    stack.microsoft.revokeRefreshTokens('megan@outlook.com');
    assert.equal((await stack.service.api('/v1/token', { method: 'POST', key, json: { account_id: megan, force_refresh: true } })).status, 409, 'a dead grant');
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows each account’s refresh health; the one Microsoft refused says why and how to sign in again', async () => {
    const { app, problems } = await openPanel(browser, stack.ingress.panelUrl);
    await nav(app, 'Accounts').click();
    await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Accounts 1 needs attention' }).waitFor();

    const working = app.getByRole('article', { name: 'Adele Vance' });
    await working.getByText('Status: Working').waitFor();
    await working.getByText('Last refresh').waitFor();
    await working.getByText(/\((weekly keep-alive|before the token in use expires)\)$/).waitFor();
    await working.getByText(/^0 days old, 90 of 90 days left/).waitFor();

    const refused = app.getByRole('article', { name: 'Megan Bowen' });
    await refused.getByText('Status: Needs sign-in').waitFor();
    await refused.getByText(/^How to fix it:/).waitFor();
    await refused.getByText(/Microsoft error code: AADSTS\d+/).waitFor();
    await refused.getByText(/Consumers get no tokens for this account until then/).waitFor();
    await refused.getByText('none until you sign in again').waitFor();
    const again = refused.getByRole('link', { name: 'Sign in again as Megan Bowen' });
    assert.equal(await again.getAttribute('href'), `#/sign-in?account=${encodeURIComponent(megan)}`);
    await again.click();
    await app.getByRole('heading', { name: 'Sign in to Microsoft 365' }).waitFor();
    assert.deepEqual(problems, []);
  });

  it('lists what the consumer did; the result filter narrows the list and says how many are shown', async () => {
    const { app, page, problems } = await openPanel(browser, stack.ingress.panelUrl);
    await nav(app, 'Activity').click();
    await app.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
    const table = app.getByRole('table', { name: 'Consumer API activity, newest first' });
    const rows = table.getByRole('row');
    await rows.nth(3).waitFor();
    assert.equal(await rows.count(), 4, 'a header and three lines');
    const ok = rows.filter({ hasText: /OK \(200\)/ }).first();
    await ok.getByRole('cell', { name: 'Node-RED' }).waitFor();
    await ok.getByRole('cell', { name: 'adele@contoso.onmicrosoft.com' }).waitFor();
    await ok.getByRole('cell', { name: 'Calendars.Read' }).waitFor();
    const denied = rows.filter({ hasText: 'scope_forbidden' });
    await denied.getByRole('cell', { name: 'Mail.Read' }).waitFor();
    await denied.getByText('(403)').waitFor();
    await rows.filter({ hasText: 'needs_sign_in' }).getByRole('cell', { name: 'megan@outlook.com' }).waitFor();
    await announced(app, 'Showing 3 of 3 entries.').waitFor();

    const filter = app.getByRole('combobox', { name: 'Result' });
    await filter.selectOption({ label: 'Failed or refused' });
    await announced(app, 'Showing 2 of 3 entries.').waitFor();
    assert.equal(await rows.count(), 3);
    assert.equal(await rows.filter({ hasText: /OK \(200\)/ }).count(), 0);
    await filter.selectOption({ label: 'Only scope_forbidden' });
    await announced(app, 'Showing 1 of 3 entries.').waitFor();
    await filter.selectOption({ label: 'Succeeded' });
    await announced(app, 'Showing 1 of 3 entries.').waitFor();
    await rows.filter({ hasText: /OK \(200\)/ }).waitFor();

    // A new line shows up on Reload, reached and pressed from the keyboard.
    assert.equal((await stack.service.api('/v1/token', { method: 'POST', key, json: { account_id: adele } })).status, 200);
    const reload = app.getByRole('button', { name: 'Reload' });
    await tabTo(page, reload);
    await page.keyboard.press('Enter');
    await announced(app, 'Activity reloaded: 4 entries.').waitFor();
    await announced(app, 'Showing 2 of 4 entries.').waitFor();
    assert.equal(await hasFocus(reload), true);
    assert.deepEqual(problems, []);
  });

  it('warns of the client secret 7 days ahead and once expired, with the fix; replacing the secret clears it', async () => {
    const { app, problems } = await openPanel(browser, stack.ingress.panelUrl);
    await nav(app, 'Accounts').click();
    const registration = app.getByRole('region', { name: 'App registrations' }).getByRole('article', { name: ENTRA_APP.displayName });
    await registration.getByText(/The client secret expires in \d days \(\d{4}-\d{2}-\d{2}\): renew it now$/).waitFor();
    await registration.getByText(/Certificates & secrets → \+ New client secret/).waitFor();

    stack.advanceServiceClock(7 * DAY_MS);
    await nav(app, 'Consumers').click();
    await nav(app, 'Accounts').click();
    await registration.getByText(/The client secret expired on \d{4}-\d{2}-\d{2}$/).waitFor();

    // Microsoft refuses the secret (AADSTS7000222): the app registration and its accounts say so.
    stack.microsoft.failNext({ endpoint: 'token', aadsts: 7000222 });
    assert.notEqual((await stack.service.api('/v1/token', { method: 'POST', key, json: { account_id: adele, force_refresh: true } })).status, 200);
    await nav(app, 'Consumers').click();
    await nav(app, 'Accounts').click();
    await registration.getByText(/Microsoft refused this app registration: /).waitFor();
    await registration.getByText(/Microsoft error code: AADSTS7000222/).waitFor();
    await app.getByRole('article', { name: 'Adele Vance' }).getByText('Status: App registration refused').waitFor();

    // The form is open already, since the secret needs replacing.
    await registration.getByLabel('New client secret Value').fill(ENTRA_APP.secretId);
    await registration.getByText(/This looks like the Secret ID/).waitFor();
    assert.equal(await registration.getByRole('button', { name: 'Save the new secret' }).isDisabled(), true);
    await registration.getByLabel('New client secret Value').fill(ENTRA_APP.secretValue);
    await registration.getByLabel('New secret expires on').fill(inMonths(12));
    await registration.getByRole('button', { name: 'Save the new secret' }).click();
    await announced(app, `New client secret saved for ${ENTRA_APP.displayName}.`).waitFor();
    await registration.getByText(`, expires ${inMonths(12)}.`, { exact: false }).waitFor();
    assert.equal(await registration.getByText(/The client secret expire/).count(), 0, 'no warning left');
    assert.equal(await registration.getByText(/Microsoft refused this app registration/).count(), 0, 'a new secret clears Microsoft’s refusal');
    assert.deepEqual(problems, []);
  });

  it('fits a phone: accounts and activity', async () => {
    const { app, page } = await openPanel(browser, stack.ingress.panelUrl, { viewport: PHONE_VIEWPORT });
    for (const [tab, ready] of [['Accounts', 'Megan Bowen'], ['Activity', 'Activity']] as const) {
      await nav(app, tab).click();
      await app.getByRole(tab === 'Accounts' ? 'article' : 'heading', { name: ready }).first().waitFor();
      await app.getByRole('table').or(app.getByText('Status: Needs sign-in')).first().waitFor();
      // The longest state of the accounts page: the secret form open.
      if (tab === 'Accounts') await app.getByText(/^Replace the client secret of/).click();
      assert.equal(await horizontalOverflow(app), 0, `${tab}: the panel scrolls sideways`);
      assert.equal(await horizontalOverflow(page), 0, `${tab}: the Home Assistant page scrolls sideways`);
    }
    const full = await page.context().newPage();
    for (const route of ['accounts', 'activity']) {
      await full.goto(`${stack.ingress.origin}${stack.ingress.ingressPath}/#/${route}`);
      await full.locator('m365-app').waitFor();
      await full.waitForTimeout(300);
      assert.equal(await horizontalOverflow(full), 0, `${route}: the panel scrolls sideways on its own`);
      await screenshot(full, `360-${route}-health`);
    }
  });
});
