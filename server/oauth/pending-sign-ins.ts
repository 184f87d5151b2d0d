// Sign-ins started but not finished, keyed by their random `state`. Each is single use and lives
// 10 minutes; finished ones are remembered a while so a refresh or a second paste of the same
// address shows the same outcome without redeeming the code again.
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors/app-error.js';
import type { RedirectMethod } from '../store/schema.js';

export const SIGN_IN_TTL_MS = 10 * 60 * 1000;
const REMEMBER_MS = 24 * 60 * 60 * 1000;

export interface PendingSignIn {
  state: string;
  appRegistrationId: string;
  method: RedirectMethod;
  redirectUri: string;
  scopes: string[];
  codeVerifier: string;
  /** "Sign in again" for this account: a different one coming back is reported, not silently added. */
  expectedAccount?: { id: string; homeAccountId: string; username: string } | undefined;
  /**
   * What the sign-in is for, fixed when it starts: an MS365 entry's "Sign in again" (its token file is
   * written when it finishes), or, when absent, an account for the add-on. A paste is checked against
   * it before its code is redeemed, so a code is never spent on the wrong page.
   */
  purpose?: SignInPurpose | undefined;
  /** Set once the purpose's own step ran (the entry's file written): a replay must not run it again. */
  fulfilled?: boolean;
  createdAt: number;
  expiresAt: number;
  /**
   * Set once a code was presented; the promise settles with the outcome of its one redemption, and
   * `settled` says how it ended, so a later paste can be told the truth (completed or failed).
   */
  redemption?: { codeHash: string; outcome: Promise<unknown>; settled?: 'completed' | 'failed' };
  /** Set when Microsoft sent an error instead of a code. */
  failure?: AppError;
}

export type SignInPurpose = { kind: 'ms365_entry'; entryId: string };

export type Claim =
  | { kind: 'fresh'; entry: PendingSignIn }
  | { kind: 'replay'; entry: PendingSignIn; outcome: Promise<unknown> };

const hashCode = (code: string): string => createHash('sha256').update(code).digest('base64url');

export class PendingSignIns {
  readonly #entries = new Map<string, PendingSignIn>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  create(fields: Omit<PendingSignIn, 'state' | 'createdAt' | 'expiresAt'>): PendingSignIn {
    this.prune();
    const createdAt = this.#now();
    const entry: PendingSignIn = {
      ...fields,
      state: randomBytes(32).toString('base64url'),
      createdAt,
      expiresAt: createdAt + SIGN_IN_TTL_MS,
    };
    this.#entries.set(entry.state, entry);
    return entry;
  }

  get(state: string): PendingSignIn | undefined {
    return this.#entries.get(state);
  }

  /**
   * Takes the sign-in for redeeming `code`. The same code again yields the first redemption's
   * outcome; another code, an unknown, expired or failed state are refused with their own message.
   * A failure is reported before an expiry: it is what really happened to the sign-in.
   */
  claim(state: string | undefined, code: string): Claim {
    const entry = state ? this.#entries.get(state) : undefined;
    if (!entry) throw new AppError('sign_in_unknown');
    const codeHash = hashCode(code);
    if (entry.redemption) {
      if (entry.redemption.codeHash === codeHash) return { kind: 'replay', entry, outcome: entry.redemption.outcome };
      throw new AppError(entry.redemption.settled === 'failed' ? 'sign_in_already_failed' : 'sign_in_already_used');
    }
    if (entry.failure) throw new AppError('sign_in_already_failed');
    if (this.#now() > entry.expiresAt) throw new AppError('sign_in_expired');
    return { kind: 'fresh', entry };
  }

  /** Must be called synchronously after a fresh claim, before any await, so no second caller slips in. */
  startRedemption(entry: PendingSignIn, code: string, outcome: Promise<unknown>): void {
    const redemption: NonNullable<PendingSignIn['redemption']> = { codeHash: hashCode(code), outcome };
    entry.redemption = redemption;
    outcome.then(
      () => void (redemption.settled = 'completed'),
      () => void (redemption.settled = 'failed'),
    );
  }

  fail(state: string | undefined, failure: AppError): void {
    const entry = state ? this.#entries.get(state) : undefined;
    if (entry && !entry.redemption) entry.failure = failure;
  }

  prune(): void {
    const cutoff = this.#now() - REMEMBER_MS;
    for (const [state, entry] of this.#entries) {
      if (entry.createdAt < cutoff) this.#entries.delete(state);
    }
  }
}
