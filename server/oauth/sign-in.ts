// The authorization code flow with PKCE: start a sign-in, then finish it from a pasted nativeclient
// address or from the internet-redirect callback. Every code is redeemed at most once.
import { CryptoProvider } from '@azure/msal-node';
import { findAppRegistration } from '../registrations/app-registrations.js';
import { saveSignedInAccount, toAccountView, type AccountView } from '../accounts/accounts.js';
import { AppError } from '../errors/app-error.js';
import { errorFromDiagnosis } from '../errors/diagnosis-error.js';
import { diagnose, diagnoseMsalError } from '../errors/diagnosis.js';
import type { Logger } from '../log.js';
import { CLOUDS, NATIVECLIENT_PATH, nativeClientUrl, type CloudId, type Endpoints } from '../settings/clouds.js';
import type { AppRegistration, RedirectMethod } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { checkAfterSignIn } from '../capabilities/after-sign-in.js';
import type { CapabilityReportWire } from '../http/contract/capabilities.js';
import { fetchGraphProfile } from './graph-profile.js';
import type { MsalFactory } from './msal-factory.js';
import { parsePastedUrl } from './paste-back-url.js';
import type { PendingSignIn, PendingSignIns } from './pending-sign-ins.js';
import { compareScopes, normalizeRequestedScopes, resourceScopes } from './scopes.js';

export interface SignInDeps {
  store: Store;
  pending: PendingSignIns;
  msal: MsalFactory;
  endpoints: Endpoints;
  endpointOverride: string | undefined;
  /** The redirect URI for the internet redirect when the app registration names none. */
  defaultInternetRedirectUri: () => string | undefined;
  log: Logger;
  now: () => Date;
}

export interface StartedSignIn {
  state: string;
  method: RedirectMethod;
  authorize_url: string;
  redirect_uri: string;
  expires_at: string;
}

export interface SignInResult {
  state: string;
  account: AccountView;
  requested_scopes: string[];
  granted_scopes: string[];
  missing_scopes: string[];
  profile_check: { ok: boolean; status: number };
  /** "Check what works" right after the sign-in; null when the check itself could not run. */
  capabilities: CapabilityReportWire | null;
  replayed: boolean;
}

const pkce = new CryptoProvider();

function redirectUriFor(deps: SignInDeps, app: AppRegistration, method: RedirectMethod): string {
  if (method === 'paste_back') return nativeClientUrl(app.cloud);
  const uri = app.redirectUri ?? deps.defaultInternetRedirectUri();
  if (!uri) {
    throw new AppError('validation_failed', {
      field: 'redirect_uri',
      message: 'The internet redirect needs a public https address that reaches this add-on.',
      fix: 'Enter the redirect URI in the app registration, or sign in with paste-back instead.',
    });
  }
  return uri;
}

export async function startSignIn(
  deps: SignInDeps,
  input: { appRegistrationId: string; scopes: string[]; method?: RedirectMethod | undefined },
): Promise<StartedSignIn> {
  const app = findAppRegistration(deps.store, input.appRegistrationId);
  const method = input.method ?? app.redirectMethod;
  const redirectUri = redirectUriFor(deps, app, method);
  const scopes = normalizeRequestedScopes(input.scopes);
  const { verifier, challenge } = await pkce.generatePkceCodes();
  const entry = deps.pending.create({ appRegistrationId: app.id, method, redirectUri, scopes, codeVerifier: verifier });
  const url = await deps.msal.create(app).getAuthCodeUrl({
    scopes: resourceScopes(scopes),
    redirectUri,
    state: entry.state,
    codeChallenge: challenge,
    codeChallengeMethod: 'S256',
    prompt: 'select_account',
  });
  deps.log.info({ appRegistrationId: app.id, method }, 'sign-in started');
  return {
    state: entry.state,
    method,
    authorize_url: deps.msal.browserUrl(url),
    redirect_uri: redirectUri,
    expires_at: new Date(entry.expiresAt).toISOString(),
  };
}

/** Hosts a pasted nativeclient address may come from: a cloud's (all, or one), or the emulator's. */
function pasteHosts(deps: SignInDeps, cloud?: CloudId): string[] {
  const hosts = cloud ? [CLOUDS[cloud].loginHost] : Object.values(CLOUDS).map((entry) => entry.loginHost);
  if (deps.endpointOverride) hosts.push(new URL(deps.endpointOverride).host);
  return hosts;
}

export async function completeFromPaste(deps: SignInDeps, pasted: string): Promise<SignInResult> {
  const expected = { hosts: pasteHosts(deps), path: NATIVECLIENT_PATH };
  const parsed = parsePastedUrl(pasted, expected);
  if (parsed.kind === 'refused') throw new AppError(parsed.code, { field: 'url' });
  if (parsed.kind === 'error') return failFromRedirect(deps, parsed);
  const entry = deps.pending.get(parsed.state ?? '');
  if (entry) {
    if (entry.method !== 'paste_back') throw new AppError('paste_wrong_page', { field: 'url' });
    // A China sign-in's address pasted from the global host (or the reverse) is another page.
    const cloud = findAppRegistration(deps.store, entry.appRegistrationId).cloud;
    const again = parsePastedUrl(pasted, { ...expected, hosts: pasteHosts(deps, cloud) });
    if (again.kind === 'refused') throw new AppError(again.code, { field: 'url' });
  }
  return redeem(deps, parsed.state, parsed.code);
}

export async function completeFromCallback(
  deps: SignInDeps,
  query: { code?: string; state?: string; error?: string; error_description?: string; error_subcode?: string },
): Promise<SignInResult> {
  if (query.error) {
    return failFromRedirect(deps, {
      error: query.error,
      errorDescription: query.error_description,
      errorSubcode: query.error_subcode,
      state: query.state,
    });
  }
  if (!query.code) throw new AppError('paste_no_code');
  return redeem(deps, query.state, query.code);
}

function failFromRedirect(
  deps: SignInDeps,
  redirect: { error: string; errorDescription?: string | undefined; errorSubcode?: string | undefined; state?: string | undefined },
): never {
  const diagnosis = diagnose({
    error: redirect.error,
    errorDescription: redirect.errorDescription,
    errorSubcode: redirect.errorSubcode,
  });
  const failure = errorFromDiagnosis(diagnosis);
  deps.pending.fail(redirect.state, failure);
  deps.log.info({ error: redirect.error, aadsts: diagnosis.aadsts }, 'sign-in refused by Microsoft');
  throw failure;
}

async function redeem(deps: SignInDeps, state: string | undefined, code: string): Promise<SignInResult> {
  const claim = deps.pending.claim(state, code);
  if (claim.kind === 'replay') {
    const previous = (await claim.outcome) as SignInResult;
    return { ...previous, replayed: true };
  }
  const outcome = redeemOnce(deps, claim.entry, code);
  deps.pending.startRedemption(claim.entry, code, outcome);
  return outcome;
}

async function redeemOnce(deps: SignInDeps, entry: PendingSignIn, code: string): Promise<SignInResult> {
  const app = findAppRegistration(deps.store, entry.appRegistrationId);
  const client = deps.msal.create(app);
  let result;
  try {
    result = await client.acquireTokenByCode({
      code,
      redirectUri: entry.redirectUri,
      scopes: resourceScopes(entry.scopes),
      codeVerifier: entry.codeVerifier,
    });
  } catch (error) {
    const diagnosis = diagnoseMsalError(error);
    deps.log.warn({ appRegistrationId: app.id, aadsts: diagnosis.aadsts, class: diagnosis.class }, 'code redemption failed');
    throw errorFromDiagnosis(diagnosis);
  }
  if (!result?.account) {
    throw new AppError('sign_in_failed', { message: 'Microsoft answered without an account.', fix: 'Try signing in again.' });
  }
  const profile = await fetchGraphProfile(deps.endpoints.graphOrigin(app.cloud), result.accessToken, app.cloud);
  const { granted, missing } = compareScopes(entry.scopes, result.scopes);
  const account = await saveSignedInAccount(
    deps.store,
    {
      appRegistrationId: app.id,
      homeAccountId: result.account.homeAccountId,
      username: result.account.username,
      displayName: profile.displayName ?? result.account.name ?? null,
      tenantId: result.account.tenantId,
      cloud: app.cloud,
      grantedScopes: granted,
      requestedScopes: entry.scopes,
      msalCache: client.getTokenCache().serialize(),
    },
    deps.now(),
  );
  deps.log.info({ accountId: account.id, missing: missing.length }, 'sign-in completed');
  const capabilities = await checkAfterSignIn({ cloud: app.cloud, graphOrigin: deps.endpoints.graphOrigin(app.cloud), accessToken: result.accessToken, requested: entry.scopes, granted, tenantId: account.tenantId, now: deps.now, log: deps.log });
  return {
    state: entry.state,
    account: toAccountView(account),
    requested_scopes: entry.scopes,
    granted_scopes: granted,
    missing_scopes: missing,
    profile_check: { ok: profile.ok, status: profile.status },
    capabilities,
    replayed: false,
  };
}

export type SignInStatus =
  | { state: string; status: 'pending' | 'expired'; method: RedirectMethod; expires_at: string }
  | { state: string; status: 'completed'; method: RedirectMethod; result: SignInResult }
  | { state: string; status: 'failed'; method: RedirectMethod; error: Record<string, unknown> };

/** What the panel polls while the user signs in in another tab (internet redirect). */
export async function signInStatus(deps: SignInDeps, state: string): Promise<SignInStatus> {
  const entry = deps.pending.get(state);
  if (!entry) throw new AppError('sign_in_unknown');
  const base = { state, method: entry.method };
  if (entry.failure) return { ...base, status: 'failed', error: entry.failure.toBody().error };
  if (entry.redemption) {
    try {
      return { ...base, status: 'completed', result: (await entry.redemption.outcome) as SignInResult };
    } catch (error) {
      const body = error instanceof AppError ? error.toBody().error : new AppError('internal_error').toBody().error;
      return { ...base, status: 'failed', error: body };
    }
  }
  const expired = deps.now().getTime() > entry.expiresAt;
  return { ...base, status: expired ? 'expired' : 'pending', expires_at: new Date(entry.expiresAt).toISOString() };
}
