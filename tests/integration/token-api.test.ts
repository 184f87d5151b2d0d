import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLIENT_SECRET, startCoreStack, type CoreStack } from '../helpers/core-stack.js';
import { leakedSecrets } from '../helpers/service.js';

type Json = Record<string, any>;

async function signedIn(stack: CoreStack, scopes = ['Calendars.Read', 'Mail.Read']) {
  const app = await stack.createApp();
  const started = await stack.startSignIn(app.id, { scopes });
  const result = (await (await stack.paste(await stack.landOn(started.authorize_url))).json()) as Json;
  return result.account.id as string;
}

async function createConsumer(stack: CoreStack, body: Record<string, unknown>) {
  const response = await stack.service.ui('/api/consumers', { method: 'POST', json: body });
  assert.equal(response.status, 201);
  return (await response.json()) as Json;
}

describe('consumer token API', () => {
  it('hands a key-holder an access token for its account, on its own listener', async (t) => {
    const stack = await startCoreStack(t);
    const accountId = await signedIn(stack);
    const consumer = await createConsumer(stack, { name: 'Node-RED', account_ids: [accountId] });
    assert.match(consumer.key, /^m365_[A-Za-z0-9_-]{43}$/, 'the key is shown once at creation');
    assert.notEqual(stack.service.apiUrl, stack.service.uiUrl);
    const listed = (await (await stack.service.api('/v1/accounts', { key: consumer.key })).json()) as Json;
    assert.deepEqual(listed.accounts.map((a: Json) => a.id), [accountId]);
    const response = await stack.service.api('/v1/token', { method: 'POST', key: consumer.key, json: { account_id: accountId, scopes: ['Calendars.Read'] } });
    const token = (await response.json()) as Json;
    assert.equal(response.status, 200, JSON.stringify(token));
    assert.equal(token.token_type, 'Bearer');
    assert.ok(token.access_token.length > 20);
    assert.ok(token.expires_in > 3000 && token.expires_in <= 3599);
    assert.ok(token.scopes.includes('Calendars.Read'));
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const me = await fetch(`${stack.emulator.origin}/v1.0/me`, { headers: { authorization: `Bearer ${token.access_token}` } });
    assert.equal(me.status, 200, 'the token works at Graph');
    const consumers = await (await stack.service.ui('/api/consumers')).text();
    assert.equal(consumers.includes(consumer.key), false, 'the key is never shown again');
    assert.deepEqual(leakedSecrets(stack.service.logs, [consumer.key, token.access_token, CLIENT_SECRET]), []);
  });

  it('refreshes through msal when the access token is near expiry, and saves the rotated cache', async (t) => {
    const stack = await startCoreStack(t);
    stack.emulator.setAccessTokenLifetime(200); // inside msal's 300 s renewal margin
    const accountId = await signedIn(stack);
    const { key } = await createConsumer(stack, { name: 'script', account_ids: [accountId] });
    const ask = async () => (await (await stack.service.api('/v1/token', { method: 'POST', key, json: { account_id: accountId } })).json()) as Json;
    const before = stack.emulator.stats.tokenRequests.refresh_token ?? 0;
    const first = await ask();
    const second = await ask();
    assert.ok(first.access_token && second.access_token);
    assert.notEqual(first.access_token, second.access_token);
    assert.equal((stack.emulator.stats.tokenRequests.refresh_token ?? 0) - before, 2, 'each near-expiry request refreshed');
    stack.emulator.setAccessTokenLifetime(3599);
    const fresh = await ask();
    const cached = await ask();
    assert.equal(fresh.access_token, cached.access_token, 'a valid token is served from the cache');
    const account = (await (await stack.service.ui('/api/accounts')).json()) as Json;
    assert.ok(account.accounts[0].last_refresh_at);
  });

  it('answers 401 for a missing, wrong or revoked key and 403 for an account the key may not use', async (t) => {
    const stack = await startCoreStack(t);
    const accountId = await signedIn(stack);
    const other = await createConsumer(stack, { name: 'no accounts', account_ids: [] });
    const { key, id } = await createConsumer(stack, { name: 'scoped', account_ids: [accountId], allowed_scopes: ['Calendars.Read'] });
    const tokenFor = (init: Record<string, unknown>) =>
      stack.service.api('/v1/token', { method: 'POST', json: { account_id: accountId }, ...init });
    const expect = async (label: string, response: Response, status: number, code: string) => {
      const body = (await response.json()) as Json;
      assert.equal(response.status, status, label);
      assert.equal(body.error.code, code, label);
      assert.ok(body.error.message, label);
    };
    await expect('no key', await tokenFor({}), 401, 'unauthorized');
    await expect('wrong key', await tokenFor({ key: `${key.slice(0, -2)}xx` }), 401, 'unauthorized');
    await expect('malformed header', await tokenFor({ headers: { authorization: 'Basic abc' } }), 401, 'unauthorized');
    await expect('other consumer', await tokenFor({ key: other.key }), 403, 'account_forbidden');
    await expect('scope outside the key', await tokenFor({ key, json: { account_id: accountId, scopes: ['Mail.Read'] } }), 403, 'scope_forbidden');
    await expect('scope never granted', await stack.service.api('/v1/token', { method: 'POST', key: other.key, json: { account_id: 'nope' } }), 403, 'account_forbidden');
    await expect('bad body', await tokenFor({ key, json: { account: 1 } }), 400, 'validation_failed');
    await expect('accounts without key', await stack.service.api('/v1/accounts'), 401, 'unauthorized');
    // Microsoft puts every consented permission of the resource into one token, so a key limited to
    // Calendars.Read must not get this account's token at all: it would also carry Mail.Read.
    const limited = await tokenFor({ key });
    assert.equal(limited.status, 403);
    const refusal = ((await limited.json()) as Json).error;
    assert.equal(refusal.code, 'raw_token_forbidden');
    assert.match(refusal.message, /Mail\.Read/);
    assert.equal(refusal.graph_route, `/v1/accounts/${accountId}/graph/`);
    const covering = await createConsumer(stack, { name: 'covering', account_ids: [accountId], allowed_scopes: ['Calendars.Read', 'Mail.Read', 'User.Read'] });
    const allowed = await tokenFor({ key: covering.key, json: { account_id: accountId, scopes: ['Calendars.Read'] } });
    assert.equal(allowed.status, 200, 'a list that covers everything the account granted gets the token');
    assert.ok(((await allowed.json()) as Json).scopes.includes('Calendars.Read'));
    assert.equal((await stack.service.ui(`/api/consumers/${id}`, { method: 'DELETE' })).status, 204);
    await expect('revoked key', await tokenFor({ key }), 401, 'unauthorized');
  });

  it('marks an account needing sign-in when Microsoft says the grant is dead, and stops asking', async (t) => {
    const stack = await startCoreStack(t);
    const accountId = await signedIn(stack);
    const { key } = await createConsumer(stack, { name: 'script', account_ids: [accountId] });
    stack.emulator.failNext({ endpoint: 'token', aadsts: 700082 });
    const ask = () => stack.service.api('/v1/token', { method: 'POST', key, json: { account_id: accountId, force_refresh: true } });
    const first = await ask();
    const body = (await first.json()) as Json;
    assert.equal(first.status, 409);
    assert.equal(body.error.code, 'needs_sign_in');
    assert.equal(body.error.aadsts, 700082);
    const calls = stack.emulator.stats.tokenRequests.refresh_token ?? 0;
    assert.equal((await ask()).status, 409);
    assert.equal(stack.emulator.stats.tokenRequests.refresh_token ?? 0, calls, 'no retry storm against Microsoft');
    const account = (await (await stack.service.ui('/api/accounts')).json()) as Json;
    assert.equal(account.accounts[0].status, 'needs_sign_in');
  });
});
