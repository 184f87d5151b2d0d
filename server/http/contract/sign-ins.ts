// Wire shapes of the sign-in routes: POST /api/sign-ins, the paste, GET /api/sign-ins/:state.
import type { RedirectMethod } from '../../../shared/redirect-methods.js';
import type { AccountView } from './accounts.js';
import type { CapabilityReportWire } from './capabilities.js';

export interface StartedSignIn {
  state: string;
  method: RedirectMethod;
  authorize_url: string;
  redirect_uri: string;
  /** The address the browser shows after signing in; instructions name this one. */
  landing_uri: string;
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
  /** True when the same address was pasted again: the first result, nothing redeemed twice. */
  replayed: boolean;
  /** Set when "sign in again" for one account came back as another (which is saved as its own account). */
  different_account?: { expected_account_id: string; expected_username: string };
}

/** What the panel polls while the user signs in in another tab (internet redirect). */
export type SignInStatus =
  | { state: string; status: 'pending' | 'expired'; method: RedirectMethod; expires_at: string }
  | { state: string; status: 'completed'; method: RedirectMethod; result: SignInResult }
  | { state: string; status: 'failed'; method: RedirectMethod; error: Record<string, unknown> };
