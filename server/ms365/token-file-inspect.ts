// What an MS365 integration would make of a token file, read the way python-o365 reads it (§3.1,
// §4.3, §4.4): first account, first refresh token, scopes from the refresh token's target first.
// Pure: the text comes in, facts come out; no secret ever leaves this function.
import type { CloudId } from '../settings/clouds.js';
import { entriesFor, epochOf, sectionsOf, str, stripGraphPrefix, type CacheEntry } from './token-cache.js';

/** `corrupted`, `outdated`: the integrations' repair ids. `empty`: no account (setup fails too). */
export type TokenFileState = 'missing' | 'unreadable' | 'corrupted' | 'outdated' | 'empty' | 'ok';

export interface TokenFileFacts {
  state: TokenFileState;
  reason: string | null;
  username: string | null;
  homeAccountId: string | null;
  /** Client id of the refresh token: only that app (with its secret) can redeem it. */
  clientId: string | null;
  environment: string | null;
  hasRefreshToken: boolean;
  /** Permission names as the integration compares them (cloud's Graph prefix stripped); null: none in the file. */
  grantedScopes: string[] | null;
  /** When the refresh token was last written (RT `last_modification_time`, else the AT's `cached_at`). */
  refreshTokenWrittenAt: number | null;
  /** The latest refresh by anyone: the newer of the RT's write time and the AT's `cached_at`. */
  lastRefreshAt: number | null;
  accessTokenExpiresOn: number | null;
}

const NONE: Omit<TokenFileFacts, 'state' | 'reason'> = {
  username: null,
  homeAccountId: null,
  clientId: null,
  environment: null,
  hasRefreshToken: false,
  grantedScopes: null,
  refreshTokenWrittenAt: null,
  lastRefreshAt: null,
  accessTokenExpiresOn: null,
};

export function unusableFile(state: 'missing' | 'unreadable', reason: string | null = null): TokenFileFacts {
  return { ...NONE, state, reason };
}

function parse(text: string): { ok: true; json: unknown } | { ok: false } {
  // python-o365 deserialises an empty file as {} (not authenticated), not as an error (§4.3).
  if (text.trim() === '') return { ok: true, json: {} };
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const first = (entries: CacheEntry[]): CacheEntry | undefined => entries[0];
const maxOf = (...values: Array<number | null>): number | null =>
  values.reduce<number | null>((best, value) => (value !== null && (best === null || value > best) ? value : best), null);

export function inspectTokenFile(text: string, cloud: CloudId): TokenFileFacts {
  const parsed = parse(text);
  if (!parsed.ok) return { ...NONE, state: 'corrupted', reason: 'the file is not valid JSON' };
  const json = parsed.json;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ...NONE, state: 'corrupted', reason: 'the file is not a JSON object' };
  if ('access_token' in json) return { ...NONE, state: 'outdated', reason: 'the file is in the format used before python-o365 2.1' };
  const cache = sectionsOf(json);
  const account = first(Object.values(cache.Account));
  const homeAccountId = str(account, 'home_account_id') ?? null;
  if (!account || !homeAccountId) return { ...NONE, state: 'empty', reason: 'the file holds no account' };
  const rt = first(entriesFor(cache.RefreshToken, homeAccountId)) ?? first(Object.values(cache.RefreshToken));
  const at = first(entriesFor(cache.AccessToken, homeAccountId)) ?? first(Object.values(cache.AccessToken));
  const target = str(rt, 'target') || str(at, 'target');
  const rtWritten = epochOf(rt, 'last_modification_time');
  const atCached = epochOf(at, 'cached_at');
  const facts: TokenFileFacts = {
    state: 'ok',
    reason: null,
    username: str(account, 'username') ?? null,
    homeAccountId,
    clientId: str(rt, 'client_id') ?? str(at, 'client_id') ?? null,
    environment: str(account, 'environment') ?? null,
    hasRefreshToken: Boolean(str(rt, 'secret')),
    grantedScopes: target ? target.split(' ').filter(Boolean).map((scope) => stripGraphPrefix(scope, cloud)) : null,
    refreshTokenWrittenAt: rt ? (rtWritten ?? atCached) : null,
    lastRefreshAt: maxOf(rtWritten, atCached),
    accessTokenExpiresOn: epochOf(at, 'expires_on'),
  };
  if (facts.grantedScopes === null) return { ...facts, state: 'corrupted', reason: 'the file holds no permissions' };
  if (!facts.hasRefreshToken) return { ...facts, state: 'empty', reason: 'the file holds no refresh token' };
  if (str(account, 'authority_type') === undefined) return { ...facts, state: 'corrupted', reason: 'the account has no authority_type' };
  return facts;
}
