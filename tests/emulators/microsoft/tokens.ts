// Mints what Entra hands out: authorization codes, refresh tokens, access tokens (a v1 JWT for work
// accounts, an opaque `EwB…` ticket for personal ones), unsigned id_tokens and client_info.
import { createHash, randomBytes } from 'node:crypto';
import { graphOriginOf, loginHostOf, type CloudId } from './clouds.js';
import { base64UrlJson, epochSeconds, guid, randomText } from './ids.js';
import type { User } from './model.js';

export const ACCESS_TOKEN_LIFETIME_S = 3599;
export const ID_TOKEN_LIFETIME_S = 3600;

export function mintCode(user: User): string {
  return user.personal ? `M.C533_BAY.2.U.${guid()}` : `0.A${randomText(300)}`;
}

export function mintRefreshToken(user: User): string {
  return user.personal ? `M.C533_BAY.0.U.-${randomText(300)}` : `1.A${randomText(450)}`;
}

const HINT_PREFIX = 'emulator-login-hint:';

/** Opaque to clients like Entra's, but the emulator can read it back when msal sends it as login_hint. */
export function loginHintFor(user: User): string {
  return Buffer.from(`${HINT_PREFIX}${user.username}`).toString('base64url');
}

export function usernameFromLoginHint(hint: string): string {
  const decoded = Buffer.from(hint, 'base64url').toString('utf8');
  return decoded.startsWith(HINT_PREFIX) ? decoded.slice(HINT_PREFIX.length) : hint;
}

export function clientInfo(user: User): string {
  return base64UrlJson({ uid: user.oid, utid: user.tid });
}

/** Pairwise `sub`: stable per user and app, different across apps, as Entra's is. */
function pairwiseSub(user: User, clientId: string): string {
  return createHash('sha256').update(`${user.oid}|${clientId}`).digest('base64url').slice(0, 43);
}

export interface IdTokenInput {
  user: User;
  clientId: string;
  cloud: CloudId;
  nowMs: number;
  nonce: string | undefined;
  loginHint: boolean;
}

/** An unsigned `header.payload.` JWT; msal-node parses it but never checks a signature. */
export function mintIdToken(input: IdTokenInput): string {
  const { user, nowMs } = input;
  const iat = epochSeconds(nowMs);
  const claims: Record<string, unknown> = {
    ver: '2.0',
    iss: `https://${loginHostOf(input.cloud)}/${user.tid}/v2.0`,
    sub: pairwiseSub(user, input.clientId),
    aud: input.clientId,
    exp: iat + ID_TOKEN_LIFETIME_S,
    iat,
    nbf: iat,
    name: user.name,
    preferred_username: user.username,
    oid: user.oid,
    tid: user.tid,
    aio: randomText(48),
  };
  if (input.nonce) claims.nonce = input.nonce;
  // Requested by msal's default `claims` parameter; an opaque hint Entra accepts back as login_hint.
  if (input.loginHint) claims.login_hint = loginHintFor(user);
  return `${base64UrlJson({ typ: 'JWT', alg: 'none' })}.${base64UrlJson(claims)}.`;
}

export interface AccessTokenInput {
  user: User;
  clientId: string;
  appName: string;
  cloud: CloudId;
  nowMs: number;
  scp: string;
}

/** Graph tokens are v1 JWTs for work accounts and opaque tickets for personal accounts (§0.12). */
export function mintAccessToken(input: AccessTokenInput): string {
  if (input.user.personal) return `EwB${randomBytes(700).toString('base64')}`;
  const iat = epochSeconds(input.nowMs);
  const { user } = input;
  const claims = {
    aud: graphOriginOf(input.cloud),
    iss: `https://${input.cloud === 'global' ? 'sts.windows.net' : loginHostOf(input.cloud)}/${user.tid}/`,
    iat,
    nbf: iat,
    exp: iat + ACCESS_TOKEN_LIFETIME_S,
    app_displayname: input.appName,
    appid: input.clientId,
    idtyp: 'user',
    name: user.name,
    oid: user.oid,
    scp: input.scp,
    sub: randomText(32),
    tid: user.tid,
    unique_name: user.username,
    upn: user.username,
    uti: randomText(16),
    ver: '1.0',
  };
  const header = { typ: 'JWT', alg: 'RS256', kid: 'emulator-signing-key' };
  return `${base64UrlJson(header)}.${base64UrlJson(claims)}.${randomText(256)}`;
}
