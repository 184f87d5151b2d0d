// Per-key rate limit on the consumer listener: 429 with Retry-After, per key, refilled by the clock.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startConsumerStack } from '../helpers/consumer-stack.js';

describe('consumer rate limit', () => {
  it('answers 429 with Retry-After once a key used its minute, for every /v1 route, and lets it go on later', async (t) => {
    const stack = await startConsumerStack(t);
    const slow = await stack.createConsumer({ name: 'slow', account_ids: [stack.accountId], rate_limit_per_minute: 3 });
    const other = await stack.createConsumer({ name: 'other', account_ids: [stack.accountId], rate_limit_per_minute: 3 });
    for (let i = 0; i < 3; i += 1) assert.equal((await stack.token(slow.key, { account_id: stack.accountId })).status, 200, `request ${i + 1}`);
    const limited = await stack.token(slow.key, { account_id: stack.accountId });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'rate_limited');
    assert.equal(limited.headers.get('retry-after'), '20', 'one request back every 20 s at 3/min');
    assert.equal((await stack.service.api('/v1/accounts', { key: slow.key })).status, 429);
    assert.equal((await stack.service.api(`/v1/accounts/${stack.accountId}/graph/v1.0/me`, { key: slow.key })).status, 429);
    assert.equal((await stack.token(other.key, { account_id: stack.accountId })).status, 200, 'other keys are not affected');
    assert.equal((await stack.service.api('/health')).status, 200);
    assert.equal((await stack.service.api('/openapi.json')).status, 200, 'open routes are not limited');
    stack.clock.advance(20_000);
    assert.equal((await stack.token(slow.key, { account_id: stack.accountId })).status, 200);
    assert.equal((await stack.token(slow.key, { account_id: stack.accountId })).status, 429);
  });

  it('does not let a rate-limited request reach the broker or Microsoft', async (t) => {
    const stack = await startConsumerStack(t);
    const { key } = await stack.createConsumer({ name: 'one', account_ids: [stack.accountId], rate_limit_per_minute: 1 });
    assert.equal((await stack.token(key, { account_id: stack.accountId, force_refresh: true })).status, 200);
    const calls = stack.emulator.stats.tokenRequests.refresh_token ?? 0;
    assert.equal((await stack.token(key, { account_id: stack.accountId, force_refresh: true })).status, 429);
    assert.equal(stack.emulator.stats.tokenRequests.refresh_token ?? 0, calls);
  });
});
