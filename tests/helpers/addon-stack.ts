// The add-on in add-on mode against the emulated Home Assistant: Supervisor API, Core API and
// WebSocket, and the HA site (ingress proxy with its strict cookie, plus /local/). Requests go
// through ingress as a browser's would, with the HA session cookie and the proxy's user headers.
import type { IngressProxy, IngressUser } from '../emulators/home-assistant/ingress-proxy.js';
import { startHomeAssistantEmulator, type HomeAssistantEmulator, type HomeAssistantEmulatorOptions } from '../emulators/home-assistant/index.js';
import type { Settings } from '../../server/settings/schema.js';
import { startTestService, type TestService } from './service.js';

export interface AddonStack {
  ha: HomeAssistantEmulator;
  service: TestService;
  site: IngressProxy;
  /** A request through HA ingress (the panel page is opened first for the session cookie). */
  ingress(pathname: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

export async function startAddonStack(
  options: HomeAssistantEmulatorOptions & { user?: IngressUser | null; settings?: Partial<Settings>; endpointOverride?: string } = {},
): Promise<AddonStack> {
  const { user, settings, endpointOverride, ...haOptions } = options;
  const ha = await startHomeAssistantEmulator({ siteHost: 'localhost', ...haOptions });
  const service = await startTestService({
    ...(endpointOverride ? { endpointOverride } : {}),
    settings: {
      mode: 'addon',
      supervisorToken: ha.supervisorToken,
      supervisorUrl: ha.supervisor.url,
      haConfigDir: ha.configDir,
      // The emulated Supervisor's ingress proxy connects from loopback, not from 172.30.32.2.
      uiAllowedSources: ['127.0.0.0/8', '::1'],
      haTimeoutMs: 1_000,
      ...settings,
    },
  });
  const site = await ha.startSite({ target: service.uiUrl, ...(user !== undefined ? { user } : {}) });
  let cookie: string | undefined;
  const ingress = async (pathname: string, init: RequestInit & { json?: unknown } = {}) => {
    if (!cookie) {
      const panel = await fetch(site.panelUrl);
      await panel.text();
      cookie = (panel.headers.get('set-cookie') ?? '').split(';')[0];
    }
    const headers = new Headers(init.headers);
    headers.set('cookie', cookie ?? '');
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
    return fetch(`${site.origin}${site.ingressPath}${pathname}`, { ...init, headers, body: body ?? null, redirect: 'manual' });
  };
  return {
    ha,
    service,
    site,
    ingress,
    close: async () => {
      await service.close();
      await ha.close();
    },
  };
}

/** Polls until `check` returns a value, for states that settle in the background. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 8_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
