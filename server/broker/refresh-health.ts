// How refreshing is going for each account, in memory: failures in a row, when the next attempt
// may happen, and the last failure's diagnosis. A new sign-in or a changed app registration (a new
// "generation") starts with a clean slate. Restarting the add-on also does, on purpose.
import type { Diagnosis, DiagnosisClass } from '../errors/diagnosis.js';
import { backoffDelayMs, CONFIGURATION_RETRY_MS } from './backoff.js';

export interface RefreshFailure {
  class: DiagnosisClass;
  title: string;
  fix: string;
  aadsts?: number;
  atMs: number;
}

export interface RefreshHealth {
  generation: string;
  consecutiveFailures: number;
  /** No refresh before this instant (back-off or Retry-After); null when nothing holds it back. */
  nextAttemptAtMs: number | null;
  lastFailure: RefreshFailure | null;
  lastSuccessAtMs: number | null;
}

export class RefreshHealthBook {
  readonly #byAccount = new Map<string, RefreshHealth>();
  readonly #random: () => number;

  constructor(random: () => number) {
    this.#random = random;
  }

  get(accountId: string, generation: string): RefreshHealth {
    const known = this.#byAccount.get(accountId);
    if (known && known.generation === generation) return known;
    const fresh: RefreshHealth = { generation, consecutiveFailures: 0, nextAttemptAtMs: null, lastFailure: null, lastSuccessAtMs: null };
    this.#byAccount.set(accountId, fresh);
    return fresh;
  }

  /** The instant refreshing may resume, if it is still in the future. */
  blockedUntil(accountId: string, generation: string, nowMs: number): number | undefined {
    const next = this.get(accountId, generation).nextAttemptAtMs;
    return next !== null && next > nowMs ? next : undefined;
  }

  /** Returns how many failures in a row this success ended (0 when there were none). */
  recordSuccess(accountId: string, generation: string, nowMs: number): number {
    const health = this.get(accountId, generation);
    const ended = health.consecutiveFailures;
    Object.assign(health, { consecutiveFailures: 0, nextAttemptAtMs: null, lastFailure: null, lastSuccessAtMs: nowMs });
    return ended;
  }

  recordTransient(accountId: string, generation: string, diagnosis: Diagnosis, retryAfterMs: number | undefined, nowMs: number): RefreshHealth {
    const health = this.get(accountId, generation);
    health.consecutiveFailures += 1;
    health.nextAttemptAtMs = nowMs + backoffDelayMs(health.consecutiveFailures, retryAfterMs, this.#random);
    health.lastFailure = failureOf(diagnosis, nowMs);
    return health;
  }

  /** A refused app registration is not retried on every request, only now and then (and after an edit). */
  recordConfiguration(accountId: string, generation: string, diagnosis: Diagnosis, nowMs: number): RefreshHealth {
    const health = this.get(accountId, generation);
    health.consecutiveFailures += 1;
    health.nextAttemptAtMs = nowMs + CONFIGURATION_RETRY_MS;
    health.lastFailure = failureOf(diagnosis, nowMs);
    return health;
  }

  forget(accountId: string): void {
    this.#byAccount.delete(accountId);
  }

  accountIds(): string[] {
    return [...this.#byAccount.keys()];
  }
}

function failureOf(diagnosis: Diagnosis, atMs: number): RefreshFailure {
  return {
    class: diagnosis.class,
    title: diagnosis.title,
    fix: diagnosis.fix,
    ...(diagnosis.aadsts !== undefined ? { aadsts: diagnosis.aadsts } : {}),
    atMs,
  };
}
