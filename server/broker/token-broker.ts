// The only code that asks msal-node for tokens on behalf of stored accounts. One request in flight
// per account and scope set; failures are classified so a dead grant stops being retried.
import type { AuthenticationResult, ConfidentialClientApplication, ICachePlugin } from '@azure/msal-node';
import { findAccount } from '../accounts/accounts.js';
import { AppError } from '../errors/app-error.js';
import { errorFromDiagnosis } from '../errors/diagnosis-error.js';
import { diagnoseMsalError, type Diagnosis } from '../errors/diagnosis.js';
import type { Logger } from '../log.js';
import type { MsalFactory } from '../oauth/msal-factory.js';
import { resourceScopes, shortScope } from '../oauth/scopes.js';
import { findAppRegistration } from '../registrations/app-registrations.js';
import type { Store } from '../store/store.js';

export interface IssuedToken {
  accessToken: string;
  expiresOn: Date;
  scopes: string[];
  fromCache: boolean;
}

export interface TokenBrokerDeps {
  store: Store;
  msal: MsalFactory;
  log: Logger;
  now: () => Date;
}

const TRANSIENT_RETRY_AFTER_S = 30;

export class TokenBroker {
  readonly #deps: TokenBrokerDeps;
  readonly #inFlight = new Map<string, Promise<IssuedToken>>();
  readonly #clients = new Map<string, { stamp: string; client: ConfidentialClientApplication }>();

  constructor(deps: TokenBrokerDeps) {
    this.#deps = deps;
  }

  /** Concurrent callers for the same account and scopes share one msal call and its result. */
  getToken(accountId: string, scopes: string[], options: { forceRefresh?: boolean } = {}): Promise<IssuedToken> {
    const key = `${accountId}\n${[...scopes].map((s) => s.toLowerCase()).sort().join(' ')}\n${options.forceRefresh ? 1 : 0}`;
    const running = this.#inFlight.get(key);
    if (running) return running;
    const request = this.#acquire(accountId, scopes, options.forceRefresh ?? false).finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, request);
    return request;
  }

  async #acquire(accountId: string, scopes: string[], forceRefresh: boolean): Promise<IssuedToken> {
    const account = findAccount(this.#deps.store, accountId);
    if (account.status === 'needs_sign_in') {
      throw new AppError('needs_sign_in', {
        ...(account.statusDetail ? { message: account.statusDetail.title, fix: account.statusDetail.fix } : {}),
        ...(account.statusDetail?.aadsts !== undefined ? { aadsts: account.statusDetail.aadsts } : {}),
      });
    }
    const client = this.#clientFor(accountId);
    const msalAccount = await client.getTokenCache().getAccountByHomeId(account.homeAccountId);
    if (!msalAccount) throw await this.#markNeedsSignIn(accountId, diagnoseMsalError({ errorCode: 'no_tokens_found' }));
    let result: AuthenticationResult;
    try {
      result = await client.acquireTokenSilent({ account: msalAccount, scopes: resourceScopes(scopes), forceRefresh });
    } catch (error) {
      throw await this.#classify(accountId, diagnoseMsalError(error));
    }
    return {
      accessToken: result.accessToken,
      expiresOn: result.expiresOn ?? new Date(this.#deps.now().getTime() + 3_600_000),
      scopes: result.scopes.map(shortScope),
      fromCache: result.fromCache,
    };
  }

  #clientFor(accountId: string): ConfidentialClientApplication {
    const account = findAccount(this.#deps.store, accountId);
    const app = findAppRegistration(this.#deps.store, account.appRegistrationId);
    const cached = this.#clients.get(accountId);
    if (cached && cached.stamp === app.updatedAt) return cached.client;
    const client = this.#deps.msal.create(app, this.#cachePlugin(accountId));
    this.#clients.set(accountId, { stamp: app.updatedAt, client });
    return client;
  }

  /** The account's msal cache lives in the store; a changed cache is saved before the token is returned. */
  #cachePlugin(accountId: string): ICachePlugin {
    return {
      beforeCacheAccess: async (context) => {
        const account = this.#deps.store.data.accounts.find((candidate) => candidate.id === accountId);
        if (account) context.tokenCache.deserialize(account.msalCache);
      },
      afterCacheAccess: async (context) => {
        if (!context.cacheHasChanged) return;
        const serialized = context.tokenCache.serialize();
        const stamp = this.#deps.now().toISOString();
        await this.#deps.store.update((draft) => {
          const account = draft.accounts.find((candidate) => candidate.id === accountId);
          if (!account) return;
          account.msalCache = serialized;
          account.lastRefreshAt = stamp;
          account.refreshTokenIssuedAt = stamp;
        });
      },
    };
  }

  async #classify(accountId: string, diagnosis: Diagnosis): Promise<AppError> {
    if (diagnosis.class === 'sign_in_again') return this.#markNeedsSignIn(accountId, diagnosis);
    if (diagnosis.class === 'configuration') {
      await this.#markConfigurationProblem(accountId, diagnosis);
      return errorFromDiagnosis(diagnosis, 'configuration_problem');
    }
    this.#deps.log.warn({ accountId, aadsts: diagnosis.aadsts, error: diagnosis.error }, 'token refresh failed, will retry');
    return errorFromDiagnosis(diagnosis, 'token_unavailable', { 'retry-after': String(TRANSIENT_RETRY_AFTER_S) });
  }

  async #markNeedsSignIn(accountId: string, diagnosis: Diagnosis): Promise<AppError> {
    const since = this.#deps.now().toISOString();
    await this.#deps.store.update((draft) => {
      const account = draft.accounts.find((candidate) => candidate.id === accountId);
      if (!account) return;
      account.status = 'needs_sign_in';
      account.statusDetail = { code: 'needs_sign_in', title: diagnosis.title, fix: diagnosis.fix, since, ...aadstsOf(diagnosis) };
    });
    this.#deps.log.warn({ accountId, aadsts: diagnosis.aadsts }, 'account needs to sign in again');
    return errorFromDiagnosis(diagnosis, 'needs_sign_in');
  }

  async #markConfigurationProblem(accountId: string, diagnosis: Diagnosis): Promise<void> {
    const account = findAccount(this.#deps.store, accountId);
    const since = this.#deps.now().toISOString();
    await this.#deps.store.update((draft) => {
      const app = draft.appRegistrations.find((candidate) => candidate.id === account.appRegistrationId);
      if (app) app.configurationProblem = { code: 'configuration_problem', title: diagnosis.title, fix: diagnosis.fix, since, ...aadstsOf(diagnosis) };
    });
    this.#deps.log.warn({ appRegistrationId: account.appRegistrationId, aadsts: diagnosis.aadsts }, 'app registration refused');
  }
}

const aadstsOf = (diagnosis: Diagnosis): { aadsts?: number } =>
  diagnosis.aadsts !== undefined ? { aadsts: diagnosis.aadsts } : {};
