// Which MS365 integration entries use an account or an app registration, in words. Pure.
import type { Ms365EntryView } from '../../api/ms365.js';

type Entry = Pick<Ms365EntryView, 'domain_label' | 'title' | 'entry_id' | 'account_id' | 'app_registration_id'>;

/** "MS365 Calendar entry Family". */
export const entryName = (entry: Entry): string => `${entry.domain_label} entry ${entry.title || entry.entry_id}`;

export const entriesUsingAccount = <E extends Entry>(entries: readonly E[], accountId: string): E[] =>
  entries.filter((entry) => entry.account_id === accountId);

export function usedByAccount(entries: readonly Entry[], accountId: string): string[] {
  return entriesUsingAccount(entries, accountId).map((entry) => `Used by the ${entryName(entry)}`);
}

export function usedByAppRegistration(entries: readonly Entry[], appId: string): string[] {
  return entries.filter((entry) => entry.app_registration_id === appId).map((entry) => `Used by the ${entryName(entry)}`);
}
