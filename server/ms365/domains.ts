// The five MS365 integrations, their config-entry fields and the clouds their `api_options.country`
// names (ms365-integrations.md §2.4, §3.4). Pure data: no I/O.
import type { CloudId } from '../settings/clouds.js';

export const MS365_DOMAINS = ['ms365_calendar', 'ms365_mail', 'ms365_todo', 'ms365_teams', 'ms365_contacts'] as const;
export type Ms365Domain = (typeof MS365_DOMAINS)[number];

export const DOMAIN_LABELS: Record<Ms365Domain, string> = {
  ms365_calendar: 'MS365 Calendar',
  ms365_mail: 'MS365 Mail',
  ms365_todo: 'MS365 ToDo',
  ms365_teams: 'MS365 Teams',
  ms365_contacts: 'MS365 Contacts',
};

export function isMs365Domain(value: string): value is Ms365Domain {
  return (MS365_DOMAINS as readonly string[]).includes(value);
}

/** `api_options.country` values (const.py CountryOptions) and the cloud each one points at. */
export const COUNTRY_CLOUDS: Record<string, CloudId> = {
  Default: 'global',
  '21Vianet (China)': 'china',
  // The integrations call the US Government (GCC High/DoD) endpoints "MS365 GCC" (§3.4).
  'MS365 GCC': 'usgov',
};

/** The folder under HA's config folder that holds the token files (const.py MS365_STORAGE*, §4.1). */
export const TOKEN_FOLDER = ['ms365_storage', '.MS365-token-cache'] as const;
