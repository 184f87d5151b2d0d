// The offline demo: the Microsoft emulator plus the service pointed at it, with an app
// registration ready, so a newcomer can complete a sign-in in a browser without any account.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startMicrosoftEmulator } from '../tests/emulators/microsoft/server.js';
import { createLogger } from '../server/log.js';
import { startService } from '../server/main.js';
import { loadSettings } from '../server/settings/load.js';

const DEMO_CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const DEMO_SECRET = 'demo~secret.Value_0123456789abcdefABCDEF';

async function main(): Promise<void> {
  const emulator = await startMicrosoftEmulator({ host: process.env.M365_DEMO_EMULATOR_HOST ?? '127.0.0.1', port: Number(process.env.M365_DEMO_EMULATOR_PORT ?? 8101) });
  const dataDir = path.resolve(process.env.M365_DATA_DIR ?? './data-demo');
  mkdirSync(dataDir, { recursive: true });
  const settings = loadSettings({
    env: { ...process.env, M365_DATA_DIR: dataDir, M365_ENDPOINT_OVERRIDE: emulator.origin, M365_PUBLIC_URL: 'http://localhost:8099' },
    argv: process.argv.slice(2),
  });
  const log = createLogger(settings.logLevel);
  const service = await startService(settings, log);
  emulator.registerApp({
    clientId: DEMO_CLIENT_ID,
    secrets: [{ value: DEMO_SECRET, id: '99999999-8888-7777-6666-555555555555' }],
    redirectUris: ['https://login.microsoftonline.com/common/oauth2/nativeclient', 'http://localhost:8099/auth/callback'],
  });
  const existing = (await (await fetch(`${service.uiUrl}/api/app-registrations`)).json()) as { app_registrations: unknown[] };
  if (existing.app_registrations.length === 0) {
    await fetch(`${service.uiUrl}/api/app-registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ display_name: 'Demo app (emulated Microsoft)', client_id: DEMO_CLIENT_ID, client_secret: DEMO_SECRET }),
    });
  }
  console.log(`
Offline demo running.
  Panel:               http://localhost:8099/
  Consumer API:        ${service.apiUrl}
  Emulated Microsoft:  ${emulator.origin}  (sign in as any listed account; nothing leaves this machine)
  App registration:    client id ${DEMO_CLIENT_ID}, secret already entered
Open the panel and press "Sign in"; Ctrl+C stops everything. Data is kept in ${dataDir}.
`);
  const stop = async () => {
    await service.close();
    await emulator.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

void main();
