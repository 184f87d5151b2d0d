// Signed-in Microsoft accounts.
import { request } from './client.js';
import type { AccountView } from './types.js';

export const fetchAccounts = async (signal?: AbortSignal) =>
  (await request<{ accounts: AccountView[] }>('api/accounts', { signal })).accounts;

export const deleteAccount = (id: string) => request<void>(`api/accounts/${encodeURIComponent(id)}`, { method: 'DELETE' });
