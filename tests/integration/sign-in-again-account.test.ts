// "Sign in again" for one account (issue 12, item 8): Microsoft is told which account (login_hint,
// and domain_hint: `consumers` for a personal account, the tenant ID for a work one), the emulator
// preselects it as Microsoft's page does, and a different account coming back is reported.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONSUMER_TENANT_ID, DEFAULT_TENANT_ID } from '../emulators/microsoft/index.js';
import { startCoreStack } from '../helpers/core-stack.js';
import { entryData, startMs365Stack } from '../helpers/ms365-stack.js';

type Json = Record<string, any>;

describe('signing one account in again', () => {
  it('hints the account to Microsoft and reports when another one came back', async (t) => {
    const stack = await startCoreStack(t);
    const app = await stack.createApp();
    const signIn = async (username: string, accountId?: string) => {
      const started = await stack.startSignIn(app.id, accountId ? { account_id: accountId } : {});
      const response = await stack.paste(await stack.landOn(started.authorize_url, { username }));
      assert.equal(response.status, 200);
      return { started, result: (await response.json()) as Json };
    };
    const megan = (await signIn('megan@outlook.com')).result.account;
    const adele = (await signIn('adele@contoso.onmicrosoft.com')).result.account;

    // Megan again: her address and the consumer realm are hinted, and nothing is reported.
    const again = await signIn('megan@outlook.com', megan.id);
    const query = new URL(again.started.authorize_url).searchParams;
    assert.equal(query.get('login_hint'), 'megan@outlook.com');
    assert.equal(query.get('domain_hint'), 'consumers');
    assert.equal(query.get('prompt'), null, 'prompt=select_account would make msal-node drop the hints');
    assert.equal(again.result.account.id, megan.id);
    assert.equal(again.result.different_account, undefined);
    assert.equal(megan.tenant_id, CONSUMER_TENANT_ID);

    // Adele again, but Megan picked at Microsoft: saved, and reported as not the one expected.
    const wrong = await signIn('megan@outlook.com', adele.id);
    const hinted = new URL(wrong.started.authorize_url).searchParams;
    assert.equal(hinted.get('login_hint'), 'adele@contoso.onmicrosoft.com');
    assert.equal(hinted.get('domain_hint'), DEFAULT_TENANT_ID);
    assert.deepEqual(wrong.result.different_account, { expected_account_id: adele.id, expected_username: 'adele@contoso.onmicrosoft.com' });
    assert.equal(wrong.result.account.username, 'megan@outlook.com');

    // A plain sign-in still lets the user pick any account.
    const plain = new URL((await stack.startSignIn(app.id)).authorize_url).searchParams;
    assert.equal(plain.get('prompt'), 'select_account');
    assert.equal(plain.get('login_hint'), null);
  });

  it('the emulated Microsoft page preselects the hinted account', async (t) => {
    const stack = await startCoreStack(t);
    const app = await stack.createApp();
    const first = await stack.paste(await stack.landOn((await stack.startSignIn(app.id)).authorize_url, { username: 'megan@outlook.com' }));
    const megan = ((await first.json()) as Json).account;
    const started = await stack.startSignIn(app.id, { account_id: megan.id });
    const page = await (await fetch(started.authorize_url)).text();
    const buttons = [...page.matchAll(/<button type="submit" class="account"[^>]*>/g)].map((m) => m[0]);
    assert.match(buttons[0]!, /value="megan@outlook\.com" autofocus aria-current="true"/, 'first and focused');
    assert.equal(buttons.filter((b) => b.includes('autofocus')).length, 1);
    assert.match(page, /id="loginfmt"[^>]*value="megan@outlook\.com"/, 'the username field is pre-filled');
  });

  it('refuses an unknown account ID', async (t) => {
    const stack = await startCoreStack(t);
    const app = await stack.createApp();
    const response = await stack.service.ui('/api/sign-ins', { method: 'POST', json: { app_registration_id: app.id, scopes: [], account_id: 'nobody' } });
    assert.equal(response.status, 404);
    assert.equal(((await response.json()) as Json).error.code, 'account_not_found');
  });

  it('an MS365 entry signed in before hints its account, and reports another one coming back', async (t) => {
    const stack = await startMs365Stack(t);
    const entry = stack.addEntry({ domain: 'ms365_calendar', data: entryData({ entity: 'home' }) });
    assert.equal((await stack.signInByPaste(entry.entry_id, { username: 'megan@outlook.com' })).status, 200);
    const started = (await (await stack.ui(`/api/ms365/entries/${entry.entry_id}/sign-ins`, { method: 'POST', json: { method: 'paste_back' } })).json()) as Json;
    const query = new URL(started.authorize_url).searchParams;
    assert.equal(query.get('login_hint'), 'megan@outlook.com');
    assert.equal(query.get('domain_hint'), 'consumers');
    const again = (await (await stack.signInByPaste(entry.entry_id, { username: 'adele@contoso.onmicrosoft.com' })).json()) as Json;
    assert.equal(again.username, 'adele@contoso.onmicrosoft.com');
    assert.equal(again.different_account.expected_username, 'megan@outlook.com');
  });
});
