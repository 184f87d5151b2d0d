// The Supervisor and Core clients against the emulated Supervisor: envelope, proxy, WebSocket,
// notifications, restart, and how each failure is named.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CoreApi } from '../../../server/ha/core-api.js';
import { fetchNetworkUrls, fetchUsers, withCoreSession } from '../../../server/ha/core-websocket.js';
import { HaError } from '../../../server/ha/ha-error.js';
import { SupervisorClient, unwrapEnvelope } from '../../../server/ha/supervisor-client.js';
import type { SupervisorConnection } from '../../../server/ha/supervisor-http.js';
import { startHomeAssistantEmulator, type HomeAssistantEmulator } from '../../emulators/home-assistant/index.js';

async function emulator(t: { after: (fn: () => Promise<void>) => void }, options: Parameters<typeof startHomeAssistantEmulator>[0] = {}): Promise<{ ha: HomeAssistantEmulator; conn: SupervisorConnection }> {
  const ha = await startHomeAssistantEmulator(options);
  t.after(() => ha.close());
  return { ha, conn: { baseUrl: ha.supervisor.url, token: ha.supervisorToken, timeoutMs: 1_000 } };
}

const reason = (expected: string) => (error: unknown) => error instanceof HaError && error.reason === expected;

describe('the Supervisor client', () => {
  it('reads this add-on’s info from the envelope, with its ingress path and host name', async (t) => {
    const { ha, conn } = await emulator(t);
    const info = await new SupervisorClient(conn).fetchSelfInfo();
    assert.deepEqual(info, {
      slug: 'local_ms365_signin',
      hostname: 'local-ms365-signin',
      ingressPath: `/api/hassio_ingress/${ha.ingressToken}`,
      ipAddress: '172.30.33.4',
      version: '0.1.0',
    });
    assert.ok(ha.supervisor.calls.every((call) => call.authorized), 'the token is sent as a bearer token');
  });

  it('names an error envelope, a wrong token, a dead and a slow Supervisor', async (t) => {
    assert.throws(() => unwrapEnvelope({ result: 'error', message: 'Addon is not running' }, 'x'), (e: HaError) => e.reason === 'command_failed' && /not running/.test(e.message));
    assert.throws(() => unwrapEnvelope({ data: {} }, 'x'), reason('bad_response'));
    const { ha, conn } = await emulator(t);
    await assert.rejects(new SupervisorClient({ ...conn, token: 'wrong' }).fetchSelfInfo(), reason('unauthorized'));
    ha.supervisor.setFault({ kind: 'slow', delayMs: 500 });
    await assert.rejects(new SupervisorClient({ ...conn, timeoutMs: 100 }).fetchSelfInfo(), reason('timeout'));
    ha.supervisor.setFault({ kind: 'down' });
    await assert.rejects(new SupervisorClient(conn).fetchSelfInfo(), reason('unreachable'));
    await assert.rejects(new SupervisorClient({ ...conn, baseUrl: 'http://127.0.0.1:9' }).fetchSelfInfo(), reason('unreachable'));
  });

  it('stops a call in flight when the service stops', async (t) => {
    const { ha, conn } = await emulator(t);
    ha.supervisor.setFault({ kind: 'slow', delayMs: 5_000 });
    const stop = new AbortController();
    const call = new SupervisorClient({ ...conn, timeoutMs: 10_000, stop: stop.signal }).fetchSelfInfo();
    setTimeout(() => stop.abort(), 20);
    await assert.rejects(call, reason('timeout'));
  });
});

describe('HA Core through the Supervisor', () => {
  it('reads HA’s URLs and users over the WebSocket after authenticating with the token', async (t) => {
    const { ha, conn } = await emulator(t, { urls: () => ({ internal: 'http://192.168.1.2:8123', external: null, cloud: 'https://abc.ui.nabu.casa' }) });
    const [urls, users] = await withCoreSession(conn, async (session) => [await fetchNetworkUrls(session), await fetchUsers(session)] as const);
    assert.deepEqual(urls, { internal: 'http://192.168.1.2:8123', external: null, cloud: 'https://abc.ui.nabu.casa' });
    assert.deepEqual(users.map((u) => [u.name, u.groupIds.includes('system-admin'), u.systemGenerated]), [
      ['Supervisor', true, true],
      ['Alex Admin', true, false],
      ['Kim Kid', false, false],
    ]);
    assert.deepEqual(ha.supervisor.commands, ['network/url', 'config/auth/list']);
  });

  it('is refused over the WebSocket with a wrong token or without homeassistant_api', async (t) => {
    const { conn } = await emulator(t);
    await assert.rejects(withCoreSession({ ...conn, token: 'wrong' }, fetchNetworkUrls), reason('unauthorized'));
    const { conn: noApi } = await emulator(t, { grants: { homeassistantApi: false } });
    await assert.rejects(withCoreSession(noApi, fetchNetworkUrls), reason('unauthorized'));
    await assert.rejects(new CoreApi(noApi).fetchUrls(), reason('unauthorized'));
  });

  it('names a failed command with HA’s message', async (t) => {
    const { conn } = await emulator(t);
    await assert.rejects(withCoreSession(conn, (session) => session.command('no/such/command')), (e: HaError) => e.reason === 'command_failed' && /Unknown command/.test(e.message));
  });

  it('reads URLs from /core/api/config, without the cloud URL', async (t) => {
    const { conn } = await emulator(t, { urls: () => ({ internal: 'http://192.168.1.2:8123', external: 'https://ha.example.net', cloud: 'https://abc.ui.nabu.casa' }) });
    assert.deepEqual(await new CoreApi(conn).fetchUrls(), { internal: 'http://192.168.1.2:8123', external: 'https://ha.example.net', cloud: null });
  });

  it('creates and dismisses persistent notifications', async (t) => {
    const { ha, conn } = await emulator(t);
    const core = new CoreApi(conn);
    await core.createNotification({ id: 'ms365_signin_secret_expiry', title: 'Microsoft 365', message: 'The client secret expires in 14 days.' });
    assert.deepEqual(ha.core.notifications.get('ms365_signin_secret_expiry'), { title: 'Microsoft 365', message: 'The client secret expires in 14 days.' });
    await core.dismissNotification('ms365_signin_secret_expiry');
    assert.equal(ha.core.notifications.size, 0);
  });

  it('restarts HA with the homeassistant.restart service, which needs no hassio_api', async (t) => {
    const { ha, conn } = await emulator(t, { grants: { hassioRole: null } });
    assert.equal(await new CoreApi(conn).restart(), 'requested');
    assert.equal(ha.core.restarts, 1);
    // The Supervisor's own endpoint would need hassio_api with the homeassistant role.
    const direct = await fetch(`${ha.supervisor.url}/core/restart`, { method: 'POST', headers: { authorization: `Bearer ${ha.supervisorToken}` } });
    assert.equal(direct.status, 403);
  });

  it('does not mistake an unreachable Supervisor for a restart under way', async (t) => {
    const { ha, conn } = await emulator(t);
    ha.supervisor.setFault({ kind: 'down' });
    await assert.rejects(new CoreApi(conn).restart(), reason('unreachable'));
  });
});
