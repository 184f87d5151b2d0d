// The MS365 integrations feature as the HTTP routes and main.ts see it: list the entries with their
// token health, sign one in again, keep entries alive on a timer. Long-lived (start/stop).
import path from 'node:path';
import { AppError } from '../errors/app-error.js';
import { completeFromPaste, type SignInResult } from '../oauth/sign-in.js';
import type { RedirectMethod } from '../store/schema.js';
import { findEntryConfig, findHaEntry, listEntries, statusOf, type EntriesDeps, type EntryList } from './entries.js';
import type { EntryStatus } from './entry-health.js';
import { assertUsable } from './entry-usability.js';
import { keepEntryAlive, type KeepAliveDeps, type KeepAliveOutcome } from './keep-alive.js';
import { findLink, updateLink } from './linked-registration.js';
import { finishEntrySignIn, startEntrySignIn, type EntrySignInOutcome, type EntrySignInStarted, type SignInAgainDeps } from './sign-in-again.js';

/** A finished "sign in again": the entry as it stands now, and how the write and reload went. */
export interface EntrySignInFinished {
  entry: EntryStatus;
  username: string;
  /** The previous file's copy beside it, relative to HA's config folder; null when there was none. */
  backup: string | null;
  reload: EntrySignInOutcome['reload'];
  /** The entry's account was hinted to Microsoft, and another one came back (its tokens are in the file now). */
  differentAccount?: NonNullable<SignInResult['differentAccount']>;
}

/** How often keep-alive looks at the entries; the threshold itself is in days. */
export const KEEP_ALIVE_CHECK_MS = 60 * 60_000;
/** First look shortly after start, once HA had a chance to come up too. */
export const KEEP_ALIVE_FIRST_CHECK_MS = 2 * 60_000;

export type Ms365Deps = EntriesDeps & Omit<SignInAgainDeps, 'haConfigDir'> & Omit<KeepAliveDeps, 'haConfigDir'>;

export class Ms365Integrations {
  readonly #deps: Ms365Deps;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running: Promise<void> | null = null;

  constructor(deps: Ms365Deps) {
    this.#deps = deps;
  }

  list(): Promise<EntryList> {
    return listEntries(this.#deps);
  }

  async entry(entryId: string): Promise<EntryStatus> {
    const config = await findEntryConfig(this.#deps, entryId);
    return statusOf(this.#deps, config, await findHaEntry(this.#deps, entryId));
  }

  async startSignIn(entryId: string, method: RedirectMethod): Promise<EntrySignInStarted> {
    return startEntrySignIn(this.#withFolder(), await findEntryConfig(this.#deps, entryId), method);
  }

  async finishSignIn(entryId: string, finished: { state: string } | { result: SignInResult }): Promise<EntrySignInFinished> {
    const deps = this.#withFolder();
    const entry = await findEntryConfig(this.#deps, entryId);
    const outcome = await finishEntrySignIn(deps, entry, finished);
    return {
      entry: await this.entry(entryId),
      username: outcome.result.account.username,
      backup: outcome.write.backup ? path.relative(deps.haConfigDir, outcome.write.backup) : null,
      reload: outcome.reload,
      ...(outcome.result.differentAccount ? { differentAccount: outcome.result.differentAccount } : {}),
    };
  }

  /**
   * Paste-back in one step: finish the sign-in from the pasted address, then write and reload. A
   * sign-in started for another entry (or for an account) is refused before its code is redeemed.
   */
  async finishFromPaste(entryId: string, url: string): Promise<EntrySignInFinished> {
    const result = await completeFromPaste(this.#deps.signIn, url, { kind: 'ms365_entry', entryId });
    return this.finishSignIn(entryId, { result });
  }

  async setKeepAlive(entryId: string, input: { enabled: boolean; afterDays?: number | undefined }): Promise<EntryStatus> {
    const entry = await findEntryConfig(this.#deps, entryId);
    if (input.enabled) assertUsable(entry);
    await updateLink(this.#deps.store, entry, { keepAlive: input.enabled, ...(input.afterDays ? { keepAliveAfterDays: input.afterDays } : {}) });
    return this.entry(entryId);
  }

  /** "Refresh now": one keep-alive pass for the entry even if the integration refreshed lately. */
  async refreshNow(entryId: string): Promise<{ outcome: KeepAliveOutcome; entry: EntryStatus }> {
    const entry = await findEntryConfig(this.#deps, entryId);
    assertUsable(entry);
    const link = findLink(this.#deps.store, entryId);
    const outcome = await keepEntryAlive(this.#keepAliveDeps(), entry, link?.keepAliveAfterDays ?? 14, true);
    return { outcome, entry: await this.entry(entryId) };
  }

  /** One pass over the entries whose keep-alive is on; entries no longer in HA are left as they are. */
  async runKeepAlive(): Promise<void> {
    const links = this.#deps.store.data.ms365Links.filter((link) => link.keepAlive);
    if (links.length === 0 || !this.#deps.haConfigDir) return;
    for (const link of links) {
      const entry = await findEntryConfig(this.#deps, link.entryId).catch(() => null);
      if (entry) await keepEntryAlive(this.#keepAliveDeps(), entry, link.keepAliveAfterDays);
    }
  }

  start(): void {
    if (!this.#deps.haConfigDir || this.#timer) return;
    this.#schedule(KEEP_ALIVE_FIRST_CHECK_MS);
  }

  async stop(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  #schedule(delayMs: number): void {
    this.#timer = setTimeout(() => {
      this.#running = this.runKeepAlive()
        .catch((error: unknown) => this.#deps.log.error({ err: error }, 'MS365 keep-alive pass failed'))
        .finally(() => {
          this.#running = null;
          if (this.#timer) this.#schedule(KEEP_ALIVE_CHECK_MS);
        });
    }, delayMs);
    this.#timer.unref();
  }

  #withFolder(): SignInAgainDeps {
    if (!this.#deps.haConfigDir) throw new AppError('ha_config_folder_unset');
    return { ...this.#deps, haConfigDir: this.#deps.haConfigDir };
  }

  #keepAliveDeps(): KeepAliveDeps {
    if (!this.#deps.haConfigDir) throw new AppError('ha_config_folder_unset');
    return { ...this.#deps, haConfigDir: this.#deps.haConfigDir };
  }
}
