// Who may do what through HA ingress: HA admins change things, other HA users only look, and a
// header a browser adds cannot make anyone an admin. Also what happens when HA cannot be asked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HomeAssistantView } from '../../server/http/contract/home-assistant.js';
import { DEFAULT_ADMIN, DEFAULT_NON_ADMIN } from '../emulators/home-assistant/index.js';
import { eventually, startAddonStack, type AddonStack } from '../helpers/addon-stack.js';
import { ENTRA_APP, inMonths } from '../helpers/e2e-stack.js';

const APP_REGISTRATION = {
  display_name: ENTRA_APP.displayName,
  client_id: ENTRA_APP.clientId,
  client_secret: ENTRA_APP.secretValue,
  secret_expires_on: inMonths(12),
  redirect_method: 'paste_back',
};

/** Every kind of change the panel can make, each with a body it would accept from an admin. */
const CHANGES: Array<[string, string, unknown?]> = [
  ['POST', '/api/app-registrations', APP_REGISTRATION],
  ['PATCH', '/api/app-registrations/any', { display_name: 'x' }],
  ['DELETE', '/api/app-registrations/any'],
  ['POST', '/api/sign-ins', { app_registration_id: 'any', scopes: [] }],
  ['POST', '/api/sign-ins/paste', { url: 'https://login.microsoftonline.com/common/oauth2/nativeclient?code=x&state=y' }],
  ['DELETE', '/api/accounts/any'],
  ['POST', '/api/accounts/any/capabilities'],
  ['POST', '/api/ms365/entries/any/capabilities'],
  ['POST', '/api/consumers', { name: 'node-red' }],
  ['DELETE', '/api/consumers/any'],
  ['POST', '/api/home-assistant/restart'],
];

/** The first check after start-up has finished (its answers came before any fault was set). */
function ready(stack: AddonStack): Promise<HomeAssistantView> {
  return eventually(async () => {
    const v = (await (await stack.ingress('/api/home-assistant?fresh=1')).json()) as HomeAssistantView;
    return v.internet_redirect.state === 'ready' ? v : undefined;
  }, 'the first check');
}

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

function send(stack: AddonStack, method: string, pathname: string, json?: unknown, headers?: Record<string, string>): Promise<Response> {
  return stack.ingress(pathname, { method, ...(json !== undefined ? { json } : {}), ...(headers ? { headers } : {}) });
}

describe('ingress users', () => {
  it('lets a non-admin HA user read the status but refuses every change with admin_required', async (t) => {
    const stack = await startAddonStack({ user: DEFAULT_NON_ADMIN, www: false });
    t.after(() => stack.close());
    const status = await stack.ingress('/api/status');
    assert.equal(status.status, 200);
    const body = (await status.json()) as { is_admin: boolean; home_assistant: HomeAssistantView };
    assert.equal(body.is_admin, false);
    for (const path of ['/api/accounts', '/api/consumers', '/api/app-registrations', '/api/home-assistant']) {
      assert.equal((await stack.ingress(path)).status, 200, `GET ${path} is allowed`);
    }
    for (const [method, path, json] of CHANGES) {
      const response = await send(stack, method, path, json);
      assert.equal(response.status, 403, `${method} ${path}`);
      assert.equal(await errorCode(response), 'admin_required', `${method} ${path}`);
    }
    assert.equal(stack.ha.core.restarts, 0);
  });

  it('does not let a browser-made header or a forged user id make anyone an admin', async (t) => {
    const stack = await startAddonStack({ user: DEFAULT_NON_ADMIN });
    t.after(() => stack.close());
    const forged = { 'x-hass-is-admin': 'true', 'x-remote-user-id': DEFAULT_ADMIN.id, 'x-admin': '1' };
    const response = await send(stack, 'POST', '/api/app-registrations', APP_REGISTRATION, forged);
    assert.equal(response.status, 403, 'the Supervisor replaces X-Remote-User-Id; other headers mean nothing');
    assert.equal(await errorCode(response), 'admin_required');
  });

  it('refuses changes from a session without a user', async (t) => {
    const stack = await startAddonStack({ user: null });
    t.after(() => stack.close());
    const response = await send(stack, 'POST', '/api/consumers', { name: 'x' });
    assert.equal(response.status, 403);
    assert.equal(((await (await stack.ingress('/api/status')).json()) as { is_admin: boolean }).is_admin, false);
  });

  it('lets an HA admin make changes', async (t) => {
    const stack = await startAddonStack({ user: DEFAULT_ADMIN });
    t.after(() => stack.close());
    const created = await send(stack, 'POST', '/api/app-registrations', APP_REGISTRATION);
    assert.equal(created.status, 201);
    const consumer = await send(stack, 'POST', '/api/consumers', { name: 'node-red' });
    assert.equal(consumer.status, 201);
  });

  it('follows a demotion once the short user cache expires', async (t) => {
    const stack = await startAddonStack({ user: DEFAULT_ADMIN });
    t.after(() => stack.close());
    assert.equal((await send(stack, 'POST', '/api/consumers', { name: 'a' })).status, 201);
    const admin = stack.ha.core.users.find((u) => u.id === DEFAULT_ADMIN.id);
    assert.ok(admin);
    admin.group_ids = ['system-users'];
    stack.site.setUser({ ...DEFAULT_ADMIN, id: 'a-new-user-id-unknown-to-the-cache' });
    // An unknown id makes the add-on look again, so a brand-new user is judged on fresh data.
    assert.equal((await send(stack, 'POST', '/api/consumers', { name: 'b' })).status, 403);
  });
});

describe('when Home Assistant cannot be asked', () => {
  it('says which features are unavailable with the Supervisor down, and keeps reads and the consumer API working', async (t) => {
    const stack = await startAddonStack();
    t.after(() => stack.close());
    await ready(stack);
    stack.ha.supervisor.setFault({ kind: 'down' });
    const view = await eventually(async () => {
      const v = (await (await stack.ingress('/api/home-assistant?fresh=1')).json()) as HomeAssistantView;
      return v.features.ha_urls.available === false ? v : undefined;
    }, 'features unavailable');
    assert.equal(view.features.ha_urls.reason, 'unreachable');
    assert.equal(view.features.notifications.available, false);
    assert.match(view.features.ha_urls.message ?? '', /could not be reached/);
    assert.equal(view.hostname, 'local-ms365-signin', 'what was learned before stays known');
    assert.equal((await stack.ingress('/api/accounts')).status, 200);
    assert.equal((await stack.service.api('/health')).status, 200);
    const change = await send(stack, 'POST', '/api/consumers', { name: 'x' });
    assert.equal(change.status, 503, 'no change without knowing who asks');
    assert.equal(await errorCode(change), 'admin_check_unavailable');
    const status = (await (await stack.ingress('/api/status')).json()) as { is_admin: boolean | null; home_assistant: HomeAssistantView };
    assert.equal(status.is_admin, null);
    assert.equal(status.home_assistant.features.admin_check.available, false);
  });

  it('gives up on a slow Supervisor after the timeout and says so, while the status answers at once', async (t) => {
    const stack = await startAddonStack({ www: true, settings: { haTimeoutMs: 200 } });
    t.after(() => stack.close());
    await ready(stack);
    assert.equal(((await (await stack.ingress('/api/status')).json()) as { is_admin: boolean }).is_admin, true);
    stack.ha.supervisor.setFault({ kind: 'slow', delayMs: 1_500 });
    const status = (await (await stack.ingress('/api/status')).json()) as { is_admin: boolean };
    assert.equal(status.is_admin, true, 'the panel keeps its last known answer instead of waiting');
    await stack.ingress('/api/home-assistant?fresh=1');
    const view = (await (await stack.ingress('/api/home-assistant')).json()) as HomeAssistantView;
    assert.equal(view.features.ha_urls.available, false);
    assert.equal(view.features.ha_urls.reason, 'timeout');
    assert.match(view.features.ha_urls.message ?? '', /did not answer within/);
    assert.equal((await stack.ingress('/api/accounts')).status, 200);
  });

  it('falls back to /core/api/config for HA’s URLs when the WebSocket fails, and cannot check admins', async (t) => {
    const stack = await startAddonStack({ urls: (site) => ({ internal: site, external: site, cloud: 'https://x.ui.nabu.casa' }) });
    t.after(() => stack.close());
    await ready(stack);
    stack.ha.supervisor.setFault({ kind: 'websocket_down' });
    const view = await eventually(async () => {
      const v = (await (await stack.ingress('/api/home-assistant?fresh=1')).json()) as HomeAssistantView;
      return v.urls?.cloud === null ? v : undefined;
    }, 'URLs from the REST fallback');
    assert.equal(view.features.ha_urls.available, true);
    assert.equal(view.urls?.external, stack.ha.siteOrigin);
    assert.ok(stack.ha.supervisor.calls.some((c) => c.path === '/core/api/config'));
  });

  it('refuses a wrong Supervisor token as unauthorized without logging the token', async (t) => {
    const stack = await startAddonStack({ settings: { supervisorToken: 'a-token-the-supervisor-never-issued' } });
    t.after(() => stack.close());
    const view = await eventually(async () => {
      const v = (await (await stack.ingress('/api/home-assistant?fresh=1')).json()) as HomeAssistantView;
      return v.features.addon_info.available === false ? v : undefined;
    }, 'addon_info unavailable');
    assert.equal(view.features.addon_info.reason, 'unauthorized');
    assert.equal(view.internet_redirect.state, 'unavailable');
    assert.equal(stack.service.logs.some((line) => line.includes('a-token-the-supervisor-never-issued')), false);
  });
});
