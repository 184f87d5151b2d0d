// Assesses one entry from everything known about it: HA's state, the token file as the integration
// reads it, needed against granted permissions by the integration's rules, the refresh token's
// 90-day window, keep-alive. Pure: every fact is passed in, nothing is read here.
import type { HaConfigEntry } from '../ha/config-entries.js';
import { ENTRY_HEALTHS, type EntryHealth } from '../../shared/ms365-entry-health.js';
import { missingPermissions } from '../../shared/ms365-permissions.js';
import type { Ms365Link } from '../store/schema.js';
import type { Ms365Domain } from './domains.js';
import { entryPermissions } from './entry-permissions.js';
import type { Ms365EntryConfig } from './entry-storage.js';
import type { TokenFileFacts } from './token-file-inspect.js';

/** Entra's refresh-token inactivity limit (AADSTS700082): 90 days after it was issued. */
export const REFRESH_WINDOW_DAYS = 90;
/** Fewer days left than this and the panel warns before the entry lapses. */
export const WARN_DAYS_LEFT = 14;
const DAY_S = 86_400;

/** One entry as the add-on sees it; the HTTP edge shows it (server/http/views/ms365.ts). */
export interface EntryStatus {
  entryId: string;
  domain: Ms365Domain;
  title: string;
  entityName: string | null;
  clientId: string | null;
  cloud: string | null;
  country: string | null;
  tenant: string | null;
  /** Why the add-on never signs this entry in, refreshes it or writes its file; null when it may. */
  unusableReason: string | null;
  health: EntryHealth;
  /** Plain sentences, most important first, saying what is wrong and what to do. */
  notes: string[];
  ha: { state: string | null; reason: string | null; disabledBy: string | null };
  tokenFile: {
    /** Relative to HA's config folder. */
    path: string | null;
    state: string;
    reason: string | null;
    username: string | null;
    clientIdMatches: boolean | null;
    refreshTokenWrittenAt: string | null;
    refreshTokenAgeDays: number | null;
    /** Days left in the refresh token's 90-day window if nothing refreshes it. */
    refreshTokenDaysLeft: number | null;
    lastRefreshAt: string | null;
    accessTokenExpiresAt: string | null;
  };
  permissions: { needed: string[]; granted: string[] | null; missing: string[]; problems: string[] };
  keepAlive: { enabled: boolean; afterDays: number; last: { at: string; outcome: string; detail: string | null } | null };
  appRegistrationId: string | null;
  accountId: string | null;
  lastWrittenAt: string | null;
}

export interface EntryFacts {
  /** Null when HA's storage could not be read: the Core API's entry is all there is. */
  config: Ms365EntryConfig | null;
  ha: HaConfigEntry | null;
  /** Null when the entry has no usable file name. */
  file: { relativePath: string; facts: TokenFileFacts } | null;
  usableProblem: string | null;
  link: Ms365Link | undefined;
  now: Date;
}

const iso = (epochS: number | null): string | null => (epochS === null ? null : new Date(epochS * 1000).toISOString());

function refreshWindow(facts: TokenFileFacts | undefined, now: Date): { age: number | null; left: number | null } {
  const written = facts?.refreshTokenWrittenAt ?? null;
  if (written === null) return { age: null, left: null };
  const age = Math.max(0, Math.floor((now.getTime() / 1000 - written) / DAY_S));
  return { age, left: REFRESH_WINDOW_DAYS - age };
}

function fileNote(facts: TokenFileFacts): string | null {
  switch (facts.state) {
    case 'missing': return 'The token file is missing: the integration cannot start. Sign in again.';
    case 'unreadable': return `The token file cannot be read (${facts.reason ?? 'error'}).`;
    case 'corrupted': return `The token file is damaged (${facts.reason ?? 'unreadable content'}). Sign in again.`;
    case 'outdated': return 'The token file is in the format used before python-o365 2.1; the integration no longer reads it. Sign in again.';
    case 'empty': return `The token file holds no usable sign-in (${facts.reason ?? 'empty'}). Sign in again.`;
    default: return null;
  }
}

export function assessEntry(input: EntryFacts): EntryStatus {
  const { config, ha, link, now } = input;
  const domain = (config?.domain ?? ha?.domain ?? 'ms365_calendar') as Ms365Domain;
  const facts = input.file?.facts;
  const plan = config ? entryPermissions(config.domain, config.data) : { scopes: [], problems: [] };
  const granted = facts?.state === 'ok' ? facts.grantedScopes : null;
  const missing = granted ? missingPermissions(plan.scopes, granted) : [];
  const clientMatches = facts?.clientId && config?.clientId ? facts.clientId.toLowerCase() === config.clientId.toLowerCase() : null;
  const window = refreshWindow(facts?.state === 'ok' ? facts : undefined, now);
  const notes: string[] = [];
  let health: EntryHealth = 'ok';
  const lower = (next: EntryHealth) => {
    if (ENTRY_HEALTHS.indexOf(next) > ENTRY_HEALTHS.indexOf(health)) health = next;
  };
  if (input.usableProblem) {
    lower('not_usable');
    notes.push(`The add-on leaves this entry alone: ${input.usableProblem}.`);
  }
  const fileProblem = facts ? fileNote(facts) : null;
  if (fileProblem) {
    lower('needs_sign_in');
    notes.push(fileProblem);
  }
  if (clientMatches === false) {
    lower('needs_sign_in');
    notes.push('The token file was made with another client ID than the entry’s, so the integration cannot refresh it. Sign in again.');
  }
  if (missing.length) {
    lower('needs_sign_in');
    notes.push(`The token file lacks permissions the entry needs: ${missing.join(', ')}. Sign in again and accept them.`);
  }
  if (window.left !== null && window.left <= 0) {
    lower('needs_sign_in');
    notes.push('The refresh token was not used for 90 days and has expired. Sign in again.');
  } else if (window.left !== null && window.left < WARN_DAYS_LEFT) {
    lower('attention');
    notes.push(`The refresh token lapses in ${window.left} days unless the integration or the add-on’s keep-alive refreshes it.`);
  }
  if (ha && ['setup_error', 'setup_retry', 'migration_error', 'failed_unload'].includes(ha.state)) {
    lower('attention');
    notes.push(`Home Assistant reports the entry as ${ha.state.replace('_', ' ')}${ha.reason ? `: ${ha.reason}` : ''}.`);
  }
  return {
    entryId: config?.entryId ?? ha?.entryId ?? '',
    domain,
    title: config?.title || ha?.title || '',
    entityName: config?.entityName ?? null,
    clientId: config?.clientId ?? null,
    cloud: config?.cloud ?? null,
    country: config?.country ?? null,
    tenant: config?.tenant ?? null,
    unusableReason: input.usableProblem,
    health,
    notes,
    ha: { state: ha?.state ?? null, reason: ha?.reason ?? null, disabledBy: ha?.disabledBy ?? config?.disabledBy ?? null },
    tokenFile: {
      path: input.file?.relativePath ?? null,
      state: facts?.state ?? 'unknown',
      reason: facts?.reason ?? null,
      username: facts?.username ?? null,
      clientIdMatches: clientMatches,
      refreshTokenWrittenAt: iso(facts?.refreshTokenWrittenAt ?? null),
      refreshTokenAgeDays: window.age,
      refreshTokenDaysLeft: window.left,
      lastRefreshAt: iso(facts?.lastRefreshAt ?? null),
      accessTokenExpiresAt: iso(facts?.accessTokenExpiresOn ?? null),
    },
    permissions: { needed: plan.scopes, granted, missing, problems: plan.problems.map((problem) => problem.text) },
    keepAlive: { enabled: link?.keepAlive ?? false, afterDays: link?.keepAliveAfterDays ?? 14, last: link?.lastKeepAlive ?? null },
    appRegistrationId: link?.appRegistrationId ?? null,
    accountId: link?.accountId ?? null,
    lastWrittenAt: link?.lastWrittenAt ?? null,
  };
}
