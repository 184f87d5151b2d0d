// Turns one account of an msal-node token cache into the file an MS365 integration reads, in MSAL
// for Python's own shape (§4.2, §4.7): its keys, snake_case fields, `authority_type` MSSTS,
// `environment` the cloud's login host (not msal-node's login.windows.net alias), `realm` the
// entry's authority tenant (not the user's tid), epoch-second strings, Graph-prefixed `target`.
// One account, one refresh token, one access token: python-o365 takes the first of each.
import { AppError } from '../errors/app-error.js';
import { CLOUDS, type CloudId } from '../settings/clouds.js';
import { MSAL_NODE_CACHE_ENVIRONMENT } from './token-cache-import.js';
import { emptyCache, entriesFor, epochOf, integrationTarget, sectionsOf, str, type CacheEntry, type CacheJson } from './token-cache.js';

export interface ExportInput {
  /** msal-node's serialized cache (TokenCache.serialize()). */
  nodeCache: string;
  homeAccountId: string;
  clientId: string;
  cloud: CloudId;
  /** The entry's authority tenant: `common` or its `tenant_id` (helpers/utils.get_tenant_id). */
  realm: string;
  /** When the refresh token in the cache was issued, epoch seconds. */
  refreshTokenIssuedAt: number;
  /** Scopes to record when the cache holds no access token to take them from. */
  fallbackScopes: string[];
  /** MSAL for Python writes it for interactive grants; kept from the previous file otherwise. */
  accountSource?: string | undefined;
}

const s = (value: number): string => String(Math.trunc(value));

/** MSAL for Python's key recipes (msal/token_cache.py key_makers), lower-cased as it does. */
export const pythonKeys = {
  account: (home: string, env: string, realm: string) => [home, env, realm].join('-').toLowerCase(),
  accessToken: (home: string, env: string, client: string, realm: string, target: string) =>
    [home, env, 'AccessToken', client, realm, target].join('-').toLowerCase(),
  refreshToken: (home: string, env: string, client: string, target: string) => [home, env, 'RefreshToken', client, '', target].join('-').toLowerCase(),
  idToken: (home: string, env: string, client: string, realm: string) => [home, env, 'IdToken', client, realm, ''].join('-').toLowerCase(),
  appMetadata: (env: string, client: string) => `appmetadata-${env}-${client}`,
};

function newest(entries: CacheEntry[], field: string): CacheEntry | undefined {
  return [...entries].sort((a, b) => (epochOf(b, field) ?? 0) - (epochOf(a, field) ?? 0))[0];
}

export function exportForIntegration(input: ExportInput): CacheJson {
  const source = sectionsOf(JSON.parse(input.nodeCache));
  const home = input.homeAccountId;
  const client = input.clientId.toLowerCase();
  const account = entriesFor(source.Account, home)[0];
  // After an import and a refresh msal-node overwrote the imported refresh token under its own key;
  // should an older one survive under another host alias, msal-node's own entry is the newest.
  const nodeEnv = MSAL_NODE_CACHE_ENVIRONMENT[input.cloud];
  const rt = [...entriesFor(source.RefreshToken, home, client)].sort((a, b) => Number(str(b, 'environment') === nodeEnv) - Number(str(a, 'environment') === nodeEnv))[0];
  if (!account || !rt || !str(rt, 'secret')) {
    throw new AppError('ms365_token_file_unusable', { message: 'The add-on holds no refresh token for this account, so there is nothing to write.' });
  }
  const at = newest(entriesFor(source.AccessToken, home, client), 'expires_on');
  const idToken = entriesFor(source.IdToken, home, client)[0];
  const env = CLOUDS[input.cloud].loginHost;
  const realm = input.realm;
  const target = integrationTarget((str(at, 'target') ?? str(rt, 'target') ?? input.fallbackScopes.join(' ')).split(/\s+/), input.cloud);
  const out = emptyCache();
  if (at && str(at, 'secret')) {
    const cachedAt = epochOf(at, 'cached_at') ?? input.refreshTokenIssuedAt;
    const expiresOn = epochOf(at, 'expires_on') ?? cachedAt;
    const entry: CacheEntry = {
      credential_type: 'AccessToken',
      secret: str(at, 'secret'),
      home_account_id: home,
      environment: env,
      client_id: client,
      target,
      realm,
      token_type: 'Bearer',
      cached_at: s(cachedAt),
      expires_on: s(expiresOn),
      extended_expires_on: s(pythonExtendedExpiry(at, cachedAt, expiresOn)),
    };
    const refreshOn = epochOf(at, 'refresh_on');
    if (refreshOn !== null) entry.refresh_on = s(refreshOn);
    out.AccessToken[pythonKeys.accessToken(home, env, client, realm, target)] = entry;
  }
  out.Account[pythonKeys.account(home, env, realm)] = {
    home_account_id: home,
    environment: env,
    realm,
    local_account_id: str(account, 'local_account_id') ?? home.split('.')[0] ?? '',
    username: str(account, 'username') ?? '',
    authority_type: 'MSSTS',
    ...(input.accountSource ? { account_source: input.accountSource } : {}),
  };
  if (idToken && str(idToken, 'secret')) {
    out.IdToken[pythonKeys.idToken(home, env, client, realm)] = {
      credential_type: 'IdToken',
      secret: str(idToken, 'secret'),
      home_account_id: home,
      environment: env,
      realm,
      client_id: client,
    };
  }
  const familyId = str(rt, 'family_id');
  out.RefreshToken[pythonKeys.refreshToken(home, env, client, target)] = {
    credential_type: 'RefreshToken',
    secret: str(rt, 'secret'),
    home_account_id: home,
    environment: env,
    client_id: client,
    target,
    last_modification_time: s(input.refreshTokenIssuedAt),
    ...(familyId ? { family_id: familyId } : {}),
  };
  out.AppMetadata[pythonKeys.appMetadata(env, client)] = { client_id: client, environment: env, ...(familyId ? { family_id: familyId } : {}) };
  return out;
}

/**
 * The file's text as python-o365 writes it: `json.dumps(cache, indent=4)`, whose default
 * ensure_ascii escapes every non-ASCII character (a display name with an accent, say).
 */
export function serializeForIntegration(cache: CacheJson): string {
  return JSON.stringify(cache, null, 4).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * MSAL for Python writes `extended_expires_on` as now + ext_expires_in (token_cache.py, add()), where
 * msal-node writes expires_on + ext_expires_in (msal-common ResponseHandler). ext_expires_in is what
 * msal-node's pair tells apart; without it Python's default is ext_expires_in = expires_in.
 */
function pythonExtendedExpiry(at: CacheEntry, cachedAt: number, expiresOn: number): number {
  const extended = epochOf(at, 'extended_expires_on');
  if (extended === null) return expiresOn;
  const extExpiresIn = Math.max(0, extended - expiresOn);
  return cachedAt + extExpiresIn;
}
