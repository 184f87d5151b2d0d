// Scope names: what we always ask for, how to compare what Microsoft granted with what was asked.
import { AppError } from '../errors/app-error.js';
import { CLOUD_IDS, CLOUDS, type CloudId } from '../settings/clouds.js';

/** OpenID scopes msal adds by itself; they are never "missing" permissions. */
export const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
export const ALWAYS_REQUESTED = ['User.Read', 'offline_access'];

/** A bare permission name as Graph spells them: `Mail.Read`, `offline_access`. */
const PERMISSION_NAME = /^[A-Za-z][A-Za-z0-9._-]{0,99}$/;

/** `https://graph.microsoft.com/` for the global cloud: the prefix Entra reads as "Microsoft Graph". */
export function graphScopePrefix(cloud: CloudId): string {
  return `https://${CLOUDS[cloud].graphHost}/`;
}

/**
 * Whether `scope` names a Microsoft Graph permission for one of `clouds`: a bare name, or one behind
 * that cloud's Graph prefix. Anything else names another resource (Outlook's REST API, an unknown
 * host), which Entra refuses for an account that never consented to it (AADSTS65001) or does not
 * know (AADSTS500011): a consumer must not be able to send that to Microsoft in an account's name.
 */
export function isGraphPermission(scope: string, clouds: readonly CloudId[] = CLOUD_IDS): boolean {
  if (PERMISSION_NAME.test(scope)) return true;
  const lower = scope.toLowerCase();
  const prefix = clouds.map(graphScopePrefix).find((candidate) => lower.startsWith(candidate));
  return prefix !== undefined && PERMISSION_NAME.test(scope.slice(prefix.length));
}

/**
 * A scope as it may be shown back in an error: permission names are short dotted words, so a long
 * value, or a long one without a dot (a key or token pasted in the wrong place), is not echoed.
 */
export function shownScope(scope: string): string {
  const plain = /^[\x21-\x7e]+$/.test(scope) && scope.length <= 120 && (scope.length <= 24 || scope.includes('.'));
  return plain ? scope : '(a value not shown)';
}

/** `https://graph.microsoft.com/Mail.Read` and `Mail.Read` are the same permission. */
export function shortScope(scope: string): string {
  return scope.replace(/^https:\/\/[^/]+\//, '');
}

export function normalizeRequestedScopes(scopes: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const raw of [...ALWAYS_REQUESTED, ...scopes]) {
    const scope = raw.trim();
    if (!isGraphPermission(scope)) {
      throw new AppError('validation_failed', {
        field: 'scopes',
        message: `${shownScope(scope)} is not a Microsoft Graph permission: use names such as Calendars.ReadWrite or Mail.Read.`,
        fix: 'Check the spelling of the permissions against Microsoft Graph’s list of delegated permissions.',
      });
    }
    const key = shortScope(scope).toLowerCase();
    if (!seen.has(key)) seen.set(key, shortScope(scope));
  }
  return [...seen.values()];
}

/** The resource scopes asked of msal (it adds the OpenID ones itself). */
export function resourceScopes(scopes: readonly string[]): string[] {
  return scopes.filter((scope) => !OIDC_SCOPES.has(scope.toLowerCase()));
}

export function compareScopes(requested: readonly string[], granted: readonly string[]) {
  const grantedKeys = new Set(granted.map((scope) => shortScope(scope).toLowerCase()));
  const missing = requested.filter(
    (scope) => !OIDC_SCOPES.has(scope.toLowerCase()) && !grantedKeys.has(shortScope(scope).toLowerCase()),
  );
  const grantedShort = [...new Set(granted.map(shortScope))].filter((scope) => !OIDC_SCOPES.has(scope.toLowerCase()));
  return { granted: grantedShort, missing };
}
