// Pure: when each account should next be refreshed, and why. Tokens consumers use are renewed
// before they expire; every account is refreshed at least once a week so Microsoft's 90-day
// inactivity window (AADSTS700082) never runs out. Returns reasons, like Nango's shouldRefresh.
import { createHash } from 'node:crypto';
import type { RefreshReason } from '../../shared/refresh-states.js';
import { OIDC_SCOPES } from '../oauth/scopes.js';
import type { Account } from '../store/schema.js';

/** In-use tokens are renewed this long before they expire, so no consumer waits for Microsoft. */
export const PROACTIVE_MARGIN_MS = 10 * 60_000;
/** A scope set counts as in use if a consumer got its token this recently. */
export const IN_USE_WINDOW_MS = 3 * 60 * 60_000;
/** Every account is refreshed at least this often... */
export const KEEP_ALIVE_INTERVAL_MS = 7 * 24 * 60 * 60_000;
/** ...minus up to this much, spread per account so all accounts do not refresh in the same minute. */
export const KEEP_ALIVE_JITTER_MS = 24 * 60 * 60_000;

export type { RefreshReason };

export interface PlannedRefresh {
  accountId: string;
  scopes: string[];
  atMs: number;
  reason: RefreshReason;
}

export interface TokenUse {
  scopes: string[];
  obtainedAtMs: number;
  expiresAtMs: number;
  lastUsedAtMs: number;
}

/** A stable fraction in [0, 1) per account and refresh, so the next keep-alive does not move on every look. */
export function jitterFraction(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

export function keepAliveAtMs(account: Account): number {
  const last = Date.parse(account.lastRefreshAt ?? account.signedInAt);
  const base = Number.isNaN(last) ? 0 : last;
  return base + KEEP_ALIVE_INTERVAL_MS - Math.floor(jitterFraction(`${account.id}|${base}`) * KEEP_ALIVE_JITTER_MS);
}

/** What a keep-alive asks for: the account's own resource scopes (a refresh needs at least one). */
export function keepAliveScopes(account: Account): string[] {
  const scopes = account.grantedScopes.filter((scope) => !OIDC_SCOPES.has(scope.toLowerCase()));
  return scopes.length > 0 ? scopes : ['User.Read'];
}

/** Halfway through a short-lived token at the earliest, so a 3-minute token is not renewed every tick. */
export function expiringAtMs(use: TokenUse): number {
  const lifetime = Math.max(0, use.expiresAtMs - use.obtainedAtMs);
  return Math.max(use.expiresAtMs - PROACTIVE_MARGIN_MS, use.obtainedAtMs + lifetime / 2);
}

/**
 * Every refresh planned for one account, earliest first. None for an account that needs signing in;
 * none before `holdUntilMs` (back-off or Retry-After after a failure).
 */
export function planAccount(account: Account, uses: readonly TokenUse[], nowMs: number, holdUntilMs?: number): PlannedRefresh[] {
  if (account.status === 'needs_sign_in') return [];
  const hold = holdUntilMs ?? 0;
  const plans: PlannedRefresh[] = uses
    .filter((use) => nowMs - use.lastUsedAtMs <= IN_USE_WINDOW_MS)
    .map((use) => ({ accountId: account.id, scopes: use.scopes, atMs: Math.max(expiringAtMs(use), hold), reason: 'expiring' }));
  plans.push({ accountId: account.id, scopes: keepAliveScopes(account), atMs: Math.max(keepAliveAtMs(account), hold), reason: 'keep_alive' });
  return plans.sort((a, b) => a.atMs - b.atMs);
}
