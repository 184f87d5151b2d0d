// Turns an integration's token file (written by MSAL for Python, or by us) into the msal-node cache
// of one account, so the token broker can refresh it. msal-node looks entries up by its own keys and
// its own cache alias (login.windows.net for the global cloud), and a refresh overwrites the entry
// under that key; entries kept in Python's shape would survive beside the new ones and leave two
// refresh tokens. The access token is left behind on purpose: its realm (`common`) never matches
// msal-node's (the tid), and the import is always followed by a forced refresh.
import { AppError } from '../errors/app-error.js';
import type { CloudId } from '../settings/clouds.js';
import { emptyCache, entriesFor, jwtClaims, sectionsOf, splitHomeAccountId, str, type CacheJson } from './token-cache.js';

/**
 * msal-node's `preferred_cache` host per cloud: the environment it writes into its cache (its
 * hard-coded instance metadata; entra §1.8, §2.2). A test signs in to each cloud and checks it.
 */
export const MSAL_NODE_CACHE_ENVIRONMENT: Record<CloudId, string> = {
  global: 'login.windows.net',
  china: 'login.partner.microsoftonline.cn',
  usgov: 'login.microsoftonline.us',
};

export interface ImportedAccount {
  homeAccountId: string;
  username: string;
  name: string | null;
  tenantId: string;
  /** The target of the refresh token, as written (prefixed or bare). */
  target: string;
  nodeCache: string;
}

/** msal-node's key recipes (msal-node cache/CacheHelpers.ts), lower-cased as it does. */
const nodeKeys = {
  account: (home: string, env: string, homeTenant: string) => [home, env, homeTenant].join('-').toLowerCase(),
  idToken: (home: string, env: string, client: string, realm: string) => [home, env, 'IdToken', client, realm, '', ''].join('-').toLowerCase(),
  refreshToken: (home: string, env: string, clientOrFamily: string) => [home, env, 'RefreshToken', clientOrFamily, '', '', ''].join('-').toLowerCase(),
};

export function importFromIntegration(fileText: string, options: { cloud: CloudId; clientId: string }): ImportedAccount {
  const source = sectionsOf(JSON.parse(fileText));
  // python-o365 works with the first account of the file (§4.7), so that is the one to keep alive.
  const account = Object.values(source.Account)[0];
  const home = str(account, 'home_account_id');
  const client = options.clientId.toLowerCase();
  const rt = home ? entriesFor(source.RefreshToken, home, client)[0] : undefined;
  if (!account || !home || !rt || !str(rt, 'secret')) {
    throw new AppError('ms365_token_file_unusable', { message: 'The token file holds no account with a refresh token for this entry’s client ID.' });
  }
  const idToken = entriesFor(source.IdToken, home, client)[0];
  const claims = jwtClaims(str(idToken, 'secret'));
  const { uid, utid } = splitHomeAccountId(home);
  const tid = typeof claims.tid === 'string' ? claims.tid : utid;
  const name = typeof claims.name === 'string' ? claims.name : null;
  const env = MSAL_NODE_CACHE_ENVIRONMENT[options.cloud];
  const localAccountId = str(account, 'local_account_id') ?? uid;
  const username = str(account, 'username') ?? '';
  const cache: CacheJson = emptyCache();
  cache.Account[nodeKeys.account(home, env, utid || tid)] = {
    home_account_id: home,
    environment: env,
    realm: tid,
    local_account_id: localAccountId,
    username,
    authority_type: 'MSSTS',
    ...(name ? { name } : {}),
    client_info: Buffer.from(JSON.stringify({ uid, utid })).toString('base64url'),
    tenantProfiles: [JSON.stringify({ tenantId: tid, localAccountId, name: name ?? '', isHomeTenant: tid === utid })],
  };
  if (idToken && str(idToken, 'secret')) {
    cache.IdToken[nodeKeys.idToken(home, env, client, tid)] = {
      home_account_id: home,
      environment: env,
      credential_type: 'IdToken',
      client_id: client,
      secret: str(idToken, 'secret'),
      realm: tid,
    };
  }
  const familyId = str(rt, 'family_id');
  cache.RefreshToken[nodeKeys.refreshToken(home, env, familyId ?? client)] = {
    home_account_id: home,
    environment: env,
    credential_type: 'RefreshToken',
    client_id: client,
    secret: str(rt, 'secret'),
    ...(familyId ? { family_id: familyId } : {}),
  };
  return { homeAccountId: home, username, name, tenantId: tid, target: str(rt, 'target') ?? '', nodeCache: JSON.stringify(cache) };
}
