// Real msal-node 7 against the emulator through the rewriting network client: the production
// authority strings stay untouched, only the network module points at the emulator.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuthenticationResult, ConfidentialClientApplication as Cca } from '@azure/msal-node';
import { msalNode } from '../../../server/oauth/msal-module.js';
import { createNetworkClient, rewriteLoginUrl } from '../../../server/oauth/rewriting-network-client.js';
import {
  CONSUMER_TENANT_ID,
  DEFAULT_PERSONAL_USER,
  DEFAULT_WORK_USER,
  REDACTED,
  signInWithFetch,
} from '../../emulators/microsoft/index.js';
import { CLIENT_ID, codeFrom, decodeJwtPayload, fakeClock, NATIVE, SECRET, SECRET_ID, useEmulator } from './microsoft-helpers.js';

// The copy of msal-node the service loads: the network client's errors are its classes, as in production.
const { ConfidentialClientApplication, CryptoProvider, InteractionRequiredAuthError, ServerError } = msalNode();

const SCOPES = ['User.Read', 'Mail.Read'];
const claimsOf = (result: AuthenticationResult) => result.idTokenClaims as Record<string, unknown>;
const CHINA_NATIVE = 'https://login.partner.microsoftonline.cn/common/oauth2/nativeclient';
const USGOV_NATIVE = 'https://login.microsoftonline.us/common/oauth2/nativeclient';

describe('Microsoft emulator with msal-node', () => {
  const clock = fakeClock();
  const fixture = useEmulator(clock, [NATIVE, CHINA_NATIVE, USGOV_NATIVE]);

  function client(authority = 'https://login.microsoftonline.com/common', clientSecret = SECRET): Cca {
    return new ConfidentialClientApplication({
      auth: { clientId: CLIENT_ID, authority, clientSecret },
      system: { networkClient: createNetworkClient({ loginOverride: fixture.emulator.origin, timeoutMs: 2000 }) },
    });
  }

  /** getAuthCodeUrl → pages → code, the way the add-on drives a sign-in. */
  async function signIn(cca: Cca, opts: { username?: string; redirectUri?: string; nonce?: string } = {}) {
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const redirectUri = opts.redirectUri ?? NATIVE;
    const url = await cca.getAuthCodeUrl({ scopes: SCOPES, redirectUri, codeChallenge: challenge, codeChallengeMethod: 'S256', state: 'st-1', nonce: opts.nonce });
    const walked = await signInWithFetch(rewriteLoginUrl(url, fixture.emulator.origin), { username: opts.username ?? DEFAULT_WORK_USER.username });
    return { code: codeFrom(walked.location), verifier, redirectUri, location: walked.location! };
  }

  async function signInAndRedeem(cca = client(), username?: string): Promise<AuthenticationResult> {
    const { code, verifier, redirectUri } = await signIn(cca, username ? { username } : {});
    return cca.acquireTokenByCode({ code, redirectUri, scopes: SCOPES, codeVerifier: verifier });
  }

  it('signs a work account in, refreshes it, and its token reads /me', async () => {
    const cca = client();
    const { code, verifier, location } = await signIn(cca);
    assert.ok(location.startsWith(`${fixture.emulator.origin}/common/oauth2/nativeclient?code=`), location);
    const first = await cca.acquireTokenByCode({ code, redirectUri: NATIVE, scopes: SCOPES, codeVerifier: verifier });
    const account = first.account!;
    assert.equal(account.homeAccountId, `${DEFAULT_WORK_USER.oid}.${DEFAULT_WORK_USER.tid}`);
    assert.equal(account.username, DEFAULT_WORK_USER.username);
    assert.equal(account.environment, 'login.windows.net');
    assert.equal(first.tenantId, DEFAULT_WORK_USER.tid);
    assert.deepEqual([...first.scopes].sort(), ['Mail.Read', 'User.Read', 'email', 'openid', 'profile']);
    assert.equal(decodeJwtPayload(first.accessToken).aud, 'https://graph.microsoft.com');

    const refreshed = await cca.acquireTokenSilent({ account, scopes: SCOPES, forceRefresh: true });
    assert.notEqual(refreshed.accessToken, first.accessToken);
    assert.equal(refreshed.account?.homeAccountId, account.homeAccountId);
    const stats = fixture.emulator.stats;
    assert.equal(stats.tokenRequests.authorization_code, 1);
    assert.equal(stats.tokenRequests.refresh_token, 1);
    assert.equal(stats.lastTokenRequest?.form.client_secret, REDACTED);
    assert.equal(stats.lastTokenRequest?.form.grant_type, 'refresh_token');

    const me = await fetch(`${fixture.emulator.origin}/v1.0/me`, { headers: { authorization: `Bearer ${refreshed.accessToken}` } });
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { userPrincipalName: string }).userPrincipalName, DEFAULT_WORK_USER.username);
  });

  it('gives a personal account an opaque access token and the consumer tenant', async () => {
    const result = await signInAndRedeem(client(), DEFAULT_PERSONAL_USER.username);
    assert.ok(result.accessToken.startsWith('EwB'));
    assert.ok(!result.accessToken.includes('.'));
    assert.equal(result.account?.homeAccountId, `${DEFAULT_PERSONAL_USER.oid}.${CONSUMER_TENANT_ID}`);
    assert.equal(result.account?.username, DEFAULT_PERSONAL_USER.username);
  });

  it('pre-fills the account when msal re-authenticates it with its login_hint', async () => {
    const cca = client();
    const { account } = await signInAndRedeem(cca, DEFAULT_PERSONAL_USER.username);
    const url = await cca.getAuthCodeUrl({ scopes: SCOPES, redirectUri: NATIVE, account: account! });
    assert.ok(new URL(url).searchParams.get('login_hint'));
    const picker = await (await fetch(rewriteLoginUrl(url, fixture.emulator.origin))).text();
    assert.match(picker, new RegExp(`id="loginfmt" name="loginfmt" type="email" autocomplete="username" value="${DEFAULT_PERSONAL_USER.username}"`));
  });

  it('echoes a nonce only when one was sent', async () => {
    const cca = client();
    const { code, verifier } = await signIn(cca, { nonce: 'n-42' });
    const result = await cca.acquireTokenByCode({ code, redirectUri: NATIVE, scopes: SCOPES, codeVerifier: verifier, nonce: 'n-42' });
    assert.equal(claimsOf(result).nonce, 'n-42');
    const plain = await signInAndRedeem(cca);
    assert.equal(claimsOf(plain).nonce, undefined);
  });

  for (const [label, authority, nativeUrl, loginHost, graph] of [
    ['China', 'https://login.chinacloudapi.cn/common', CHINA_NATIVE, 'login.partner.microsoftonline.cn', 'https://microsoftgraph.chinacloudapi.cn'],
    ['US Government', 'https://login.microsoftonline.us/common', USGOV_NATIVE, 'login.microsoftonline.us', 'https://graph.microsoft.us'],
  ] as const) {
    it(`signs in on the ${label} cloud with that cloud's issuer and Graph audience`, async () => {
      const cca = client(authority);
      const { code, verifier, location } = await signIn(cca, { redirectUri: nativeUrl });
      assert.ok(location.startsWith(`${fixture.emulator.origin}/common/oauth2/nativeclient?`));
      const result = await cca.acquireTokenByCode({ code, redirectUri: nativeUrl, scopes: SCOPES, codeVerifier: verifier });
      assert.equal(result.account?.environment, loginHost);
      assert.equal(claimsOf(result).iss, `https://${loginHost}/${DEFAULT_WORK_USER.tid}/v2.0`);
      assert.equal(decodeJwtPayload(result.accessToken).aud, graph);
      const refreshed = await cca.acquireTokenSilent({ account: result.account!, scopes: SCOPES, forceRefresh: true });
      assert.equal(decodeJwtPayload(refreshed.accessToken).aud, graph);
    });
  }

  // msal types errorNo as a string, but it is error_codes[0] from the body: a number, as Entra sends it.
  it('rejects a wrong secret and a Secret ID with invalid_client 7000215', async () => {
    for (const secret of ['not-the-secret', SECRET_ID]) {
      const cca = client(undefined, secret);
      const { code, verifier } = await signIn(cca);
      const error = await cca.acquireTokenByCode({ code, redirectUri: NATIVE, scopes: SCOPES, codeVerifier: verifier }).catch((e: unknown) => e);
      assert.ok(error instanceof ServerError, String(error));
      assert.equal(error.errorCode, 'invalid_client');
      assert.equal(String(error.errorNo), '7000215');
      assert.match(error.errorMessage, /client secret value, not the client secret ID/);
    }
  });

  it('refuses a code redeemed twice (54005) and a wrong PKCE verifier (501481)', async () => {
    const cca = client();
    const { code, verifier } = await signIn(cca);
    await cca.acquireTokenByCode({ code, redirectUri: NATIVE, scopes: SCOPES, codeVerifier: verifier });
    const reuse = await cca.acquireTokenByCode({ code, redirectUri: NATIVE, scopes: SCOPES, codeVerifier: verifier }).catch((e: unknown) => e);
    assert.ok(reuse instanceof ServerError);
    assert.equal(reuse.errorCode, 'invalid_grant');
    assert.equal(String(reuse.errorNo), '54005');

    const second = await signIn(cca);
    const wrong = await cca.acquireTokenByCode({ code: second.code, redirectUri: NATIVE, scopes: SCOPES, codeVerifier: `${second.verifier}x` }).catch((e: unknown) => e);
    assert.ok(wrong instanceof ServerError);
    assert.equal(String(wrong.errorNo), '501481');
  });

  it('surfaces 700082 as a ServerError invalid_grant, not interaction required', async () => {
    const cca = client();
    const { account } = await signInAndRedeem(cca);
    fixture.emulator.failNext({ endpoint: 'token', aadsts: 700082 });
    const error = await cca.acquireTokenSilent({ account: account!, scopes: SCOPES, forceRefresh: true }).catch((e: unknown) => e);
    assert.ok(error instanceof ServerError && !(error instanceof InteractionRequiredAuthError), String(error));
    assert.equal(error.errorCode, 'invalid_grant');
    assert.equal(String(error.errorNo), '700082');
  });

  it('surfaces revoked refresh tokens as InteractionRequiredAuthError bad_token (50173)', async () => {
    const cca = client();
    const { account } = await signInAndRedeem(cca);
    fixture.emulator.revokeRefreshTokens(DEFAULT_WORK_USER.username);
    const error = await cca.acquireTokenSilent({ account: account!, scopes: SCOPES, forceRefresh: true }).catch((e: unknown) => e);
    assert.ok(error instanceof InteractionRequiredAuthError, String(error));
    assert.equal(error.subError, 'bad_token');
    assert.equal(String(error.errorNo), '50173');
  });

  it('records a 429 with Retry-After so msal throttles the identical request locally', async () => {
    const cca = client();
    const { account } = await signInAndRedeem(cca);
    fixture.emulator.failNext({ endpoint: 'token', status: 429, retryAfterSeconds: 30 });
    const first = await cca.acquireTokenSilent({ account: account!, scopes: SCOPES, forceRefresh: true }).catch((e: unknown) => e);
    assert.ok(first instanceof ServerError);
    assert.equal(first.errorCode, 'temporarily_unavailable');
    const before = fixture.emulator.stats.tokenRequests.refresh_token;
    const second = await cca.acquireTokenSilent({ account: account!, scopes: SCOPES, forceRefresh: true }).catch((e: unknown) => e);
    assert.ok(second instanceof ServerError);
    assert.equal(second.errorCode, '90024');
    assert.equal(fixture.emulator.stats.tokenRequests.refresh_token, before, 'throttled locally, no request reached the emulator');
  });

  it('grants fewer scopes than requested when some are withheld', async () => {
    fixture.emulator.withholdScopes(['Mail.Read']);
    const cca = client();
    const result = await signInAndRedeem(cca);
    assert.ok(result.scopes.includes('User.Read'));
    assert.ok(!result.scopes.includes('Mail.Read'));
    const refreshed = await cca.acquireTokenSilent({ account: result.account!, scopes: SCOPES, forceRefresh: true });
    assert.ok(!refreshed.scopes.includes('Mail.Read'));
    const mail = await fetch(`${fixture.emulator.origin}/v1.0/me/messages`, { headers: { authorization: `Bearer ${refreshed.accessToken}` } });
    assert.equal(mail.status, 403);
  });

  it('turns a dropped connection into a network_error and a non-JSON body into a parsing error', async () => {
    const cca = client();
    const { account } = await signInAndRedeem(cca);
    fixture.emulator.failNext({ endpoint: 'token', kind: 'network_drop' });
    const dropped = await cca.acquireTokenSilent({ account: account!, scopes: SCOPES, forceRefresh: true }).catch((e: unknown) => e);
    assert.equal((dropped as { errorCode?: string }).errorCode, 'network_error');
    fixture.emulator.failNext({ endpoint: 'token', kind: 'malformed' });
    const malformed = await cca.acquireTokenSilent({ account: account!, scopes: SCOPES, forceRefresh: true }).catch((e: unknown) => e);
    assert.equal((malformed as { errorCode?: string }).errorCode, 'token_parsing_error');
  });
});
