// Access tokens in memory, keyed by account and scope set, so a request for a token that is still
// good never reaches msal-node, its cache plugin or the store. Never persisted, never logged.

/** msal-node renews 300 s before expiry; serving inside that window would hand out tokens msal would not. */
export const RENEWAL_MARGIN_MS = 300_000;
/** While Microsoft is unreachable a token is still served until this close to its expiry. */
export const STALE_SERVE_MARGIN_MS = 30_000;
/** Scope sets are chosen by consumers; the map is bounded so a consumer cannot grow it without end. */
export const MAX_ENTRIES = 512;

export interface CachedToken {
  accountId: string;
  /** Normalised scope set as requested (see scopeKey). */
  scopeKey: string;
  requestedScopes: string[];
  accessToken: string;
  expiresAtMs: number;
  /** Short names of what the token carries (Microsoft's answer, not the request). */
  scopes: string[];
  /** Changes when the account signs in again or its app registration changes: older tokens are void. */
  generation: string;
  obtainedAtMs: number;
  /** When Microsoft last issued this token by redeeming the refresh token (not from msal's cache). */
  redeemedAtMs: number | null;
  /** Last time a consumer got this token; background refreshes keep the old value. */
  lastUsedAtMs: number;
}

// Consumers ask with the same few spellings over and over; normalising them is on the hot path.
const scopeKeys = new Map<string, string>();
const MAX_SCOPE_KEYS = 1024;
/** Frozen lists (the consumer API's remembered questions) are normalised once. */
const frozenScopeKeys = new WeakMap<readonly string[], string>();

/** Case-insensitive, order-independent, duplicate-free: `Mail.Read User.Read` = `user.read mail.read`. */
export function scopeKey(scopes: readonly string[]): string {
  const frozen = frozenScopeKeys.get(scopes);
  if (frozen !== undefined) return frozen;
  const key = spelledScopeKey(scopes);
  if (Object.isFrozen(scopes)) frozenScopeKeys.set(scopes, key);
  return key;
}

function spelledScopeKey(scopes: readonly string[]): string {
  const spelled = scopes.join('\n');
  const known = scopeKeys.get(spelled);
  if (known !== undefined) return known;
  const key = [...new Set(scopes.map((scope) => scope.replace(/^https:\/\/[^/]+\//, '').toLowerCase()))].sort().join(' ');
  if (scopeKeys.size >= MAX_SCOPE_KEYS) scopeKeys.clear();
  scopeKeys.set(spelled, key);
  return key;
}

export class HotTokenCache {
  readonly #entries = new Map<string, CachedToken>();

  static keyOf(accountId: string, key: string): string {
    return `${accountId}\n${key}`;
  }

  /** A token that is good for longer than `marginMs` and belongs to the current generation. */
  get(accountId: string, key: string, generation: string, nowMs: number, marginMs: number): CachedToken | undefined {
    const entry = this.#entries.get(HotTokenCache.keyOf(accountId, key));
    if (!entry || entry.generation !== generation || entry.expiresAtMs - nowMs <= marginMs) return undefined;
    entry.lastUsedAtMs = nowMs;
    return entry;
  }

  /** The entry as it is, valid or not, without counting a use. */
  peek(accountId: string, key: string): CachedToken | undefined {
    return this.#entries.get(HotTokenCache.keyOf(accountId, key));
  }

  set(entry: CachedToken): void {
    const key = HotTokenCache.keyOf(entry.accountId, entry.scopeKey);
    this.#entries.delete(key); // re-insert: Map order is then least recently stored first
    this.#entries.set(key, entry);
    while (this.#entries.size > MAX_ENTRIES) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  /** Copies without the token itself, for the scheduler and the UI. */
  entries(): Array<Omit<CachedToken, 'accessToken'>> {
    return [...this.#entries.values()].map(({ accessToken: _token, ...rest }) => ({ ...rest }));
  }

  forgetAccount(accountId: string): void {
    for (const [key, entry] of this.#entries) if (entry.accountId === accountId) this.#entries.delete(key);
  }
}
