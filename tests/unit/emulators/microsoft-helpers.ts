// Shared set-up for the Microsoft emulator tests: a controllable clock, a registered app, an
// authorize URL builder and a token POST shaped like msal-node's.
import { createHash, randomBytes } from 'node:crypto';
import { signInWithFetch, startMicrosoftEmulator, type MicrosoftEmulator } from '../../emulators/microsoft/index.js';
import { after, before, beforeEach } from 'node:test';

export const CLIENT_ID = '6731de76-14a6-49ae-97bc-6eba6914391e';
export const SECRET = 'Xq8~fake.secret.value_for-tests';
export const SECRET_ID = '2b7c4a1e-0d3f-4e5a-9b8c-7d6e5f4a3b2c';
export const NATIVE = 'https://login.microsoftonline.com/common/oauth2/nativeclient';
export const LOCAL_CALLBACK = 'http://localhost:8123/api/ms365/callback';
export const SCOPES = 'User.Read Mail.Read openid profile offline_access';

export interface Clock {
  now: () => number;
  advance: (ms: number) => void;
}

export function fakeClock(start = Date.UTC(2025, 0, 15, 9, 0, 0)): Clock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/**
 * One emulator per suite, started before its tests; before each test it is reset and the test app
 * registered again with `redirectUris`, so no test sees another's codes, tokens or faults.
 */
export function useEmulator(clock: Clock, redirectUris: string[]): { emulator: MicrosoftEmulator } {
  const fixture = {} as { emulator: MicrosoftEmulator };
  before(async () => {
    fixture.emulator = await startWithApp(clock);
  });
  after(() => fixture.emulator.close());
  beforeEach(() => {
    fixture.emulator.reset();
    fixture.emulator.registerApp({ clientId: CLIENT_ID, secrets: [{ value: SECRET, id: SECRET_ID }], redirectUris });
  });
  return fixture;
}

export async function startWithApp(clock: Clock, app: Partial<Parameters<MicrosoftEmulator['registerApp']>[0]> = {}): Promise<MicrosoftEmulator> {
  const emulator = await startMicrosoftEmulator({ now: clock.now });
  emulator.registerApp({ clientId: CLIENT_ID, secrets: [{ value: SECRET, id: SECRET_ID }], redirectUris: [NATIVE, LOCAL_CALLBACK], ...app });
  return emulator;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(origin: string, params: Record<string, string> = {}, tenant = 'common'): string {
  const query = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: 'code',
    redirect_uri: NATIVE,
    scope: SCOPES,
    state: 'state-123',
    client_info: '1',
    'client-request-id': 'b1f0c9e2-5d4a-4e3b-8c7d-6a5b4c3d2e1f',
    ...params,
  });
  return `${origin}/${tenant}/oauth2/v2.0/authorize?${query}`;
}

export async function postToken(origin: string, fields: Record<string, string>, tenant = 'common'): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const body = new URLSearchParams({ client_id: CLIENT_ID, client_secret: SECRET, client_info: '1', ...fields });
  const response = await fetch(`${origin}/${tenant}/oauth2/v2.0/token?client-request-id=7f3e2d1c-0b9a-4876-a5b4-c3d2e1f0a9b8`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
    body,
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

export function codeFrom(location: string | undefined): string {
  if (!location) throw new Error('no redirect location');
  const code = new URL(location).searchParams.get('code');
  if (!code) throw new Error(`no code in ${location}`);
  return code;
}

export function decodeJwtPayload(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Signs in with plain fetch and redeems the code; returns the token response body. */
export async function fetchTokens(
  origin: string,
  opts: { username?: string; scope?: string; tenant?: string } = {},
): Promise<Record<string, string>> {
  const { verifier, challenge } = pkcePair();
  const scope = opts.scope ?? SCOPES;
  const url = authorizeUrl(origin, { scope, code_challenge: challenge, code_challenge_method: 'S256' }, opts.tenant);
  const walked = await signInWithFetch(url, opts.username ? { username: opts.username } : {});
  const fields = { grant_type: 'authorization_code', code: codeFrom(walked.location), redirect_uri: NATIVE, scope, code_verifier: verifier };
  const { status, body } = await postToken(origin, fields, opts.tenant);
  if (status !== 200) throw new Error(`token request failed: ${JSON.stringify(body)}`);
  return body as Record<string, string>;
}
