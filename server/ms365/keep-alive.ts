// Keeps an entry's refresh token from lapsing when the integration itself has not refreshed it for
// N days (HA stopped, the entry disabled): under the file's lock, the file's own tokens are imported,
// refreshed through the token broker (the only code that asks msal-node for tokens) and written
// back. The file is the truth here: while HA runs, the integration rotates its tokens hourly.
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../log.js';
import type { TokenBroker } from '../broker/token-broker.js';
import type { Ms365Link } from '../store/schema.js';
import type { Store } from '../store/store.js';
import type { Ms365EntryConfig } from './entry-storage.js';
import { assertUsable } from './entry-usability.js';
import { fileTextFor, previousAccountSource } from './entry-file.js';
import { ensureRegistration, saveImportedAccount, updateLink } from './linked-registration.js';
import { importFromIntegration } from './token-cache-import.js';
import { OIDC_SCOPES } from './token-cache.js';
import { inspectTokenFile } from './token-file-inspect.js';
import { replaceTokenFile } from './token-file-store.js';
import { tokenFilePath } from './token-path.js';

const DAY_MS = 86_400_000;

export interface KeepAliveDeps {
  store: Store;
  broker: TokenBroker;
  now: () => Date;
  log: Logger;
  haConfigDir: string;
}

export type KeepAliveOutcome = NonNullable<Ms365Link['lastKeepAlive']>;

/**
 * One keep-alive pass for an entry. `force` refreshes even when the integration refreshed recently
 * (the panel's "Refresh now"). Never throws for an expected outcome: it is recorded and returned.
 */
export async function keepEntryAlive(deps: KeepAliveDeps, entry: Ms365EntryConfig, afterDays: number, force = false): Promise<KeepAliveOutcome> {
  let outcome: KeepAliveOutcome = { at: deps.now().toISOString(), outcome: 'skipped', detail: null };
  const set = (kind: KeepAliveOutcome['outcome'], detail: string | null) => {
    outcome = { at: deps.now().toISOString(), outcome: kind, detail };
  };
  /** Records why nothing is written, and tells replaceTokenFile so. */
  const leave = (kind: 'skipped' | 'not_due', detail: string): null => {
    set(kind, detail);
    return null;
  };
  try {
    assertUsable(entry);
    const file = tokenFilePath(deps.haConfigDir, entry.domain, entry.entityName);
    await replaceTokenFile(file, async (current) => {
      if (current === null) return leave('skipped', 'there is no token file to keep alive');
      const facts = inspectTokenFile(current, entry.cloud);
      if (facts.state !== 'ok') return leave('skipped', `the token file cannot be refreshed (${facts.reason ?? facts.state})`);
      if (facts.clientId?.toLowerCase() !== entry.clientId.toLowerCase()) return leave('skipped', 'the token file was made with another client ID');
      // Decided under the lock, on the file as it is now: the integration may have just refreshed.
      const idleMs = deps.now().getTime() - (facts.lastRefreshAt ?? 0) * 1000;
      if (!force && idleMs < afterDays * DAY_MS) return leave('not_due', `last refreshed ${Math.floor(idleMs / DAY_MS)} days ago`);
      const app = await ensureRegistration(deps, entry);
      const granted = (facts.grantedScopes ?? []).filter((scope) => !OIDC_SCOPES.has(scope.toLowerCase()));
      const accountId = await saveImportedAccount(deps, entry, app, importFromIntegration(current, { cloud: entry.cloud, clientId: entry.clientId }), granted);
      await deps.broker.getToken(accountId, granted, { forceRefresh: true });
      set('refreshed', null);
      return fileTextFor(deps.store, entry, accountId, previousAccountSource(current), granted);
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    set('failed', error.message);
    deps.log.warn({ entryId: entry.entryId, errorCode: error.code }, 'MS365 keep-alive failed');
  }
  await updateLink(deps.store, entry, { lastKeepAlive: outcome, ...(outcome.outcome === 'refreshed' ? { lastWrittenAt: outcome.at } : {}) });
  if (outcome.outcome === 'refreshed') deps.log.info({ entryId: entry.entryId, domain: entry.domain }, 'MS365 token file refreshed by keep-alive');
  return outcome;
}
