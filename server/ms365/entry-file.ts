// Writes an entry's token file from the add-on account that holds its tokens: the msal-node cache
// converted to the integration's format, under the integration's lock, with a backup.
import { findAccount } from '../accounts/accounts.js';
import type { Store } from '../store/store.js';
import type { Ms365EntryConfig } from './entry-storage.js';
import { exportForIntegration, serializeForIntegration } from './token-cache-export.js';
import { sectionsOf, str } from './token-cache.js';
import { replaceTokenFile, type WriteResult } from './token-file-store.js';
import { tokenFilePath } from './token-path.js';

/** What MSAL for Python recorded as the account's source, so a refresh does not drop it. */
export function previousAccountSource(current: string | null): string | undefined {
  if (!current) return undefined;
  try {
    return str(Object.values(sectionsOf(JSON.parse(current)).Account)[0], 'account_source');
  } catch {
    return undefined;
  }
}

/** The file's text for the account's tokens, as the entry's integration reads it. */
export function fileTextFor(store: Store, entry: Ms365EntryConfig & { clientId: string; cloud: NonNullable<Ms365EntryConfig['cloud']> }, accountId: string, accountSource: string | undefined, fallbackScopes: string[]): string {
  const account = findAccount(store, accountId);
  return serializeForIntegration(
    exportForIntegration({
      nodeCache: account.msalCache,
      homeAccountId: account.homeAccountId,
      clientId: entry.clientId,
      cloud: entry.cloud,
      realm: entry.tenant.toLowerCase(),
      refreshTokenIssuedAt: Math.floor(Date.parse(account.refreshTokenIssuedAt) / 1000),
      fallbackScopes,
      accountSource,
    }),
  );
}

/** After a sign-in: the new tokens replace whatever the file held (one account, as the integration expects). */
export function writeSignedInFile(
  haConfigDir: string,
  store: Store,
  entry: Ms365EntryConfig & { clientId: string; cloud: NonNullable<Ms365EntryConfig['cloud']>; entityName: string },
  accountId: string,
  scopes: string[],
): Promise<WriteResult> {
  const file = tokenFilePath(haConfigDir, entry.domain, entry.entityName);
  // MSAL for Python marks accounts from an interactive grant this way (token_cache.py account_source).
  return replaceTokenFile(file, async () => fileTextFor(store, entry, accountId, 'authorization_code', scopes));
}
