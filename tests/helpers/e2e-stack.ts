// Everything a browser journey runs against, each on its own site as in real life: the emulated
// Home Assistant (127.0.0.1), Microsoft (127.0.0.2) and the add-on's own listener (127.0.0.3).
import { DEFAULT_ADMIN, startIngressProxy, type IngressProxy, type IngressUser } from '../emulators/home-assistant/ingress-proxy.js';
import { startMicrosoftEmulator, type MicrosoftEmulator } from '../emulators/microsoft/index.js';
import { startTestService, type TestService } from './service.js';
import { freePort } from './free-port.js';

export const HA_HOST = '127.0.0.1';
export const MICROSOFT_HOST = '127.0.0.2';
export const ADDON_HOST = '127.0.0.3';

/** The app registration a user creates in the Entra portal, as the emulator knows it. */
export const ENTRA_APP = {
  clientId: '3f2b8c1d-6e4a-4b7f-9c2d-1a0e5f8b7c6d',
  secretValue: 'Gx7~Qm2.Lp9_wR4zT8vN1kJ6hF3dS0aY5uE7iO2b',
  secretId: 'a8d3c2b1-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  displayName: 'Home Assistant MS365',
} as const;
export const NATIVECLIENT = 'https://login.microsoftonline.com/common/oauth2/nativeclient';

export interface E2eStack {
  microsoft: MicrosoftEmulator;
  service: TestService;
  ingress: IngressProxy;
  /** Moves the add-on's clock (not Microsoft's), e.g. to let a pending sign-in expire. */
  advanceServiceClock(ms: number): void;
  /** `<public url>/auth/callback` when started with an internet redirect. */
  publicCallback: string | undefined;
  close(): Promise<void>;
}

export async function startE2eStack(options: { internetRedirect?: boolean; user?: IngressUser | null } = {}): Promise<E2eStack> {
  const microsoft = await startMicrosoftEmulator({ host: MICROSOFT_HOST });
  let clockOffsetMs = 0;
  // The public URL has to be known before the service starts, so its port is picked first.
  const uiPort = await freePort(ADDON_HOST);
  // A fixed consumer-API port too: /api/status reports the configured port, which the UI shows.
  const apiPort = await freePort(HA_HOST);
  // The emulated ingress passes the browser's Host (the HA site's) on, as HA does; this stack runs
  // the service standalone, where only names it is told of are answered (DNS rebinding protection).
  let haPort = await freePort(HA_HOST);
  while (haPort === apiPort) haPort = await freePort(HA_HOST);
  const publicUrl = options.internetRedirect ? `http://${ADDON_HOST}:${uiPort}` : undefined;
  const publicCallback = publicUrl ? `${publicUrl}/auth/callback` : undefined;
  microsoft.registerApp({
    clientId: ENTRA_APP.clientId,
    displayName: ENTRA_APP.displayName,
    signInAudience: 'multi_and_personal',
    secrets: [{ value: ENTRA_APP.secretValue, id: ENTRA_APP.secretId }],
    redirectUris: [NATIVECLIENT, ...(publicCallback ? [publicCallback] : [])],
  });
  const service = await startTestService({
    endpointOverride: microsoft.origin,
    ...(publicUrl ? { publicUrl } : {}),
    settings: { uiHost: ADDON_HOST, uiPort, apiHost: HA_HOST, apiPort, uiAllowedHosts: [`${HA_HOST}:${haPort}`] },
    now: () => new Date(Date.now() + clockOffsetMs),
  });
  const ingress = await startIngressProxy({ target: service.uiUrl, host: HA_HOST, port: haPort, user: options.user === undefined ? DEFAULT_ADMIN : options.user });
  return {
    microsoft,
    service,
    ingress,
    publicCallback,
    advanceServiceClock: (ms) => void (clockOffsetMs += ms),
    close: async () => {
      await ingress.close();
      await service.close();
      await microsoft.close();
    },
  };
}

/** Saves an app registration through the API, for journeys that do not walk the guide. */
export async function saveAppRegistration(
  stack: E2eStack,
  method: 'paste_back' | 'internet_redirect' = 'paste_back',
  secret: string = ENTRA_APP.secretValue,
): Promise<string> {
  const response = await stack.service.ui('/api/app-registrations', {
    method: 'POST',
    json: {
      display_name: ENTRA_APP.displayName,
      client_id: ENTRA_APP.clientId,
      client_secret: secret,
      secret_expires_on: inMonths(12),
      redirect_method: method,
    },
  });
  if (response.status !== 201) throw new Error(`saving the app registration failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** A date N months from today as YYYY-MM-DD. */
export function inMonths(months: number): string {
  const date = new Date();
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
}

/** A finished sign-in without a browser (Microsoft's pages walked with fetch), for set-up only. */
export async function signInByApi(stack: E2eStack, appRegistrationId: string, scopes: string[], username?: string): Promise<void> {
  const started = await stack.service.ui('/api/sign-ins', { method: 'POST', json: { app_registration_id: appRegistrationId, scopes, method: 'paste_back' } });
  const { authorize_url } = (await started.json()) as { authorize_url: string };
  const { signInWithFetch } = await import('../emulators/microsoft/index.js');
  const landed = await signInWithFetch(authorize_url, username ? { username } : {});
  if (!landed.location) throw new Error(`the emulated sign-in ended on a page: ${landed.status}`);
  const finished = await stack.service.ui('/api/sign-ins/paste', { method: 'POST', json: { url: landed.location } });
  if (finished.status !== 200) throw new Error(`pasting failed: ${finished.status} ${await finished.text()}`);
}
