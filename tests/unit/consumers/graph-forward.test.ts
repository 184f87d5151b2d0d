import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { describe, it, type TestContext } from 'node:test';
import { forwardToGraph, GRAPH_MAX_BODY_BYTES, requestHeadersForGraph, responseHeadersForConsumer } from '../../../server/http/routes/consumer/graph-forward.js';

async function listen(t: TestContext, server: Server): Promise<URL> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
}

/** Fails the test instead of hanging it when a step never happens (which is what buffering would cause). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms).unref())]);
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('forwarding to Graph', () => {
  it('streams the request body: Graph sees the first chunk before the consumer has sent the second', async (t) => {
    const firstArrived = deferred();
    let received = '';
    const server = createServer((req, res) => {
      req.on('data', (chunk: Buffer) => {
        received += chunk.toString();
        if (received.includes('first')) firstArrived.resolve();
      });
      req.on('end', () => res.end(JSON.stringify({ received })));
    });
    const origin = await listen(t, server);
    async function* body() {
      yield Buffer.from('first;');
      await within(firstArrived.promise, 5000, 'Graph to receive the first chunk while the rest is still unsent');
      yield Buffer.from('second');
    }
    const response = await forwardToGraph({ method: 'POST', url: origin, path: '/v1.0/echo', headers: { 'transfer-encoding': 'chunked' }, body: Readable.from(body()), token: 'tkn' });
    const text = Buffer.concat(await response.toArray()).toString();
    assert.deepEqual(JSON.parse(text), { received: 'first;second' });
  });

  it('streams the response body: the consumer gets the first chunk before Graph has sent the second', async (t) => {
    const consumerGotFirst = deferred();
    const server = createServer(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first;');
      await within(consumerGotFirst.promise, 5000, 'the consumer to receive the first chunk while the rest is still unsent');
      res.end('second');
    });
    const origin = await listen(t, server);
    const response = await forwardToGraph({ method: 'GET', url: origin, path: '/v1.0/big', headers: {}, body: undefined, token: 'tkn' });
    let text = '';
    for await (const chunk of response) {
      text += String(chunk);
      if (text.includes('first')) consumerGotFirst.resolve();
    }
    assert.equal(text, 'first;second');
  });

  it('sends the account token instead of the consumer key, and drops hop-by-hop and forwarding headers', async (t) => {
    let seen: IncomingMessage['headers'] = {};
    let path = '';
    const server = createServer((req, res) => {
      seen = req.headers;
      path = req.url ?? '';
      res.end();
    });
    const origin = await listen(t, server);
    await forwardToGraph({
      method: 'GET',
      url: origin,
      path: "/v1.0/me?$filter=x%20eq%20'y'",
      headers: {
        authorization: 'Bearer m365_consumer-key',
        cookie: 'session=1',
        connection: 'keep-alive, x-secret-hop',
        'x-secret-hop': '1',
        'x-forwarded-for': '10.0.0.1',
        'proxy-authorization': 'Basic abc',
        'keep-alive': 'timeout=5',
        accept: 'application/json',
        'consistencylevel': 'eventual',
        host: 'consumer-facing-host',
      },
      body: undefined,
      token: 'account-access-token',
    }).then((response) => response.resume());
    assert.equal(seen.authorization, 'Bearer account-access-token');
    assert.equal(path, "/v1.0/me?$filter=x%20eq%20'y'", 'path and query byte for byte');
    assert.equal(seen.accept, 'application/json');
    assert.equal(seen.consistencylevel, 'eventual');
    assert.equal(seen.host, origin.host);
    for (const gone of ['cookie', 'x-secret-hop', 'x-forwarded-for', 'proxy-authorization', 'keep-alive']) assert.equal(seen[gone], undefined, gone);
  });

  it('passes response headers but hop-by-hop and authentication ones', () => {
    const passed = responseHeadersForConsumer({
      'content-type': 'application/json',
      'retry-after': '10',
      'request-id': 'r1',
      'www-authenticate': 'Bearer authorization_uri="x"',
      'set-cookie': ['a=1'],
      'transfer-encoding': 'chunked',
      connection: 'close',
    });
    assert.deepEqual(passed, { 'content-type': 'application/json', 'retry-after': '10', 'request-id': 'r1' });
    assert.deepEqual(requestHeadersForGraph({ expect: '100-continue', te: 'trailers', 'content-length': '5' }), { 'content-length': '5' });
  });

  it('refuses a declared body over the limit before calling Graph, and says graph_unreachable when Graph is down', async () => {
    const closed = new URL('http://127.0.0.1:9');
    await assert.rejects(
      forwardToGraph({ method: 'PUT', url: closed, path: '/v1.0/x', headers: { 'content-length': String(GRAPH_MAX_BODY_BYTES + 1) }, body: Readable.from([]), token: 't' }),
      (error: { code?: string }) => error.code === 'payload_too_large',
    );
    await assert.rejects(
      forwardToGraph({ method: 'GET', url: closed, path: '/v1.0/me', headers: {}, body: undefined, token: 't' }),
      (error: { code?: string; status?: number }) => error.code === 'graph_unreachable' && error.status === 502,
    );
  });
});
