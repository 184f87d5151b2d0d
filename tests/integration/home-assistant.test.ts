// The add-on in add-on mode against the emulated Home Assistant: what the panel's status says, the
// bounce page HA serves, the restart HA needs when `www` is new, and which HA address becomes the
// redirect URI.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { HomeAssistantStatusFields, HomeAssistantView } from '../../server/http/contract/home-assistant.js';
import { eventually, startAddonStack, type AddonStack } from '../helpers/addon-stack.js';
import { leakedSecrets } from '../helpers/service.js';

type Status = HomeAssistantStatusFields & { internet_redirect_uri: string | null; mode: string };

async function status(stack: AddonStack): Promise<Status> {
  const response = await stack.ingress('/api/status');
  assert.equal(response.status, 200);
  return (await response.json()) as Status;
}

/** Forces a fresh check and returns the view once `done` accepts it. */
function settled(stack: AddonStack, done: (view: HomeAssistantView) => boolean, what: string): Promise<HomeAssistantView> {
  return eventually(async () => {
    const response = await stack.ingress('/api/home-assistant?fresh=1');
    const view = (await response.json()) as HomeAssistantView;
    return done(view) ? view : undefined;
  }, what);
}

describe('Home Assistant in add-on mode', () => {
  it('shows the add-on’s host name, HA’s addresses and a ready redirect URI on HA’s /local/ page', async (t) => {
    const stack = await startAddonStack();
    t.after(() => stack.close());
    assert.equal((await status(stack)).is_admin, true);
    const view = await settled(stack, (v) => v.internet_redirect.state === 'ready', 'a ready internet redirect');
    assert.equal(view.hostname, 'local-ms365-signin');
    assert.equal(view.ingress_path, stack.site.ingressPath);
    assert.deepEqual(Object.values(view.features).map((f) => f.available), [true, true, true, true, true]);
    const uri = `${stack.ha.siteOrigin}/local/ms365_signin/callback.html`;
    assert.equal(view.internet_redirect.redirect_uri, uri);
    assert.equal(view.internet_redirect.public_url_source, 'external');
    const current = await status(stack);
    assert.equal(current.is_admin, true);
    assert.equal(current.internet_redirect_uri, uri, 'the sign-in flow uses the same address');
    assert.equal(current.home_assistant?.hostname, 'local-ms365-signin');
  });

  it('writes a page HA serves without login that names only the ingress callback', async (t) => {
    const stack = await startAddonStack();
    t.after(() => stack.close());
    await settled(stack, (v) => v.internet_redirect.state === 'ready', 'a ready internet redirect');
    const served = await fetch(`${stack.ha.siteOrigin}/local/ms365_signin/callback.html?code=abc&state=xyz`);
    assert.equal(served.status, 200);
    const html = await served.text();
    assert.ok(html.includes(`content="${stack.site.ingressPath}/auth/callback"`));
    assert.equal(html.includes(stack.ha.supervisorToken), false, 'no Supervisor token in a public page');
    assert.equal(/<script>/.test(html) || /\son\w+=/.test(html), false, 'no inline script or handler (CSP script-src self)');
    const script = await fetch(`${stack.ha.siteOrigin}/local/ms365_signin/callback.js`);
    assert.equal(script.status, 200);
    const source = await script.text();
    assert.equal(source.includes(stack.site.ingressPath), false, 'the long-cached script holds no per-install path');
    assert.deepEqual(leakedSecrets(stack.service.logs, [stack.ha.supervisorToken]), []);
  });

  it('says HA must restart when www did not exist at HA start, restarts it for an admin, then is ready', async (t) => {
    const stack = await startAddonStack({ www: false });
    t.after(() => stack.close());
    const before = await settled(stack, (v) => v.internet_redirect.state === 'needs_restart', 'needs_restart');
    assert.equal(before.internet_redirect.can_restart, true);
    assert.match(before.internet_redirect.message, /www folder did not exist/);
    assert.ok(before.internet_redirect.redirect_uri, 'the URI can be registered already');
    assert.ok(existsSync(path.join(stack.ha.configDir, 'www/ms365_signin/callback.html')));
    assert.equal((await fetch(`${stack.ha.siteOrigin}/local/ms365_signin/callback.html`)).status, 404, 'HA does not serve it yet');

    const restart = await stack.ingress('/api/home-assistant/restart', { method: 'POST' });
    assert.equal(restart.status, 202);
    assert.deepEqual(await restart.json(), { restart: 'requested' });
    assert.equal(stack.ha.core.restarts, 1);
    assert.deepEqual(stack.ha.core.serviceCalls.map((c) => `${c.domain}.${c.service}`), ['homeassistant.restart']);
    await settled(stack, (v) => v.internet_redirect.state === 'ready', 'ready after the restart');
    assert.equal((await fetch(`${stack.ha.siteOrigin}/local/ms365_signin/callback.html`)).status, 200);
  });

  it('reports HA’s refusal to restart with an invalid configuration', async (t) => {
    const stack = await startAddonStack({ www: false });
    t.after(() => stack.close());
    stack.ha.core.configValid = false;
    const restart = await stack.ingress('/api/home-assistant/restart', { method: 'POST' });
    assert.equal(restart.status, 503);
    const body = (await restart.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'home_assistant_unavailable');
    assert.match(body.error.message, /configuration is not valid/);
    assert.equal(stack.ha.core.restarts, 0);
  });

  const addressCases: Array<{ label: string; urls: (site: string) => { internal: string | null; external: string | null; cloud: string | null }; option?: string; state: string; uri: string | null; source?: string }> = [
    { label: 'an https external URL', urls: (s) => ({ internal: s, external: 'https://ha.example.net', cloud: null }), state: 'ready', uri: 'https://ha.example.net/local/ms365_signin/callback.html', source: 'external' },
    { label: 'only a Nabu Casa URL', urls: (s) => ({ internal: s, external: null, cloud: 'https://abc123.ui.nabu.casa' }), state: 'ready', uri: 'https://abc123.ui.nabu.casa/local/ms365_signin/callback.html', source: 'cloud' },
    { label: 'an http external URL and no cloud', urls: (s) => ({ internal: s, external: 'http://192.168.1.20:8123', cloud: null }), state: 'no_public_url', uri: null },
    { label: 'no external URL at all', urls: (s) => ({ internal: s, external: null, cloud: null }), state: 'no_public_url', uri: null },
    { label: 'the public_url option', urls: (s) => ({ internal: s, external: 'http://192.168.1.20:8123', cloud: null }), option: 'https://home.example.org', state: 'ready', uri: 'https://home.example.org/local/ms365_signin/callback.html', source: 'option' },
  ];
  for (const c of addressCases) {
    it(`builds the redirect URI from ${c.label}`, async (t) => {
      const stack = await startAddonStack({ urls: c.urls, ...(c.option ? { settings: { haPublicUrl: c.option } } : {}) });
      t.after(() => stack.close());
      const view = await settled(stack, (v) => v.internet_redirect.state !== 'checking', c.label);
      assert.equal(view.internet_redirect.state, c.state, c.label);
      assert.equal(view.internet_redirect.redirect_uri, c.uri, c.label);
      if (c.source) assert.equal(view.internet_redirect.public_url_source, c.source, c.label);
      if (c.state === 'no_public_url') assert.match(view.internet_redirect.fix ?? '', /paste-back/, `${c.label}: suggests paste-back`);
      assert.equal((await status(stack)).internet_redirect_uri, c.uri, c.label);
    });
  }

  it('writes nothing into HA’s config folder when the page option is off', async (t) => {
    const stack = await startAddonStack({ settings: { bouncePage: false } });
    t.after(() => stack.close());
    const view = await settled(stack, (v) => v.internet_redirect.state !== 'checking', 'a verdict');
    assert.equal(view.internet_redirect.state, 'disabled');
    assert.equal(view.internet_redirect.redirect_uri, null);
    assert.equal(existsSync(path.join(stack.ha.configDir, 'www/ms365_signin')), false);
  });

  it('keeps the page’s content stable across checks and rewrites it after a damaging edit', async (t) => {
    const stack = await startAddonStack();
    t.after(() => stack.close());
    await settled(stack, (v) => v.internet_redirect.state === 'ready', 'ready');
    const file = path.join(stack.ha.configDir, 'www/ms365_signin/callback.html');
    const first = readFileSync(file, 'utf8');
    await stack.ingress('/api/home-assistant?fresh=1');
    assert.equal(readFileSync(file, 'utf8'), first);
    writeFileSync(file, '<p>edited</p>');
    await stack.ingress('/api/home-assistant?fresh=1');
    assert.equal(readFileSync(file, 'utf8'), first);
  });
});

describe('standalone mode', () => {
  it('has no Home Assistant part and treats the loopback user as an admin', async (t) => {
    const { startTestService } = await import('../helpers/service.js');
    const service = await startTestService({});
    t.after(() => service.close());
    const body = (await (await service.ui('/api/status')).json()) as Status;
    assert.equal(body.home_assistant, null);
    assert.equal(body.is_admin, true);
    assert.equal((await service.ui('/api/home-assistant')).status, 404);
  });
});
