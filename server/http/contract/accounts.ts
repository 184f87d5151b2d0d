// Wire shapes of the signed-in accounts: GET /api/accounts (with refresh health) and the account a
// finished sign-in returns. Never the token cache.
import type { RefreshReason, RefreshState } from '../../../shared/refresh-states.js';
import type { ConfigurationProblemView } from './problem.js';

export type { RefreshReason, RefreshState };

export interface AccountView {
  id: string;
  app_registration_id: string;
  username: string;
  display_name: string | null;
  tenant_id: string;
  home_account_id: string;
  cloud: string;
  status: string;
  /** Why the account must sign in again, when it must. */
  status_detail: ConfigurationProblemView | null;
  granted_scopes: string[];
  requested_scopes: string[];
  signed_in_at: string;
  last_refresh_at: string | null;
  refresh_token_issued_at: string;
}

/** Last and next refresh, the refresh token's age, and whether refreshing is healthy. */
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

/** An account in GET /api/accounts: the account with its refresh health. */
export type AccountWithRefreshView = AccountView & AccountRefreshView;
