import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, backoffDelayMs, parseRetryAfterMs, RETRY_AFTER_MAX_MS, retryAfterSeconds } from '../../../server/broker/backoff.js';

describe('backoff', () => {
  it('doubles with each failure, between half and all of the ceiling', () => {
    for (const [failures, ceiling] of [[1, BACKOFF_BASE_MS], [2, BACKOFF_BASE_MS * 2], [3, BACKOFF_BASE_MS * 4]] as const) {
      assert.equal(backoffDelayMs(failures, undefined, () => 0), ceiling / 2, `failure ${failures}, low jitter`);
      assert.equal(backoffDelayMs(failures, undefined, () => 1), ceiling, `failure ${failures}, high jitter`);
    }
  });

  it('stops growing at the maximum', () => {
    assert.equal(backoffDelayMs(50, undefined, () => 1), BACKOFF_MAX_MS);
    assert.equal(backoffDelayMs(1000, undefined, () => 0.5), BACKOFF_MAX_MS * 0.75);
  });

  it('never waits less than Retry-After, capped like msal at an hour', () => {
    assert.equal(backoffDelayMs(1, 120_000, () => 0), 120_000);
    assert.equal(backoffDelayMs(1, 5_000, () => 1), BACKOFF_BASE_MS, 'a short Retry-After does not shorten the back-off');
    assert.equal(backoffDelayMs(1, 10 * RETRY_AFTER_MAX_MS, () => 0), RETRY_AFTER_MAX_MS);
  });

  it('treats a broken random source as the middle', () => {
    assert.equal(backoffDelayMs(1, undefined, () => Number.NaN), BACKOFF_BASE_MS * 0.75);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfterMs('120', now), 120_000);
    assert.equal(parseRetryAfterMs(' 7 ', now), 7_000);
    assert.equal(parseRetryAfterMs('Thu, 01 Jan 2026 00:01:00 GMT', now), 60_000);
    assert.equal(parseRetryAfterMs('Wed, 31 Dec 2025 00:00:00 GMT', now), 0, 'a date in the past means now');
    for (const bad of [undefined, '', '-5', '1.5', 'soon', '99999999999']) assert.equal(parseRetryAfterMs(bad, now), undefined, String(bad));
  });

  it('rounds header seconds up and never to zero', () => {
    assert.equal(retryAfterSeconds(0), 1);
    assert.equal(retryAfterSeconds(1001), 2);
    assert.equal(retryAfterSeconds(30_000), 30);
  });
});
