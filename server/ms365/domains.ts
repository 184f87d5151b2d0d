// The five MS365 integrations, their config-entry fields and the clouds their `api_options.country`
// names (ms365-integrations.md §2.4, §3.4). Pure data: no I/O.
import type { CloudId } from '../settings/clouds.js';

export { DOMAIN_LABELS, isMs365Domain, MS365_DOMAINS, type Ms365Domain } from '../../shared/ms365-domains.js';

/** `api_options.country` values (const.py CountryOptions) and the cloud each one points at. */
export const COUNTRY_CLOUDS: Record<string, CloudId> = {
  Default: 'global',
  '21Vianet (China)': 'china',
  // The integrations call the US Government (GCC High/DoD) endpoints "MS365 GCC" (§3.4).
  'MS365 GCC': 'usgov',
};

/** The folder under HA's config folder that holds the token files (const.py MS365_STORAGE*, §4.1). */
export const TOKEN_FOLDER = ['ms365_storage', '.MS365-token-cache'] as const;
