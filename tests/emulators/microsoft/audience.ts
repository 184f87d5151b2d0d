// Which accounts may use which app through which tenant path (reference §2.1 and §5). Returns the
// AADSTS code Entra would show, or undefined when the combination is allowed.
import type { ErrorContext } from './error-catalogue.js';
import { GUID_PATTERN } from './ids.js';
import type { App, User } from './model.js';
import { CONSUMER_TENANT_ID, type EmulatorState } from './state.js';

export type TenantPath =
  | { kind: 'common' | 'organizations' | 'consumers'; segment: string }
  | { kind: 'tenant'; segment: string; tid: string };

/** Resolves the `{tenant}` path segment; undefined when no such tenant exists (AADSTS90002). */
export function resolveTenant(state: EmulatorState, segment: string): TenantPath | undefined {
  const lower = segment.toLowerCase();
  if (lower === 'common' || lower === 'organizations' || lower === 'consumers') return { kind: lower, segment };
  if (lower === CONSUMER_TENANT_ID) return { kind: 'consumers', segment };
  const users = [...state.users.values()];
  if (GUID_PATTERN.test(lower)) {
    const known = users.some((u) => u.tid === lower) || [...state.apps.values()].some((a) => a.tenantId === lower);
    return known ? { kind: 'tenant', segment, tid: lower } : undefined;
  }
  const owner = users.find((u) => !u.personal && u.username.toLowerCase().endsWith(`@${lower}`));
  return owner ? { kind: 'tenant', segment, tid: owner.tid } : undefined;
}

/** Errors Entra decides from the URL alone, before anyone signs in. */
export function pathAudienceError(app: App, tenant: TenantPath): number | undefined {
  switch (app.signInAudience) {
    case 'personal':
      return tenant.kind === 'consumers' ? undefined : 9002331;
    case 'single':
      if (tenant.kind === 'consumers') return 9002332;
      if (tenant.kind !== 'tenant') return 50194;
      return tenant.tid === app.tenantId ? undefined : 700016;
    case 'multi':
      return tenant.kind === 'consumers' ? 9002332 : undefined;
    default:
      return undefined;
  }
}

/** Errors that depend on the account the user picked. */
export function userAudienceError(app: App, tenant: TenantPath, user: User): number | undefined {
  if (user.personal) {
    if (tenant.kind === 'consumers') return undefined;
    if (tenant.kind === 'tenant') return 50020;
    if (app.signInAudience === 'multi') return 500200;
    return tenant.kind === 'organizations' ? 500208 : undefined;
  }
  if (tenant.kind === 'consumers') return 500208;
  if (tenant.kind === 'tenant' && tenant.tid !== user.tid) return 50020;
  return undefined;
}

/** What audience error messages quote: the app, the tenant path and the account with its provider. */
export function audienceContext(app: App, tenant: string, user?: User): ErrorContext {
  const identityProvider = user?.personal ? 'live.com' : user ? `https://sts.windows.net/${user.tid}/` : undefined;
  return { clientId: app.clientId, appName: app.displayName, tenant, username: user?.username, identityProvider };
}
