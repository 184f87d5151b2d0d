import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HotTokenCache, MAX_ENTRIES, RENEWAL_MARGIN_MS, scopeKey, type CachedToken } from '../../../server/broker/hot-cache.js';

const entry = (overrides: Partial<CachedToken> = {}): CachedToken => ({
  accountId: 'a1',
  scopeKey: scopeKey(['Mail.Read']),
  requestedScopes: ['Mail.Read'],
  accessToken: 'token-value',
  expiresAtMs: 10_000_000,
  scopes: ['Mail.Read'],
  generation: 'g1',
  obtainedAtMs: 0,
  redeemedAtMs: null,
  lastUsedAtMs: 0,
  ...overrides,
});

describe('hot token cache', () => {
  it('keys scope sets without regard to order, case, duplicates or the resource prefix', () => {
    assert.equal(scopeKey(['Mail.Read', 'User.Read']), scopeKey(['user.read', 'https://graph.microsoft.com/Mail.Read', 'MAIL.READ']));
    assert.notEqual(scopeKey(['Mail.Read']), scopeKey(['Mail.ReadWrite']));
  });

  it('serves a token only while it is good for longer than the margin, and counts the use', () => {
    const cache = new HotTokenCache();
    cache.set(entry());
    const key = scopeKey(['Mail.Read']);
    assert.equal(cache.get('a1', key, 'g1', 10_000_000 - RENEWAL_MARGIN_MS - 1, RENEWAL_MARGIN_MS)?.accessToken, 'token-value');
    assert.equal(cache.entries()[0]?.lastUsedAtMs, 10_000_000 - RENEWAL_MARGIN_MS - 1);
    assert.equal(cache.get('a1', key, 'g1', 10_000_000 - RENEWAL_MARGIN_MS, RENEWAL_MARGIN_MS), undefined, 'inside the margin');
  });

  it('never serves a token from an older sign-in or app registration', () => {
    const cache = new HotTokenCache();
    cache.set(entry());
    assert.equal(cache.get('a1', scopeKey(['Mail.Read']), 'g2', 0, RENEWAL_MARGIN_MS), undefined);
  });

  it('lists entries without the token itself', () => {
    const cache = new HotTokenCache();
    cache.set(entry());
    assert.equal(JSON.stringify(cache.entries()).includes('token-value'), false);
  });

  it('stays bounded, dropping the least recently stored', () => {
    const cache = new HotTokenCache();
    for (let i = 0; i < MAX_ENTRIES + 10; i += 1) cache.set(entry({ scopeKey: `s${i}` }));
    assert.equal(cache.entries().length, MAX_ENTRIES);
    assert.equal(cache.peek('a1', 's0'), undefined);
    assert.ok(cache.peek('a1', `s${MAX_ENTRIES + 9}`));
  });

  it('forgets an account', () => {
    const cache = new HotTokenCache();
    cache.set(entry());
    cache.set(entry({ accountId: 'a2' }));
    cache.forgetAccount('a1');
    assert.deepEqual(cache.entries().map((e) => e.accountId), ['a2']);
  });
});
