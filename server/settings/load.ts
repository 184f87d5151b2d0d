// Builds Settings from where they live: /data/options.json plus SUPERVISOR_TOKEN in add-on mode,
// environment variables and command-line flags in standalone mode.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { addonOptionsSchema, DEFAULTS, settingsSchema, type Settings } from './schema.js';
import { parseSourceList, sourcesForAccess } from './sources.js';

export interface LoadInput {
  env: NodeJS.ProcessEnv;
  argv: string[];
  /** Where add-on mode reads options.json; /data in the container. */
  addonDataDir?: string;
  /**
   * The built panel when neither --web-root nor M365_WEB_ROOT names one. The entry point says where
   * (main.ts: `web` beside its own folder), since a module deep in the tree is not where it was
   * written once the server is bundled into one file. Else `dist/web` under the working folder.
   */
  defaultWebRoot?: string;
}

const FLAGS = {
  'data-dir': { type: 'string' },
  'ui-host': { type: 'string' },
  'ui-port': { type: 'string' },
  'api-host': { type: 'string' },
  'api-port': { type: 'string' },
  'log-level': { type: 'string' },
  'endpoint-override': { type: 'string' },
  'public-url': { type: 'string' },
  'web-root': { type: 'string' },
} as const;

function toPort(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  return Number(value);
}

function readAddonOptions(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  return addonOptionsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export function loadSettings({ env, argv, addonDataDir = '/data', defaultWebRoot = 'dist/web' }: LoadInput): Settings {
  const { values: flags } = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false });
  const pick = (flag: keyof typeof FLAGS, name: string): string | undefined => flags[flag] ?? env[name] ?? undefined;
  const mode = env.SUPERVISOR_TOKEN ? 'addon' : 'standalone';
  const base = DEFAULTS[mode];
  // M365_DATA_DIR stands in for /data when the container start is rehearsed outside a container.
  const addonDir = pick('data-dir', 'M365_DATA_DIR') ?? addonDataDir;
  const options = mode === 'addon' ? readAddonOptions(path.join(addonDir, 'options.json')) : {};
  return settingsSchema.parse({
    ...homeAssistantSettings(env, mode, options),
    mode,
    dataDir: path.resolve(pick('data-dir', 'M365_DATA_DIR') ?? (mode === 'addon' ? addonDataDir : base.dataDir)),
    uiHost: pick('ui-host', 'M365_UI_HOST') ?? base.uiHost,
    uiPort: toPort(pick('ui-port', 'M365_UI_PORT'), base.uiPort),
    apiHost: pick('api-host', 'M365_API_HOST') ?? base.apiHost,
    apiPort: toPort(pick('api-port', 'M365_API_PORT'), base.apiPort),
    logLevel: pick('log-level', 'M365_LOG_LEVEL') ?? options.log_level ?? DEFAULTS.logLevel,
    endpointOverride: pick('endpoint-override', 'M365_ENDPOINT_OVERRIDE') || undefined,
    publicUrl: pick('public-url', 'M365_PUBLIC_URL') || undefined,
    supervisorToken: env.SUPERVISOR_TOKEN || undefined,
    supervisorUrl: env.M365_SUPERVISOR_URL ?? DEFAULTS.supervisorUrl,
    webRoot: path.resolve(pick('web-root', 'M365_WEB_ROOT') ?? defaultWebRoot),
    uiAllowedHosts: env.M365_UI_ALLOWED_HOSTS ? env.M365_UI_ALLOWED_HOSTS.split(',').map((host) => host.trim()).filter(Boolean) : undefined,
    // JSON with any of listenerLimitsSchema's fields, e.g. {"maxConnections":1024}; the rest keep their defaults.
    listenerLimits: env.M365_API_LISTENER_LIMITS ? JSON.parse(env.M365_API_LISTENER_LIMITS) : undefined,
  });
}

/** The Home Assistant part of Settings: add-on options first, env variables for tests and development. */
function homeAssistantSettings(env: NodeJS.ProcessEnv, mode: 'addon' | 'standalone', options: Record<string, unknown>) {
  const uiSources = env.M365_UI_ALLOWED_SOURCES ? parseSourceList(env.M365_UI_ALLOWED_SOURCES) : undefined;
  const access = options.consumer_api_access as 'addons' | 'network' | undefined;
  let apiSources: string[] | null | undefined = access ? sourcesForAccess(access) : undefined;
  if (env.M365_API_ALLOWED_SOURCES) apiSources = parseSourceList(env.M365_API_ALLOWED_SOURCES);
  return {
    haConfigDir: env.M365_HA_CONFIG_DIR || (mode === 'addon' ? '/homeassistant' : undefined),
    // "any" makes no sense for the UI listener: it would open the panel's API to the network.
    uiAllowedSources: uiSources ?? undefined,
    apiAllowedSources: apiSources,
    bouncePage: options.internet_redirect_page !== false,
    haPublicUrl: (options.public_url as string | undefined) || undefined,
    haTimeoutMs: env.M365_HA_TIMEOUT_MS ? Number(env.M365_HA_TIMEOUT_MS) : undefined,
  };
}
