// How an account's refreshing stands: last and next refresh, the refresh token's age, and whether
// refreshing is healthy, retrying, or waiting for a person. The HTTP edge shows it
// (server/http/views/accounts.ts).
import type { RefreshState } from '../../shared/refresh-states.js';
import type { RefreshHealth, RefreshFailure } from '../broker/refresh-health.js';
import type { Account, AppRegistration } from '../store/schema.js';
import type { PlannedRefresh } from './refresh-policy.js';

export interface AccountRefresh {
  lastRefreshAt: string | null;
  next: PlannedRefresh | null;
  refreshTokenIssuedAt: string;
  refreshTokenAgeSeconds: number;
  state: RefreshState;
  consecutiveFailures: number;
  /** When a failed refresh is tried again (back-off, Retry-After), in epoch ms. */
  nextAttemptAtMs: number | null;
  lastFailure: RefreshFailure | null;
}

export interface AccountRefreshInput {
  account: Account;
  app: AppRegistration | undefined;
  next: PlannedRefresh | null;
  health: RefreshHealth | undefined;
  now: Date;
}

function stateOf(input: AccountRefreshInput): RefreshState {
  if (input.account.status === 'needs_sign_in') return 'needs_sign_in';
  if (input.app?.configurationProblem) return 'configuration_problem';
  return (input.health?.consecutiveFailures ?? 0) > 0 ? 'retrying' : 'ok';
}

export function accountRefresh(input: AccountRefreshInput): AccountRefresh {
  const { account, health, next, now } = input;
  const issuedMs = Date.parse(account.refreshTokenIssuedAt);
  return {
    lastRefreshAt: account.lastRefreshAt,
    next,
    refreshTokenIssuedAt: account.refreshTokenIssuedAt,
    refreshTokenAgeSeconds: Number.isNaN(issuedMs) ? 0 : Math.max(0, Math.floor((now.getTime() - issuedMs) / 1000)),
    state: stateOf(input),
    consecutiveFailures: health?.consecutiveFailures ?? 0,
    nextAttemptAtMs: health?.nextAttemptAtMs || null,
    lastFailure: health?.lastFailure ?? null,
  };
}

/** The refresh state of one account, from the live parts. */
export function accountRefreshOf(
  parts: { store: { data: { appRegistrations: readonly AppRegistration[] } }; scheduler: { nextRefresh(id: string): PlannedRefresh | null }; broker: { health(id: string): RefreshHealth | undefined }; now: () => Date },
  account: Account,
): AccountRefresh {
  return accountRefresh({
    account,
    app: parts.store.data.appRegistrations.find((candidate) => candidate.id === account.appRegistrationId),
    next: parts.scheduler.nextRefresh(account.id),
    health: parts.broker.health(account.id),
    now: parts.now(),
  });
}
