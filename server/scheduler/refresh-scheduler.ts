// Keeps tokens alive without anyone asking: each tick refreshes what the policy says is due, through
// the broker (so it shares single-flight, back-off and failure marks), then runs the after-tick hook
// (alerts). Clock and timers are injected; tests stop the timer and call tick() themselves.
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../log.js';
import type { TokenBroker } from '../broker/token-broker.js';
import { scopeKey } from '../broker/hot-cache.js';
import type { Store } from '../store/store.js';
import { planAccount, type PlannedRefresh } from './refresh-policy.js';
import { realTimers, type Timers } from './timers.js';

export const TICK_INTERVAL_MS = 60_000;
/** The first tick waits a little: start-up is not the moment for a burst of refreshes. */
export const FIRST_TICK_DELAY_MS = 30_000;

export type SchedulerBroker = Pick<TokenBroker, 'getToken' | 'tokensInUse' | 'health' | 'prune'>;

export interface RefreshSchedulerDeps {
  store: Store;
  broker: SchedulerBroker;
  log: Logger;
  now: () => Date;
  timers?: Timers;
  /** Runs after every tick, failures logged; the alert monitor hangs here. */
  afterTick?: () => Promise<void>;
}

export class RefreshScheduler {
  readonly #deps: RefreshSchedulerDeps;
  readonly #timers: Timers;
  #timer: unknown = null;
  #running: Promise<void> | null = null;
  #stopped = true;
  #lastTickAtMs: number | null = null;
  #nextTickAtMs: number | null = null;

  constructor(deps: RefreshSchedulerDeps) {
    this.#deps = deps;
    this.#timers = deps.timers ?? realTimers;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule(FIRST_TICK_DELAY_MS);
  }

  /** Cancels the next tick; a tick already running finishes (its refreshes are single writes). */
  stop(): void {
    this.#stopped = true;
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
    this.#nextTickAtMs = null;
  }

  get running(): boolean {
    return !this.#stopped;
  }

  get lastTickAt(): Date | null {
    return this.#lastTickAtMs === null ? null : new Date(this.#lastTickAtMs);
  }

  get nextTickAt(): Date | null {
    return this.#nextTickAtMs === null ? null : new Date(this.#nextTickAtMs);
  }

  /** The next refresh planned for an account, for the UI; null when it needs signing in. */
  nextRefresh(accountId: string): PlannedRefresh | null {
    const account = this.#deps.store.data.accounts.find((candidate) => candidate.id === accountId);
    if (!account) return null;
    return this.#plans(account.id, this.#deps.now().getTime())[0] ?? null;
  }

  /** Does what is due now. Concurrent calls share one run. */
  tick(): Promise<void> {
    this.#running ??= this.#tickOnce().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#nextTickAtMs = this.#deps.now().getTime() + delayMs;
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      void this.tick().finally(() => this.#schedule(TICK_INTERVAL_MS));
    }, delayMs);
  }

  #plans(accountId: string, nowMs: number): PlannedRefresh[] {
    const account = this.#deps.store.data.accounts.find((candidate) => candidate.id === accountId);
    if (!account) return [];
    const uses = this.#deps.broker.tokensInUse().filter((use) => use.accountId === accountId);
    const hold = this.#deps.broker.health(accountId)?.nextAttemptAtMs ?? undefined;
    return planAccount(account, uses, nowMs, hold);
  }

  async #tickOnce(): Promise<void> {
    const nowMs = this.#deps.now().getTime();
    const accounts = this.#deps.store.data.accounts;
    this.#deps.broker.prune(new Set(accounts.map((account) => account.id)));
    for (const account of accounts) {
      // Tokens consumers use first; a keep-alive is then only needed if none of them was due.
      const due = this.#plans(account.id, nowMs)
        .filter((plan) => plan.atMs <= nowMs)
        .sort((a, b) => Number(a.reason === 'keep_alive') - Number(b.reason === 'keep_alive'));
      await this.#refreshDue(dedupe(due));
    }
    this.#lastTickAtMs = nowMs;
    await this.#deps.afterTick?.().catch((error: unknown) => this.#deps.log.error({ err: error }, 'after-tick work failed'));
  }

  /** One account's due refreshes in turn; the first failure ends the account's turn (the broker backs off). */
  async #refreshDue(due: PlannedRefresh[]): Promise<void> {
    let refreshed = false;
    for (const plan of due) {
      // Any refresh rotated the refresh token, which is all a keep-alive is for.
      if (refreshed && plan.reason === 'keep_alive') continue;
      try {
        await this.#deps.broker.getToken(plan.accountId, plan.scopes, { forceRefresh: true, background: true });
        refreshed = true;
        this.#deps.log.info({ accountId: plan.accountId, reason: plan.reason }, 'scheduled refresh done');
      } catch (error) {
        // The broker already classified, marked and logged the failure; only the unexpected is logged here.
        if (!(error instanceof AppError)) this.#deps.log.error({ err: error, accountId: plan.accountId }, 'scheduled refresh crashed');
        return;
      }
    }
  }
}

function dedupe(plans: PlannedRefresh[]): PlannedRefresh[] {
  const seen = new Set<string>();
  return plans.filter((plan) => {
    const key = scopeKey(plan.scopes);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
