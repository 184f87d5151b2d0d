// Keep-alive: when the integration has not refreshed its file for N days, the add-on's pass
// refreshes the file's own tokens; before that it leaves the file alone; when Microsoft refuses, the
// file stays as it was and the failure is recorded. The service's clock is moved, Microsoft's is not.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { createLogger } from '../../server/log.js';
import { createServices, type Services } from '../../server/services.js';
import { settingsSchema } from '../../server/settings/schema.js';
import { Store } from '../../server/store/store.js';
import { EmulatedConfigEntries } from '../emulators/home-assistant/config-entries.js';
import { HaCore } from '../emulators/home-assistant/core.js';
import { startMicrosoftEmulator, type MicrosoftEmulator } from '../emulators/microsoft/index.js';
import { MS365_APP, entryData, nativeClient, pythonSignIn } from '../helpers/ms365-stack.js';

const DAY_MS = 86_400_000;

interface World {
  services: Services;
  microsoft: MicrosoftEmulator;
  entryId: string;
  file: string;
  advance(days: number): void;
}

async function startWorld(t: TestContext): Promise<World> {
  const microsoft = await startMicrosoftEmulator({ host: '127.0.0.1' });
  microsoft.registerApp({ clientId: MS365_APP.clientId, secrets: [{ value: MS365_APP.secret, id: MS365_APP.secretId }], redirectUris: [nativeClient('global')] });
  const configDir = mkdtempSync(path.join(os.tmpdir(), 'ha-config-'));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'm365-data-'));
  const entries = new EmulatedConfigEntries(new HaCore({ configDir, users: [] }));
  const entry = entries.add({ domain: 'ms365_todo', data: entryData({ entity: 'chores' }) });
  let offsetMs = 0;
  const store = await Store.open(dataDir);
  const settings = settingsSchema.parse({
    mode: 'standalone', dataDir, uiHost: '127.0.0.1', uiPort: 0, apiHost: '127.0.0.1', apiPort: 0, logLevel: 'warn',
    endpointOverride: microsoft.origin, supervisorUrl: 'http://127.0.0.1:9', webRoot: dataDir, haConfigDir: configDir,
  });
  const services = createServices({ settings, store, log: createLogger('warn', { write: () => undefined }), now: () => new Date(Date.now() + offsetMs) });
  t.after(async () => {
    await services.ms365.stop();
    await store.close();
    await microsoft.close();
    rmSync(configDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });
  const file = path.join(configDir, 'ms365_storage', '.MS365-token-cache', 'ms365_todo_chores.token');
  await pythonSignIn({ configDir, microsoft }, file, 'global', ['User.Read', 'Tasks.Read']);
  return { services, microsoft, entryId: entry.entry_id, file, advance: (days) => void (offsetMs += days * DAY_MS) };
}

const lastKeepAlive = (world: World) => world.services.store.data.ms365Links.find((link) => link.entryId === world.entryId)?.lastKeepAlive;

describe('MS365 keep-alive', () => {
  it('does nothing for an entry whose keep-alive is off', async (t) => {
    const world = await startWorld(t);
    const before = readFileSync(world.file, 'utf8');
    world.advance(30);
    await world.services.ms365.runKeepAlive();
    assert.equal(readFileSync(world.file, 'utf8'), before);
    assert.equal(world.microsoft.stats.tokenRequests.refresh_token, 0);
  });

  it('leaves a file the integration refreshed lately, then refreshes it once the integration has been idle for N days', async (t) => {
    const world = await startWorld(t);
    const original = readFileSync(world.file, 'utf8');
    const view = await world.services.ms365.setKeepAlive(world.entryId, { enabled: true, afterDays: 14 });
    assert.deepEqual(view.keepAlive, { enabled: true, afterDays: 14, last: null });

    world.advance(13);
    await world.services.ms365.runKeepAlive();
    assert.equal(lastKeepAlive(world)?.outcome, 'not_due');
    assert.equal(readFileSync(world.file, 'utf8'), original, 'not touched before the threshold');
    assert.equal(world.microsoft.stats.tokenRequests.refresh_token, 0);

    world.advance(2);
    const aged = (await world.services.ms365.entry(world.entryId)).tokenFile;
    assert.equal(aged.refreshTokenDaysLeft, 75);
    await world.services.ms365.runKeepAlive();
    assert.equal(lastKeepAlive(world)?.outcome, 'refreshed', lastKeepAlive(world)?.detail ?? '');
    assert.equal(world.microsoft.stats.tokenRequests.refresh_token, 1);
    assert.notEqual(readFileSync(world.file, 'utf8'), original);
    assert.equal(readFileSync(`${world.file}.bak`, 'utf8'), original);
    const after = await world.services.ms365.entry(world.entryId);
    assert.equal(after.tokenFile.refreshTokenDaysLeft, 90, 'the window starts again');
    assert.equal(after.tokenFile.username, 'adele@contoso.onmicrosoft.com');
    assert.equal(after.health, 'ok');
    const link = world.services.store.data.ms365Links.find((l) => l.entryId === world.entryId)!;
    const cache = JSON.parse(world.services.store.data.accounts.find((a) => a.id === link.accountId)!.msalCache) as { RefreshToken: object };
    assert.equal(Object.keys(cache.RefreshToken).length, 1, 'msal-node overwrote the imported refresh token: one left');

    // Right after, nothing is due again.
    await world.services.ms365.runKeepAlive();
    assert.equal(lastKeepAlive(world)?.outcome, 'not_due');
    assert.equal(world.microsoft.stats.tokenRequests.refresh_token, 1);
  });

  it('keeps the file as it was when Microsoft refuses the refresh, and says why', async (t) => {
    const world = await startWorld(t);
    await world.services.ms365.setKeepAlive(world.entryId, { enabled: true, afterDays: 14 });
    const original = readFileSync(world.file, 'utf8');
    world.microsoft.revokeRefreshTokens();
    world.advance(20);
    await world.services.ms365.runKeepAlive();
    const last = lastKeepAlive(world);
    assert.equal(last?.outcome, 'failed');
    assert.match(last?.detail ?? '', /sign/i);
    assert.equal(readFileSync(world.file, 'utf8'), original);
  });
});
