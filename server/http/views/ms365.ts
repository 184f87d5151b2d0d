// MS365 entries across the wire: an entry's status in snake_case with its domain's label, the list
// with where its data came from, and the answers of "sign in again". Never a client secret or a token.
import { DOMAIN_LABELS } from '../../../shared/ms365-domains.js';
import type { EntryList } from '../../ms365/entries.js';
import type { EntryStatus } from '../../ms365/entry-health.js';
import type { EntrySignInFinished } from '../../ms365/integrations.js';
import type { KeepAliveOutcome } from '../../ms365/keep-alive.js';
import type { EntrySignInStarted } from '../../ms365/sign-in-again.js';
import type { Ms365EntryView, Ms365ListView, Ms365RefreshView, Ms365SignInFinished, Ms365SignInStarted } from '../contract/ms365.js';
import { toDifferentAccountView, toStartedSignInView } from './sign-ins.js';

export function toMs365EntryView(entry: EntryStatus): Ms365EntryView {
  const file = entry.tokenFile;
  return {
    entry_id: entry.entryId,
    domain: entry.domain,
    domain_label: DOMAIN_LABELS[entry.domain] ?? entry.domain,
    title: entry.title,
    entity_name: entry.entityName,
    client_id: entry.clientId,
    cloud: entry.cloud,
    country: entry.country,
    tenant: entry.tenant,
    usable: entry.unusableReason === null,
    not_usable_reason: entry.unusableReason,
    health: entry.health,
    notes: entry.notes,
    ha: { state: entry.ha.state, reason: entry.ha.reason, disabled_by: entry.ha.disabledBy },
    token_file: {
      path: file.path,
      state: file.state,
      reason: file.reason,
      username: file.username,
      client_id_matches: file.clientIdMatches,
      refresh_token_written_at: file.refreshTokenWrittenAt,
      refresh_token_age_days: file.refreshTokenAgeDays,
      refresh_token_days_left: file.refreshTokenDaysLeft,
      last_refresh_at: file.lastRefreshAt,
      access_token_expires_at: file.accessTokenExpiresAt,
    },
    permissions: entry.permissions,
    keep_alive: { enabled: entry.keepAlive.enabled, after_days: entry.keepAlive.afterDays, last: entry.keepAlive.last },
    app_registration_id: entry.appRegistrationId,
    account_id: entry.accountId,
    last_written_at: entry.lastWrittenAt,
  };
}

export const toMs365ListView = (list: EntryList): Ms365ListView => ({
  entries: list.entries.map(toMs365EntryView),
  storage: list.storage,
  core_api: list.coreApi,
});

export const toMs365SignInStartedView = (started: EntrySignInStarted): Ms365SignInStarted => ({
  entry_id: started.entryId,
  ...toStartedSignInView(started.started),
  scopes: started.scopes,
});

export const toMs365SignInFinishedView = (finished: EntrySignInFinished): Ms365SignInFinished => ({
  entry: toMs365EntryView(finished.entry),
  username: finished.username,
  backup: finished.backup,
  reload: finished.reload,
  ...(finished.differentAccount ? { different_account: toDifferentAccountView(finished.differentAccount) } : {}),
});

export const toMs365RefreshView = (refreshed: { outcome: KeepAliveOutcome; entry: EntryStatus }): Ms365RefreshView => ({
  outcome: refreshed.outcome,
  entry: toMs365EntryView(refreshed.entry),
});
