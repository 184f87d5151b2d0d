import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeyIndex } from '../../../server/consumers/key-index.js';
import { generateKey } from '../../../server/consumers/keys.js';
import { consumerSchema, type Consumer } from '../../../server/store/schema.js';

function consumerWithKey(id: string, revokedAt: string | null = null): { consumer: Consumer; key: string } {
  const { key, hash, prefix } = generateKey();
  const consumer = consumerSchema.parse({ id, name: id, keyHash: hash, keyPrefix: prefix, accountIds: [], allowedScopes: [], createdAt: '2026-12-01T00:00:00Z', revokedAt });
  return { consumer, key };
}

const refused = (run: () => unknown) => assert.throws(run, (error: { code?: string }) => error.code === 'unauthorized');

describe('the key index', () => {
  it('finds the live consumer a key belongs to, and refuses a missing, unknown or revoked key alike', () => {
    const live = consumerWithKey('live');
    const revoked = consumerWithKey('revoked', '2026-12-02T00:00:00Z');
    const consumers = [live.consumer, revoked.consumer];
    const index = new KeyIndex();
    assert.equal(index.authenticate(consumers, live.key), live.consumer);
    assert.equal(index.authenticate(consumers, live.key), live.consumer, 'a remembered match');
    refused(() => index.authenticate(consumers, revoked.key));
    refused(() => index.authenticate(consumers, generateKey().key));
    refused(() => index.authenticate(consumers, undefined));
  });

  it('forgets a key the moment the store holds a new list without it, even a key it had matched', () => {
    const a = consumerWithKey('a');
    const index = new KeyIndex();
    assert.equal(index.authenticate([a.consumer], a.key), a.consumer);
    const revokedA = { ...a.consumer, revokedAt: '2026-12-02T00:00:00Z' };
    refused(() => index.authenticate([revokedA], a.key));
  });

  it('is one per instance: a second service in the process does not know the first one’s keys', () => {
    const a = consumerWithKey('a');
    const first = new KeyIndex();
    first.authenticate([a.consumer], a.key);
    refused(() => new KeyIndex().authenticate([], a.key));
  });
});
