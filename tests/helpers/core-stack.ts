// The core test stack: the Microsoft emulator and the real service pointed at it, with one app
// registered on both sides. Closed automatically when the test ends.
import type { TestContext } from 'node:test';
import { startMicrosoftEmulator, signInWithFetch, type MicrosoftEmulator } from '../emulators/microsoft/index.js';
import { startTestService, type TestService, type TestSettings } from './service.js';

export const CLIENT_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
export const CLIENT_SECRET = 'Xy7~Q8.secretValue_abcdefghijklmnopQRSTU';
export const SECRET_ID = '8c1b2a3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d';
export const NATIVECLIENT_URIS = [
  'https://login.microsoftonline.com/common/oauth2/nativeclient',
  'https://login.partner.microsoftonline.cn/common/oauth2/nativeclient',
  'https://login.microsoftonline.us/common/oauth2/nativeclient',
];

export interface CoreStack {
  emulator: MicrosoftEmulator;
  service: TestService;
  callbackUri: string;
  createApp(overrides?: Record<string, unknown>): Promise<{ id: string } & Record<string, unknown>>;
  startSignIn(appId: string, body?: Record<string, unknown>): Promise<{ state: string; authorize_url: string; redirect_uri: string }>;
  /** Walks Microsoft's pages like a user and returns the address the browser lands on. */
  landOn(authorizeUrl: string, options?: { username?: string; consent?: 'accept' | 'cancel' }): Promise<string>;
  paste(url: string): Promise<Response>;
}

export async function startCoreStack(t: TestContext, options: { now?: () => Date; logLevel?: string; settings?: TestSettings } = {}): Promise<CoreStack> {
  const emulator = await startMicrosoftEmulator({
    host: '127.0.0.1',
    ...(options.now ? { now: () => options.now!().getTime() } : {}),
  });
  const service = await startTestService({
    endpointOverride: emulator.origin,
    ...(options.now ? { now: options.now } : {}),
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    ...(options.settings ? { settings: options.settings } : {}),
  });
  t.after(async () => {
    await service.close();
    await emulator.close();
  });
  const callbackUri = `http://localhost:${new URL(service.uiUrl).port}/auth/callback`;
  emulator.registerApp({
    clientId: CLIENT_ID,
    secrets: [{ value: CLIENT_SECRET, id: SECRET_ID }],
    redirectUris: [...NATIVECLIENT_URIS, callbackUri],
  });
  const json = async (response: Response) => {
    const body = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body)}`);
    return body;
  };
  return {
    emulator,
    service,
    callbackUri,
    createApp: async (overrides = {}) =>
      (await json(
        await service.ui('/api/app-registrations', {
          method: 'POST',
          json: { display_name: 'Home', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, ...overrides },
        }),
      )) as { id: string },
    startSignIn: async (appId, body = {}) =>
      (await json(
        await service.ui('/api/sign-ins', { method: 'POST', json: { app_registration_id: appId, scopes: ['Calendars.Read'], ...body } }),
      )) as { state: string; authorize_url: string; redirect_uri: string },
    landOn: async (authorizeUrl, signInOptions = {}) => {
      const result = await signInWithFetch(authorizeUrl, signInOptions);
      if (!result.location) throw new Error(`sign-in ended on a page (HTTP ${result.status})`);
      return result.location;
    },
    paste: (url) => service.ui('/api/sign-ins/paste', { method: 'POST', json: { url } }),
  };
}
