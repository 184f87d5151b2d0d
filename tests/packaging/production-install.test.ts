// Rehearses the container without Docker: production dependencies only (from the lock file) plus
// the built files in an empty folder, started as the image's CMD does, in add-on mode against the
// emulated Supervisor, with a temporary folder standing in for /data. Then SIGTERM, as on stop.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { folderBytes } from '../../scripts/prune-modules.mjs';
import { Store } from '../../server/store/store.js';
import { parseDockerfile } from './dockerfile.js';
import { DEFAULT_ADMIN, startHomeAssistantEmulator, type HomeAssistantEmulator } from '../emulators/home-assistant/index.js';
import { startMicrosoftEmulator } from '../emulators/microsoft/server.js';
import { eventually } from '../helpers/addon-stack.js';
import { CLIENT_ID, CLIENT_SECRET, SECRET_ID } from '../helpers/core-stack.js';

const NATIVE_CLIENT = 'https://login.microsoftonline.com/common/oauth2/nativeclient';

const ROOT = path.resolve(import.meta.dirname, '../..');
const STOP_LIMIT_MS = 10_000; // the Supervisor's default `timeout` before it kills the container

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  uiPort: number;
  apiPort: number;
}

/** `node dist/server/main.js` in the install folder, as the image's CMD, with the Supervisor's env. */
async function startAsContainer(app: string, env: NodeJS.ProcessEnv): Promise<Running> {
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    cwd: app,
    env: { PATH: process.env.PATH, TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const ports = await eventually(async () => {
    const ui = /"ui":"http:\/\/[^"]+:(\d+)"/.exec(output)?.[1];
    const api = /"api":"http:\/\/[^"]+:(\d+)"/.exec(output)?.[1];
    if (child.exitCode !== null) throw new Error(`exited early: ${output}`);
    return ui && api ? { uiPort: Number(ui), apiPort: Number(api) } : undefined;
  }, 'the service to listen', 15_000);
  return { child, output: () => output, exited, ...ports };
}

/** One GET on its own connection (undici would retry a connection the guard closes, forever). */
function plainGet(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
  });
}

async function stopWithSigterm(running: Running): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  running.child.kill('SIGTERM');
  const limit = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no exit within 10 s')), STOP_LIMIT_MS).unref());
  const { code } = await Promise.race([running.exited, limit]);
  return { code, ms: Date.now() - started };
}

describe('the production install, started as the container starts it', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'm365-image-'));
  const app = path.join(work, 'app');
  const data = path.join(work, 'data');
  const haConfig = path.join(work, 'homeassistant');
  let ha: HomeAssistantEmulator;

  before(async () => {
    assert.ok(existsSync(path.join(ROOT, 'dist/server/main.js')), 'run `npm run build` first (scripts/test.sh does)');
    mkdirSync(app);
    for (const file of ['package.json', 'package-lock.json']) cpSync(path.join(ROOT, file), path.join(app, file));
    const install = spawnSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: app, encoding: 'utf8', timeout: 170_000 });
    assert.equal(install.status, 0, `npm ci --omit=dev failed:\n${install.stderr}`);
    // As the image's production-dependencies stage does: the service below runs from the pruned tree.
    const prune = spawnSync(process.execPath, [path.join(ROOT, 'scripts/prune-modules.mjs'), 'node_modules'], { cwd: app, encoding: 'utf8' });
    assert.equal(prune.status, 0, prune.stderr);
    // The built folders the image's runtime stage copies from its build stage, read from the Dockerfile:
    // a folder the server needs but the image leaves out fails here.
    const runtime = parseDockerfile(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')).stages.at(-1)!;
    const built = runtime.copies.filter((copy) => copy.from === 'build').map((copy) => path.posix.relative(runtime.workdir, path.posix.resolve(runtime.workdir, copy.destination)));
    assert.ok(built.includes('dist/server'), `the image copies ${built.join(', ')}`);
    for (const folder of built) cpSync(path.join(ROOT, folder), path.join(app, folder), { recursive: true });
    mkdirSync(data);
    mkdirSync(haConfig);
    // What the Supervisor writes on every start: the options with config.yaml's defaults.
    const config = parse(readFileSync(path.join(ROOT, 'config.yaml'), 'utf8')) as { options: Record<string, unknown> };
    writeFileSync(path.join(data, 'options.json'), JSON.stringify(config.options));
    ha = await startHomeAssistantEmulator({ configDir: haConfig, www: true });
  }, { timeout: 180_000 });
  after(async () => {
    await ha?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const containerEnv = () => ({
    SUPERVISOR_TOKEN: ha.supervisorToken,
    M365_SUPERVISOR_URL: ha.supervisor.url,
    M365_DATA_DIR: data,
    M365_HA_CONFIG_DIR: haConfig,
    // Free ports instead of 8099/8100, so the test can run next to anything else.
    M365_UI_PORT: '0',
    M365_API_PORT: '0',
  });

  it('holds production dependencies only', () => {
    for (const name of ['fastify', '@azure/msal-node', 'zod', 'pino']) assert.ok(existsSync(path.join(app, 'node_modules', name)), name);
    for (const name of ['typescript', 'tsx', 'playwright', 'esbuild', '@types/node', 'lit']) assert.equal(existsSync(path.join(app, 'node_modules', name)), false, name);
  });

  it('weighs at most 35 MB once pruned, with no TypeScript, source map or Markdown left', () => {
    const bytes = folderBytes(path.join(app, 'node_modules'));
    assert.ok(bytes <= 35e6, `${(bytes / 1e6).toFixed(1)} MB`);
    const leftovers = spawnSync('find', ['node_modules', '-type', 'f', '(', '-name', '*.ts', '-o', '-name', '*.map', '-o', '-name', '*.md', ')'], { cwd: app, encoding: 'utf8' });
    assert.equal(leftovers.stdout.trim(), '');
  });

  it('answers the health check, admits only the Supervisor on the UI port, talks to HA, and exits 0 on SIGTERM', async () => {
    const running = await startAsContainer(app, containerEnv());
    try {
      assert.equal(await plainGet(`http://127.0.0.1:${running.apiPort}/health`), 200, 'the HEALTHCHECK’s request');
      await assert.rejects(plainGet(`http://127.0.0.1:${running.uiPort}/health`), /socket hang up|ECONNRESET/, 'loopback is not the Supervisor');
      await eventually(async () => (existsSync(path.join(haConfig, 'www/ms365_signin/callback.html')) ? true : undefined), 'the bounce page');
      assert.ok(ha.supervisor.calls.some((c) => c.path === '/addons/self/info' && c.authorized));
    } finally {
      const { code, ms } = await stopWithSigterm(running);
      assert.equal(code, 0, running.output());
      assert.ok(ms < STOP_LIMIT_MS);
    }
    assert.match(running.output(), /"mode":"addon"/);
    assert.match(running.output(), /shutting down/);
    assert.equal(running.output().includes(ha.supervisorToken), false, 'the Supervisor token is never logged');
    const store = await Store.open(data);
    assert.equal(store.data.version, 1, 'the store reopens');
    await store.close();
    assert.equal(statSync(path.join(data, 'store.key')).mode & 0o777, 0o600);
  });

  it('serves the built panel, and loads msal-node from the pruned install when a sign-in starts', async () => {
    // The image runs one bundled file: the panel is found beside it, and the packages left out of
    // the bundle (scripts/build-server.mjs) resolve from /app/node_modules when first used.
    const microsoft = await startMicrosoftEmulator({ host: '127.0.0.1' });
    microsoft.registerApp({ clientId: CLIENT_ID, secrets: [{ value: CLIENT_SECRET, id: SECRET_ID }], redirectUris: [NATIVE_CLIENT] });
    const running = await startAsContainer(app, { ...containerEnv(), M365_UI_ALLOWED_SOURCES: '127.0.0.1', M365_ENDPOINT_OVERRIDE: microsoft.origin });
    const ui = (pathname: string, body?: unknown) => fetch(`http://127.0.0.1:${running.uiPort}${pathname}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', 'x-remote-user-id': DEFAULT_ADMIN.id, connection: 'close' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    try {
      const page = await ui('/');
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<script[^>]+app\.js/);
      const registration = await ui('/api/app-registrations', { display_name: 'Home', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
      assert.equal(registration.status, 201, await registration.clone().text());
      const { id } = (await registration.json()) as { id: string };
      const started = await ui('/api/sign-ins', { app_registration_id: id, scopes: ['Calendars.Read'], method: 'paste_back' });
      assert.equal(started.status, 201, await started.clone().text());
      const { authorize_url: authorizeUrl } = (await started.json()) as { authorize_url: string };
      assert.ok(authorizeUrl.startsWith(`${microsoft.origin}/`), authorizeUrl);
      assert.equal(new URL(authorizeUrl).searchParams.get('client_id'), CLIENT_ID);
    } finally {
      const { code } = await stopWithSigterm(running);
      assert.equal(code, 0, running.output());
      await microsoft.close();
    }
    assert.doesNotMatch(running.output(), /Cannot find (module|package)|Dynamic require/);
  });

  it('keeps what was saved before SIGTERM', async () => {
    // Loopback stands in for the Supervisor's proxy here, so the test can act as an HA admin.
    const running = await startAsContainer(app, { ...containerEnv(), M365_UI_ALLOWED_SOURCES: '127.0.0.1' });
    let created: Response | undefined;
    try {
      created = await fetch(`http://127.0.0.1:${running.uiPort}/api/consumers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-remote-user-id': DEFAULT_ADMIN.id, connection: 'close' },
        body: JSON.stringify({ name: 'node-red' }),
      });
      assert.equal(created.status, 201, await created.clone().text());
    } finally {
      const { code } = await stopWithSigterm(running);
      assert.equal(code, 0, running.output());
    }
    const store = await Store.open(data);
    assert.deepEqual(store.data.consumers.map((c) => c.name), ['node-red']);
    await store.close();
  });
});
