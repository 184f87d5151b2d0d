// Accounts across the wire: the stored account without its token cache, and its refresh health.
import type { AccountRefresh } from '../../scheduler/account-refresh.js';
import type { Account } from '../../store/schema.js';
import type { AccountRefreshView, AccountView } from '../contract/accounts.js';

const isoOrNull = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Every field by name: the token cache (`msalCache`) never reaches a view. */
export function toAccountView(account: Omit<Account, 'msalCache'>): AccountView {
  return {
    id: account.id,
    app_registration_id: account.appRegistrationId,
    username: account.username,
    display_name: account.displayName,
    tenant_id: account.tenantId,
    home_account_id: account.homeAccountId,
    cloud: account.cloud,
    status: account.status,
    status_detail: account.statusDetail,
    granted_scopes: account.grantedScopes,
    requested_scopes: account.requestedScopes,
    signed_in_at: account.signedInAt,
    last_refresh_at: account.lastRefreshAt,
    refresh_token_issued_at: account.refreshTokenIssuedAt,
  };
}

export function toAccountRefreshView(refresh: AccountRefresh): AccountRefreshView {
  const failure = refresh.lastFailure;
  return {
    last_refresh_at: refresh.lastRefreshAt,
    next_refresh_at: isoOrNull(refresh.next?.atMs ?? null),
    next_refresh_reason: refresh.next?.reason ?? null,
    refresh_token_issued_at: refresh.refreshTokenIssuedAt,
    refresh_token_age_seconds: refresh.refreshTokenAgeSeconds,
    refresh: {
      state: refresh.state,
      consecutive_failures: refresh.consecutiveFailures,
      next_attempt_at: isoOrNull(refresh.nextAttemptAtMs),
      last_failure: failure
        ? { class: failure.class, title: failure.title, fix: failure.fix, ...(failure.aadsts !== undefined ? { aadsts: failure.aadsts } : {}), at: new Date(failure.atMs).toISOString() }
        : null,
    },
  };
}
