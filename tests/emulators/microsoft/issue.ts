// Builds a successful token response (reference §3.2, §4.5) and records the tokens it contains so
// later refreshes and Graph calls can be checked against them.
import type { CloudId } from './clouds.js';
import type { App, Grant, User } from './model.js';
import { responseScopes, scpClaim } from './scopes.js';
import type { EmulatorState } from './state.js';
import { clientInfo, mintAccessToken, mintIdToken, mintRefreshToken } from './tokens.js';

export interface IssueInput {
  app: App;
  user: User;
  grant: Grant;
  /** Graph scopes granted to this access token, spelled as requested. */
  granted: string[];
  /** OIDC scopes of this request. */
  oidc: string[];
  cloud: CloudId;
  nonce: string | undefined;
  loginHintClaim: boolean;
  clientInfo: boolean;
}

export function issueTokens(state: EmulatorState, input: IssueInput): Record<string, unknown> {
  const { app, user } = input;
  const nowMs = state.now();
  const scope = responseScopes(input.oidc, input.granted, user.personal);
  const scp = scpClaim(scope);
  const accessToken = mintAccessToken({ user, clientId: app.clientId, appName: app.displayName, cloud: input.cloud, nowMs, scp });
  state.accessTokens.set(accessToken, {
    username: user.username,
    clientId: app.clientId,
    scopes: scp.toLowerCase().split(' ').filter(Boolean),
    expiresAt: nowMs + state.accessTokenLifetimeS * 1000,
    cloud: input.cloud,
  });
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: scope.join(' '),
    expires_in: state.accessTokenLifetimeS,
    ext_expires_in: state.accessTokenExtendedLifetimeS ?? state.accessTokenLifetimeS,
    access_token: accessToken,
  };
  if (input.oidc.includes('offline_access')) body.refresh_token = issueRefreshToken(state, user, input.grant);
  if (input.oidc.includes('openid')) {
    body.id_token = mintIdToken({ user, clientId: app.clientId, cloud: input.cloud, nowMs, nonce: input.nonce, loginHint: input.loginHintClaim });
  }
  if (input.clientInfo) body.client_info = clientInfo(user);
  return body;
}

function issueRefreshToken(state: EmulatorState, user: User, grant: Grant): string {
  const token = mintRefreshToken(user);
  const now = state.now();
  state.refreshTokens.set(token, { token, grant, issuedAt: now, lastUsedAt: now, seq: state.nextSeq() });
  return token;
}
