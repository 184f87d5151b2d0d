// The emulator's token endpoint with plain fetch: response shapes, code and refresh-token rules,
// client authentication, the injected clock, and failNext faults.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_PERSONAL_USER, DEFAULT_WORK_USER, signInWithFetch } from '../../emulators/microsoft/index.js';
import {
  authorizeUrl,
  CLIENT_ID,
  codeFrom,
  decodeJwtPayload,
  fakeClock,
  fetchTokens,
  NATIVE,
  pkcePair,
  postToken,
  SCOPES,
  SECRET,
  SECRET_ID,
  useEmulator,
} from './microsoft-helpers.js';

const DAY = 24 * 60 * 60 * 1000;
const entraTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');

describe('Microsoft emulator: token endpoint', () => {
  const clock = fakeClock();
  const fixture = useEmulator(clock, [NATIVE]);

  async function freshCode(params: Record<string, string> = {}, tenant?: string) {
    const pkce = pkcePair();
    const url = authorizeUrl(fixture.emulator.origin, { code_challenge: pkce.challenge, code_challenge_method: 'S256', ...params }, tenant);
    return { code: codeFrom((await signInWithFetch(url)).location), verifier: pkce.verifier };
  }

  const redeem = (code: string, verifier: string, extra: Record<string, string> = {}, tenant?: string) =>
    postToken(fixture.emulator.origin, { grant_type: 'authorization_code', code, redirect_uri: NATIVE, scope: SCOPES, code_verifier: verifier, ...extra }, tenant);

  const refresh = (refreshToken: string, extra: Record<string, string> = {}) =>
    postToken(fixture.emulator.origin, { grant_type: 'refresh_token', refresh_token: refreshToken, scope: SCOPES, ...extra });

  function assertAadError(result: { status: number; body: Record<string, unknown> }, status: number, error: string, code: number) {
    assert.equal(result.status, status, JSON.stringify(result.body));
    assert.equal(result.body.error, error);
    assert.deepEqual(result.body.error_codes, [code]);
  }

  it('answers a code redemption with Entra’s fields, headers and token contents', async () => {
    const { code, verifier } = await freshCode({ nonce: 'abc' });
    const { status, headers, body } = await redeem(code, verifier);
    assert.equal(status, 200);
    assert.equal(headers.get('cache-control'), 'no-store, no-cache');
    assert.match(headers.get('x-ms-request-id') ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual(Object.keys(body).sort(), ['access_token', 'client_info', 'expires_in', 'ext_expires_in', 'id_token', 'refresh_token', 'scope', 'token_type']);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 3599);
    assert.equal(body.scope, 'User.Read Mail.Read openid profile email');
    const idToken = String(body.id_token);
    assert.ok(idToken.endsWith('.'), 'unsigned id_token');
    const claims = decodeJwtPayload(idToken);
    assert.equal(claims.iss, `https://login.microsoftonline.com/${DEFAULT_WORK_USER.tid}/v2.0`);
    assert.equal(claims.aud, CLIENT_ID);
    assert.equal(claims.preferred_username, DEFAULT_WORK_USER.username);
    assert.equal(claims.nonce, 'abc');
    assert.equal(claims.exp, clock.now() / 1000 + 3600);
    const access = decodeJwtPayload(String(body.access_token));
    assert.equal(access.aud, 'https://graph.microsoft.com');
    assert.equal(access.scp, 'User.Read Mail.Read openid profile email');
    assert.equal(access.oid, DEFAULT_WORK_USER.oid);
    assert.equal(access.tid, DEFAULT_WORK_USER.tid);
    assert.equal(access.exp, clock.now() / 1000 + 3599);
  });

  it('leaves email out for personal accounts and keeps prefixed scopes as they were asked', async () => {
    const scope = 'https://graph.microsoft.com/User.Read openid profile offline_access';
    const body = await fetchTokens(fixture.emulator.origin, { username: DEFAULT_PERSONAL_USER.username, scope });
    assert.equal(body.scope, 'https://graph.microsoft.com/User.Read openid profile');
    assert.match(body.access_token ?? '', /^EwB[A-Za-z0-9+/=]+$/);
    assert.match(body.refresh_token ?? '', /^M\.C/);
  });

  it('enforces single use (54005), the 10-minute life (70008), the tenant path (700005), redirect URI and PKCE', async () => {
    const a = await freshCode();
    assert.equal((await redeem(a.code, a.verifier)).status, 200);
    assertAadError(await redeem(a.code, a.verifier), 400, 'invalid_grant', 54005);

    const b = await freshCode();
    clock.advance(10 * 60 * 1000 + 1);
    assertAadError(await redeem(b.code, b.verifier), 400, 'invalid_grant', 70008);

    const c = await freshCode();
    assertAadError(await redeem(c.code, c.verifier, {}, 'organizations'), 400, 'invalid_grant', 700005);
    assertAadError(await redeem(c.code, c.verifier, { redirect_uri: 'https://login.microsoftonline.com/common/oauth2/other' }), 400, 'invalid_grant', 70000);
    assertAadError(await redeem(c.code, `${c.verifier}0`), 400, 'invalid_grant', 501481);
    const noVerifier = await postToken(fixture.emulator.origin, { grant_type: 'authorization_code', code: c.code, redirect_uri: NATIVE, scope: SCOPES });
    assertAadError(noVerifier, 400, 'invalid_request', 900144);
    assert.equal((await redeem(c.code, c.verifier)).status, 200, 'failed attempts do not burn the code');
  });

  it('accepts a plain PKCE challenge', async () => {
    const { code } = await freshCode({ code_challenge: 'plain-verifier-value-0123456789-abcdefghijklmno', code_challenge_method: 'plain' });
    assert.equal((await redeem(code, 'plain-verifier-value-0123456789-abcdefghijklmno')).status, 200);
  });

  it('returns the §4.6 error JSON with 401 for a wrong secret, a Secret ID, and none', async () => {
    const { code, verifier } = await freshCode();
    for (const secret of ['wrong', SECRET_ID]) {
      const result = await redeem(code, verifier, { client_secret: secret });
      assertAadError(result, 401, 'invalid_client', 7000215);
      assert.deepEqual(Object.keys(result.body).sort(), ['correlation_id', 'error', 'error_codes', 'error_description', 'error_uri', 'timestamp', 'trace_id']);
      assert.equal(result.body.correlation_id, '7f3e2d1c-0b9a-4876-a5b4-c3d2e1f0a9b8');
      assert.equal(result.body.timestamp, entraTime(clock.now()));
      assert.equal(result.body.error_uri, 'https://login.microsoftonline.com/error?code=7000215');
      assert.match(String(result.body.error_description), /^AADSTS7000215: Invalid client secret provided\. .*\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: 7f3e2d1c-0b9a-4876-a5b4-c3d2e1f0a9b8\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/s);
    }
    assertAadError(await redeem(code, verifier, { client_secret: '' }), 401, 'invalid_client', 7000218);
    assertAadError(await redeem(code, verifier, { client_id: '99999999-9999-4999-8999-999999999999' }), 400, 'unauthorized_client', 700016);
    assertAadError(await redeem(code, verifier, { grant_type: 'password' }), 400, 'unsupported_grant_type', 70003);
  });

  it('rejects an expired secret with 7000222, by the injected clock', async () => {
    fixture.emulator.registerApp({ clientId: CLIENT_ID, secrets: [{ value: SECRET, id: SECRET_ID, expiresAt: new Date(clock.now() + DAY).toISOString() }], redirectUris: [NATIVE] });
    const { code, verifier } = await freshCode();
    clock.advance(DAY);
    assertAadError(await redeem(code, verifier), 401, 'invalid_client', 7000222);
  });

  it('rotates refresh tokens but keeps old ones valid until 90 idle days pass', async () => {
    const first = await fetchTokens(fixture.emulator.origin);
    const second = (await refresh(first.refresh_token!)).body;
    assert.ok(second.refresh_token && second.refresh_token !== first.refresh_token);
    assert.notEqual(second.access_token, first.access_token);
    assert.equal((await refresh(first.refresh_token!)).status, 200, 'the old token still works');

    clock.advance(89 * DAY);
    assert.equal((await refresh(String(second.refresh_token))).status, 200, 'use resets the idle clock');
    clock.advance(90 * DAY + 1);
    const idle = await refresh(String(second.refresh_token));
    assertAadError(idle, 400, 'invalid_grant', 700082);
    assert.equal(idle.body.suberror, undefined);
  });

  it('revokes refresh tokens with invalid_grant 50173 and suberror bad_token, sparing later sign-ins', async () => {
    const work = await fetchTokens(fixture.emulator.origin);
    const personal = await fetchTokens(fixture.emulator.origin, { username: DEFAULT_PERSONAL_USER.username, tenant: 'consumers' });
    fixture.emulator.revokeRefreshTokens(DEFAULT_WORK_USER.username);
    const revoked = await refresh(work.refresh_token!);
    assertAadError(revoked, 400, 'invalid_grant', 50173);
    assert.equal(revoked.body.suberror, 'bad_token');
    assert.equal((await refresh(personal.refresh_token!)).status, 200, 'other users keep their tokens');
    const again = await fetchTokens(fixture.emulator.origin);
    assert.equal((await refresh(again.refresh_token!)).status, 200);
  });

  it('asks for consent (65001) when a refresh wants a scope never granted, and drops withheld ones', async () => {
    fixture.emulator.withholdScopes(['mail.read']);
    const tokens = await fetchTokens(fixture.emulator.origin);
    assert.equal(tokens.scope, 'User.Read openid profile email');
    const same = await refresh(tokens.refresh_token!);
    assert.equal(same.body.scope, 'User.Read openid profile email');
    const more = await refresh(tokens.refresh_token!, { scope: 'User.Read Calendars.Read openid offline_access' });
    assertAadError(more, 400, 'invalid_grant', 65001);
    assert.equal(more.body.suberror, 'consent_required');
  });

  it('plays failNext faults: catalogue codes, 503 with Retry-After, counts, and kinds', async () => {
    const tokens = await fetchTokens(fixture.emulator.origin);
    fixture.emulator.failNext({ endpoint: 'token', aadsts: 7000222 });
    assertAadError(await refresh(tokens.refresh_token!), 401, 'invalid_client', 7000222);

    fixture.emulator.failNext({ endpoint: 'token', status: 503, retryAfterSeconds: 12, count: 2 });
    for (let i = 0; i < 2; i++) {
      const busy = await refresh(tokens.refresh_token!);
      assertAadError(busy, 503, 'temporarily_unavailable', 90024);
      assert.equal(busy.headers.get('retry-after'), '12');
    }
    assert.equal((await refresh(tokens.refresh_token!)).status, 200);

    fixture.emulator.failNext({ endpoint: 'token', kind: 'network_drop' });
    await assert.rejects(refresh(tokens.refresh_token!), TypeError);
    fixture.emulator.failNext({ endpoint: 'token', kind: 'malformed' });
    await assert.rejects(refresh(tokens.refresh_token!), SyntaxError);
    fixture.emulator.failNext({ endpoint: 'token', kind: 'hang' });
    const hung = fetch(`${fixture.emulator.origin}/common/oauth2/v2.0/token`, { method: 'POST', body: 'grant_type=refresh_token', signal: AbortSignal.timeout(150) });
    await assert.rejects(hung, (e: Error) => e.name === 'TimeoutError');

    assert.throws(() => fixture.emulator.failNext({ endpoint: 'token', aadsts: 1234567 }), /not in the catalogue/);
  });

  it('counts token requests per grant type and redacts the secret', async () => {
    const tokens = await fetchTokens(fixture.emulator.origin);
    await refresh(tokens.refresh_token!);
    await refresh(tokens.refresh_token!);
    const stats = fixture.emulator.stats;
    assert.deepEqual(stats.tokenRequests, { authorization_code: 1, refresh_token: 2 });
    assert.equal(stats.lastTokenRequest?.form.client_secret, '[REDACTED]');
    assert.equal(stats.lastTokenRequest?.form.refresh_token, tokens.refresh_token);
    assert.ok(!JSON.stringify(stats).includes(SECRET));
  });
});
