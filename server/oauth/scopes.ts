// Scope names: what we always ask for, how to compare what Microsoft granted with what was asked.
import { AppError } from '../errors/app-error.js';

/** OpenID scopes msal adds by itself; they are never "missing" permissions. */
export const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
export const ALWAYS_REQUESTED = ['User.Read', 'offline_access'];

const SCOPE = /^(https:\/\/[a-z0-9.-]+\/)?[A-Za-z][A-Za-z0-9._-]{0,99}$/;

/** `https://graph.microsoft.com/Mail.Read` and `Mail.Read` are the same permission. */
export function shortScope(scope: string): string {
  return scope.replace(/^https:\/\/[^/]+\//, '');
}

export function normalizeRequestedScopes(scopes: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const raw of [...ALWAYS_REQUESTED, ...scopes]) {
    const scope = raw.trim();
    if (!SCOPE.test(scope)) {
      throw new AppError('validation_failed', {
        field: 'scopes',
        message: 'A permission name is not valid: use names such as Calendars.ReadWrite or Mail.Read.',
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
