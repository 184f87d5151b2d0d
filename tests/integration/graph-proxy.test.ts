// The Graph pass-through end to end: the emulator's Graph behind the consumer listener, and for the
// streaming proof a tiny Graph stand-in that only answers once the other side has seen a first chunk.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AUDIT_FILE } from '../../server/audit/audit-log.js';
import { DEFAULT_WORK_USER } from '../emulators/microsoft/index.js';
import { startConsumerStack, type ConsumerStack } from '../helpers/consumer-stack.js';
import { leakedSecrets } from '../helpers/service.js';

type Json = Record<string, any>;

const graph = (stack: ConsumerStack, key: string, path: string, init: RequestInit & { json?: unknown } = {}) =>
  stack.service.api(`/v1/accounts/${stack.accountId}/graph/${path}`, { ...init, key });

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), 5000).unref())]);
}

describe('graph pass-through', () => {
  it('forwards method, query, headers and body to the account’s Graph host with the account’s token', async (t) => {
    const stack = await startConsumerStack(t);
    const { key } = await stack.createConsumer({ name: 'all', account_ids: [stack.accountId] });
    const response = await graph(stack, key, "v1.0/echo?$top=2&$filter=subject%20eq%20'x'", {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-custom': 'kept', cookie: 'dropped=1', 'x-forwarded-for': '10.9.9.9', prefer: 'outlook.body-content-type="text"' },
      json: { subject: 'hello', big: 'x'.repeat(64 * 1024) },
    });
    const echo = (await response.json()) as Json;
    assert.equal(response.status, 200);
    assert.equal(echo.method, 'PATCH');
    assert.equal(echo.path, '/v1.0/echo');
    assert.deepEqual(echo.query, { $top: '2', $filter: "subject eq 'x'" });
    assert.equal(JSON.parse(echo.body).big.length, 64 * 1024, 'a body larger than the API’s JSON limit streams through untouched');
    assert.equal(echo.headers['x-custom'], 'kept');
    assert.equal(echo.headers.prefer, 'outlook.body-content-type="text"');
    assert.equal(echo.headers.cookie, undefined);
    assert.equal(echo.headers['x-forwarded-for'], undefined);
    assert.equal(echo.user, DEFAULT_WORK_USER.username, 'Graph saw the account’s token');
    assert.ok(response.headers.get('request-id'), 'Graph’s own headers come back');
  });

  it('passes Graph’s status, error body and Retry-After through, minus its auth challenge', async (t) => {
    const stack = await startConsumerStack(t);
    const { key } = await stack.createConsumer({ name: 'all', account_ids: [stack.accountId] });
    const missing = await graph(stack, key, 'v1.0/me/nothing-here');
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as Json).error.code, 'Request_ResourceNotFound');
    stack.emulator.failNext({ endpoint: 'graph', status: 429, retryAfterSeconds: 7 });
    const throttled = await graph(stack, key, 'v1.0/me');
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get('retry-after'), '7');
    await throttled.arrayBuffer();
    const me = await graph(stack, key, 'v1.0/me?$select=displayName');
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as Json).displayName !== undefined, true);
  });

  it('retries a bodiless call once with a fresh token when Graph says 401, and never shows Graph’s challenge', async (t) => {
    const stack = await startConsumerStack(t);
    const { key } = await stack.createConsumer({ name: 'all', account_ids: [stack.accountId] });
    assert.equal((await graph(stack, key, 'v1.0/me')).status, 200);
    const refreshes = stack.emulator.stats.tokenRequests.refresh_token ?? 0;
    stack.emulator.failNext({ endpoint: 'graph', status: 401 });
    const retried = await graph(stack, key, 'v1.0/me');
    assert.equal(retried.status, 200);
    assert.equal((stack.emulator.stats.tokenRequests.refresh_token ?? 0) - refreshes, 1, 'one forced refresh');
    stack.emulator.failNext({ endpoint: 'graph', status: 401, count: 2 });
    const refused = await graph(stack, key, 'v1.0/me');
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('www-authenticate'), null);
  });

  it('holds a key limited to some permissions to the Graph paths they cover', async (t) => {
    const stack = await startConsumerStack(t);
    const { key } = await stack.createConsumer({ name: 'mail only', account_ids: [stack.accountId], allowed_scopes: ['Mail.Read'] });
    assert.equal((await graph(stack, key, 'v1.0/me/messages?$top=1')).status, 200);
    for (const [method, path] of [['GET', 'v1.0/me/events'], ['POST', 'v1.0/me/sendMail'], ['POST', 'v1.0/$batch'], ['DELETE', 'v1.0/me/messages/abc']]) {
      const refused = await graph(stack, key, path!, { method: method!, ...(method === 'GET' ? {} : { json: {} }) });
      const body = (await refused.json()) as Json;
      assert.equal(refused.status, 403, `${method} ${path}`);
      assert.equal(body.error.code, 'scope_forbidden');
      assert.deepEqual(body.error.allowed_scopes, ['Mail.Read']);
    }
    const other = await stack.createConsumer({ name: 'other', account_ids: [] });
    assert.equal((await graph(stack, other.key, 'v1.0/me')).status, 403, 'an account the key may not use');
    assert.equal((await stack.service.api(`/v1/accounts/${stack.accountId}/graph/v1.0/me`)).status, 401, 'no key');
  });

  it('refuses paths that are not Graph API paths, without calling Graph', async (t) => {
    const stack = await startConsumerStack(t);
    const { key } = await stack.createConsumer({ name: 'all', account_ids: [stack.accountId] });
    const calls = stack.emulator.stats.graphRequests;
    for (const path of ['', 'me', 'v2.0/me', 'v1.0/%2e%2e/common/oauth2/v2.0/token', 'v1.0/me%0d%0aX:1']) {
      const response = await graph(stack, key, path);
      const body = (await response.json()) as Json;
      assert.ok(response.status === 400 || response.status === 404, `${path}: ${response.status}`);
      assert.ok(['validation_failed', 'not_found'].includes(body.error.code), path);
    }
    assert.equal(stack.emulator.stats.graphRequests, calls);
  });

  it('streams bodies both ways through the listener', async (t) => {
    const stack = await startConsumerStack(t);
    const { key } = await stack.createConsumer({ name: 'all', account_ids: [stack.accountId] });
    const upstreamGotFirst = deferred();
    const clientGotFirst = deferred();
    const upstream = createServer((req, res) => {
      if (req.url?.startsWith('/v1.0/upload')) {
        let received = '';
        req.on('data', (chunk: Buffer) => {
          received += chunk.toString();
          if (received.includes('first;')) upstreamGotFirst.resolve();
        });
        req.on('end', () => res.end(received));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first;');
      void within(clientGotFirst.promise, 'the consumer to see the first chunk').then(() => res.end('second'), () => res.end());
    });
    upstream.listen(0, '127.0.0.1');
    await once(upstream, 'listening');
    t.after(() => {
      upstream.closeAllConnections();
      upstream.close();
    });
    // The account's Graph host becomes the stand-in; the rest of the stack stays on the emulator.
    stack.services.endpoints.graphOrigin = () => `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const api = new URL(stack.service.apiUrl);
    const send = (method: string, path: string) =>
      httpRequest({ host: api.hostname, port: api.port, method, path: `/v1/accounts/${stack.accountId}/graph/${path}`, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/octet-stream' } });

    const upload = send('PUT', 'v1.0/upload');
    upload.write('first;');
    await within(upstreamGotFirst.promise, 'Graph to see the first chunk while the consumer still sends');
    upload.end('second');
    const [uploaded] = (await once(upload, 'response')) as [IncomingMessage];
    assert.equal(Buffer.concat(await uploaded.toArray()).toString(), 'first;second');

    const download = send('GET', 'v1.0/download');
    download.end();
    const [downloaded] = (await once(download, 'response')) as [IncomingMessage];
    let text = '';
    for await (const chunk of downloaded) {
      text += String(chunk);
      if (text.includes('first;')) clientGotFirst.resolve();
    }
    assert.equal(text, 'first;second');
  });

  it('writes one audit line per Graph call and refusal, without the key or the token', async (t) => {
    const stack = await startConsumerStack(t);
    const { key, id } = await stack.createConsumer({ name: 'Node-RED', account_ids: [stack.accountId], allowed_scopes: ['Mail.Read'] });
    assert.equal((await graph(stack, key, 'v1.0/me/messages?$top=1')).status, 200);
    assert.equal((await graph(stack, key, 'v1.0/me/events')).status, 403);
    const token = await stack.services.broker.getToken(stack.accountId, ['Mail.Read']);
    const audit = ((await (await stack.service.ui('/api/audit?limit=10')).json()) as Json).entries;
    assert.deepEqual(audit.map((line: Json) => [line.event, line.result, line.status, line.method, line.path]), [
      ['denied', 'scope_forbidden', 403, 'GET', '/v1.0/me/events'],
      ['graph', 'ok', 200, 'GET', '/v1.0/me/messages'],
    ]);
    assert.equal(audit[1].consumer_id, id);
    assert.equal(audit[1].consumer_name, 'Node-RED');
    assert.equal(audit[1].account_id, stack.accountId);
    const file = await readFile(join(stack.service.dataDir, AUDIT_FILE), 'utf8');
    assert.deepEqual(leakedSecrets([file, ...stack.service.logs], [key, token.accessToken]), []);
  });
});
