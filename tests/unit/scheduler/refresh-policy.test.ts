import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  expiringAtMs,
  IN_USE_WINDOW_MS,
  jitterFraction,
  KEEP_ALIVE_INTERVAL_MS,
  KEEP_ALIVE_JITTER_MS,
  keepAliveAtMs,
  keepAliveScopes,
  planAccount,
  PROACTIVE_MARGIN_MS,
} from '../../../server/scheduler/refresh-policy.js';
import type { Account } from '../../../server/store/schema.js';
import { sampleAccount, T0 } from './fixtures.js';

const HOUR = 3_600_000;
const account = (overrides: Partial<Account> = {}): Account =>
  sampleAccount({ displayName: null, grantedScopes: ['User.Read', 'Mail.Read', 'offline_access', 'openid'], ...overrides });

describe('refresh policy', () => {
  it('keeps every account alive within 6 to 7 days of its last refresh, spread per account', () => {
    const fractions = new Set<number>();
    for (let i = 0; i < 50; i += 1) {
      const at = keepAliveAtMs(account({ id: `acc-${i}` }));
      assert.ok(at > T0 + KEEP_ALIVE_INTERVAL_MS - KEEP_ALIVE_JITTER_MS && at <= T0 + KEEP_ALIVE_INTERVAL_MS, `acc-${i}`);
      fractions.add(jitterFraction(`acc-${i}|${T0}`));
    }
    assert.ok(fractions.size > 40, 'accounts do not all refresh at the same moment');
    assert.equal(keepAliveAtMs(account()), keepAliveAtMs(account()), 'stable between looks');
  });

  it('counts from the sign-in when the account never refreshed', () => {
    const signedIn = account({ lastRefreshAt: null, signedInAt: new Date(T0 + HOUR).toISOString() });
    assert.ok(keepAliveAtMs(signedIn) > T0 + HOUR + KEEP_ALIVE_INTERVAL_MS - KEEP_ALIVE_JITTER_MS);
  });

  it('keeps alive with the account’s own resource scopes, or User.Read', () => {
    assert.deepEqual(keepAliveScopes(account()), ['User.Read', 'Mail.Read']);
    assert.deepEqual(keepAliveScopes(account({ grantedScopes: ['openid', 'offline_access'] })), ['User.Read']);
  });

  it('renews in-use tokens ahead of expiry, but not before half their life', () => {
    assert.equal(expiringAtMs({ scopes: [], obtainedAtMs: T0, expiresAtMs: T0 + HOUR, lastUsedAtMs: T0 }), T0 + HOUR - PROACTIVE_MARGIN_MS);
    assert.equal(expiringAtMs({ scopes: [], obtainedAtMs: T0, expiresAtMs: T0 + 200_000, lastUsedAtMs: T0 }), T0 + 100_000);
  });

  it('plans expiring refreshes only for scope sets used recently, earliest first', () => {
    const used = { scopes: ['Mail.Read'], obtainedAtMs: T0, expiresAtMs: T0 + HOUR, lastUsedAtMs: T0 };
    const idle = { scopes: ['Calendars.Read'], obtainedAtMs: T0, expiresAtMs: T0 + HOUR, lastUsedAtMs: T0 - IN_USE_WINDOW_MS - 1 };
    const plans = planAccount(account(), [idle, used], T0);
    assert.deepEqual(plans.map((plan) => [plan.reason, plan.scopes]), [['expiring', ['Mail.Read']], ['keep_alive', ['User.Read', 'Mail.Read']]]);
  });

  it('plans nothing for an account that must sign in again, and nothing before a back-off ends', () => {
    assert.deepEqual(planAccount(account({ status: 'needs_sign_in' }), [], T0), []);
    const held = planAccount(account(), [{ scopes: ['Mail.Read'], obtainedAtMs: T0, expiresAtMs: T0 + HOUR, lastUsedAtMs: T0 }], T0, T0 + 2 * HOUR);
    assert.ok(held.every((plan) => plan.atMs >= T0 + 2 * HOUR));
  });
});
