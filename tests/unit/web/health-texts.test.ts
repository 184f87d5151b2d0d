// What the panel says about Home Assistant, token health and secret expiry: pure wording helpers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HomeAssistantView } from '../../../server/http/contract/home-assistant.js';
import { HA_FEATURES } from '../../../shared/ha-features.js';
import { checkingRedirect } from '../../../server/ha/internet-redirect.js';
import { toInternetRedirectView } from '../../../server/http/views/home-assistant.js';
import { FEATURE_TEXTS, REDIRECT_STATES, UNSETTLED_STATES, unavailableFeatures } from '../../../web/src/home-assistant/texts.js';
import { REFRESH_STATES, refreshTokenWindow, secretExpiryNotice, secretFix } from '../../../web/src/health/token-health.js';

function haView(features: Partial<HomeAssistantView['features']>): HomeAssistantView {
  const all = Object.fromEntries(HA_FEATURES.map((id) => [id, { available: true }])) as HomeAssistantView['features'];
  return { hostname: 'h', slug: 's', consumer_api_url: null, ingress_path: null, urls: null, features: { ...all, ...features }, internet_redirect: toInternetRedirectView(checkingRedirect()), checked_at: null };
}

describe('unavailableFeatures', () => {
  it('lists only the features that failed, with the service’s reason and what is lost', () => {
    const missing = unavailableFeatures(haView({
      ha_urls: { available: false, reason: 'timeout', message: 'Home Assistant did not answer within 5 seconds.' },
      restart: { available: null },
    }));
    assert.deepEqual(missing.map((f) => f.id), ['ha_urls'], 'not yet tried is not unavailable');
    assert.equal(missing[0]?.message, 'Home Assistant did not answer within 5 seconds.');
    assert.match(missing[0]?.without ?? '', /paste-back/);
  });

  it('says nothing in standalone mode or when all is well', () => {
    assert.deepEqual(unavailableFeatures(null), []);
    assert.deepEqual(unavailableFeatures(undefined), []);
    assert.deepEqual(unavailableFeatures(haView({})), []);
  });

  it('has words for every feature the service reports', () => {
    assert.deepEqual(Object.keys(FEATURE_TEXTS).sort(), [...HA_FEATURES].sort());
  });
});

describe('REDIRECT_STATES', () => {
  it('has a look for every internet-redirect state, and keeps asking only while one is about to change', () => {
    for (const state of ['checking', 'ready', 'needs_restart', 'restarting', 'no_public_url', 'disabled', 'unavailable', 'page_write_failed'] as const) {
      assert.ok(REDIRECT_STATES[state].heading, state);
    }
    assert.match(REDIRECT_STATES.no_public_url.heading, /paste-back/);
    assert.equal(UNSETTLED_STATES.has('ready'), false);
    assert.equal(UNSETTLED_STATES.has('no_public_url'), false);
    assert.equal(UNSETTLED_STATES.has('restarting'), true);
  });
});

describe('refreshTokenWindow', () => {
  it('counts whole days of the 90-day window', () => {
    assert.deepEqual(refreshTokenWindow(0), { ageDays: 0, daysLeft: 90 });
    assert.deepEqual(refreshTokenWindow(86_399), { ageDays: 0, daysLeft: 90 });
    assert.deepEqual(refreshTokenWindow(7 * 86_400), { ageDays: 7, daysLeft: 83 });
    assert.deepEqual(refreshTokenWindow(120 * 86_400), { ageDays: 120, daysLeft: 0 });
  });

  it('has a label for every refresh state', () => {
    assert.deepEqual(Object.keys(REFRESH_STATES).sort(), ['configuration_problem', 'needs_sign_in', 'ok', 'retrying']);
  });
});

describe('secretExpiryNotice', () => {
  const cases = [
    { expiry: { state: 'ok' as const, expires_on: '2027-01-01', days_left: 200 }, want: null },
    { expiry: { state: 'unknown' as const, expires_on: null, days_left: null }, want: null },
    { expiry: { state: 'within_30_days' as const, expires_on: '2026-12-20', days_left: 22 }, want: { kind: 'warning', heading: 'The client secret expires in 22 days (2026-12-20)' } },
    { expiry: { state: 'within_7_days' as const, expires_on: '2026-12-01', days_left: 1 }, want: { kind: 'warning', heading: 'The client secret expires in 1 day (2026-12-01): renew it now' } },
    { expiry: { state: 'within_7_days' as const, expires_on: '2026-11-28', days_left: 0 }, want: { kind: 'warning', heading: 'The client secret expires today (2026-11-28): renew it now' } },
    { expiry: { state: 'expired' as const, expires_on: '2026-11-01', days_left: -27 }, want: { kind: 'error', heading: 'The client secret expired on 2026-11-01' } },
  ];
  for (const c of cases) {
    it(`words ${c.expiry.state} (${c.expiry.days_left} days)`, () => {
      assert.deepEqual(secretExpiryNotice(c.expiry), c.want, `${c.expiry.state}/${c.expiry.days_left}`);
    });
  }
});

describe('secretFix', () => {
  it('points an admin at the form here, and a non-admin at an administrator', () => {
    assert.match(secretFix(false), /under “Replace the client secret” here/);
    assert.match(secretFix(true), /a Home Assistant administrator enters/);
    assert.doesNotMatch(secretFix(true), /Replace the client secret/);
  });
});
