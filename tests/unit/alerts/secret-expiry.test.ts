import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { secretExpiry } from '../../../server/alerts/secret-expiry.js';

const now = new Date('2026-03-01T12:00:00Z');

describe('secret expiry', () => {
  for (const [expiresOn, state, daysLeft] of [
    ['2026-06-01', 'ok', 92],
    ['2026-03-31', 'within_30_days', 30],
    ['2026-03-08', 'within_7_days', 7],
    ['2026-03-09', 'within_30_days', 8],
    ['2026-03-01', 'within_7_days', 0],
    ['2026-02-28', 'expired', -1],
  ] as const) {
    it(`says ${state} for a secret expiring on ${expiresOn}`, () => {
      const view = secretExpiry({ secretExpiresOn: expiresOn }, now);
      assert.equal(view.state, state);
      assert.equal(view.daysLeft, daysLeft);
      assert.equal(view.expiresOn, expiresOn);
    });
  }

  it('works until the end of the expiry day, like the app registration checks', () => {
    assert.equal(secretExpiry({ secretExpiresOn: '2026-03-01' }, new Date('2026-03-01T23:59:58Z')).state, 'within_7_days');
    assert.equal(secretExpiry({ secretExpiresOn: '2026-03-01' }, new Date('2026-03-02T00:00:00Z')).state, 'expired');
  });

  it('says unknown without a date', () => {
    assert.deepEqual(secretExpiry({ secretExpiresOn: null }, now), { state: 'unknown', expiresOn: null, daysLeft: null });
  });
});
