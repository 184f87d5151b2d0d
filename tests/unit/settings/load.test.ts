import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { authorityUrl, CLOUDS, nativeClientUrl, resolveEndpoints } from '../../../server/settings/clouds.js';
import { loadSettings } from '../../../server/settings/load.js';

describe('settings', () => {
  it('default to a standalone service that just works', () => {
    const settings = loadSettings({ env: {}, argv: [] });
    assert.equal(settings.mode, 'standalone');
    assert.equal(settings.dataDir, path.resolve('data'));
    assert.equal(settings.uiHost, '127.0.0.1');
    assert.equal(settings.uiPort, 8099);
    assert.equal(settings.apiPort, 8100);
    assert.equal(settings.endpointOverride, undefined);
  });

  it('take flags over environment variables', () => {
    const settings = loadSettings({
      env: { M365_UI_PORT: '9000', M365_ENDPOINT_OVERRIDE: 'http://127.0.0.2:4011/ignored-path' },
      argv: ['--ui-port', '9001', '--public-url', 'https://ha.example.com/'],
    });
    assert.equal(settings.uiPort, 9001);
    assert.equal(settings.endpointOverride, 'http://127.0.0.2:4011');
    assert.equal(settings.publicUrl, 'https://ha.example.com');
  });

  it('read options.json and the Supervisor token in add-on mode', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'm365-options-'));
    writeFileSync(path.join(dir, 'options.json'), JSON.stringify({ log_level: 'debug' }));
    const settings = loadSettings({ env: { SUPERVISOR_TOKEN: 'tok' }, argv: [], addonDataDir: dir });
    assert.equal(settings.mode, 'addon');
    assert.equal(settings.logLevel, 'debug');
    assert.equal(settings.dataDir, dir);
    assert.equal(settings.uiHost, '0.0.0.0');
  });

  it('give the consumer listener sane limits, each one changeable through M365_API_LISTENER_LIMITS', () => {
    const defaults = loadSettings({ env: {}, argv: [] }).listenerLimits;
    assert.deepEqual(defaults, {
      requestTimeoutMs: 60_000,
      headersTimeoutMs: 10_000,
      keepAliveTimeoutMs: 5_000,
      connectionsCheckingIntervalMs: 1_000,
      maxRequestsPerSocket: 0, // no limit: past one, Node answers a bare 503 that clients treat as a failure
      maxConnections: 512,
      unauthenticatedPerMinute: 30,
    });
    const changed = loadSettings({ env: { M365_API_LISTENER_LIMITS: '{"maxConnections":2000}' }, argv: [] }).listenerLimits;
    assert.deepEqual(changed, { ...defaults, maxConnections: 2000 });
    assert.throws(() => loadSettings({ env: { M365_API_LISTENER_LIMITS: '{"maxConections":2000}' }, argv: [] }), /maxConections/);
    assert.throws(() => loadSettings({ env: { M365_API_LISTENER_LIMITS: '{"headersTimeoutMs":0}' }, argv: [] }));
  });

  it('refuse values that cannot work', () => {
    assert.throws(() => loadSettings({ env: {}, argv: ['--ui-port', '70000'] }));
    assert.throws(() => loadSettings({ env: { M365_LOG_LEVEL: 'loud' }, argv: [] }));
    assert.throws(() => loadSettings({ env: {}, argv: ['--unknown-flag'] }));
  });

  it('know each cloud’s login host, Graph host and nativeclient URL', () => {
    assert.equal(nativeClientUrl('global'), 'https://login.microsoftonline.com/common/oauth2/nativeclient');
    assert.equal(nativeClientUrl('china'), 'https://login.partner.microsoftonline.cn/common/oauth2/nativeclient');
    assert.equal(nativeClientUrl('usgov'), 'https://login.microsoftonline.us/common/oauth2/nativeclient');
    assert.equal(CLOUDS.china.graphHost, 'microsoftgraph.chinacloudapi.cn');
    assert.equal(CLOUDS.usgov.graphHost, 'graph.microsoft.us');
    assert.equal(authorityUrl('global', 'contoso.onmicrosoft.com'), 'https://login.microsoftonline.com/contoso.onmicrosoft.com');
    const real = resolveEndpoints({});
    assert.equal(real.graphOrigin('china'), 'https://microsoftgraph.chinacloudapi.cn');
    const emulated = resolveEndpoints({ login: 'http://127.0.0.2:1', graph: 'http://127.0.0.2:1' });
    assert.equal(emulated.loginOrigin('usgov'), 'http://127.0.0.2:1');
  });
});
