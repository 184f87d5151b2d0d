// Runs "Check what works" for an account (panel, consumer API, after a sign-in) or for an MS365 entry
// (its token file's account, its options and shared mailbox). Tokens come from the token broker.
import type { TokenBroker } from '../broker/token-broker.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../log.js';
import { entryPermissions } from '../ms365/entry-permissions.js';
import type { Ms365EntryConfig } from '../ms365/entry-storage.js';
import { assertUsable } from '../ms365/entry-usability.js';
import { ensureRegistration, findLink, saveImportedAccount } from '../ms365/linked-registration.js';
import { importFromIntegration } from '../ms365/token-cache-import.js';
import { OIDC_SCOPES } from '../ms365/token-cache.js';
import { inspectTokenFile } from '../ms365/token-file-inspect.js';
import { readTokenFileOrThrow } from '../ms365/token-file-store.js';
import { tokenFilePath } from '../ms365/token-path.js';
import { isConsumerTenant, type Endpoints } from '../settings/clouds.js';
import type { Account } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { checkCapabilities, type CapabilityReport } from './check.js';
import { covers, featuresFor, type FeatureId } from './features.js';
import type { FetchLike } from './graph-client.js';

export interface CapabilityDeps {
  store: Store;
  broker: TokenBroker;
  endpoints: Endpoints;
  now: () => Date;
  log: Logger;
  fetch?: FetchLike;
}

export interface AccountCheckOptions {
  /** A consumer key's permission list: only features it covers are checked (empty: no limit). */
  limitTo?: readonly string[];
  /** The scopes to ask the broker for; the account's granted scopes by default. */
  tokenScopes?: string[];
  sharedMailbox?: string | null;
  /** The features to check; by default those the account asked for or was granted. */
  wanted?: FeatureId[];
}

function findAccount(store: Store, accountId: string): Account {
  const account = store.data.accounts.find((candidate) => candidate.id === accountId);
  if (!account) throw new AppError('account_not_found');
  return account;
}

export async function checkAccount(deps: CapabilityDeps, accountId: string, options: AccountCheckOptions = {}): Promise<CapabilityReport> {
  const account = findAccount(deps.store, accountId);
  const sharedMailbox = options.sharedMailbox ?? null;
  let wanted = options.wanted ?? featuresFor([...account.requestedScopes, ...account.grantedScopes], sharedMailbox);
  const limit = options.limitTo ?? [];
  if (limit.length > 0) wanted = wanted.filter((feature) => covers(limit, feature));
  const scopes = (options.tokenScopes ?? account.grantedScopes).filter((scope) => !OIDC_SCOPES.has(scope.toLowerCase()));
  if (scopes.length === 0) throw new AppError('scope_not_granted', { details: { granted_scopes: account.grantedScopes } });
  // Asked once up front so a broker refusal (sign in again, throttled) is the route's typed error,
  // not a Graph failure; the SDK's auth provider asks again per request and gets the cached token.
  const accessToken = async () => (await deps.broker.getToken(account.id, scopes)).accessToken;
  await accessToken();
  const report = await checkCapabilities({
    cloud: account.cloud,
    graphOrigin: deps.endpoints.graphOrigin(account.cloud),
    accessToken,
    wanted,
    granted: account.grantedScopes,
    personal: isConsumerTenant(account.tenantId),
    sharedMailbox,
    now: deps.now,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  // Verdicts only: never a body, a count of someone's mail is as far as the log goes.
  deps.log.info({ accountId, verdicts: Object.fromEntries(report.features.map((f) => [f.feature, f.verdict])) }, 'capability check finished');
  return report;
}

/** The check an MS365 entry's integration needs: its options' features, its shared mailbox, its file's account. */
export async function checkEntry(deps: CapabilityDeps, entry: Ms365EntryConfig, haConfigDir: string): Promise<CapabilityReport> {
  assertUsable(entry);
  const accountId = await entryAccount(deps, entry, haConfigDir);
  const mailbox = typeof entry.data.shared_mailbox === 'string' && entry.data.shared_mailbox.trim() !== '' ? entry.data.shared_mailbox.trim() : null;
  const wanted = featuresFor(entryPermissions(entry.domain, entry.data).scopes, mailbox);
  return checkAccount(deps, accountId, { wanted, sharedMailbox: mailbox });
}

/** The add-on's account for the entry; else the file's own account, imported as keep-alive does (the file is only read). */
async function entryAccount(deps: CapabilityDeps, entry: Ms365EntryConfig & { clientId: string; cloud: NonNullable<Ms365EntryConfig['cloud']>; entityName: string }, haConfigDir: string): Promise<string> {
  const linked = findLink(deps.store, entry.entryId)?.accountId;
  if (linked && deps.store.data.accounts.some((account) => account.id === linked)) return linked;
  const text = await readTokenFileOrThrow(tokenFilePath(haConfigDir, entry.domain, entry.entityName));
  const facts = text === null ? null : inspectTokenFile(text, entry.cloud);
  if (text === null || facts?.state !== 'ok' || facts.clientId?.toLowerCase() !== entry.clientId.toLowerCase()) throw new AppError('ms365_token_file_unusable');
  const app = await ensureRegistration(deps, entry);
  const granted = (facts.grantedScopes ?? []).filter((scope) => !OIDC_SCOPES.has(scope.toLowerCase()));
  return saveImportedAccount(deps, entry, app, importFromIntegration(text, { cloud: entry.cloud, clientId: entry.clientId }), granted);
}
