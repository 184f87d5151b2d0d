// "Sign in again" for one entry: the add-on's own sign-in (paste-back or internet redirect) with the
// entry's client ID, secret, cloud and tenant, asking for the entry's permissions; once it finished,
// the entry's token file is written and the entry reloaded through the Core API.
import { AppError } from '../errors/app-error.js';
import type { ConfigEntriesApi } from '../ha/config-entries.js';
import { describeHaFailure, HaError } from '../ha/ha-error.js';
import type { Ms365SignInStarted } from '../http/contract/ms365.js';
import type { Logger } from '../log.js';
import { signInOutcome, startSignIn, type SignInDeps, type SignInResult } from '../oauth/sign-in.js';
import { missingPermissions } from '../../shared/ms365-permissions.js';
import type { RedirectMethod } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { writeSignedInFile } from './entry-file.js';
import { entryPermissions } from './entry-permissions.js';
import type { Ms365EntryConfig } from './entry-storage.js';
import { assertUsable } from './entry-usability.js';
import { ensureRegistration, findLink, updateLink } from './linked-registration.js';
import type { WriteResult } from './token-file-store.js';

export interface SignInAgainDeps {
  store: Store;
  now: () => Date;
  log: Logger;
  signIn: SignInDeps;
  configEntries: ConfigEntriesApi | null;
  haConfigDir: string;
  haTimeoutMs: number;
}

/** Sign-ins started for an entry, by state: only those may write that entry's file. */
export class EntrySignIns {
  readonly #byState = new Map<string, { entryId: string; expiresAt: number }>();

  remember(state: string, entryId: string, expiresAt: number, now: number): void {
    for (const [key, value] of this.#byState) if (value.expiresAt + 3_600_000 < now) this.#byState.delete(key);
    this.#byState.set(state, { entryId, expiresAt });
  }

  entryOf(state: string): string | undefined {
    return this.#byState.get(state)?.entryId;
  }

  forget(state: string): void {
    this.#byState.delete(state);
  }
}

export async function startEntrySignIn(deps: SignInAgainDeps, pending: EntrySignIns, entry: Ms365EntryConfig, method: RedirectMethod): Promise<Ms365SignInStarted> {
  assertUsable(entry);
  const app = await ensureRegistration(deps, entry);
  const scopes = entryPermissions(entry.domain, entry.data).scopes;
  // The account the entry was signed in with before (same app registration): Microsoft preselects it.
  const accountId = findLink(deps.store, entry.entryId)?.accountId;
  const known = deps.store.data.accounts.find((account) => account.id === accountId && account.appRegistrationId === app.id);
  const started = await startSignIn(deps.signIn, { appRegistrationId: app.id, scopes, method, accountId: known?.id, purpose: { kind: 'ms365_entry', entryId: entry.entryId } });
  pending.remember(started.state, entry.entryId, Date.parse(started.expires_at), deps.now().getTime());
  deps.log.info({ entryId: entry.entryId, domain: entry.domain, method }, 'MS365 entry sign-in started');
  return { entry_id: entry.entryId, ...started, scopes };
}

/** The result of a sign-in this entry started (the internet redirect finishes it elsewhere first). */
async function completedResult(deps: SignInAgainDeps, pending: EntrySignIns, entryId: string, state: string): Promise<SignInResult> {
  if (pending.entryOf(state) !== entryId) throw new AppError('ms365_sign_in_mismatch');
  const outcome = await signInOutcome(deps.signIn, state);
  // Microsoft refused the sign-in: its own error, diagnosis included, as the sign-in routes answer it.
  if (outcome.status === 'failed') throw outcome.error;
  if (outcome.status !== 'completed') throw new AppError('ms365_sign_in_mismatch');
  return outcome.result;
}

export interface EntrySignInOutcome {
  result: SignInResult;
  write: WriteResult;
  reload: { requested: boolean; ok: boolean; problem: string | null };
}

/** Writes the file for a finished sign-in (refused when a needed permission is missing), then reloads the entry. */
export async function finishEntrySignIn(
  deps: SignInAgainDeps,
  pending: EntrySignIns,
  entry: Ms365EntryConfig,
  finished: { state: string } | { result: SignInResult },
): Promise<EntrySignInOutcome> {
  assertUsable(entry);
  // A paste finished here hands its result over; a redirect finished by the callback is looked up.
  const result = 'result' in finished ? finished.result : await completedResult(deps, pending, entry.entryId, finished.state);
  const state = result.state;
  const link = findLink(deps.store, entry.entryId);
  if (!link || link.appRegistrationId !== result.account.app_registration_id) throw new AppError('ms365_sign_in_mismatch');
  const needed = entryPermissions(entry.domain, entry.data).scopes;
  const missing = missingPermissions(needed, result.granted_scopes);
  if (missing.length) {
    throw new AppError('ms365_permissions_missing', { message: `Microsoft did not grant ${missing.join(', ')}, so the token file was not written.`, details: { missing } });
  }
  await updateLink(deps.store, entry, { accountId: result.account.id });
  const write = await writeSignedInFile(deps.haConfigDir, deps.store, entry, result.account.id, result.granted_scopes);
  await updateLink(deps.store, entry, { lastWrittenAt: deps.now().toISOString() });
  pending.forget(state);
  deps.log.info({ entryId: entry.entryId, domain: entry.domain, backup: write.backup !== null }, 'MS365 token file written after sign-in');
  return { result, write, reload: await reloadEntry(deps, entry.entryId) };
}

/** Reloads the entry so the integration reads the new file now; without Core, the user restarts it. */
export async function reloadEntry(deps: Pick<SignInAgainDeps, 'configEntries' | 'haTimeoutMs' | 'log'>, entryId: string): Promise<EntrySignInOutcome['reload']> {
  if (!deps.configEntries) return { requested: false, ok: false, problem: 'Home Assistant’s Core API is not available; reload the entry in Home Assistant.' };
  try {
    const { requireRestart } = await deps.configEntries.reload(entryId);
    return { requested: true, ok: !requireRestart, problem: requireRestart ? 'Home Assistant needs a restart to load the entry again.' : null };
  } catch (error) {
    if (!(error instanceof HaError)) throw error;
    deps.log.warn({ entryId, reason: error.reason }, 'MS365 entry reload failed');
    return { requested: true, ok: false, problem: describeHaFailure(error, deps.haTimeoutMs) };
  }
}
