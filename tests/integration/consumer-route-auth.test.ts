// The key check, rate limit and audit belong to the /v1 routes, not to how the request target is
// spelled: an absolute-form target (`GET http://host/v1/... HTTP/1.1`, which RFC 9112 §3.2.2 says a
// server must accept) and percent-escapes (`/%761/...`) reach the same routes through the router,
// so they must meet the same hooks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startConsumerStack } from '../helpers/consumer-stack.js';
import { rawRequest } from '../helpers/raw-http.js';

type Json = Record<string, any>;

describe('consumer key check on the matched route', () => {
  it('refuses, limits and audits absolute-form and percent-escaped targets like plain ones', async (t) => {
    const stack = await startConsumerStack(t);
    const api = stack.service.apiUrl;
    const { host } = new URL(api);
    const { key, id } = await stack.createConsumer({ name: 'three a minute', account_ids: [stack.accountId], rate_limit_per_minute: 3 });
    const bearer = { authorization: `Bearer ${key}` };
    const tokenPath = `/v1/accounts/${stack.accountId}/token`;

    // Without a key, every spelling is refused before the route runs, and each refusal is audited.
    for (const target of [`http://${host}/v1/accounts`, '/%761/accounts', `http://${host}/%761/accounts/${stack.accountId}/token`, '/%76%31/nothing']) {
      const answer = await rawRequest(api, { target });
      assert.equal(answer.status, 401, target);
      assert.equal((JSON.parse(answer.body) as Json).error.code, 'unauthorized', target);
    }

    // With the key, each spelling is served and counts against the key's allowance.
    for (const target of [`http://${host}${tokenPath}`, `/%761/accounts/${stack.accountId}/token`, tokenPath]) {
      const answer = await rawRequest(api, { target, headers: bearer });
      assert.equal(answer.status, 200, target);
    }
    const limited = await rawRequest(api, { target: `http://${host}${tokenPath}`, headers: bearer });
    assert.equal(limited.status, 429, 'the absolute-form target met the rate limit');
    assert.equal(limited.headers['retry-after'], '20');
    assert.equal((await rawRequest(api, { target: `/%761/accounts`, headers: bearer })).status, 429, 'so did the escaped one');

    await stack.services.audit.flush();
    const entries = ((await (await stack.service.ui('/api/audit?limit=50')).json()) as Json).entries as Json[];
    assert.deepEqual(entries.map((line) => [line.event, line.result, line.consumer_id, line.path]).reverse(), [
      ['denied', 'unauthorized', null, '/v1/accounts'],
      ['denied', 'unauthorized', null, '/v1/accounts'],
      ['denied', 'unauthorized', null, '/v1/accounts/:id/token'],
      ['denied', 'unauthorized', null, '(no route)'],
      ['token', 'ok', id, '/v1/accounts/:id/token'],
      ['token', 'ok', id, '/v1/accounts/:id/token'],
      ['token', 'ok', id, '/v1/accounts/:id/token'],
      ['denied', 'rate_limited', id, '/v1/accounts/:id/token'],
      ['denied', 'rate_limited', id, '/v1/accounts'],
    ]);
  });

  it('keeps /health and /openapi.json open however they are spelled', async (t) => {
    const stack = await startConsumerStack(t);
    const { host } = new URL(stack.service.apiUrl);
    assert.equal((await rawRequest(stack.service.apiUrl, { target: `http://${host}/health` })).status, 200);
    assert.equal((await rawRequest(stack.service.apiUrl, { target: '/%68ealth' })).status, 200);
    assert.equal((await rawRequest(stack.service.apiUrl, { target: '/openapi.json' })).status, 200);
  });
});
