// msal-node's token cache for one account, kept in the encrypted store. afterCacheAccess awaits
// the store write, and msal awaits afterCacheAccess before it returns a token: so a rotated refresh
// token is on disk before anyone gets the access token that came with it.
import type { ICachePlugin } from '@azure/msal-node';
import type { Store } from '../store/store.js';

export function storeCachePlugin(store: Store, accountId: string, now: () => Date): ICachePlugin {
  return {
    beforeCacheAccess: async (context) => {
      const account = store.data.accounts.find((candidate) => candidate.id === accountId);
      if (account) context.tokenCache.deserialize(account.msalCache);
    },
    afterCacheAccess: async (context) => {
      if (!context.cacheHasChanged) return;
      const serialized = context.tokenCache.serialize();
      const stamp = now().toISOString();
      await store.update((draft) => {
        const account = draft.accounts.find((candidate) => candidate.id === accountId);
        if (!account) return;
        account.msalCache = serialized;
        // Microsoft rotates the refresh token on every redemption (reference §6), so both move together.
        account.lastRefreshAt = stamp;
        account.refreshTokenIssuedAt = stamp;
      });
    },
  };
}
