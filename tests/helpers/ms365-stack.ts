// The MS365 integrations' world for tests: Microsoft (emulated), HA's config folder with MS365
// config entries in .storage/core.config_entries, and the add-on, either standalone (HA's folder
// only, no Core API) or in add-on mode against the emulated Supervisor and Core.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { EmulatedConfigEntries, type EmulatedEntry, type EntryInput } from '../emulators/home-assistant/config-entries.js';
import { HaCore } from '../emulators/home-assistant/core.js';
import { signInWithFetch, startMicrosoftEmulator, type MicrosoftEmulator } from '../emulators/microsoft/index.js';
import { rewriteLoginUrl } from '../../server/oauth/rewriting-network-client.js';
import { runReader } from '../python/ms365-reader.js';
import { startAddonStack, type AddonStack } from './addon-stack.js';
import { startTestService, type TestService } from './service.js';

/** The app registration the user made for the MS365 integrations (and typed into HA's config flow). */
export const MS365_APP = {
  clientId: '7a3e1c55-0b2d-4f8e-9a61-2c4d5e6f7a80',
  secret: 'Kq8~Vn3.EntrySecretValue_zYxWvUtSrQpOnMlK',
  secretId: 'c0ffee00-1111-4222-8333-444455556666',
} as const;

export const CLOUD_HOSTS = {
  global: { country: 'Default', login: 'login.microsoftonline.com', graph: 'graph.microsoft.com' },
  china: { country: '21Vianet (China)', login: 'login.partner.microsoftonline.cn', graph: 'microsoftgraph.chinacloudapi.cn' },
  usgov: { country: 'MS365 GCC', login: 'login.microsoftonline.us', graph: 'graph.microsoft.us' },
} as const;
export type TestCloud = keyof typeof CLOUD_HOSTS;

export const nativeClient = (cloud: TestCloud) => `https://${CLOUD_HOSTS[cloud].login}/common/oauth2/nativeclient`;

/** An entry's `data` as the MS365 config flow stores it (ms365-integrations.md §2.4). */
export function entryData(input: { entity: string; cloud?: TestCloud; tenant?: string; options?: Record<string, unknown>; clientId?: string; secret?: string }): Record<string, unknown> {
  return {
    entity_name: input.entity,
    client_id: input.clientId ?? MS365_APP.clientId,
    client_secret: input.secret ?? MS365_APP.secret,
    alt_auth_method: false,
    api_options: { country: CLOUD_HOSTS[input.cloud ?? 'global'].country, tenant_id: input.tenant ?? '' },
    ...input.options,
  };
}

export interface Ms365Stack {
  microsoft: MicrosoftEmulator;
  service: TestService;
  entries: EmulatedConfigEntries;
  configDir: string;
  /** Set in add-on mode only. */
  addon: AddonStack | null;
  /** A request to the UI listener (through ingress in add-on mode). */
  ui(pathname: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  addEntry(input: EntryInput): EmulatedEntry;
  tokenFile(domain: string, entity: string): string;
  /** Signs an entry in again by paste-back (nativeclient unless `method` says otherwise), as the panel does; returns the finish response. */
  signInByPaste(entryId: string, options?: { username?: string; method?: 'paste_back' | 'paste_back_localhost' }): Promise<Response>;
}

export async function startMs365Stack(t: TestContext, options: { addon?: boolean; now?: () => Date } = {}): Promise<Ms365Stack> {
  const microsoft = await startMicrosoftEmulator({ host: '127.0.0.1' });
  microsoft.registerApp({
    clientId: MS365_APP.clientId,
    displayName: 'Home Assistant MS365',
    secrets: [{ value: MS365_APP.secret, id: MS365_APP.secretId }],
    redirectUris: (Object.keys(CLOUD_HOSTS) as TestCloud[]).map(nativeClient),
  });
  let addon: AddonStack | null = null;
  let service: TestService;
  let configDir: string;
  let core: HaCore;
  if (options.addon) {
    addon = await startAddonStack({ endpointOverride: microsoft.origin });
    service = addon.service;
    configDir = addon.ha.configDir;
    core = addon.ha.core;
  } else {
    configDir = mkdtempSync(path.join(os.tmpdir(), 'ha-config-'));
    core = new HaCore({ configDir, users: [] });
    service = await startTestService({ endpointOverride: microsoft.origin, settings: { haConfigDir: configDir }, ...(options.now ? { now: options.now } : {}) });
  }
  const entries = new EmulatedConfigEntries(core);
  t.after(async () => {
    if (addon) await addon.close();
    else {
      await service.close();
      rmSync(configDir, { recursive: true, force: true });
    }
    await microsoft.close();
  });
  const ui = addon ? addon.ingress : service.ui;
  return {
    microsoft,
    service,
    entries,
    configDir,
    addon,
    ui,
    addEntry: (input) => entries.add(input),
    tokenFile: (domain, entity) => path.join(configDir, 'ms365_storage', '.MS365-token-cache', `${domain}_${entity}.token`),
    signInByPaste: async (entryId, signInOptions = {}) => {
      const started = await ui(`/api/ms365/entries/${entryId}/sign-ins`, { method: 'POST', json: { method: signInOptions.method ?? 'paste_back' } });
      if (started.status !== 201) throw new Error(`starting the sign-in failed: ${started.status} ${await started.text()}`);
      const { authorize_url } = (await started.json()) as { authorize_url: string };
      const landed = await signInWithFetch(authorize_url, signInOptions);
      if (!landed.location) throw new Error(`the emulated sign-in ended on a page: ${landed.status}`);
      return ui(`/api/ms365/entries/${entryId}/sign-ins/paste`, { method: 'POST', json: { url: landed.location } });
    },
  };
}

/** The integration's config flow, played by MSAL for Python: the file it saves is the one HA would have. */
export async function pythonSignIn(stack: Pick<Ms365Stack, 'configDir' | 'microsoft'>, file: string, cloud: TestCloud, names: string[]): Promise<void> {
  const hosts = CLOUD_HOSTS[cloud];
  mkdirSync(path.dirname(file), { recursive: true });
  const options = {
    cacheFile: file,
    flowFile: path.join(stack.configDir, 'python-flow.json'),
    clientId: MS365_APP.clientId,
    clientSecret: MS365_APP.secret,
    loginHost: hosts.login,
    emulator: stack.microsoft.origin,
    scopes: names.map((name) => `https://${hosts.graph}/${name}`),
    redirectUri: nativeClient(cloud),
  };
  const started = await runReader<{ auth_uri: string }>('start-login', options);
  const landed = await signInWithFetch(rewriteLoginUrl(started.auth_uri, stack.microsoft.origin));
  if (!landed.location) throw new Error(`Microsoft answered a page: ${landed.status}`);
  const finished = await runReader<{ ok: boolean }>('finish-login', { ...options, responseUrl: landed.location });
  if (!finished.ok) throw new Error(`MSAL for Python could not redeem the code: ${JSON.stringify(finished)}`);
}
