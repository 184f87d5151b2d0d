// Gives a freshly started service what the token benchmark needs: an app registration, an account
// signed in through the Microsoft emulator (paste-back, as a user would), and consumer keys.
import { signInWithFetch, type MicrosoftEmulator } from '../tests/emulators/microsoft/index.js';

const CLIENT_ID = '6c0e5f3a-2b1d-4c8e-9f7a-0d1e2c3b4a59';
const CLIENT_SECRET = 'Bench~Secret.Value_0123456789abcdefghijklm';
const NATIVECLIENT = 'https://login.microsoftonline.com/common/oauth2/nativeclient';

type Json = Record<string, any>;

async function post(base: string, path: string, body: unknown): Promise<Json> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await response.json()) as Json;
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(json)}`);
  return json;
}

export async function prepareService(uiBase: string, emulator: MicrosoftEmulator, keys: number): Promise<{ accountId: string; keys: string[] }> {
  emulator.registerApp({ clientId: CLIENT_ID, secrets: [{ value: CLIENT_SECRET, id: '11111111-2222-4333-8444-555555555555' }], redirectUris: [NATIVECLIENT] });
  const app = await post(uiBase, '/api/app-registrations', { display_name: 'Bench', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
  const started = await post(uiBase, '/api/sign-ins', { app_registration_id: app.id, scopes: ['Mail.Read', 'Calendars.Read'] });
  const landed = await signInWithFetch(started.authorize_url);
  if (!landed.location) throw new Error('the emulated sign-in did not land on the nativeclient page');
  const result = await post(uiBase, '/api/sign-ins/paste', { url: landed.location });
  const accountId = result.account.id as string;
  // One key per connection: each key's own rate limit (here the maximum) is then never what is measured.
  const created: string[] = [];
  for (let i = 0; i < keys; i += 1) {
    const consumer = await post(uiBase, '/api/consumers', { name: `bench-${i}`, account_ids: [accountId], rate_limit_per_minute: 100_000 });
    created.push(consumer.key as string);
  }
  return { accountId, keys: created };
}
