import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { graphTarget } from '../../../server/http/routes/consumer/graph-target.js';

const ORIGIN = 'https://graph.microsoft.com';
const at = (rest: string) => graphTarget(`/v1/accounts/acc-1/graph/${rest}`, ORIGIN);

describe('graph target', () => {
  it('keeps path and query exactly as sent, on the Graph host', () => {
    const target = at("v1.0/me/messages?$top=5&$filter=from/emailAddress/address%20eq%20'a@b.c'");
    assert.equal(target.requestPath, "/v1.0/me/messages?$top=5&$filter=from/emailAddress/address%20eq%20'a@b.c'");
    assert.equal(target.url.host, 'graph.microsoft.com');
    assert.deepEqual(target.segments, ['me', 'messages']);
    assert.equal(target.displayPath, '/v1.0/me/messages');
  });

  it('accepts beta and OneDrive path addressing', () => {
    assert.equal(at('beta/me/drive/root:/Documents/a%20b.txt:/content').url.pathname, '/beta/me/drive/root:/Documents/a%20b.txt:/content');
  });

  it('drops a fragment and works for an emulator origin with a port', () => {
    const target = graphTarget('/v1/accounts/a/graph/v1.0/me#x', 'http://127.0.0.1:4011');
    assert.equal(target.url.href, 'http://127.0.0.1:4011/v1.0/me');
  });

  for (const [label, rest] of [
    ['no path', ''],
    ['no version', 'me/messages'],
    ['another version', 'v2.0/me'],
    ['dot-dot', 'v1.0/../../oauth2/token'],
    ['encoded dot-dot', 'v1.0/%2e%2e/%2E%2E/x'],
    ['dot', 'v1.0/./me'],
    ['backslash', 'v1.0/me%5C..%5Cx'],
    ['control character', 'v1.0/me%0d%0aX-Injected:%201'],
    ['bad percent-encoding', 'v1.0/me/%E0%A4%A'],
    ['too long', `v1.0/${'a'.repeat(5000)}`],
  ] as const) {
    it(`refuses ${label} with validation_failed`, () => {
      assert.throws(() => at(rest), (error: { code?: string; field?: string }) => error.code === 'validation_failed' && error.field === 'path');
    });
  }

  it('refuses a path that would leave the Graph host', () => {
    assert.equal(graphTarget('/v1/accounts/a/graph/v1.0/@evil.example.com/x', 'http://127.0.0.1:1').url.host, '127.0.0.1:1');
    const target = graphTarget('/v1/accounts/a/graph/v1.0//evil.example.com/x', ORIGIN);
    assert.equal(target.url.host, 'graph.microsoft.com');
    assert.equal(target.requestPath, '/v1.0//evil.example.com/x', 'sent as a path on the Graph host, never as a new authority');
  });
});
