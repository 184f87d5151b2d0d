// Signed-in Microsoft accounts: saved after a sign-in (one per app registration and Microsoft
// account), listed without their token caches, removed together with every consumer's access.
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors/app-error.js';
import type { Account } from '../store/schema.js';
import type { Store } from '../store/store.js';

export interface SignedInAccount {
  appRegistrationId: string;
  homeAccountId: string;
  username: string;
  displayName: string | null;
  tenantId: string;
  cloud: Account['cloud'];
  grantedScopes: string[];
  requestedScopes: string[];
  msalCache: string;
}

export function findAccount(store: Store, id: string): Account {
  const account = store.data.accounts.find((candidate) => candidate.id === id);
  if (!account) throw new AppError('account_not_found');
  return account;
}

/** Signing in the same Microsoft account again with the same app replaces it and keeps its id. */
export async function saveSignedInAccount(store: Store, signedIn: SignedInAccount, now: Date): Promise<Account> {
  const stamp = now.toISOString();
  return store.update((draft) => {
    const existing = draft.accounts.find(
      (candidate) =>
        candidate.appRegistrationId === signedIn.appRegistrationId && candidate.homeAccountId === signedIn.homeAccountId,
    );
    const account: Account = {
      ...signedIn,
      id: existing?.id ?? randomUUID(),
      status: 'ok',
      statusDetail: null,
      signedInAt: stamp,
      lastRefreshAt: stamp,
      refreshTokenIssuedAt: stamp,
    };
    draft.accounts = draft.accounts.filter((candidate) => candidate !== existing);
    draft.accounts.push(account);
    return structuredClone(account);
  });
}

export async function deleteAccount(store: Store, id: string): Promise<void> {
  findAccount(store, id);
  await store.update((draft) => {
    draft.accounts = draft.accounts.filter((candidate) => candidate.id !== id);
    for (const consumer of draft.consumers) {
      consumer.accountIds = consumer.accountIds.filter((accountId) => accountId !== id);
    }
  });
}
