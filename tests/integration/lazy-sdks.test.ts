// msal-node and the Graph SDK are the heaviest modules the service has; a start that needs neither
// (no sign-in, no refresh yet) must not load them. They load when the first sign-in needs them.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { entryData, startMs365Stack } from '../helpers/ms365-stack.js';
import { spawnService } from '../helpers/spawn-service.js';

const SDKS = ['@azure/msal-node', '@microsoft/microsoft-graph-client'];
const RECORDER = path.resolve(import.meta.dirname, '../helpers/module-record/register.mjs');

describe('the SDKs the service loads on first use', () => {
  it('are not loaded by a start, ES module or CommonJS', async (t) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'm365-lazy-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const record = path.join(dir, 'modules.txt');
    const service = spawnService(['--data-dir', path.join(dir, 'data'), '--ui-port', '0', '--api-port', '0'], {
      NODE_OPTIONS: `--import=${RECORDER}`,
      MODULE_RECORD_FILE: record,
    });
    t.after(() => service.child.kill('SIGTERM'));
    const ui = await Promise.race([service.listening, service.exited.then(() => Promise.reject(new Error(service.output())))]);
    assert.equal((await fetch(`${ui}/api/status`)).status, 200);
    const modules = readFileSync(record, 'utf8');
    assert.match(modules, /node_modules\/fastify\//, 'the recorder sees packages');
    for (const sdk of SDKS) assert.ok(!modules.includes(`/node_modules/${sdk}/`), `${sdk} loaded at start-up`);
  });

  it('are loaded by the first sign-in', async (t) => {
    const stack = await startMs365Stack(t);
    const entry = stack.addEntry({ domain: 'ms365_calendar', data: entryData({ entity: 'work' }) });
    assert.equal((await stack.signInByPaste(entry.entry_id)).status, 200);
    const required = Object.keys(createRequire(import.meta.url).cache);
    for (const sdk of SDKS) assert.ok(required.some((file) => file.includes(`/node_modules/${sdk}/`)), `${sdk} (the /me read after the sign-in needs the Graph SDK)`);
  });
});
