// The consumer listener's timeouts and connection cap (settings.listenerLimits): hundreds of peers
// that open a request and never finish its headers do not stop a real consumer from being served,
// the connection cap is a hard limit, and the headers timeout frees what slow peers hold.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import { listenerLimitsSchema, type ListenerLimits } from '../../server/settings/schema.js';
import { rawRequest } from '../helpers/raw-http.js';
import { startTestService, type TestService } from '../helpers/service.js';

/** `sockets` are destroyed before the service closes: a closing server stops checking timeouts, so it would wait on them for ever. */
async function startWithLimits(t: TestContext, limits: Partial<ListenerLimits> = {}, sockets: Socket[] = []): Promise<{ service: TestService; key: string }> {
  const service = await startTestService({ logLevel: 'info', settings: { listenerLimits: listenerLimitsSchema.parse(limits) } });
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    return service.close();
  });
  const created = await service.ui('/api/consumers', { method: 'POST', json: { name: 'real' } });
  assert.equal(created.status, 201);
  return { service, key: ((await created.json()) as { key: string }).key };
}

/** Opens a connection and sends the start of a request whose headers never end. */
async function halfOpen(url: string, sockets: Socket[]): Promise<{ socket: Socket; closed: Promise<string> }> {
  const { port, hostname } = new URL(url);
  const socket = connect(Number(port), hostname);
  sockets.push(socket);
  let received = '';
  socket.on('data', (chunk) => void (received += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  await once(socket, 'connect');
  socket.write('GET /v1/accounts HTTP/1.1\r\nHost: consumer\r\nAuthorization: Bearer m365_');
  return { socket, closed };
}

describe('consumer listener limits', () => {
  it('serves a real consumer while 300 half-open requests are held', async (t) => {
    // The defaults, as the add-on runs: a 512-connection cap, 10 s for the headers.
    const sockets: Socket[] = [];
    const { service, key } = await startWithLimits(t, {}, sockets);
    const held = await Promise.all(Array.from({ length: 300 }, () => halfOpen(service.apiUrl, sockets)));
    const answer = await rawRequest(service.apiUrl, { target: '/v1/accounts', headers: { authorization: `Bearer ${key}` } });
    assert.equal(answer.status, 200);
    assert.deepEqual(JSON.parse(answer.body), { accounts: [] });
    assert.ok(held.every(({ socket }) => !socket.destroyed), 'the 300 slow requests were all still open');
  });

  it('closes connections past the cap at once, and the headers timeout frees the cap from slow peers', async (t) => {
    // Short timeouts so the test need not wait 10 s; it waits for events, never for a time.
    const sockets: Socket[] = [];
    const { service, key } = await startWithLimits(t, { maxConnections: 20, headersTimeoutMs: 300, requestTimeoutMs: 300, connectionsCheckingIntervalMs: 50 }, sockets);
    const held = await Promise.all(Array.from({ length: 20 }, () => halfOpen(service.apiUrl, sockets)));
    // Node's server.maxConnections: the 21st connection is accepted and closed without an answer.
    const refused = await rawRequest(service.apiUrl, { target: '/v1/accounts', headers: { authorization: `Bearer ${key}` } }).then(
      (answer) => answer.status,
      (error: NodeJS.ErrnoException) => error.code ?? 'error',
    );
    assert.notEqual(refused, 200, 'the cap held: no answer past it');
    // Every slow peer is answered 408 Request Timeout and closed by the headers timeout...
    for (const received of await Promise.all(held.map(({ closed }) => closed))) assert.match(received, /^HTTP\/1\.1 408 /);
    // ...so the listener serves again.
    const answer = await rawRequest(service.apiUrl, { target: '/v1/accounts', headers: { authorization: `Bearer ${key}` } });
    assert.equal(answer.status, 200);
  });

  it('by default keeps serving a busy keep-alive connection: 1 500 requests on one socket, all answered', async (t) => {
    const sockets: Socket[] = [];
    const { service } = await startWithLimits(t, {}, sockets);
    const { port, hostname } = new URL(service.apiUrl);
    const socket = connect(Number(port), hostname);
    sockets.push(socket);
    let received = '';
    const REQUESTS = 1_500;
    const answered = new Promise<void>((resolve) => socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if ((received.match(/HTTP\/1\.1 /g) ?? []).length >= REQUESTS) resolve();
    }).on('close', () => resolve()));
    await once(socket, 'connect');
    socket.write('GET /health HTTP/1.1\r\nHost: consumer\r\n\r\n'.repeat(REQUESTS));
    await answered;
    const statuses = new Set([...received.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((match) => match[1]));
    assert.deepEqual([...statuses], ['200'], 'a client reusing its connection is never cut off with a 503');
    assert.equal((received.match(/HTTP\/1\.1 /g) ?? []).length, REQUESTS);
  });

  it('closes a keep-alive connection after maxRequestsPerSocket requests', async (t) => {
    const sockets: Socket[] = [];
    const { service, key } = await startWithLimits(t, { maxRequestsPerSocket: 2, keepAliveTimeoutMs: 100 }, sockets);
    const { port, hostname } = new URL(service.apiUrl);
    const socket = connect(Number(port), hostname);
    sockets.push(socket);
    let received = '';
    socket.on('data', (chunk) => void (received += chunk.toString('latin1')));
    const closed = once(socket, 'close');
    await once(socket, 'connect');
    const request = `GET /v1/accounts HTTP/1.1\r\nHost: consumer\r\nAuthorization: Bearer ${key}\r\n\r\n`;
    socket.write(request.repeat(3));
    await closed;
    const statuses = [...received.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((match) => match[1]);
    // Node answers the requests past the limit 503 and tells the client to open a new connection.
    assert.deepEqual(statuses, ['200', '200', '503'], 'the third request on the socket is refused and the socket closed');
    assert.match(received, /connection: close/i);
  });
});
