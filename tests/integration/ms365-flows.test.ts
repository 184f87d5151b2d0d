// "Add an MS365 integration" end to end over HTTP: the add-on in add-on mode drives the emulated
// Core's MS365 config flows (tests/emulators/home-assistant/ms365-config-flows.ts, where MSAL for
// Python redeems the code at the Microsoft emulator and writes the token file as the integration
// does). Nothing of the add-on is mocked; the clock is injected only where inactivity is tested.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { ConfigFlowApi } from '../../server/ha/config-flow.js';
import { FlowRegistry, FLOW_IDLE_MS, OPEN_FLOWS_FILE } from '../../server/ms365/flows/flow-registry.js';
import { Ms365Flows } from '../../server/ms365/flows/flows.js';
import { EmulatedMs365ConfigFlows } from '../emulators/home-assistant/ms365-config-flows.js';
import { signInWithFetch } from '../emulators/microsoft/index.js';
import { leakedSecrets } from '../helpers/service.js';
import { MS365_APP, startMs365Stack, type Ms365Stack } from '../helpers/ms365-stack.js';

const WRONG_SECRET = 'Zz9~WrongSecretValue_aBcDeFgHiJkLmNoPqRsT';

interface World {
  stack: Ms365Stack;
  flows: EmulatedMs365ConfigFlows;
  /** Every response body the add-on sent, to prove the secret is in none. */
  bodies: string[];
  call(pathname: string, init?: RequestInit & { json?: unknown }): Promise<{ status: number; body: Record<string, unknown> }>;
  registration(secret?: string): Promise<string>;
}

async function world(t: TestContext): Promise<World> {
  const stack = await startMs365Stack(t, { addon: true });
  const flows = new EmulatedMs365ConfigFlows(stack.addon!.ha.core, stack.entries, { microsoftOrigin: stack.microsoft.origin });
  t.after(() => flows.close());
  const bodies: string[] = [];
  const call = async (pathname: string, init: RequestInit & { json?: unknown } = {}) => {
    const response = await stack.ui(pathname, init);
    const text = await response.text();
    bodies.push(text);
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };
  return {
    stack,
    flows,
    bodies,
    call,
    registration: async (secret = MS365_APP.secret) => {
      const created = await call('/api/app-registrations', {
        method: 'POST',
        json: { display_name: 'Home Assistant MS365', client_id: MS365_APP.clientId, client_secret: secret, cloud: 'global', tenant: 'common' },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return String(created.body.id);
    },
  };
}

async function landOn(authUrl: string): Promise<string> {
  const landed = await signInWithFetch(authUrl);
  assert.ok(landed.location, `Microsoft answered a page: ${landed.status}`);
  return landed.location;
}

function secretsNowhere(w: World): void {
  for (const secret of [MS365_APP.secret, WRONG_SECRET]) assert.ok(!w.bodies.some((body) => body.includes(secret)), 'a response carried the client secret');
  assert.deepEqual(leakedSecrets(w.stack.service.logs, [MS365_APP.secret, WRONG_SECRET]), []);
}

describe('adding an MS365 integration from the panel', () => {
  it('lists the five integrations with their installed state and the options HA asks for', async (t) => {
    const w = await world(t);
    w.flows.installed.delete('ms365_teams');
    const listed = await w.call('/api/ms365/integrations');
    assert.equal(listed.status, 200);
    const integrations = listed.body.integrations as Array<{ domain: string; installed: boolean }>;
    assert.deepEqual(integrations.map((i) => [i.domain, i.installed]), [
      ['ms365_calendar', true], ['ms365_mail', true], ['ms365_todo', true], ['ms365_teams', false], ['ms365_contacts', true],
    ]);
    assert.equal(listed.body.reconfigure, true);
    const options = await w.call('/api/ms365/integrations/ms365_calendar/options');
    assert.deepEqual((options.body.fields as Array<{ name: string }>).map((f) => f.name), ['enable_update', 'basic_calendar', 'groups', 'shared_mailbox']);
    assert.equal(w.flows.flows.size, 0, 'reading the options leaves no flow open');
    const notInstalled = await w.call('/api/ms365/flows', { method: 'POST', json: { domain: 'ms365_teams', entity_name: 'work', app_registration_id: await w.registration() } });
    assert.equal(notInstalled.status, 409);
    assert.equal((notInstalled.body.error as { code: string }).code, 'ms365_integration_not_installed');
  });

  it('creates a Calendar entry by paste-back, and the MS365 page shows it working', async (t) => {
    const w = await world(t);
    const id = await w.registration();
    const started = await w.call('/api/ms365/flows', { method: 'POST', json: { domain: 'ms365_calendar', entity_name: 'work', app_registration_id: id, options: { enable_update: true } } });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    assert.equal(started.body.redirect_uri, 'https://login.microsoftonline.com/common/oauth2/nativeclient');
    assert.deepEqual((started.body.fields as Array<{ name: string }>).map((f) => f.name), ['enable_update', 'basic_calendar', 'groups', 'shared_mailbox']);
    const address = await landOn(String(started.body.auth_url));
    const done = await w.call(`/api/ms365/flows/${String(started.body.flow_id)}/paste`, { method: 'POST', json: { url: `  "${address}"  ` } });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.result, 'created');
    const entry = w.stack.entries.find(String(done.body.entry_id));
    assert.equal(entry?.title, 'work');
    assert.equal(entry?.data.client_secret, MS365_APP.secret, 'the secret went to HA');
    assert.deepEqual(entry?.data.api_options, { country: 'Default', tenant_id: '' });
    assert.equal(entry?.state, 'loaded');
    assert.ok(existsSync(w.stack.tokenFile('ms365_calendar', 'work')));
    assert.equal(w.flows.flows.size, 0);
    const page = await w.call(`/api/ms365/entries/${entry!.entry_id}`);
    assert.equal(page.body.health, 'ok', JSON.stringify(page.body.notes));
    secretsNowhere(w);
  });

  it('a wrong secret becomes the token_file_error diagnosis, the flow stays usable, and cancel leaves none open', async (t) => {
    const w = await world(t);
    const id = await w.registration(WRONG_SECRET);
    const started = await w.call('/api/ms365/flows', { method: 'POST', json: { domain: 'ms365_todo', entity_name: 'tasks', app_registration_id: id } });
    assert.equal(started.status, 201);
    const flowId = String(started.body.flow_id);
    const refused = await w.call(`/api/ms365/flows/${flowId}/paste`, { method: 'POST', json: { url: await landOn(String(started.body.auth_url)) } });
    assert.equal(refused.status, 400);
    const error = refused.body.error as { code: string; diagnosis: { step: string; fix: string } };
    assert.equal(error.code, 'ms365_flow_token_file_error');
    assert.equal(error.diagnosis.step, 'client_secret');
    assert.match(error.diagnosis.fix, /Secret ID instead of the secret’s Value/);
    assert.ok(w.flows.flows.has(flowId), 'HA still has the flow');
    const cancelled = await w.call(`/api/ms365/flows/${flowId}`, { method: 'DELETE' });
    assert.equal(cancelled.status, 204);
    assert.equal(w.flows.flows.size, 0);
    assert.ok(w.flows.calls.some((c) => c.method === 'DELETE' && c.path.endsWith(flowId)));
    assert.equal((await w.call(`/api/ms365/flows/${flowId}`, { method: 'DELETE' })).status, 404);
    secretsNowhere(w);
  });

  it('a missing permission is listed, and the same link works once it is granted', async (t) => {
    const w = await world(t);
    const id = await w.registration();
    w.stack.microsoft.withholdScopes(['Calendars.ReadWrite']);
    const started = await w.call('/api/ms365/flows', { method: 'POST', json: { domain: 'ms365_calendar', entity_name: 'family', app_registration_id: id, options: { enable_update: true } } });
    const flowId = String(started.body.flow_id);
    const refused = await w.call(`/api/ms365/flows/${flowId}/paste`, { method: 'POST', json: { url: await landOn(String(started.body.auth_url)) } });
    assert.equal(refused.status, 409);
    const error = refused.body.error as { code: string; missing: string[]; diagnosis: { step: string } };
    assert.equal(error.code, 'ms365_flow_permissions');
    assert.deepEqual(error.missing, ['Calendars.ReadWrite']);
    assert.equal(error.diagnosis.step, 'api_permissions');
    w.stack.microsoft.withholdScopes([]);
    const done = await w.call(`/api/ms365/flows/${flowId}/paste`, { method: 'POST', json: { url: await landOn(String(started.body.auth_url)) } });
    assert.equal(done.body.result, 'created', JSON.stringify(done.body));
  });

  it('a stale or foreign paste is caught before HA sees it, and the flow stays usable', async (t) => {
    const w = await world(t);
    const id = await w.registration();
    const first = await w.call('/api/ms365/flows', { method: 'POST', json: { domain: 'ms365_mail', entity_name: 'office', app_registration_id: id } });
    const firstAddress = await landOn(String(first.body.auth_url));
    const second = await w.call('/api/ms365/flows', { method: 'POST', json: { domain: 'ms365_contacts', entity_name: 'people', app_registration_id: id } });
    const secondId = String(second.body.flow_id);
    const before = w.flows.calls.length;
    const foreign = await w.call(`/api/ms365/flows/${secondId}/paste`, { method: 'POST', json: { url: firstAddress } });
    assert.equal(foreign.status, 400);
    assert.equal((foreign.body.error as { code: string }).code, 'ms365_flow_paste_foreign');
    const wrongPage = await w.call(`/api/ms365/flows/${secondId}/paste`, { method: 'POST', json: { url: 'https://example.com/common/oauth2/nativeclient?code=x&state=y' } });
    assert.equal((wrongPage.body.error as { code: string }).code, 'paste_wrong_page');
    // Cut off while copying: no state, or only the start of the code. Incomplete, not foreign (issue 12, item 2).
    const own = new URL(await landOn(String(second.body.auth_url)));
    for (const cut of [`${own.origin}${own.pathname}?code=${own.searchParams.get('code')!.slice(0, 60)}`, `${own.origin}${own.pathname}?code=0.AXo&state=${own.searchParams.get('state')}`]) {
      const incomplete = await w.call(`/api/ms365/flows/${secondId}/paste`, { method: 'POST', json: { url: cut } });
      assert.equal((incomplete.body.error as { code: string }).code, 'paste_incomplete', cut);
    }
    assert.equal(w.flows.calls.length, before, 'nothing reached HA');
    const done = await w.call(`/api/ms365/flows/${secondId}/paste`, { method: 'POST', json: { url: await landOn(String(second.body.auth_url)) } });
    assert.equal(done.body.result, 'created', JSON.stringify(done.body));
  });

  it('recognises Microsoft’s error address before submitting it', async (t) => {
    const w = await world(t);
    const id = await w.registration();
    const started = await w.call('/api/ms365/flows', { method: 'POST', json: { domain: 'ms365_contacts', entity_name: 'people', app_registration_id: id } });
    const state = new URL(String(started.body.auth_url)).searchParams.get('state');
    const before = w.flows.calls.length;
    // The integration's "code" test is a substring test: error_subcode would pass it (trap 3).
    const declined = await w.call(`/api/ms365/flows/${String(started.body.flow_id)}/paste`, {
      method: 'POST',
      json: { url: `https://login.microsoftonline.com/common/oauth2/nativeclient?error=access_denied&error_subcode=cancel&state=${state}` },
    });
    assert.equal(declined.status, 400);
    assert.ok((declined.body.error as { diagnosis?: unknown }).diagnosis);
    assert.equal(w.flows.calls.length, before, 'nothing reached HA');
  });

  it('finishes the alternate method once HA’s /api/ms365 caught the redirect', async (t) => {
    const w = await world(t);
    const site = w.stack.addon!.ha.siteOrigin;
    const clientId = '5b1d2e3f-4a5b-4c6d-8e7f-90a1b2c3d4e5';
    w.stack.microsoft.registerApp({ clientId, displayName: 'Alternate', secrets: [{ value: MS365_APP.secret, id: MS365_APP.secretId }], redirectUris: [`${site}/api/ms365`] });
    const created = await w.call('/api/app-registrations', { method: 'POST', json: { display_name: 'Alternate', client_id: clientId, client_secret: MS365_APP.secret } });
    const started = await w.call('/api/ms365/flows', { method: 'POST', json: { domain: 'ms365_calendar', entity_name: 'alt', app_registration_id: String(created.body.id), method: 'alternate' } });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    assert.equal(started.body.method, 'alternate');
    assert.equal(started.body.redirect_uri, `${site}/api/ms365`);
    const early = await w.call(`/api/ms365/flows/${String(started.body.flow_id)}/paste`, { method: 'POST', json: { url: 'x' } });
    assert.equal((early.body.error as { code: string }).code, 'ms365_flow_wrong_step');
    const landed = await landOn(String(started.body.auth_url));
    const callback = await fetch(landed);
    assert.match(await callback.text(), /This window can be closed/);
    const done = await w.call(`/api/ms365/flows/${String(started.body.flow_id)}/finish`, { method: 'POST', json: {} });
    assert.equal(done.body.result, 'created', JSON.stringify(done.body));
  });

  it('checks the entity name before any flow starts', async (t) => {
    const w = await world(t);
    const id = await w.registration();
    const start = (name: string) => w.call('/api/ms365/flows', { method: 'POST', json: { domain: 'ms365_calendar', entity_name: name, app_registration_id: id } });
    assert.equal(((await start('my work')).body.error as { code: string }).code, 'ms365_entity_name_invalid');
    assert.equal(((await start('me@contoso.com')).body.error as { code: string }).code, 'ms365_entity_name_invalid');
    assert.equal(((await start('../x')).body.error as { code: string }).code, 'ms365_entity_name_invalid');
    w.stack.addEntry({ domain: 'ms365_calendar', data: { entity_name: 'home', client_id: MS365_APP.clientId, client_secret: MS365_APP.secret, api_options: { country: 'Default', tenant_id: '' } } });
    assert.equal(((await start('home')).body.error as { code: string }).code, 'ms365_entity_name_taken');
    const file = w.stack.tokenFile('ms365_calendar', 'old');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{}');
    assert.equal(((await start('old')).body.error as { code: string }).code, 'ms365_entity_name_has_token_file');
    assert.equal(w.flows.calls.filter((c) => c.method === 'POST').length, 0);
  });

  it('reconfigures an entry where Core allows it, and refuses on an older Core', async (t) => {
    const w = await world(t);
    const id = await w.registration();
    const started = await w.call('/api/ms365/flows', { method: 'POST', json: { domain: 'ms365_calendar', entity_name: 'work', app_registration_id: id } });
    const created = await w.call(`/api/ms365/flows/${String(started.body.flow_id)}/paste`, { method: 'POST', json: { url: await landOn(String(started.body.auth_url)) } });
    const entryId = String(created.body.entry_id);
    const again = await w.call(`/api/ms365/entries/${entryId}/reconfigure`, { method: 'POST', json: { app_registration_id: id, options: { enable_update: true } } });
    assert.equal(again.status, 201, JSON.stringify(again.body));
    assert.equal(again.body.reconfigure, true);
    assert.equal(again.body.entity_name, 'work');
    const done = await w.call(`/api/ms365/flows/${String(again.body.flow_id)}/paste`, { method: 'POST', json: { url: await landOn(String(again.body.auth_url)) } });
    assert.deepEqual(done.body, { result: 'reconfigured', entry_id: entryId });
    assert.equal(w.stack.entries.find(entryId)?.data.enable_update, true);
    // The reconfigure form carries the stored secret as a default: it must not reach the panel.
    secretsNowhere(w);
    w.stack.addon!.ha.core.version = '2024.3.2';
    const old = await w.call(`/api/ms365/entries/${entryId}/reconfigure`, { method: 'POST', json: { app_registration_id: id } });
    assert.equal((old.body.error as { code: string }).code, 'ms365_reconfigure_unsupported');
  });

});

describe('flows the add-on leaves open', () => {
  it('are abandoned after 10 minutes without activity, at shutdown, and at the next start-up', async (t) => {
    const stack = await startMs365Stack(t, { addon: true });
    const ha = stack.addon!.ha;
    const emulated = new EmulatedMs365ConfigFlows(ha.core, stack.entries, { microsoftOrigin: stack.microsoft.origin });
    t.after(() => emulated.close());
    const created = await (await stack.ui('/api/app-registrations', {
      method: 'POST',
      json: { display_name: 'MS365', client_id: MS365_APP.clientId, client_secret: MS365_APP.secret, cloud: 'global', tenant: 'common' },
    })).json() as { id: string };
    let now = 1_000_000;
    const dataDir = path.join(ha.configDir, 'addon-data');
    mkdirSync(dataDir, { recursive: true });
    const api = new ConfigFlowApi({ baseUrl: ha.supervisor.url, token: ha.supervisorToken, timeoutMs: 5_000 });
    const make = () => new Ms365Flows({
      configFlow: api,
      store: stack.service.services.store,
      haConfigDir: ha.configDir,
      endpointOverride: stack.microsoft.origin,
      log: stack.service.services.log,
      registry: new FlowRegistry({ now: () => now, dataDir }),
    });
    const flows = make();
    const input = { domain: 'ms365_todo' as const, appRegistrationId: created.id, options: {}, method: 'paste_back' as const };
    const a = await flows.start({ ...input, entityName: 'a' });
    now += FLOW_IDLE_MS - 1;
    assert.equal(await flows.sweep(), 0);
    assert.ok(emulated.flows.has(a.flowId));
    now += 1;
    assert.equal(await flows.sweep(), 1);
    assert.equal(emulated.flows.size, 0);

    await flows.start({ ...input, entityName: 'b' });
    await flows.stop();
    assert.equal(emulated.flows.size, 0, 'shutdown abandons every flow');

    // A crash: the flow stays in HA and its id in the file; the next run abandons it.
    const crashed = make();
    const c = await crashed.start({ ...input, entityName: 'c' });
    assert.ok(emulated.flows.has(c.flowId));
    assert.ok(existsSync(path.join(dataDir, OPEN_FLOWS_FILE)));
    const next = make();
    await next.startUp();
    await next.stop();
    assert.equal(emulated.flows.size, 0, 'start-up abandoned the flow left behind');
  });
});
