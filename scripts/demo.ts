// The offline demo: the Microsoft emulator, an emulated Home Assistant (Supervisor, Core API, the
// HA site with ingress) with four MS365 integration entries, and the add-on in add-on mode against
// them, with an app registration ready. A newcomer can walk every page without any account.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMicrosoftEmulator } from '../tests/emulators/microsoft/server.js';
import { createLogger } from '../server/log.js';
import { startService } from '../server/main.js';
import { loadSettings } from '../server/settings/load.js';
import { LOOPBACK } from '../server/settings/sources.js';
import { settingsSchema } from '../server/settings/schema.js';
import { startDemoHomeAssistant } from './demo-home-assistant.js';

const DEMO_CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const DEMO_SECRET = 'demo~secret.Value_0123456789abcdefABCDEF';

async function main(): Promise<void> {
  const emulator = await startMicrosoftEmulator({ host: process.env.M365_DEMO_EMULATOR_HOST ?? '127.0.0.1', port: Number(process.env.M365_DEMO_EMULATOR_PORT ?? 8101) });
  const home = await startDemoHomeAssistant(emulator, Number(process.env.M365_DEMO_HA_PORT ?? 8123));
  const dataDir = path.resolve(process.env.M365_DATA_DIR ?? './data-demo');
  mkdirSync(dataDir, { recursive: true });
  const uiPort = process.env.M365_UI_PORT ?? '8099';
  const standalone = loadSettings({
    env: { ...process.env, M365_DATA_DIR: dataDir, M365_ENDPOINT_OVERRIDE: emulator.origin, M365_PUBLIC_URL: `http://localhost:${uiPort}` },
    argv: process.argv.slice(2),
    // Built to dist/demo/scripts/demo.js; the panel is dist/web.
    defaultWebRoot: fileURLToPath(new URL('../../web', import.meta.url)),
  });
  // Add-on mode against the emulated Supervisor; its ingress proxy connects from loopback here.
  const settings = settingsSchema.parse({
    ...standalone,
    mode: 'addon',
    supervisorToken: home.ha.supervisorToken,
    supervisorUrl: home.ha.supervisor.url,
    haConfigDir: home.ha.configDir,
    uiAllowedSources: [...LOOPBACK],
  });
  const log = createLogger(settings.logLevel);
  const service = await startService(settings, log);
  emulator.registerApp({
    clientId: DEMO_CLIENT_ID,
    secrets: [{ value: DEMO_SECRET, id: '99999999-8888-7777-6666-555555555555' }],
    redirectUris: ['https://login.microsoftonline.com/common/oauth2/nativeclient', `http://localhost:${uiPort}/auth/callback`],
  });
  const site = await home.openSite(service.uiUrl);
  const existing = (await (await fetch(`${service.uiUrl}/api/app-registrations`)).json()) as { app_registrations: unknown[] };
  if (existing.app_registrations.length === 0) {
    await fetch(`${service.uiUrl}/api/app-registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ display_name: 'Demo app (emulated Microsoft)', client_id: DEMO_CLIENT_ID, client_secret: DEMO_SECRET }),
    });
  }
  await home.seedEntries();
  console.log(`
Offline demo running (nothing leaves this machine).
  Open:                ${site.panelUrl}
                       Home Assistant's page with the add-on's panel, signed in as an administrator
  Consumer API:        ${service.apiUrl}
  Emulated Microsoft:  ${emulator.origin}  (sign in as any listed account)
  App registration:    client id ${DEMO_CLIENT_ID}, secret already entered

What to try:
  - Guide: it knows the demo's app registration; "Use" it and continue to sign-in.
  - Sign in: open Microsoft's page, pick an account, paste the address you land on.
  - MS365 integrations: four entries, one healthy, one with its token file missing,
    one missing a permission and one the add-on cannot use (a Secret ID instead of the Value).
    "Sign in again" on the one whose token file is missing.
  - The "Needs attention" banner at the top of every page, and HA's notifications.
  - Consumers: create a key, then ask the consumer API for a token.
Ctrl+C stops everything. Data is kept in ${dataDir}.
`);
  const stop = async () => {
    await service.close();
    await home.close();
    await emulator.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

void main().catch((error: unknown) => {
  console.error('The demo could not start:', error);
  process.exit(1);
});
