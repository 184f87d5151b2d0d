// The promises a key with a permission list (a "limited" key) is given, tried by a consumer that
// wants more: Microsoft puts every permission the user consented into one Graph token, so such a key
// gets raw tokens only while its list covers the account's granted scopes (checked every time, also
// after the grant grows); scopes of other resources never reach Microsoft; and a permission the user
// never consented is that request's 409, not a mark that locks the account for every consumer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startConsumerStack, type ConsumerStack } from '../helpers/consumer-stack.js';
import { leakedSecrets } from '../helpers/service.js';

type Json = Record<string, any>;

const readToken = async (stack: ConsumerStack, key: string, query = '') => {
  const response = await stack.service.api(`/v1/accounts/${stack.accountId}/token${query}`, { key });
  return { status: response.status, body: (await response.json()) as Json };
};
const refreshes = (stack: ConsumerStack) => stack.emulator.stats.tokenRequests.refresh_token ?? 0;
const accountView = async (stack: ConsumerStack): Promise<Json> =>
  ((await (await stack.service.ui('/api/accounts')).json()) as Json).accounts.find((a: Json) => a.id === stack.accountId);
const alerts = async (stack: ConsumerStack): Promise<Json[]> => {
  await stack.services.alerts.evaluate();
  return ((await (await stack.service.ui('/api/status')).json()) as Json).alerts as Json[];
};

describe('a limited key and raw tokens', () => {
  it('refuses a raw token that would carry more than the key’s list, on GET, POST and the cached-token path, and says what to do', async (t) => {
    const stack = await startConsumerStack(t, { logLevel: 'info' });
    const full = await stack.createConsumer({ name: 'full', account_ids: [stack.accountId] });
    const limited = await stack.createConsumer({ name: 'calendar', account_ids: [stack.accountId], allowed_scopes: ['Calendars.Read'] });
    // The full key puts a token for exactly the limited key's question in memory: the fast path would have it.
    const primed = await readToken(stack, full.key, '?scopes=Calendars.Read');
    assert.equal(primed.status, 200);
    assert.ok(primed.body.scopes.includes('Calendars.Read'));

    for (const [label, ask] of [
      ['GET with scopes (cached token in memory)', () => readToken(stack, limited.key, '?scopes=Calendars.Read')],
      ['GET with the default scopes', () => readToken(stack, limited.key)],
      ['POST', () => stack.token(limited.key, { account_id: stack.accountId, scopes: ['Calendars.Read'] })],
      ['POST with force_refresh', () => stack.token(limited.key, { account_id: stack.accountId, scopes: ['Calendars.Read'], force_refresh: true })],
    ] as const) {
      const refused = await ask();
      assert.equal(refused.status, 403, label);
      assert.equal(refused.body.error.code, 'raw_token_forbidden', label);
      assert.match(refused.body.error.message, /Mail\.Read/, `${label}: names what the token would carry beyond the list`);
      assert.match(refused.body.error.message, /User\.Read/, label);
      assert.match(refused.body.error.fix, /graph/i, `${label}: points to the Graph pass-through`);
      assert.match(refused.body.error.fix, /Consumers page/, `${label}: or to a wider key`);
      assert.deepEqual(refused.body.error.beyond_key.sort(), ['Mail.Read', 'User.Read']);
      assert.equal(refused.body.access_token, undefined);
    }
    // The pass-through is where the list holds: the same key reads its calendar, and not the mail.
    assert.equal((await stack.service.api(`/v1/accounts/${stack.accountId}/graph/v1.0/me/events`, { key: limited.key })).status, 200);
    assert.equal((await stack.service.api(`/v1/accounts/${stack.accountId}/graph/v1.0/me/messages`, { key: limited.key })).status, 403);
    assert.deepEqual(leakedSecrets(stack.service.logs, [limited.key, full.key, primed.body.access_token]), []);
  });

  it('reports each key’s kind and the accounts whose token it may have, at creation and in the list', async (t) => {
    const stack = await startConsumerStack(t);
    const full = await stack.createConsumer({ name: 'full', account_ids: [stack.accountId] });
    const narrow = await stack.createConsumer({ name: 'narrow', account_ids: [stack.accountId], allowed_scopes: ['Mail.Read'] });
    const covering = await stack.createConsumer({ name: 'covering', account_ids: [stack.accountId], allowed_scopes: ['Mail.Read', 'Calendars.Read', 'https://graph.microsoft.com/User.Read'] });
    assert.equal(full.kind, 'full');
    assert.deepEqual(full.raw_token_account_ids, [stack.accountId]);
    assert.equal(narrow.kind, 'limited');
    assert.deepEqual(narrow.raw_token_account_ids, []);
    assert.equal(covering.kind, 'limited');
    assert.deepEqual(covering.raw_token_account_ids, [stack.accountId]);
    const listed = ((await (await stack.service.ui('/api/consumers')).json()) as Json).consumers as Json[];
    assert.deepEqual(listed.map((c) => [c.name, c.kind, c.raw_token_account_ids]), [
      ['full', 'full', [stack.accountId]],
      ['narrow', 'limited', []],
      ['covering', 'limited', [stack.accountId]],
    ]);
    assert.equal((await stack.token(covering.key, { account_id: stack.accountId, scopes: ['Mail.Read'] })).status, 200);
  });

  it('checks the account’s current grant every time: a key that covered it is refused once a new sign-in grants more', async (t) => {
    const stack = await startConsumerStack(t, { scopes: ['Mail.Read'] });
    const covering = await stack.createConsumer({ name: 'mail', account_ids: [stack.accountId], allowed_scopes: ['Mail.Read', 'User.Read'] });
    const before = await readToken(stack, covering.key, '?scopes=Mail.Read');
    assert.equal(before.status, 200);
    assert.equal((await readToken(stack, covering.key, '?scopes=Mail.Read')).status, 200, 'served again from memory');
    assert.equal(await stack.signIn(['Mail.Read', 'Mail.Send']), stack.accountId, 'the same account signs in again, granting more');
    const after = await readToken(stack, covering.key, '?scopes=Mail.Read');
    assert.equal(after.status, 403);
    assert.equal(after.body.error.code, 'raw_token_forbidden');
    assert.deepEqual(after.body.error.beyond_key, ['Mail.Send']);
    const view = ((await (await stack.service.ui('/api/consumers')).json()) as Json).consumers[0];
    assert.deepEqual(view.raw_token_account_ids, []);
  });
});

describe('scopes a consumer may ask for', () => {
  it('accepts only Graph permissions of the account’s cloud, names the bad scope, and never sends the others to Microsoft', async (t) => {
    const stack = await startConsumerStack(t);
    const { key } = await stack.createConsumer({ name: 'any', account_ids: [stack.accountId] });
    const calls = refreshes(stack);
    for (const scope of ['https://outlook.office.com/Mail.Read', 'https://nonexistent.invalid/x', 'https://microsoftgraph.chinacloudapi.cn/Mail.Read', 'api://other/Mail.Read', 'https://graph.microsoft.com/.default']) {
      for (const ask of [
        () => stack.token(key, { account_id: stack.accountId, scopes: [scope], force_refresh: true }),
        () => readToken(stack, key, `?scopes=${encodeURIComponent(scope)}&force_refresh=true`),
      ]) {
        const refused = await ask();
        assert.equal(refused.status, 400, scope);
        assert.equal(refused.body.error.code, 'validation_failed', scope);
        assert.ok(refused.body.error.message.includes(scope), `the message names ${scope}`);
      }
    }
    assert.equal(refreshes(stack), calls, 'none of them reached Microsoft');
    const prefixed = await stack.token(key, { account_id: stack.accountId, scopes: ['https://graph.microsoft.com/Mail.Read'], force_refresh: true });
    assert.equal(prefixed.status, 200, 'the account cloud’s Graph prefix is fine');
    assert.equal((await accountView(stack)).status, 'ok');
    const apps = ((await (await stack.service.ui('/api/app-registrations')).json()) as Json).app_registrations;
    assert.equal(apps[0].configuration_problem, null);
  });

  it('refuses a key whose permission list names another resource', async (t) => {
    const stack = await startConsumerStack(t);
    const response = await stack.service.ui('/api/consumers', { method: 'POST', json: { name: 'outlook', account_ids: [stack.accountId], allowed_scopes: ['https://outlook.office.com/Mail.Read'] } });
    const body = (await response.json()) as Json;
    assert.equal(response.status, 400);
    assert.equal(body.error.code, 'validation_failed');
    assert.equal(body.error.field, 'allowed_scopes');
    assert.match(body.error.message, /outlook\.office\.com/);
  });
});

describe('a permission the user never consented', () => {
  it('is the asking request’s 409: the account stays connected, no alert, other consumers keep getting tokens', async (t) => {
    const stack = await startConsumerStack(t);
    const mail = await stack.createConsumer({ name: 'mail', account_ids: [stack.accountId] });
    const calendar = await stack.createConsumer({ name: 'calendar', account_ids: [stack.accountId] });
    // The user takes consent for Mail.Read back (My Apps); the add-on still lists it as granted.
    stack.emulator.revokeConsent(['Mail.Read']);
    const calls = refreshes(stack);
    const refused = await stack.token(mail.key, { account_id: stack.accountId, scopes: ['Mail.Read'], force_refresh: true });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'scope_not_granted');
    assert.equal(refused.body.error.aadsts, 65001);
    assert.equal(refreshes(stack), calls + 1, 'Microsoft was asked once');
    const again = await stack.token(mail.key, { account_id: stack.accountId, scopes: ['Mail.Read'] });
    assert.equal(again.body.error.code, 'scope_not_granted');
    assert.equal(refreshes(stack), calls + 1, 'and not again for the same question while the refusal is held');

    const other = await stack.token(calendar.key, { account_id: stack.accountId, scopes: ['Calendars.Read'], force_refresh: true });
    assert.equal(other.status, 200, JSON.stringify(other.body));
    const view = await accountView(stack);
    assert.equal(view.status, 'ok');
    assert.equal(view.refresh.state, 'ok');
    assert.deepEqual(await alerts(stack), []);
  });

  it('still marks the account when the add-on’s own scheduled refresh is refused that way', async (t) => {
    const stack = await startConsumerStack(t);
    const { key } = await stack.createConsumer({ name: 'mail', account_ids: [stack.accountId] });
    assert.equal((await stack.token(key, { account_id: stack.accountId, scopes: ['Mail.Read'] })).status, 200);
    stack.emulator.revokeConsent(['Mail.Read']);
    stack.clock.advance(58 * 60_000); // the token in use is now due for its scheduled refresh
    await stack.services.scheduler.tick();
    assert.equal((await accountView(stack)).status, 'needs_sign_in');
    assert.deepEqual((await alerts(stack)).map((alert) => alert.kind), ['account_needs_sign_in']);
  });
});
