// Sign-ins across the wire: a started sign-in, a finished one, and where one stands while the panel
// polls. A failure shows as the same error body the route would have answered.
import type { SignInOutcome, SignInResult, StartedSignIn } from '../../oauth/sign-in.js';
import type { SignInResult as SignInResultView, SignInStatus, StartedSignIn as StartedSignInView } from '../contract/sign-ins.js';
import { toAccountView } from './accounts.js';
import { toCapabilityWire } from './capabilities.js';

export const toStartedSignInView = (started: StartedSignIn): StartedSignInView => ({
  state: started.state,
  method: started.method,
  authorize_url: started.authorizeUrl,
  redirect_uri: started.redirectUri,
  landing_uri: started.landingUri,
  expires_at: started.expiresAt.toISOString(),
});

export const toDifferentAccountView = (different: NonNullable<SignInResult['differentAccount']>) => ({
  expected_account_id: different.expectedAccountId,
  expected_username: different.expectedUsername,
});

export function toSignInResultView(result: SignInResult): SignInResultView {
  return {
    state: result.state,
    account: toAccountView(result.account),
    requested_scopes: result.requestedScopes,
    granted_scopes: result.grantedScopes,
    missing_scopes: result.missingScopes,
    profile_check: { ...result.profileCheck },
    capabilities: result.capabilities ? toCapabilityWire(result.capabilities) : null,
    replayed: result.replayed,
    ...(result.differentAccount ? { different_account: toDifferentAccountView(result.differentAccount) } : {}),
  };
}

export function toSignInStatusView(state: string, outcome: SignInOutcome): SignInStatus {
  const base = { state, method: outcome.entry.method };
  if (outcome.status === 'completed') return { ...base, status: 'completed', result: toSignInResultView(outcome.result) };
  if (outcome.status === 'failed') return { ...base, status: 'failed', error: outcome.error.toBody().error };
  return { ...base, status: outcome.status, expires_at: new Date(outcome.entry.expiresAt).toISOString() };
}
