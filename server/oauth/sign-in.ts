// The authorization code flow with PKCE: start a sign-in, then finish it from a pasted address (the
// nativeclient page or http://localhost) or from the internet-redirect callback. Every code is
// redeemed at most once.
import { findAppRegistration, localhostRedirectUri } from '../registrations/app-registrations.js';
import { findAccount, saveSignedInAccount } from '../accounts/accounts.js';
import { AppError } from '../errors/app-error.js';
import { errorFromDiagnosis } from '../errors/diagnosis-error.js';
import { diagnose, diagnoseMsalError } from '../errors/diagnosis.js';
import type { Logger } from '../log.js';
import { CLOUDS, isConsumerTenant, NATIVECLIENT_PATH, nativeClientUrl, type CloudId, type Endpoints } from '../settings/clouds.js';
import type { Account, AppRegistration, RedirectMethod } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { checkAfterSignIn } from '../capabilities/after-sign-in.js';
import type { CapabilityReport } from '../capabilities/check.js';
import { fetchGraphProfile } from './graph-profile.js';
import type { MsalFactory } from './msal-factory.js';
import { msalNode } from './msal-module.js';
import { MIN_CODE_CHARS, parsePastedUrl, pastedState, type ExpectedPage, type PasteRefusalCode } from './paste-back-url.js';
import type { PendingSignIn, PendingSignIns, SignInPurpose } from './pending-sign-ins.js';
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
  authorizeUrl: string;
  redirectUri: string;
  /**
   * The address the browser shows after signing in: the redirect URI, except where the demo or a test
   * plays Microsoft, whose nativeclient page is then the emulator's own. Instructions name this one.
   */
  landingUri: string;
  expiresAt: Date;
}

export interface SignInResult {
  state: string;
  /** The saved account, without its token cache: a result is remembered for replays. */
  account: Omit<Account, 'msalCache'>;
  requestedScopes: string[];
  grantedScopes: string[];
  missingScopes: string[];
  profileCheck: { ok: boolean; status: number };
  /** "Check what works" right after the sign-in; null when the check itself could not run. */
  capabilities: CapabilityReport | null;
  replayed: boolean;
  /** Set when "sign in again" for one account came back as another (which is saved as its own account). */
  differentAccount?: { expectedAccountId: string; expectedUsername: string };
}

function redirectUriFor(deps: SignInDeps, app: AppRegistration, method: RedirectMethod): string {
  if (method === 'paste_back') return nativeClientUrl(app.cloud);
  if (method === 'paste_back_localhost') return localhostRedirectUri(app);
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
  input: { appRegistrationId: string; scopes: string[]; method?: RedirectMethod | undefined; accountId?: string | undefined; purpose?: SignInPurpose | undefined },
): Promise<StartedSignIn> {
  const app = findAppRegistration(deps.store, input.appRegistrationId);
  const account = input.accountId ? findAccount(deps.store, input.accountId) : undefined;
  const method = input.method ?? app.redirectMethod;
  const redirectUri = redirectUriFor(deps, app, method);
  const scopes = normalizeRequestedScopes(input.scopes);
  const { verifier, challenge } = await new (msalNode().CryptoProvider)().generatePkceCodes();
  const expectedAccount = account ? { id: account.id, homeAccountId: account.homeAccountId, username: account.username } : undefined;
  const entry = deps.pending.create({ appRegistrationId: app.id, method, redirectUri, scopes, codeVerifier: verifier, expectedAccount, purpose: input.purpose });
  const url = await deps.msal.create(app).getAuthCodeUrl({
    scopes: resourceScopes(scopes),
    redirectUri,
    state: entry.state,
    codeChallenge: challenge,
    codeChallengeMethod: 'S256',
    ...(account ? accountHints(account) : { prompt: 'select_account' }),
  });
  deps.log.info({ appRegistrationId: app.id, method }, 'sign-in started');
  return {
    state: entry.state,
    method,
    authorizeUrl: deps.msal.browserUrl(url),
    redirectUri,
    landingUri: deps.msal.browserUrl(redirectUri),
    expiresAt: new Date(entry.expiresAt),
  };
}

/**
 * Signing one account in again: Microsoft preselects it from `login_hint` (its username), and
 * `domain_hint` skips the home-realm lookup (`consumers` for a personal account, else its tenant ID, as
 * Microsoft's auth-code-flow document suggests for re-authentication). No `prompt=select_account`:
 * msal-node drops every hint with it (reference §1.3).
 */
function accountHints(account: { username: string; tenantId: string }): { loginHint: string; domainHint: string } {
  return { loginHint: account.username, domainHint: isConsumerTenant(account.tenantId) ? 'consumers' : account.tenantId };
}

/** Hosts a pasted nativeclient address may come from: a cloud's (all, or one), or the emulator's. */
function pasteHosts(deps: SignInDeps, cloud?: CloudId): string[] {
  const hosts = cloud ? [CLOUDS[cloud].loginHost] : Object.values(CLOUDS).map((entry) => entry.loginHost);
  if (deps.endpointOverride) hosts.push(new URL(deps.endpointOverride).host);
  return hosts;
}

/** Before the sign-in is known: any nativeclient page, or http://localhost on any port. */
function anyPastePage(deps: SignInDeps): ExpectedPage[] {
  return [{ hosts: pasteHosts(deps), path: NATIVECLIENT_PATH }, { hosts: ['localhost'], path: '', ports: 'any' }];
}

/**
 * The one page a started sign-in may be pasted from: its cloud's nativeclient page, or exactly the
 * localhost address it sent Microsoft (same port; Microsoft adds a trailing "/" to a bare address).
 */
function pastePageOf(deps: SignInDeps, entry: PendingSignIn): ExpectedPage | undefined {
  if (entry.method === 'paste_back') {
    return { hosts: pasteHosts(deps, findAppRegistration(deps.store, entry.appRegistrationId).cloud), path: NATIVECLIENT_PATH };
  }
  if (entry.method === 'paste_back_localhost') return { hosts: [new URL(entry.redirectUri).host], path: '', ports: 'exact' };
  return undefined;
}

/** A paste from another page than the sign-in's own names the address it expects. */
function wrongPage(deps: SignInDeps, entry: PendingSignIn): AppError {
  // As the browser shows it: a bare http://localhost comes back with a "/" (reply-url.md), and the
  // demo's nativeclient page is the emulator's.
  const landing = new URL(deps.msal.browserUrl(entry.redirectUri));
  const expected = `${landing.origin}${landing.pathname}?code=…`;
  if (entry.method === 'internet_redirect') {
    return new AppError('paste_wrong_page', {
      field: 'url',
      message: 'This sign-in was started with the internet redirect, which needs no pasting.',
      fix: `Finish it in Microsoft’s tab: it comes back to ${entry.redirectUri} by itself. Or start a new sign-in with paste-back.`,
    });
  }
  const page = entry.method === 'paste_back_localhost'
    ? 'the address the browser could not open (“This site can’t be reached”)'
    : 'the address of Microsoft’s blank page';
  return new AppError('paste_wrong_page', {
    field: 'url',
    message: `This address is not the page this sign-in sends you to: it expects ${expected}`,
    fix: `Paste ${page}, which starts with ${expected.replace('?code=…', '?code=')}. A sign-in started for another method takes a new sign-in.`,
  });
}

function refused(deps: SignInDeps, code: PasteRefusalCode, entry: PendingSignIn | undefined): AppError {
  return code === 'paste_wrong_page' && entry ? wrongPage(deps, entry) : new AppError(code, { field: 'url' });
}

/**
 * Finishes a sign-in from a pasted address. `purpose` is what the page pasting it is for (an MS365
 * entry, or none: an account): a sign-in started for something else is refused before its code is
 * redeemed, so the code stays good for the page it belongs to.
 */
export async function completeFromPaste(deps: SignInDeps, pasted: string, purpose?: SignInPurpose): Promise<SignInResult> {
  // The sign-in the paste names decides which page it may come from; unknown ones go on to be refused.
  const entry = deps.pending.get(pastedState(pasted) ?? '');
  if (entry) assertPurpose(entry, purpose);
  const page = entry ? pastePageOf(deps, entry) : anyPastePage(deps);
  if (!page) throw refused(deps, 'paste_wrong_page', entry);
  const parsed = parsePastedUrl(pasted, page);
  if (parsed.kind === 'refused') throw refused(deps, parsed.code, entry);
  if (parsed.kind === 'error') return failFromRedirect(deps, parsed);
  // The end of the address holds the state: without it the copy was cut off (the start is all a phone shows).
  if (parsed.state === undefined) throw new AppError('paste_incomplete', { field: 'url' });
  return redeem(deps, parsed.state, parsed.code, { pasted: true });
}

function assertPurpose(entry: PendingSignIn, purpose: SignInPurpose | undefined): void {
  const started = entry.purpose?.entryId ?? null;
  const pasting = purpose?.entryId ?? null;
  if (started === pasting) return;
  if (pasting !== null) throw new AppError('ms365_sign_in_mismatch', { field: 'url' });
  throw new AppError('ms365_sign_in_mismatch', {
    field: 'url',
    message: 'This sign-in was started from an MS365 entry’s “Sign in again”, so it finishes there.',
    fix: 'Paste the address on the MS365 integrations page, in the entry you started it from.',
  });
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

async function redeem(deps: SignInDeps, state: string | undefined, code: string, options: { pasted?: boolean } = {}): Promise<SignInResult> {
  // A sign-in that completed, failed or expired says so first: copying it again would not help.
  const claim = deps.pending.claim(state, code);
  if (claim.kind === 'replay') {
    const previous = (await claim.outcome) as SignInResult;
    return { ...previous, replayed: true };
  }
  if (options.pasted && code.length < MIN_CODE_CHARS) throw new AppError('paste_incomplete', { field: 'url' });
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
  const expected = entry.expectedAccount;
  const different = expected !== undefined && expected.homeAccountId !== account.homeAccountId;
  deps.log.info({ accountId: account.id, missing: missing.length, differentAccount: different }, 'sign-in completed');
  const capabilities = await checkAfterSignIn({ cloud: app.cloud, graphOrigin: deps.endpoints.graphOrigin(app.cloud), accessToken: result.accessToken, requested: entry.scopes, granted, tenantId: account.tenantId, now: deps.now, log: deps.log });
  const { msalCache: _cache, ...saved } = account;
  return {
    state: entry.state,
    account: saved,
    requestedScopes: entry.scopes,
    grantedScopes: granted,
    missingScopes: missing,
    profileCheck: { ok: profile.ok, status: profile.status },
    capabilities,
    replayed: false,
    ...(different ? { differentAccount: { expectedAccountId: expected.id, expectedUsername: expected.username } } : {}),
  };
}

/** Where a sign-in stands, as values the server uses (the failure is the AppError itself). */
export type SignInOutcome =
  | { status: 'completed'; entry: PendingSignIn; result: SignInResult }
  | { status: 'failed'; entry: PendingSignIn; error: AppError }
  | { status: 'pending' | 'expired'; entry: PendingSignIn };

export async function signInOutcome(deps: SignInDeps, state: string): Promise<SignInOutcome> {
  const entry = deps.pending.get(state);
  if (!entry) throw new AppError('sign_in_unknown');
  if (entry.failure) return { status: 'failed', entry, error: entry.failure };
  if (entry.redemption) {
    try {
      return { status: 'completed', entry, result: (await entry.redemption.outcome) as SignInResult };
    } catch (error) {
      return { status: 'failed', entry, error: error instanceof AppError ? error : new AppError('internal_error') };
    }
  }
  return { status: deps.now().getTime() > entry.expiresAt ? 'expired' : 'pending', entry };
}
