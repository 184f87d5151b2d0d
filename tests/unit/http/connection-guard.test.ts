import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { createLogger } from '../../../server/log.js';
import { installConnectionGuard } from '../../../server/http/plugins/connection-guard.js';
import { createAddressMatcher, normalizeAddress } from '../../../server/net/addresses.js';
import { apiAllowedSources, uiAllowedSources } from '../../../server/settings/sources.js';

/**
 * One GET on a fresh connection with node:http. (fetch would not do: undici quietly retries a
 * request whose connection closed before it was sent, over and over.)
 */
function plainGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
  });
}

describe('the connection guard', () => {
  it('matches peers against IPs and ranges, IPv4-mapped IPv6 included', () => {
    const supervisorOnly = createAddressMatcher(uiAllowedSources({ mode: 'addon', uiAllowedSources: undefined }));
    const cases: Array<[string | undefined, boolean]> = [
      ['172.30.32.2', true],
      ['::ffff:172.30.32.2', true],
      ['::FFFF:172.30.32.2', true],
      ['172.30.32.1', false], // HA Core and host-network add-ons
      ['172.30.33.5', false], // another add-on
      ['127.0.0.1', false],
      ['::1', false],
      ['192.168.1.10', false],
      ['::ffff:192.168.1.10', false],
      ['fe80::1', false],
      [undefined, false],
      ['', false],
    ];
    for (const [peer, expected] of cases) assert.equal(supervisorOnly(peer), expected, `add-on UI listener, peer ${peer}`);

    const standalone = createAddressMatcher(uiAllowedSources({ mode: 'standalone', uiAllowedSources: undefined }));
    for (const [peer, expected] of [['127.0.0.1', true], ['127.0.0.3', true], ['::1', true], ['::ffff:127.0.0.1', true], ['10.0.0.2', false]] as const) {
      assert.equal(standalone(peer), expected, `standalone UI listener, peer ${peer}`);
    }

    const consumers = createAddressMatcher(apiAllowedSources({ mode: 'addon', apiAllowedSources: undefined }) ?? []);
    for (const [peer, expected] of [['172.30.33.5', true], ['172.30.32.1', true], ['172.30.34.1', false], ['127.0.0.1', true], ['192.168.1.10', false]] as const) {
      assert.equal(consumers(peer), expected, `add-on consumer listener, peer ${peer}`);
    }
    assert.equal(apiAllowedSources({ mode: 'standalone', apiAllowedSources: undefined }), null);
  });

  it('normalises only IPv4-mapped addresses', () => {
    assert.equal(normalizeAddress('::ffff:10.1.2.3'), '10.1.2.3');
    assert.equal(normalizeAddress('::ffff:abcd'), '::ffff:abcd');
    assert.equal(normalizeAddress('2001:db8::1'), '2001:db8::1');
  });

  it('refuses a list entry that is not an address', () => {
    assert.throws(() => createAddressMatcher(['supervisor']), /not an IP address/);
  });

  it('closes a real connection from a peer outside the list before answering, and logs the peer once', async (t) => {
    const lines: string[] = [];
    const log = createLogger('info', { write: (line: string) => void lines.push(line) });
    const closed = Fastify();
    installConnectionGuard(closed, ['172.30.32.2'], log);
    closed.get('/health', async () => ({ status: 'ok' }));
    const closedUrl = await closed.listen({ host: '127.0.0.1', port: 0 });
    t.after(() => closed.close());
    await assert.rejects(plainGet(`${closedUrl}/health`), /socket hang up|ECONNRESET/);
    await assert.rejects(plainGet(`${closedUrl}/health`), /socket hang up|ECONNRESET/);
    assert.equal(lines.filter((line) => line.includes('connection refused')).length, 1);

    const open = Fastify();
    installConnectionGuard(open, ['127.0.0.1'], log);
    open.get('/health', async () => ({ status: 'ok' }));
    const openUrl = await open.listen({ host: '127.0.0.1', port: 0 });
    t.after(() => open.close());
    assert.equal(await plainGet(`${openUrl}/health`), 200);
  });
});
