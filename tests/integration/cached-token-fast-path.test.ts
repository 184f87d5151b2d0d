// The cached-token fast path on its own, with the real services behind it and a real HTTP server in
// front: it answers only a GET token read for a token still good in memory, with a valid key within
// its limits, and leaves every other request untouched for Fastify (recorded here as a fallback).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import { cachedTokenFastPath } from '../../server/http/routes/consumer/cached-token-fast-path.js';
import { newAdmission } from '../../server/http/routes/consumer/index.js';
import { TokenQueries } from '../../server/http/routes/consumer/token-queries.js';
import { startConsumerStack } from '../helpers/consumer-stack.js';
import { leakedSecrets } from '../helpers/service.js';

type Json = Record<string, any>;

async function fastPathServer(t: TestContext, options: { rateLimit?: number } = {}) {
  // Signed in with Mail.Read (and User.Read, always asked for): the key's list covers the account's token.
  const stack = await startConsumerStack(t, { logLevel: 'info', scopes: ['Mail.Read'] });
  const { services, accountId } = stack;
  const handler = cachedTokenFastPath({ ...services, admission: newAdmission(services), queries: new TokenQueries() });
  const fallbacks: string[] = [];
  const server = createServer((request, response) => {
    if (handler(request, response)) return;
    assert.equal(response.headersSent, false, 'a fallback leaves the response untouched');
    fallbacks.push(`${request.method} ${request.url}`);
    response.writeHead(299).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const consumer = await stack.createConsumer({ name: 'fast', account_ids: [accountId], allowed_scopes: ['Mail.Read', 'User.Read'], rate_limit_per_minute: options.rateLimit ?? 600 });
  const read = async (path: string, init: RequestInit & { key?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.key !== undefined) headers.set('authorization', `Bearer ${init.key}`);
    const response = await fetch(`${base}${path}`, { ...init, headers });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (response.status === 200 ? JSON.parse(text) : { text }) as Json };
  };
  const tokenPath = `/v1/accounts/${accountId}/token?scopes=Mail.Read`;
  const prime = () => services.broker.getToken(accountId, ['Mail.Read']);
  return { stack, services, accountId, consumer, read, tokenPath, prime, fallbacks };
}

describe('cached-token fast path', () => {
  it('answers a cached token with the documented body and headers, and audits it like the Fastify route', async (t) => {
    const { stack, services, accountId, consumer, read, tokenPath, prime, fallbacks } = await fastPathServer(t);
    assert.equal((await read(tokenPath, { key: consumer.key })).status, 299, 'nothing cached yet: the Fastify route refreshes');
    const issued = await prime();
    const answer = await read(tokenPath, { key: consumer.key });
    assert.equal(answer.status, 200);
    assert.deepEqual(Object.keys(answer.body), ['access_token', 'token_type', 'expires_at', 'expires_in', 'scopes']);
    assert.equal(answer.body.access_token, issued.accessToken);
    assert.equal(answer.body.token_type, 'Bearer');
    assert.equal(answer.body.expires_at, issued.expiresOn.toISOString());
    assert.ok(answer.body.expires_in > 3000 && answer.body.expires_in <= 3600);
    assert.deepEqual(answer.body.scopes, issued.scopes);
    assert.equal(answer.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    assert.equal(Number(answer.headers.get('content-length')), Buffer.byteLength(JSON.stringify(answer.body)));
    const again = await read(tokenPath, { key: consumer.key });
    assert.equal(again.body.access_token, issued.accessToken, 'the remembered answer is served again');
    assert.deepEqual(fallbacks, [`GET ${tokenPath}`]);

    const lines = (await services.audit.read(10)).filter((line) => line.event === 'token');
    assert.equal(lines.length, 2);
    const { time, ...line } = lines[0]!;
    assert.ok(!Number.isNaN(Date.parse(time)));
    assert.deepEqual(line, {
      event: 'token', consumer_id: consumer.id, consumer_name: 'fast', account_id: accountId, scopes: ['Mail.Read'],
      result: 'ok', status: 200, method: 'GET', path: '/v1/accounts/:id/token',
    });
    assert.deepEqual(leakedSecrets(stack.service.logs, [consumer.key, issued.accessToken]), []);
  });

  it('leaves every request it does not fully vouch for to Fastify, untouched', async (t) => {
    const { services, accountId, consumer, read, tokenPath, prime, fallbacks } = await fastPathServer(t);
    await prime();
    const cases: Array<[string, string, RequestInit & { key?: string }]> = [
      ['no key', tokenPath, {}],
      ['wrong key', tokenPath, { key: `${consumer.key.slice(0, -3)}abc` }],
      ['not a bearer key', tokenPath, { headers: { authorization: `Basic ${consumer.key}` } }],
      ['a scope outside the key', `/v1/accounts/${accountId}/token?scopes=Calendars.Read`, { key: consumer.key }],
      ['a scope never granted', `/v1/accounts/${accountId}/token?scopes=Mail.Send`, { key: consumer.key }],
      ['an account the key may not use', `/v1/accounts/00000000-0000-4000-8000-000000000000/token?scopes=Mail.Read`, { key: consumer.key }],
      ['a misspelt parameter', `/v1/accounts/${accountId}/token?scope=Mail.Read`, { key: consumer.key }],
      ['force_refresh', `${tokenPath}&force_refresh=true`, { key: consumer.key }],
      ['a percent-escaped id', `/v1/accounts/${accountId.replace(/-/g, '%2D')}/token?scopes=Mail.Read`, { key: consumer.key }],
      ['a trailing slash', `/v1/accounts/${accountId}/token/?scopes=Mail.Read`, { key: consumer.key }],
      ['another route', `/v1/accounts/${accountId}/graph/v1.0/me`, { key: consumer.key }],
      ['POST', tokenPath, { key: consumer.key, method: 'POST', body: '{}' }],
      ['HEAD', tokenPath, { key: consumer.key, method: 'HEAD' }],
    ];
    for (const [label, path, init] of cases) {
      fallbacks.length = 0;
      const { status } = await read(path, init);
      assert.equal(status, 299, label);
      assert.equal(fallbacks.length, 1, label);
    }
    assert.deepEqual((await services.audit.read(50)).filter((line) => line.event === 'token'), [], 'a fallback writes no audit line of its own');
    assert.equal((await read(tokenPath, { key: consumer.key })).status, 200, 'and the plain read is still answered');
  });

  it('takes its allowance only for an answer, so the Fastify route gives the same 429 with the same bucket', async (t) => {
    const { stack, consumer, read, tokenPath, prime } = await fastPathServer(t, { rateLimit: 2 });
    await prime();
    assert.equal((await read(tokenPath, { key: consumer.key })).status, 200);
    assert.equal((await read(tokenPath, { key: consumer.key })).status, 200);
    assert.equal((await read(tokenPath, { key: consumer.key })).status, 299, 'the allowance is spent: Fastify answers 429');
    assert.equal((await read(tokenPath, { key: consumer.key })).status, 299, 'a refusal took nothing, and still nothing is left');
    stack.clock.advance(30_000); // 2 per minute: one request back every 30 s
    assert.equal((await read(tokenPath, { key: consumer.key })).status, 200);
    assert.equal((await read(tokenPath, { key: consumer.key })).status, 299);
  });

  it('stops answering at once when the key is revoked, the account needs sign-in, or the log level asks for every request', async (t) => {
    const { stack, services, accountId, consumer, read, tokenPath, prime } = await fastPathServer(t);
    await prime();
    const second = await stack.createConsumer({ name: 'second', account_ids: [accountId] });
    assert.equal((await read(tokenPath, { key: consumer.key })).status, 200);
    assert.equal((await read(tokenPath, { key: second.key })).status, 200);

    assert.equal((await stack.service.ui(`/api/consumers/${consumer.id}`, { method: 'DELETE' })).status, 204);
    assert.equal((await read(tokenPath, { key: consumer.key })).status, 299, 'revoked: the remembered answer is gone with the record');

    services.log.level = 'debug';
    assert.equal((await read(tokenPath, { key: second.key })).status, 299, 'at debug, Fastify logs every request');
    services.log.level = 'info';
    assert.equal((await read(tokenPath, { key: second.key })).status, 200);

    stack.emulator.failNext({ endpoint: 'token', aadsts: 700082 });
    await assert.rejects(services.broker.getToken(accountId, ['Mail.Read'], { forceRefresh: true }));
    assert.equal(services.store.data.accounts[0]!.status, 'needs_sign_in');
    assert.equal((await read(tokenPath, { key: second.key })).status, 299, 'a cached token is not served for an account that must sign in again: Fastify answers 409');
  });

  it('never answers a limited key whose list does not cover the account’s token, including after the grant grows', async (t) => {
    const { stack, services, accountId, consumer, read, tokenPath, prime, fallbacks } = await fastPathServer(t);
    const narrow = await stack.createConsumer({ name: 'narrow', account_ids: [accountId], allowed_scopes: ['Mail.Read'] });
    await prime();
    assert.equal((await read(tokenPath, { key: consumer.key })).status, 200, 'the list covers Mail.Read and User.Read: answered');
    assert.equal((await read(tokenPath, { key: narrow.key })).status, 299, 'the token would also carry User.Read: left to Fastify, which refuses');
    assert.equal(await stack.signIn(['Mail.Read', 'Mail.Send']), accountId);
    await services.broker.getToken(accountId, ['Mail.Read']);
    assert.equal((await read(tokenPath, { key: consumer.key })).status, 299, 'the grant now holds Mail.Send: no longer answered here');
    assert.deepEqual(fallbacks.slice(-2), [`GET ${tokenPath}`, `GET ${tokenPath}`]);
  });
});
