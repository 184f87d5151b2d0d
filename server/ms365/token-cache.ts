// The MSAL "unified schema" token cache as JSON (ms365-integrations.md §4.2, entra §1.8): the five
// sections both MSAL for Python and msal-node write, and small readers shared by the converters.
import { CLOUDS, type CloudId } from '../settings/clouds.js';

// MSAL for Python's order (the order its cache first receives each kind); python-o365 keeps it on disk.
export const SECTIONS = ['AccessToken', 'Account', 'IdToken', 'RefreshToken', 'AppMetadata'] as const;
export type SectionName = (typeof SECTIONS)[number];
export type CacheEntry = Record<string, unknown>;
export type CacheJson = Record<SectionName, Record<string, CacheEntry>>;

/** OpenID scopes stay bare in `target`; everything else is a resource permission. */
export const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

export function emptyCache(): CacheJson {
  return { AccessToken: {}, Account: {}, IdToken: {}, RefreshToken: {}, AppMetadata: {} };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The five sections of a parsed cache, each an object of objects; anything else is dropped. */
export function sectionsOf(json: unknown): CacheJson {
  const cache = emptyCache();
  if (!isRecord(json)) return cache;
  for (const name of SECTIONS) {
    const section = json[name];
    if (!isRecord(section)) continue;
    for (const [key, entry] of Object.entries(section)) if (isRecord(entry)) cache[name][key] = entry;
  }
  return cache;
}

export const str = (entry: CacheEntry | undefined, field: string): string | undefined => {
  const value = entry?.[field];
  return typeof value === 'string' ? value : undefined;
};

/** Epoch seconds from a cache timestamp (a string by the schema; a number from sloppy writers). */
export function epochOf(entry: CacheEntry | undefined, field: string): number | null {
  const value = entry?.[field];
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : null;
}

const sameId = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase() === b.toLowerCase();

export function entriesFor(section: Record<string, CacheEntry>, homeAccountId: string, clientId?: string): CacheEntry[] {
  return Object.values(section).filter(
    (entry) => sameId(str(entry, 'home_account_id'), homeAccountId) && (clientId === undefined || sameId(str(entry, 'client_id'), clientId)),
  );
}

/** Scope names without the cloud's Graph prefix (what the integrations compare, §2.3). */
export function stripGraphPrefix(scope: string, cloud: CloudId): string {
  const prefix = `https://${CLOUDS[cloud].graphHost}/`;
  return scope.startsWith(prefix) ? scope.slice(prefix.length) : scope;
}

/**
 * A `target` as MSAL for Python stores it for these integrations: Graph permissions prefixed with
 * the cloud's Graph host (they are requested that way, §3.2), OpenID scopes bare, sorted in
 * code-point order like Python's sorted(), no duplicates.
 */
export function integrationTarget(scopes: Iterable<string>, cloud: CloudId): string {
  const byKey = new Map<string, string>();
  for (const raw of scopes) {
    const scope = raw.trim();
    if (scope === '') continue;
    const lower = scope.toLowerCase();
    const value = OIDC_SCOPES.has(lower) ? lower : scope.includes('/') ? scope : `https://${CLOUDS[cloud].graphHost}/${scope}`;
    if (!byKey.has(value.toLowerCase())) byKey.set(value.toLowerCase(), value);
  }
  return [...byKey.values()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(' ');
}

/** The `uid` and `utid` a home account id is made of (`<oid>.<tid>`). */
export function splitHomeAccountId(homeAccountId: string): { uid: string; utid: string } {
  const [uid = '', utid = ''] = homeAccountId.split('.');
  return { uid, utid };
}

/** Claims of an unsigned read of a JWT's payload; {} when it is not one. Nothing is verified here. */
export function jwtClaims(token: string | undefined): Record<string, unknown> {
  const payload = token?.split('.')[1];
  if (!payload) return {};
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return isRecord(claims) ? claims : {};
  } catch {
    return {};
  }
}
