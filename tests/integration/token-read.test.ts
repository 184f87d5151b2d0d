// GET /v1/accounts/:id/token, the read other add-ons are told to use, through the real consumer
// listener at the level the service runs by default (info): the first read goes through Fastify
// and refreshes, later ones come from the cached-token fast path. Both must look exactly like
// POST /v1/token, share the key's rate limit, and audit the same way.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startConsumerStack } from '../helpers/consumer-stack.js';
import { leakedSecrets } from '../helpers/service.js';

type Json = Record<string, any>;

describe('token read (GET /v1/accounts/:id/token)', () => {
  it('answers like POST /v1/token, whichever path serves it', async (t) => {
    const stack = await startConsumerStack(t, { logLevel: 'info' });
    const { key } = await stack.createConsumer({ name: 'reader', account_ids: [stack.accountId] });
    const read = async (query = '') => {
      const response = await stack.service.api(`/v1/accounts/${stack.accountId}/token${query}`, { key });
      return { status: response.status, headers: response.headers, text: await response.text() };
    };
    const first = await read('?scopes=Mail.Read');
    const tokenCalls = stack.emulator.stats.tokenRequests.refresh_token ?? 0;
    const second = await read('?scopes=Mail.Read');
    assert.equal(first.status, 200, first.text);
    assert.equal(second.status, 200, second.text);
    const posted = await stack.service.api('/v1/token', { method: 'POST', key, json: { account_id: stack.accountId, scopes: ['Mail.Read'] } });
    const postedText = await posted.text();
    assert.equal(posted.status, 200);
    const withoutExpiresIn = (text: string) => ({ ...(JSON.parse(text) as Json), expires_in: 0 });
    assert.deepEqual(withoutExpiresIn(second.text), withoutExpiresIn(first.text), 'the cached answer is the same token');
    assert.deepEqual(withoutExpiresIn(postedText), withoutExpiresIn(second.text), 'GET and POST answer alike');
    assert.deepEqual(Object.keys(JSON.parse(second.text) as Json), Object.keys(JSON.parse(postedText) as Json), 'in the same field order');
    const headersOf = (headers: Headers) => [...headers].filter(([name]) => name !== 'date' && name !== 'content-length');
    assert.deepEqual(headersOf(second.headers), headersOf(first.headers));
    assert.deepEqual(headersOf(posted.headers), headersOf(second.headers));
    assert.equal(stack.emulator.stats.tokenRequests.refresh_token ?? 0, tokenCalls, 'after the first read, answers come from memory');

    const token = (JSON.parse(second.text) as Json).access_token as string;
    const me = await fetch(`${stack.emulator.origin}/v1.0/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200, 'the token works at Graph');

    for (const query of ['', '?scopes=Mail.Read%20Calendars.Read', '?scopes=Mail.Read,Calendars.Read', '?scopes=Mail.Read&scopes=Calendars.Read']) {
      const answer = await read(query);
      assert.equal(answer.status, 200, `${query}: ${answer.text}`);
      const carried = (JSON.parse(answer.text) as Json).scopes as string[];
      assert.ok(carried.includes('Mail.Read') && carried.includes('Calendars.Read'), `${query}: ${carried.join(' ')}`);
    }
    const forced = await read('?scopes=Mail.Read&force_refresh=true');
    assert.notEqual((JSON.parse(forced.text) as Json).access_token, token, 'force_refresh redeems the refresh token');

    const refused = await read('?scope=Mail.Read');
    assert.equal(refused.status, 400);
    assert.equal((JSON.parse(refused.text) as Json).error.code, 'validation_failed');
    assert.match((JSON.parse(refused.text) as Json).error.message, /Unknown query parameter scope/);
    assert.deepEqual(leakedSecrets(stack.service.logs, [key, token]), []);
  });

  it('gives the same refusals as POST, and one rate limit and one audit log for both', async (t) => {
    // The key's list covers all the account was granted (User.Read is always asked for), so it may have raw tokens.
    const stack = await startConsumerStack(t, { logLevel: 'info', scopes: ['Mail.Read'] });
    const limited = await stack.createConsumer({ name: 'limited', account_ids: [stack.accountId], allowed_scopes: ['Mail.Read', 'User.Read'], rate_limit_per_minute: 4 });
    const none = await stack.createConsumer({ name: 'no accounts', account_ids: [] });
    const read = (key: string, query = '?scopes=Mail.Read', accountId = stack.accountId) => stack.service.api(`/v1/accounts/${accountId}/token${query}`, { key });
    const code = async (response: Response) => ((await response.json()) as Json).error?.code as string | undefined;

    assert.equal(await code(await read(`${limited.key}x`)), 'unauthorized');
    assert.equal(await code(await read(none.key)), 'account_forbidden');
    const outside = await read(limited.key, '?scopes=Calendars.Read');
    assert.equal(outside.status, 403);
    assert.deepEqual(((await outside.json()) as Json).error.allowed_scopes, ['Mail.Read', 'User.Read'], '403 lists what the key may ask for');

    // Four requests a minute, however they are asked: the refusal above, Fastify (first read), fast path, POST, then 429.
    assert.equal((await read(limited.key)).status, 200);
    assert.equal((await read(limited.key)).status, 200);
    assert.equal((await stack.token(limited.key, { account_id: stack.accountId, scopes: ['Mail.Read'] })).status, 200);
    const spent = await read(limited.key);
    assert.equal(spent.status, 429);
    assert.equal(spent.headers.get('retry-after'), '15');

    const entries = ((await (await stack.service.ui('/api/audit?limit=50')).json()) as Json).entries as Json[];
    assert.deepEqual(entries.map((line) => [line.event, line.result, line.method, line.path]), [
      ['denied', 'rate_limited', 'GET', '/v1/accounts/:id/token'],
      ['token', 'ok', 'POST', '/v1/token'],
      ['token', 'ok', 'GET', '/v1/accounts/:id/token'],
      ['token', 'ok', 'GET', '/v1/accounts/:id/token'],
      ['denied', 'scope_forbidden', 'GET', '/v1/accounts/:id/token'],
      ['denied', 'account_forbidden', 'GET', '/v1/accounts/:id/token'],
      ['denied', 'unauthorized', 'GET', '/v1/accounts/:id/token'],
    ]);
    assert.deepEqual(entries.slice(1, 4).map((line) => [line.consumer_name, line.account_id, line.scopes]), Array(3).fill(['limited', stack.accountId, ['Mail.Read']]));
  });
});
