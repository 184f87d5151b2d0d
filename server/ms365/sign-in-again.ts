// "Sign in again" for one entry: the add-on's own sign-in (paste-back or internet redirect) with the
// entry's client ID, secret, cloud and tenant, asking for the entry's permissions; once it finished,
// the entry's token file is written and the entry reloaded through the Core API.
import { AppError } from '../errors/app-error.js';
import type { ConfigEntriesApi } from '../ha/config-entries.js';
import { describeHaFailure, HaError } from '../ha/ha-error.js';
import type { Logger } from '../log.js';
import { signInOutcome, startSignIn, type SignInDeps, type SignInResult, type StartedSignIn } from '../oauth/sign-in.js';
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

/** A sign-in started for one entry, with the permissions it asks for. */
export interface EntrySignInStarted {
  entryId: string;
  started: StartedSignIn;
  scopes: string[];
}

export async function startEntrySignIn(deps: SignInAgainDeps, entry: Ms365EntryConfig, method: RedirectMethod): Promise<EntrySignInStarted> {
  assertUsable(entry);
  const app = await ensureRegistration(deps, entry);
  const scopes = entryPermissions(entry.domain, entry.data).scopes;
  // The account the entry was signed in with before (same app registration): Microsoft preselects it.
  const accountId = findLink(deps.store, entry.entryId)?.accountId;
  const known = deps.store.data.accounts.find((account) => account.id === accountId && account.appRegistrationId === app.id);
  const started = await startSignIn(deps.signIn, { appRegistrationId: app.id, scopes, method, accountId: known?.id, purpose: { kind: 'ms365_entry', entryId: entry.entryId } });
  deps.log.info({ entryId: entry.entryId, domain: entry.domain, method }, 'MS365 entry sign-in started');
  return { entryId: entry.entryId, started, scopes };
}

/** The result of a sign-in this entry started (the internet redirect finishes it elsewhere first). */
async function completedResult(deps: SignInAgainDeps, entryId: string, state: string): Promise<SignInResult> {
  const outcome = await signInOutcome(deps.signIn, state);
  // Only a sign-in started for this entry may write its file (its purpose, fixed at the start).
  if (outcome.entry.purpose?.entryId !== entryId) throw new AppError('ms365_sign_in_mismatch');
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
  entry: Ms365EntryConfig,
  finished: { state: string } | { result: SignInResult },
): Promise<EntrySignInOutcome> {
  assertUsable(entry);
  // A paste finished here hands its result over; a redirect finished by the callback is looked up.
  const result = 'result' in finished ? finished.result : await completedResult(deps, entry.entryId, finished.state);
  // Once per sign-in: a second finish (a double click, a replayed paste) would make the first
  // write the backup, and the user's own previous file would be lost.
  const started = deps.signIn.pending.get(result.state);
  if (!started || started.fulfilled) throw new AppError('ms365_sign_in_mismatch');
  const link = findLink(deps.store, entry.entryId);
  if (!link || link.appRegistrationId !== result.account.appRegistrationId) throw new AppError('ms365_sign_in_mismatch');
  const needed = entryPermissions(entry.domain, entry.data).scopes;
  const missing = missingPermissions(needed, result.grantedScopes);
  if (missing.length) {
    throw new AppError('ms365_permissions_missing', { message: `Microsoft did not grant ${missing.join(', ')}, so the token file was not written.`, details: { missing } });
  }
  // Claimed before the first await, so two finishes at once cannot both write; released if the write fails.
  started.fulfilled = true;
  let write: WriteResult;
  try {
    await updateLink(deps.store, entry, { accountId: result.account.id });
    write = await writeSignedInFile(deps.haConfigDir, deps.store, entry, result.account.id, result.grantedScopes);
  } catch (error) {
    started.fulfilled = false;
    throw error;
  }
  await updateLink(deps.store, entry, { lastWrittenAt: deps.now().toISOString() });
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
