// What the UI shows about an account's refreshing: last and next refresh, the refresh token's age,
// and whether refreshing is healthy, retrying, or waiting for a person. Snake_case wire shape.
import type { RefreshHealth } from '../broker/refresh-health.js';
import type { Account, AppRegistration } from '../store/schema.js';
import type { PlannedRefresh, RefreshReason } from './refresh-policy.js';

export type RefreshState = 'ok' | 'retrying' | 'needs_sign_in' | 'configuration_problem';

export interface AccountRefreshView {
  last_refresh_at: string | null;
  next_refresh_at: string | null;
  next_refresh_reason: RefreshReason | null;
  refresh_token_issued_at: string;
  refresh_token_age_seconds: number;
  refresh: {
    state: RefreshState;
    consecutive_failures: number;
    /** When a failed refresh is tried again (back-off, Retry-After). */
    next_attempt_at: string | null;
    last_failure: { class: string; title: string; fix: string; aadsts?: number; at: string } | null;
  };
}

export interface RefreshViewInput {
  account: Account;
  app: AppRegistration | undefined;
  next: PlannedRefresh | null;
  health: RefreshHealth | undefined;
  now: Date;
}

function stateOf(input: RefreshViewInput): RefreshState {
  if (input.account.status === 'needs_sign_in') return 'needs_sign_in';
  if (input.app?.configurationProblem) return 'configuration_problem';
  return (input.health?.consecutiveFailures ?? 0) > 0 ? 'retrying' : 'ok';
}

export function accountRefreshView(input: RefreshViewInput): AccountRefreshView {
  const { account, health, next, now } = input;
  const issuedMs = Date.parse(account.refreshTokenIssuedAt);
  const failure = health?.lastFailure ?? null;
  return {
    last_refresh_at: account.lastRefreshAt,
    next_refresh_at: next ? new Date(next.atMs).toISOString() : null,
    next_refresh_reason: next?.reason ?? null,
    refresh_token_issued_at: account.refreshTokenIssuedAt,
    refresh_token_age_seconds: Number.isNaN(issuedMs) ? 0 : Math.max(0, Math.floor((now.getTime() - issuedMs) / 1000)),
    refresh: {
      state: stateOf(input),
      consecutive_failures: health?.consecutiveFailures ?? 0,
      next_attempt_at: health?.nextAttemptAtMs ? new Date(health.nextAttemptAtMs).toISOString() : null,
      last_failure: failure
        ? { class: failure.class, title: failure.title, fix: failure.fix, ...(failure.aadsts !== undefined ? { aadsts: failure.aadsts } : {}), at: new Date(failure.atMs).toISOString() }
        : null,
    },
  };
}

/** The refresh view of one account, from the live parts. */
export function refreshViewOf(
  parts: { store: { data: { appRegistrations: readonly AppRegistration[] } }; scheduler: { nextRefresh(id: string): PlannedRefresh | null }; broker: { health(id: string): RefreshHealth | undefined }; now: () => Date },
  account: Account,
): AccountRefreshView {
  return accountRefreshView({
    account,
    app: parts.store.data.appRegistrations.find((candidate) => candidate.id === account.appRegistrationId),
    next: parts.scheduler.nextRefresh(account.id),
    health: parts.broker.health(account.id),
    now: parts.now(),
  });
}
