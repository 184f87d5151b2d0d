import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimiter } from '../../../server/consumers/rate-limiter.js';

describe('rate limiter', () => {
  it('lets a key burst up to its per-minute limit, then asks it to wait for the next token', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    for (let i = 0; i < 60; i += 1) assert.deepEqual(limiter.take('k', 60), { ok: true }, `request ${i + 1}`);
    assert.deepEqual(limiter.take('k', 60), { ok: false, retryAfterSeconds: 1 });
    now += 1000;
    assert.deepEqual(limiter.take('k', 60), { ok: true }, 'one token back per second at 60/min');
    assert.equal(limiter.take('k', 60).ok, false);
  });

  it('keeps keys apart', () => {
    const limiter = new RateLimiter(() => 0);
    assert.equal(limiter.take('a', 1).ok, true);
    assert.equal(limiter.take('a', 1).ok, false);
    assert.equal(limiter.take('b', 1).ok, true);
  });

  it('says how long a slow key must wait, rounded up', () => {
    const limiter = new RateLimiter(() => 0);
    limiter.take('slow', 2);
    limiter.take('slow', 2);
    assert.deepEqual(limiter.take('slow', 2), { ok: false, retryAfterSeconds: 30 });
  });

  it('applies a lowered limit at once and never refills past it', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    limiter.take('k', 1000);
    now += 3_600_000;
    assert.equal(limiter.take('k', 1).ok, true);
    assert.equal(limiter.take('k', 1).ok, false);
  });

  it('keeps at most maxKeys keys: a new one forgets the first seen, which then starts with a full allowance', () => {
    const evicted: string[] = [];
    const limiter = new RateLimiter(() => 0, { maxKeys: 2, onEvict: (key) => evicted.push(key) });
    assert.equal(limiter.take('a', 1).ok, true);
    assert.equal(limiter.take('a', 1).ok, false, 'a spent its one request');
    limiter.take('b', 1);
    assert.deepEqual(evicted, [], 'a known key takes no room');
    limiter.take('c', 1);
    assert.deepEqual(evicted, ['a']);
    assert.equal(limiter.take('a', 1).ok, true, 'forgotten, so a fresh allowance');
    assert.deepEqual(evicted, ['a', 'b']);
  });
});
