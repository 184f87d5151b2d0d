// The only code that asks msal-node for tokens on behalf of stored accounts. A still-good token is
// served from memory without touching msal or the store; otherwise one refresh per account and scope
// set is in flight, calls for one account run one at a time, and failures are classified: a dead grant
// stops refreshing, a refused app registration is marked, a passing outage backs off.
import type { AuthenticationResult, ConfidentialClientApplication } from '@azure/msal-node';
import { findAccount } from '../accounts/accounts.js';
import { AppError } from '../errors/app-error.js';
import { errorFromDiagnosis } from '../errors/diagnosis-error.js';
import { diagnoseMsalError, type Diagnosis } from '../errors/diagnosis.js';
import type { Logger } from '../log.js';
import type { MsalFactory } from '../oauth/msal-factory.js';
import { resourceScopes, shortScope } from '../oauth/scopes.js';
import { findAppRegistration } from '../registrations/app-registrations.js';
import type { Account, AppRegistration } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { parseRetryAfterMs, retryAfterSeconds } from './backoff.js';
import { storeCachePlugin } from './cache-plugin.js';
import { HotTokenCache, MAX_ENTRIES, RENEWAL_MARGIN_MS, scopeKey, STALE_SERVE_MARGIN_MS, type CachedToken } from './hot-cache.js';
import { clearConfigurationProblem, configurationProblemError, markConfigurationProblem, markNeedsSignIn, needsSignInError, waitForRefreshError } from './marks.js';
import { diagnoseWithStatus, isConsentMissing, remainingMs, scopeNotConsentedError, type ObservedResponse } from './msal-outcome.js';
import { RefreshHealthBook, type RefreshHealth } from './refresh-health.js';

export interface IssuedToken {
  accessToken: string;
  expiresOn: Date;
  scopes: string[];
  fromCache: boolean;
}

export interface TokenInUse {
  accountId: string;
  scopes: string[];
  obtainedAtMs: number;
  expiresAtMs: number;
  lastUsedAtMs: number;
}

export interface TokenBrokerDeps {
  store: Store;
  msal: MsalFactory;
  log: Logger;
  now: () => Date;
  /** Jitter source for back-off; tests pass a fixed one. */
  random?: () => number;
  /** Called after a mark was set or cleared, so alerts need not wait for the next scheduler tick. */
  onMarksChanged?: () => void;
  /** How long a consumer's force_refresh is answered with the token just redeemed; FORCE_REFRESH_WINDOW_MS unless a test says otherwise. */
  forceRefreshWindowMs?: number;
}

/**
 * A consumer's force_refresh redeems the refresh token at most once per account and scope set in
 * this window; the others get the token that was just redeemed. Without it any key could make the
 * add-on call Microsoft on every request (and be throttled there for every consumer of the account).
 */
export const FORCE_REFRESH_WINDOW_MS = 30_000;
/** A scope set Microsoft refused as not consented is not asked for again (by consumers) for this long. */
export const CONSENT_REFUSAL_HOLD_MS = 10 * 60_000;

export interface TokenRequestOptions {
  /** Skip every cache and redeem the refresh token (a consumer's force_refresh, the scheduler). */
  forceRefresh?: boolean;
  /** A refresh nobody waits for (the scheduler): it must not make the token look "in use". */
  background?: boolean;
  /**
   * Asked for by a consumer (force_refresh, the Graph pass-through's retry): a forced refresh is then
   * held to one per FORCE_REFRESH_WINDOW_MS, and Microsoft's refusal of a permission the user never
   * consented (AADSTS65001) is that request's 409, not a mark on the account.
   */
  consumer?: boolean;
}

interface Loaded {
  account: Account;
  app: AppRegistration;
  generation: string;
}

const issued = (entry: CachedToken, fromCache: boolean): IssuedToken => ({
  accessToken: entry.accessToken,
  expiresOn: new Date(entry.expiresAtMs),
  scopes: entry.scopes,
  fromCache,
});

export class TokenBroker {
  readonly #deps: TokenBrokerDeps;
  readonly #hot = new HotTokenCache();
  /**
   * Tokens minted before a new sign-in or an app registration change are never served again. Kept per
   * stored record (the store replaces every record on each write), so a cached-token lookup compares
   * one string with itself instead of building and comparing a new one.
   */
  readonly #generations = new WeakMap<Account, { app: AppRegistration; generation: string }>();
  readonly #health: RefreshHealthBook;
  readonly #inFlight = new Map<string, { promise: Promise<IssuedToken>; force: boolean }>();
  readonly #accountQueues = new Map<string, Promise<unknown>>();
  readonly #clients = new Map<string, { stamp: string; client: ConfidentialClientApplication }>();
  /** Account and scope sets Microsoft refused as not consented, per generation: asked again only after the hold. */
  readonly #consentRefused = new Map<string, { generation: string; untilMs: number }>();
  /** Filled by each account's network observer; calls for one account run one at a time, so it is theirs. */
  readonly #observed = new Map<string, ObservedResponse>();

  constructor(deps: TokenBrokerDeps) {
    this.#deps = deps;
    this.#health = new RefreshHealthBook(deps.random ?? Math.random);
  }

  /**
   * A token for the account and scopes. Concurrent callers for the same account and scope set share
   * one refresh; a forced call shares only another forced one (a plain one might answer from cache).
   */
  getToken(accountId: string, scopes: string[], options: TokenRequestOptions = {}): Promise<IssuedToken> {
    try {
      return this.#get(accountId, scopes, options);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #get(accountId: string, scopes: string[], options: TokenRequestOptions): Promise<IssuedToken> {
    const loaded = this.#load(accountId);
    const key = scopeKey(scopes);
    const force = options.forceRefresh ?? false;
    const consumer = options.consumer ?? false;
    const nowMs = this.#deps.now().getTime();
    if (!force) {
      const hit = this.#hot.get(accountId, key, loaded.generation, nowMs, RENEWAL_MARGIN_MS);
      if (hit) return Promise.resolve(issued(hit, true));
    } else if (consumer) {
      const recent = this.#justRedeemed(loaded, key, nowMs);
      if (recent) return Promise.resolve(issued(recent, true));
    }
    const refused = this.#consentRefused.get(HotTokenCache.keyOf(accountId, key));
    if (consumer && refused && refused.generation === loaded.generation && refused.untilMs > nowMs) {
      return Promise.reject(scopeNotConsentedError(scopes, loaded.account.grantedScopes));
    }
    const blockedUntil = this.#health.blockedUntil(accountId, loaded.generation, nowMs);
    if (blockedUntil !== undefined) return this.#whileBlocked(loaded, key, force, blockedUntil);
    const flightKey = HotTokenCache.keyOf(accountId, key);
    const running = this.#inFlight.get(flightKey);
    if (running && (running.force || !force)) return running.promise;
    const background = options.background ?? false;
    const promise = this.#oneAtATime(accountId, () => this.#refresh(accountId, scopes, key, { force, background, consumer })).finally(() => {
      if (this.#inFlight.get(flightKey)?.promise === promise) this.#inFlight.delete(flightKey);
    });
    this.#inFlight.set(flightKey, { promise, force });
    return promise;
  }

  /**
   * The token from memory when one is good for longer than msal's renewal margin, else undefined:
   * never refreshes and never waits, so a caller can answer synchronously (the consumer API's fast
   * path). An account that needs sign-in, or is unknown, has none; getToken says why.
   */
  cached(accountId: string, scopes: readonly string[], nowMs = this.#deps.now().getTime()): IssuedToken | undefined {
    const { accounts, appRegistrations } = this.#deps.store.data;
    const account = accounts.find((candidate) => candidate.id === accountId);
    if (!account || account.status === 'needs_sign_in') return undefined;
    const app = appRegistrations.find((candidate) => candidate.id === account.appRegistrationId);
    if (!app) return undefined;
    const hit = this.#hot.get(accountId, scopeKey(scopes), this.#generationOf(account, app), nowMs, RENEWAL_MARGIN_MS);
    return hit ? issued(hit, true) : undefined;
  }

  /** How refreshing goes for an account (back-off, last failure); never holds a token. */
  health(accountId: string): RefreshHealth | undefined {
    const account = this.#deps.store.data.accounts.find((candidate) => candidate.id === accountId);
    const app = account && this.#deps.store.data.appRegistrations.find((candidate) => candidate.id === account.appRegistrationId);
    return account && app ? { ...this.#health.get(accountId, this.#generationOf(account, app)) } : undefined;
  }

  /** Scope sets consumers asked for, with their expiry and last use: what the scheduler keeps fresh. */
  tokensInUse(): TokenInUse[] {
    return this.#hot.entries().map((entry) => ({
      accountId: entry.accountId,
      scopes: entry.requestedScopes,
      obtainedAtMs: entry.obtainedAtMs,
      expiresAtMs: entry.expiresAtMs,
      lastUsedAtMs: entry.lastUsedAtMs,
    }));
  }

  /** Drops what is remembered about accounts that no longer exist. */
  prune(existingAccountIds: ReadonlySet<string>): void {
    for (const { accountId } of this.#hot.entries()) if (!existingAccountIds.has(accountId)) this.#hot.forgetAccount(accountId);
    for (const accountId of this.#health.accountIds()) if (!existingAccountIds.has(accountId)) this.#health.forget(accountId);
    for (const accountId of this.#clients.keys()) if (!existingAccountIds.has(accountId)) this.#clients.delete(accountId);
    for (const [flightKey, refusal] of this.#consentRefused) {
      if (!existingAccountIds.has(flightKey.slice(0, flightKey.indexOf('\n'))) || refusal.untilMs <= this.#deps.now().getTime()) this.#consentRefused.delete(flightKey);
    }
  }

  #load(accountId: string): Loaded {
    const account = findAccount(this.#deps.store, accountId);
    if (account.status === 'needs_sign_in') throw needsSignInError(account);
    const app = findAppRegistration(this.#deps.store, account.appRegistrationId);
    return { account, app, generation: this.#generationOf(account, app) };
  }

  /** Calls for one account run in turn: each reloads and rewrites the same msal cache. */
  #oneAtATime<T>(accountId: string, run: () => Promise<T>): Promise<T> {
    const previous = this.#accountQueues.get(accountId) ?? Promise.resolve();
    const next = previous.then(run, run);
    const settled = next.then(() => undefined, () => undefined);
    this.#accountQueues.set(accountId, settled);
    void settled.then(() => {
      if (this.#accountQueues.get(accountId) === settled) this.#accountQueues.delete(accountId);
    });
    return next;
  }

  async #refresh(accountId: string, scopes: string[], key: string, how: { force: boolean; background: boolean; consumer: boolean }): Promise<IssuedToken> {
    const { force, background, consumer } = how;
    // Read again after waiting our turn: the call before us may have signed the account out or stored our token.
    const loaded = this.#load(accountId);
    const nowMs = this.#deps.now().getTime();
    const hit = force
      ? (consumer ? this.#justRedeemed(loaded, key, nowMs) : undefined)
      : this.#hot.get(accountId, key, loaded.generation, nowMs, RENEWAL_MARGIN_MS);
    if (hit) return issued(hit, true);
    const client = this.#clientFor(loaded);
    const msalAccount = await client.getTokenCache().getAccountByHomeId(loaded.account.homeAccountId);
    if (!msalAccount) {
      throw await this.#signInAgain(accountId, diagnoseMsalError({ errorCode: 'no_tokens_found' }));
    }
    const seen: ObservedResponse = {};
    this.#observed.set(accountId, seen);
    let result: AuthenticationResult;
    try {
      result = await client.acquireTokenSilent({ account: msalAccount, scopes: resourceScopes(scopes), forceRefresh: force });
    } catch (error) {
      return this.#failed(loaded, { scopes, key, force, consumer }, diagnoseWithStatus(error, seen), seen);
    } finally {
      this.#observed.delete(accountId);
    }
    return this.#succeeded(loaded, scopes, key, result, background);
  }

  async #succeeded(loaded: Loaded, scopes: string[], key: string, result: AuthenticationResult, background: boolean): Promise<IssuedToken> {
    const { account, app, generation } = loaded;
    const nowMs = this.#deps.now().getTime();
    const previous = this.#hot.peek(account.id, key);
    const entry: CachedToken = {
      accountId: account.id,
      scopeKey: key,
      requestedScopes: [...scopes],
      accessToken: result.accessToken,
      expiresAtMs: nowMs + remainingMs(result),
      scopes: result.scopes.map(shortScope),
      generation,
      obtainedAtMs: nowMs,
      redeemedAtMs: result.fromCache ? previous?.redeemedAtMs ?? null : nowMs,
      lastUsedAtMs: background ? previous?.lastUsedAtMs ?? 0 : nowMs,
    };
    this.#hot.set(entry);
    const endedFailures = this.#health.recordSuccess(account.id, generation, nowMs);
    if (endedFailures > 0) this.#deps.log.info({ accountId: account.id, failures: endedFailures }, 'token refresh works again');
    // A token from msal's cache proves nothing about the credentials; only a real redemption clears the mark.
    if (!result.fromCache && app.configurationProblem && (await clearConfigurationProblem(this.#deps.store, app.id))) {
      this.#deps.log.info({ appRegistrationId: app.id }, 'app registration accepted again');
      this.#deps.onMarksChanged?.();
    }
    return issued(entry, result.fromCache);
  }

  async #failed(
    loaded: Loaded,
    asked: { scopes: string[]; key: string; force: boolean; consumer: boolean },
    diagnosis: Diagnosis,
    seen: ObservedResponse,
  ): Promise<IssuedToken> {
    const { account, app, generation } = loaded;
    const { key, force } = asked;
    const now = this.#deps.now();
    // One consumer asking for a permission the user never consented says nothing about the account:
    // its other scope sets still refresh. The scheduler's own refreshes still mark a real loss.
    if (asked.consumer && isConsentMissing(diagnosis)) {
      if (this.#consentRefused.size >= MAX_ENTRIES) this.#consentRefused.clear();
      this.#consentRefused.set(HotTokenCache.keyOf(account.id, key), { generation, untilMs: now.getTime() + CONSENT_REFUSAL_HOLD_MS });
      this.#deps.log.warn({ accountId: account.id, aadsts: diagnosis.aadsts }, 'Microsoft refused a consumer’s permissions as not consented');
      throw scopeNotConsentedError(asked.scopes, account.grantedScopes);
    }
    if (diagnosis.class === 'sign_in_again') throw await this.#signInAgain(account.id, diagnosis);
    if (diagnosis.class === 'configuration') {
      this.#health.recordConfiguration(account.id, generation, diagnosis, now.getTime());
      if (await markConfigurationProblem(this.#deps.store, app.id, diagnosis, now)) {
        this.#deps.log.warn({ appRegistrationId: app.id, aadsts: diagnosis.aadsts }, 'app registration refused');
        this.#deps.onMarksChanged?.();
      }
      const stale = force ? undefined : this.#stillValid(account.id, key, generation, now.getTime());
      if (stale) return issued(stale, true);
      throw errorFromDiagnosis(diagnosis, 'configuration_problem');
    }
    // msal remembers a 429/5xx and refuses the same request locally for Retry-After by the real clock.
    // Our back-off (never shorter than Retry-After) decides instead, so the client is rebuilt.
    this.#clients.delete(account.id);
    const health = this.#health.recordTransient(account.id, generation, diagnosis, parseRetryAfterMs(seen.retryAfter, now), now.getTime());
    const waitMs = (health.nextAttemptAtMs ?? now.getTime()) - now.getTime();
    this.#deps.log.warn(
      { accountId: account.id, aadsts: diagnosis.aadsts, error: diagnosis.error, failures: health.consecutiveFailures, retryInS: retryAfterSeconds(waitMs) },
      'token refresh failed, will retry',
    );
    const stale = force ? undefined : this.#stillValid(account.id, key, generation, now.getTime());
    if (stale) return issued(stale, true);
    throw errorFromDiagnosis(diagnosis, 'token_unavailable', { 'retry-after': String(retryAfterSeconds(waitMs)) });
  }

  /** While refreshing is on hold, a token that still works is served; asking for a fresh one waits. */
  async #whileBlocked(loaded: Loaded, key: string, force: boolean, blockedUntilMs: number): Promise<IssuedToken> {
    const nowMs = this.#deps.now().getTime();
    const stale = force ? undefined : this.#stillValid(loaded.account.id, key, loaded.generation, nowMs);
    if (stale) return issued(stale, true);
    if (loaded.app.configurationProblem) throw configurationProblemError(loaded.app);
    throw waitForRefreshError(this.#health.get(loaded.account.id, loaded.generation).lastFailure, blockedUntilMs - nowMs);
  }

  /** The token for exactly this scope set if Microsoft issued it within the force_refresh window. */
  #justRedeemed(loaded: Loaded, key: string, nowMs: number): CachedToken | undefined {
    const entry = this.#hot.peek(loaded.account.id, key);
    const windowMs = this.#deps.forceRefreshWindowMs ?? FORCE_REFRESH_WINDOW_MS;
    if (!entry?.redeemedAtMs || entry.generation !== loaded.generation) return undefined;
    const age = nowMs - entry.redeemedAtMs;
    if (age < 0 || age >= windowMs) return undefined;
    return this.#hot.get(loaded.account.id, key, loaded.generation, nowMs, STALE_SERVE_MARGIN_MS);
  }

  /** The exact scope set, or any cached set that covers it: Graph tokens carry every consented scope. */
  #stillValid(accountId: string, key: string, generation: string, nowMs: number): CachedToken | undefined {
    const exact = this.#hot.get(accountId, key, generation, nowMs, STALE_SERVE_MARGIN_MS);
    if (exact) return exact;
    const wanted = key.split(' ').filter(Boolean);
    const covering = this.#hot.entries().find((entry) =>
      entry.accountId === accountId && entry.generation === generation && entry.expiresAtMs - nowMs > STALE_SERVE_MARGIN_MS
      && wanted.every((scope) => entry.scopeKey.split(' ').includes(scope)));
    return covering ? this.#hot.get(accountId, covering.scopeKey, generation, nowMs, STALE_SERVE_MARGIN_MS) : undefined;
  }

  async #signInAgain(accountId: string, diagnosis: Diagnosis): Promise<AppError> {
    const error = await markNeedsSignIn(this.#deps.store, accountId, diagnosis, this.#deps.now());
    this.#hot.forgetAccount(accountId);
    this.#deps.log.warn({ accountId, aadsts: diagnosis.aadsts }, 'account needs to sign in again');
    this.#deps.onMarksChanged?.();
    return error;
  }

  #clientFor({ account, app }: Loaded): ConfidentialClientApplication {
    const cached = this.#clients.get(account.id);
    if (cached && cached.stamp === app.updatedAt) return cached.client;
    const observe = (status: number, headers: Record<string, string>) => {
      const seen = this.#observed.get(account.id);
      if (!seen) return;
      seen.status = status;
      if (headers['retry-after'] !== undefined) seen.retryAfter = headers['retry-after'];
    };
    const client = this.#deps.msal.create(app, storeCachePlugin(this.#deps.store, account.id, this.#deps.now), observe);
    this.#clients.set(account.id, { stamp: app.updatedAt, client });
    return client;
  }

  #generationOf(account: Account, app: AppRegistration): string {
    const known = this.#generations.get(account);
    if (known?.app === app) return known.generation;
    const generation = `${account.signedInAt}|${account.homeAccountId}|${app.updatedAt}`;
    this.#generations.set(account, { app, generation });
    return generation;
  }
}
