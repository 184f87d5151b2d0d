// The emulated Home Assistant as a whole: Core's state, the Supervisor API the add-on calls, and
// the HA site a browser uses (the ingress proxy from ingress-proxy.ts plus HA's /local/ route).
// The Supervisor starts first, because the add-on needs its URL; the site once the add-on listens.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HaCore, type HaUrls } from './core.js';
import { DEFAULT_ADMIN, DEFAULT_NON_ADMIN, startIngressProxy, type ExtraHandler, type IngressProxy, type IngressUser } from './ingress-proxy.js';
import { createLocalFilesHandler, type LocalRequest } from './local-files.js';
import { startSupervisorEmulator, type AddonGrants, type SupervisorEmulator } from './supervisor.js';
import { freePort } from '../../helpers/free-port.js';

export { HaCore, type HaUrls } from './core.js';
export { DEFAULT_ADMIN, DEFAULT_NON_ADMIN, type IngressUser } from './ingress-proxy.js';
export type { SupervisorFault } from './supervisor.js';

export interface HomeAssistantEmulatorOptions {
  /** HA's config folder; a new temporary one (removed on close) by default. */
  configDir?: string;
  /** Whether `www` exists when Core starts. Without it, /local/ answers 404 until a restart. */
  www?: boolean;
  /** The HA site's host name. `localhost` makes an http site an acceptable redirect origin. */
  siteHost?: string;
  /** The HA site's port (the demo uses 8123, as HA does); a free one by default. */
  sitePort?: number;
  users?: IngressUser[];
  grants?: Partial<AddonGrants>;
  /** HA's URLs once the site's origin is known; by default internal and external are the site. */
  urls?: (siteOrigin: string) => HaUrls;
  restartMs?: number;
}

export interface HomeAssistantEmulator {
  core: HaCore;
  supervisor: SupervisorEmulator;
  /** SUPERVISOR_TOKEN as the add-on gets it. */
  supervisorToken: string;
  configDir: string;
  /** The HA site, e.g. http://localhost:41234; known before the site listens. */
  siteOrigin: string;
  ingressToken: string;
  localRequests: LocalRequest[];
  /** Opens the HA site in front of the add-on's UI listener. */
  startSite(options: { target: string; user?: IngressUser | null }): Promise<IngressProxy>;
  close(): Promise<void>;
}

/** Core's extra site views, registered after the site started (an integration's callback view). */
async function someHandler(core: HaCore, req: Parameters<ExtraHandler>[0], res: Parameters<ExtraHandler>[1]): Promise<boolean> {
  for (const handler of core.siteHandlers) if (await handler(req, res)) return true;
  return false;
}

export async function startHomeAssistantEmulator(options: HomeAssistantEmulatorOptions = {}): Promise<HomeAssistantEmulator> {
  const ownsConfig = !options.configDir;
  const configDir = options.configDir ?? mkdtempSync(path.join(os.tmpdir(), 'ha-config-'));
  if (options.www ?? true) mkdirSync(path.join(configDir, 'www'), { recursive: true });
  const core = new HaCore({ configDir, users: options.users ?? [DEFAULT_ADMIN, DEFAULT_NON_ADMIN], ...(options.restartMs ? { restartMs: options.restartMs } : {}) });
  const supervisorToken = randomBytes(28).toString('hex');
  const ingressToken = randomBytes(32).toString('base64url');
  const supervisor = await startSupervisorEmulator({
    core,
    token: supervisorToken,
    addon: { slug: 'local_ms365_signin', hostname: 'local-ms365-signin', ingressToken, ipAddress: '172.30.33.4', version: '0.1.0' },
    ...(options.grants ? { grants: options.grants } : {}),
  });
  const siteHost = options.siteHost ?? '127.0.0.1';
  const sitePort = options.sitePort ?? (await freePort(siteHost));
  const siteOrigin = `http://${siteHost}:${sitePort}`;
  core.urls = options.urls?.(siteOrigin) ?? { internal: siteOrigin, external: siteOrigin, cloud: null };
  const localRequests: LocalRequest[] = [];
  let site: IngressProxy | null = null;
  return {
    core,
    supervisor,
    supervisorToken,
    configDir,
    siteOrigin,
    ingressToken,
    localRequests,
    startSite: async ({ target, user }) => {
      site = await startIngressProxy({
        target,
        host: siteHost,
        port: sitePort,
        token: ingressToken,
        user: user === undefined ? DEFAULT_ADMIN : user,
        handlers: [createLocalFilesHandler(core, localRequests), (req, res) => someHandler(core, req, res)],
      });
      return site;
    },
    close: async () => {
      await site?.close();
      await supervisor.close();
      if (ownsConfig) rmSync(configDir, { recursive: true, force: true });
    },
  };
}
