// Journey: giving another add-on access and taking it back. A consumer is created with a name, an
// account and a permission; its key is shown once with a copy button and the address to call; it
// is revoked; then the account is removed after a confirmation that names what stops working.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { allowClipboard, openPanel } from '../helpers/browser.js';
import { saveAppRegistration, signInByApi } from '../helpers/e2e-stack.js';
import { useJourney } from '../helpers/journey.js';

describe('accounts and consumers', () => {
  const journey = useJourney({}, async (stack) => {
    const appId = await saveAppRegistration(stack);
    await signInByApi(stack, appId, ['Calendars.Read', 'Tasks.ReadWrite']);
  });

  it('creates a consumer whose key works once shown, revokes it, and removes the account', async () => {
    const { app, context, problems } = await openPanel(journey.browser, journey.stack.ingress.panelUrl);
    await allowClipboard(context, journey.stack.ingress.origin);
    const nav = app.getByRole('navigation', { name: 'Sections' });

    await nav.getByRole('link', { name: 'Accounts', exact: true }).click();
    const card = app.getByRole('article', { name: 'Adele Vance' });
    await card.getByText('Status: Working').waitFor();
    await card.getByText(/Global \(Microsoft Entra ID\)/).waitFor();
    await card.getByText('3b8c0f6e-2d4a-4c1e-9f7b-5a6d8e2c1b47').waitFor();
    await card.getByText('Last refresh').waitFor();
    assert.equal(await card.getByRole('link', { name: /Sign in again/ }).getAttribute('href')?.then((h) => h?.startsWith('#/sign-in?account=')), true);

    await nav.getByRole('link', { name: 'Consumers', exact: true }).click();
    await app.getByRole('textbox', { name: 'Name' }).fill('Node-RED');
    await app.getByRole('checkbox', { name: /Adele Vance/ }).check();
    await app.getByText(/A key with every permission: it may have the accounts’ access tokens/).waitFor();
    await app.getByRole('checkbox', { name: 'Calendars.Read' }).check();
    // The form says in plain words what ticking makes of the key, before it is created.
    await app.getByText(/A limited key: it calls Microsoft Graph through this add-on\.\s+It gets no access token for adele@/).waitFor();
    await app.getByRole('button', { name: 'Create consumer and key' }).click();
    await app.getByText(/Copy the key now: it is shown only once/).waitFor();
    await app.getByText(/An access token would carry more of them, so the key calls Microsoft Graph through this add-on/).waitFor();
    const key = await app.getByLabel('Consumer key', { exact: true }).inputValue();
    assert.equal(await app.getByLabel('Token URL to call', { exact: true }).count(), 0, 'a limited key is not offered a token URL');
    const graphUrl = await app.getByLabel('Graph address to call', { exact: true }).inputValue();
    assert.match(graphUrl, new RegExp(`^${journey.stack.service.apiUrl}/v1/accounts/[0-9a-f-]{36}/graph/v1\\.0/me/events$`));
    const example = await app.getByLabel('Example request', { exact: true }).inputValue();
    assert.equal(example, `curl -H "Authorization: Bearer ${key}" ${graphUrl}`);
    await app.getByRole('button', { name: 'Copy Consumer key' }).click();
    assert.equal(await app.locator('body').evaluate(() => navigator.clipboard.readText()), key, 'the copy button copies the key');

    // The key works as shown: the Graph address answers, a raw token is refused with what to do
    // instead, and the consumer API lists the account it may use.
    const shown = await fetch(graphUrl, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(shown.status, 200);
    const tokenUrl = graphUrl.replace(/\/graph\/.*$/, '/token');
    const refused = await fetch(tokenUrl, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'raw_token_forbidden');
    const listed = await journey.stack.service.api('/v1/accounts', { key });
    assert.equal(listed.status, 200);

    await app.getByRole('button', { name: 'I have saved the key' }).click();
    assert.equal(await app.getByLabel('Consumer key', { exact: true }).count(), 0, 'the key is not shown again');
    const consumer = app.getByRole('article', { name: 'Node-RED' });
    await consumer.getByText('Calendars.Read').waitFor();
    await consumer.getByText('limited: Microsoft Graph through this add-on only').waitFor();

    await consumer.getByRole('button', { name: /Revoke/ }).click();
    const revokeDialog = app.getByRole('dialog', { name: 'Revoke Node-RED?' });
    await revokeDialog.getByText(/can no longer get tokens with its key/).waitFor();
    await revokeDialog.getByRole('button', { name: 'Revoke key' }).click();
    await consumer.waitFor({ state: 'detached' });
    assert.equal((await journey.stack.service.api('/v1/accounts', { key })).status, 401, 'the revoked key no longer works');

    // A second consumer, so removing the account has something to name.
    await app.getByRole('textbox', { name: 'Name' }).fill('AppDaemon');
    await app.getByRole('checkbox', { name: /Adele Vance/ }).check();
    await app.getByRole('button', { name: 'Create consumer and key' }).click();
    await app.getByRole('button', { name: 'I have saved the key' }).click();

    await nav.getByRole('link', { name: 'Accounts', exact: true }).click();
    await card.getByRole('button', { name: /Remove/ }).click();
    const removeDialog = app.getByRole('dialog', { name: 'Remove adele@contoso.onmicrosoft.com?' });
    await removeDialog.waitFor();
    await removeDialog.getByText(/The consumer AppDaemon can no longer get tokens for this account/).waitFor();
    await removeDialog.getByText(/MS365 integrations, automations, other add-ons\) stops updating/).waitFor();
    await removeDialog.getByRole('button', { name: 'Remove account' }).click();
    await card.waitFor({ state: 'detached' });
    await app.getByText('No account signed in yet').waitFor();
    assert.deepEqual(problems, []);
  });
});
