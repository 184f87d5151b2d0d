// DNS rebinding: a page whose name re-resolves to 127.0.0.1 reaches the UI listener as its own
// origin, and its requests carry its own name as Host. The UI listener answers only the names it is
// reached by, before any route runs; in add-on mode, requests through HA ingress (whose Host is the
// browser's name for Home Assistant, passed on by Core and the Supervisor) keep working.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { startAddonStack } from '../helpers/addon-stack.js';
import { rawRequest } from '../helpers/raw-http.js';
import { startTestService } from '../helpers/service.js';

type Json = Record<string, any>;

describe('UI listener Host check', () => {
  it('answers localhost, 127.0.0.1 and [::1] with its port and the public URL, and nothing else', async (t) => {
    const service = await startTestService({ publicUrl: 'https://m365.example.com' });
    t.after(() => service.close());
    const ui = service.uiUrl;
    const port = new URL(ui).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`, 'm365.example.com']) {
      assert.equal((await rawRequest(ui, { target: '/api/status', headers: { host } })).status, 200, host);
    }
    for (const host of [`rebind.attacker.example:${port}`, 'rebind.attacker.example', `127.0.0.1:${Number(port) + 1}`, `localhost.attacker.example:${port}`, 'm365.example.com.attacker.example']) {
      const answer = await rawRequest(ui, { target: '/api/status', headers: { host } });
      assert.equal(answer.status, 421, host);
      const error = (JSON.parse(answer.body) as Json).error;
      assert.equal(error.code, 'host_not_allowed');
      assert.match(error.fix, new RegExp(`http://localhost:${port}`));
    }
    // A change asked under a rebound name does nothing.
    const created = await rawRequest(ui, {
      method: 'POST',
      target: '/api/consumers',
      headers: { host: `rebind.attacker.example:${port}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'stolen' }),
    });
    assert.equal(created.status, 421);
    assert.deepEqual(((await (await service.ui('/api/consumers')).json()) as Json).consumers, []);
    // An HTTP/1.0 request without Host names no allowed host either.
    const bare = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => void (text += chunk.toString('latin1')));
      socket.on('end', () => resolve(text));
      socket.write('GET /api/status HTTP/1.0\r\n\r\n');
    });
    assert.match(bare, /^HTTP\/1\.[01] 421 /);
    // The static files are behind the same check (a rebound page could read the built app's API use).
    assert.equal((await rawRequest(ui, { target: '/', headers: { host: 'rebind.attacker.example' } })).status, 421);
  });

  it('in add-on mode, serves HA ingress whatever name the browser used for Home Assistant', async (t) => {
    const stack = await startAddonStack();
    t.after(() => stack.close());
    assert.equal((await stack.ingress('/api/status')).status, 200, 'the emulated ingress passes the browser’s Host (localhost:<HA port>) on');
    const panel = await fetch(stack.site.panelUrl);
    await panel.text();
    const cookie = (panel.headers.get('set-cookie') ?? '').split(';')[0]!;
    for (const host of ['homeassistant.local:8123', '192.168.1.20:8123', 'abcdefgh.ui.nabu.casa']) {
      const answer = await rawRequest(stack.site.origin, { target: `${stack.site.ingressPath}/api/status`, headers: { host, cookie } });
      assert.equal(answer.status, 200, host);
    }
    assert.ok(stack.site.requests.every((request) => request.status === 200));
    // Straight to the listener (only the Supervisor may connect in production; loopback here) with a
    // foreign name and no ingress: refused.
    const direct = await rawRequest(stack.service.uiUrl, { target: '/api/status', headers: { host: 'rebind.attacker.example' } });
    assert.equal(direct.status, 421);
  });

  it('also answers the names set in uiAllowedHosts (a reverse proxy of your own)', async (t) => {
    const service = await startTestService({ settings: { uiAllowedHosts: ['Proxy.Example.net:8443'] } });
    t.after(() => service.close());
    assert.equal((await rawRequest(service.uiUrl, { target: '/api/status', headers: { host: 'proxy.example.net:8443' } })).status, 200);
    assert.equal((await rawRequest(service.uiUrl, { target: '/api/status', headers: { host: 'proxy.example.net' } })).status, 421);
  });

  it('does not trust X-Ingress-Path in standalone mode, where a rebound page could send it', async (t) => {
    const service = await startTestService({});
    t.after(() => service.close());
    const answer = await rawRequest(service.uiUrl, { target: '/api/status', headers: { host: 'rebind.attacker.example', 'x-ingress-path': '/api/hassio_ingress/x' } });
    assert.equal(answer.status, 421);
  });
});
