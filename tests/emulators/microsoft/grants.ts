// The two grants msal-node uses. Each either yields what to issue or the AADSTS code Entra would
// answer with (reference §5): codes are single use, live 10 minutes, and are bound to the tenant
// path, redirect URI and PKCE challenge; refresh tokens die after 90 idle days or on revocation.
import { createHash } from 'node:crypto';
import type { ErrorOverrides } from './aad-errors.js';
import { cloudOfLoginHost } from './clouds.js';
import type { ErrorContext } from './error-catalogue.js';
import { msTimestamp } from './ids.js';
import type { IssueInput } from './issue.js';
import type { App, CodeRecord, Grant } from './model.js';
import { coveredScopes, parseScopes } from './scopes.js';
import type { EmulatorState } from './state.js';

export const CODE_LIFETIME_MS = 10 * 60 * 1000;
export const REFRESH_INACTIVITY_MS = 90 * 24 * 60 * 60 * 1000;

export type GrantOutcome =
  | { ok: true; issue: IssueInput; onSuccess: () => void }
  | { ok: false; code: number; context: ErrorContext; overrides?: ErrorOverrides };

export interface GrantRequest {
  state: EmulatorState;
  app: App;
  form: URLSearchParams;
  tenant: string;
  forwardedHost: string | undefined;
}

const reject = (code: number, context: ErrorContext = {}, overrides?: ErrorOverrides): GrantOutcome =>
  ({ ok: false, code, context, ...(overrides ? { overrides } : {}) });

export function redeemCode(r: GrantRequest): GrantOutcome {
  const code = r.form.get('code');
  if (!code) return reject(900144, { param: 'code' });
  const record = r.state.codes.get(code);
  if (!record || record.params.clientId !== r.app.clientId) return reject(70000, { param: 'code' });
  if (record.params.tenant.toLowerCase() !== r.tenant.toLowerCase()) return reject(700005);
  if (record.redeemed) return reject(54005);
  if (r.state.now() - record.issuedAt > CODE_LIFETIME_MS) return reject(70008);
  const redirectUri = r.form.get('redirect_uri');
  if (!redirectUri) return reject(900144, { param: 'redirect_uri' });
  if (redirectUri !== record.params.redirectUri) return reject(70000, { param: 'redirect_uri' });
  const pkce = checkPkce(record, r.form.get('code_verifier'));
  if (pkce) return pkce;
  return issueFor(r, record.grant, { nonce: record.params.nonce, loginHintClaim: record.params.wantsLoginHintClaim }, () => {
    record.redeemed = true;
  });
}

function checkPkce(record: CodeRecord, verifier: string | null): GrantOutcome | undefined {
  const { codeChallenge, codeChallengeMethod } = record.params;
  if (!codeChallenge) return undefined;
  if (!verifier) return reject(900144, { param: 'code_verifier' });
  const computed = codeChallengeMethod === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return computed === codeChallenge ? undefined : reject(501481);
}

export function redeemRefreshToken(r: GrantRequest): GrantOutcome {
  const token = r.form.get('refresh_token');
  if (!token) return reject(900144, { param: 'refresh_token' });
  const record = r.state.refreshTokens.get(token);
  if (!record) return reject(9002313, {}, { error: 'invalid_grant' });
  if (record.grant.clientId !== r.app.clientId) return reject(70000, { param: 'refresh_token' });
  const issuedAt = msTimestamp(record.issuedAt);
  if (r.state.isRevoked(record)) return reject(50173, { issuedAt });
  if (r.state.now() - record.lastUsedAt > REFRESH_INACTIVITY_MS) return reject(700082, { issuedAt });
  // The old token stays valid after rotation, as Entra's do for confidential clients (reference §6).
  return issueFor(r, record.grant, { nonce: undefined, loginHintClaim: false }, () => {
    record.lastUsedAt = r.state.now();
  });
}

function issueFor(
  r: GrantRequest,
  grant: Grant,
  extra: { nonce: string | undefined; loginHintClaim: boolean },
  onSuccess: () => void,
): GrantOutcome {
  const user = r.state.findUser(grant.username);
  if (!user) return reject(70000, { param: r.form.get('grant_type') === 'refresh_token' ? 'refresh_token' : 'code' });
  const requested = parseScopes(r.form.get('scope'), r.app);
  const asked = requested.graph.length > 0 ? requested.graph : parseScopes(grant.granted.join(' '), r.app).graph;
  const { granted, missing } = coveredScopes(asked, grant);
  // A code or refresh token asked for a permission the user never consented (or consent was taken
  // back): Entra answers 400 invalid_grant, AADSTS65001, suberror consent_required, on a refresh too.
  // Sources: the shared reference (entra-identity-platform.md, AADSTS table); Microsoft's error code
  // reference (learn.microsoft.com/entra/identity-platform/reference-error-codes); a refresh refused
  // this way quoted on Microsoft Q&A ("Rest API flow Authentication on management.azure.com scope").
  if (missing.length > 0) return reject(65001, { clientId: r.app.clientId, appName: r.app.displayName });
  const oidc = requested.oidc.length > 0 || r.form.has('scope') ? requested.oidc : grant.oidc;
  const cloud = cloudOfLoginHost(r.forwardedHost) ?? grant.cloud;
  const issue: IssueInput = { app: r.app, user, grant, granted, oidc, cloud, ...extra, clientInfo: r.form.get('client_info') === '1' };
  return { ok: true, issue, onSuccess };
}
