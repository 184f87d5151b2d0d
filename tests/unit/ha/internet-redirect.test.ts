import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateInternetRedirect, type RedirectFacts } from '../../../server/ha/internet-redirect.js';
import { choosePublicUrl, isRedirectOrigin } from '../../../server/ha/public-url.js';

const READY: RedirectFacts = {
  enabled: true,
  selfInfoProblem: null,
  urlsProblem: null,
  choice: { ok: true, origin: 'https://ha.example.net', source: 'external' },
  writeProblem: null,
  probe: 'served',
  createdWww: false,
  restarting: false,
  restartAvailable: true,
};

describe('choosing HA’s public address', () => {
  it('prefers the option, then the external URL, then the cloud URL, and only https (or http://localhost)', () => {
    const urls = { internal: 'http://192.168.1.2:8123', external: 'https://ext.example', cloud: 'https://x.ui.nabu.casa' };
    assert.deepEqual(choosePublicUrl('https://opt.example/', urls), { ok: true, origin: 'https://opt.example', source: 'option' });
    assert.deepEqual(choosePublicUrl(undefined, urls), { ok: true, origin: 'https://ext.example', source: 'external' });
    assert.deepEqual(choosePublicUrl(undefined, { ...urls, external: 'http://ext.example:8123' }), { ok: true, origin: 'https://x.ui.nabu.casa', source: 'cloud' });
    assert.deepEqual(choosePublicUrl(undefined, { ...urls, external: 'http://ext.example:8123', cloud: null }), { ok: false, reason: 'not_https', seen: 'http://ext.example:8123' });
    assert.deepEqual(choosePublicUrl(undefined, { internal: 'http://192.168.1.2:8123', external: null, cloud: null }), { ok: false, reason: 'none', seen: null });
    assert.deepEqual(choosePublicUrl(undefined, null), { ok: false, reason: 'none', seen: null });
    for (const [origin, ok] of [['https://a.example', true], ['http://localhost:8123', true], ['http://127.0.0.1:8123', false], ['http://a.example', false], ['ftp://a.example', false], ['nonsense', false]] as const) {
      assert.equal(isRedirectOrigin(origin), ok, origin);
    }
  });
});

describe('the internet redirect’s state', () => {
  const cases: Array<[string, Partial<RedirectFacts>, string, boolean]> = [
    ['served', {}, 'ready', true],
    ['an unknown probe with an old www', { probe: 'unknown' }, 'ready', true],
    ['an unknown probe with a www created now', { probe: 'unknown', createdWww: true }, 'needs_restart', true],
    ['a 404 from HA', { probe: 'not_served' }, 'needs_restart', true],
    ['a 404 while restarting', { probe: 'not_served', restarting: true }, 'restarting', true],
    ['no https address', { choice: { ok: false, reason: 'none', seen: null } }, 'no_public_url', false],
    ['an http address', { choice: { ok: false, reason: 'not_https', seen: 'http://h:8123' } }, 'no_public_url', false],
    ['no URLs at all', { choice: null, urlsProblem: 'down' }, 'unavailable', false],
    ['no ingress address', { selfInfoProblem: 'down' }, 'unavailable', false],
    ['a failed write', { writeProblem: 'EROFS' }, 'page_write_failed', false],
    ['the option off', { enabled: false }, 'disabled', false],
  ];
  for (const [label, change, state, hasUri] of cases) {
    it(`is ${state} with ${label}`, () => {
      const view = evaluateInternetRedirect({ ...READY, ...change });
      assert.equal(view.state, state, label);
      assert.equal(view.redirectUri !== null, hasUri, `${label}: redirect URI offered`);
      if (hasUri) assert.equal(view.redirectUri, 'https://ha.example.net/local/ms365_signin/callback.html');
      if (!['ready', 'restarting'].includes(state)) assert.match(view.fix ?? '', /paste-back|Restart/, `${label}: says what to do`);
      assert.equal(view.canRestart, state === 'needs_restart', `${label}: restart offered`);
    });
  }
  it('does not offer a restart when Core’s API is unavailable', () => {
    assert.equal(evaluateInternetRedirect({ ...READY, probe: 'not_served', restartAvailable: false }).canRestart, false);
  });
});
