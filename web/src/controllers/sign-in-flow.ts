// One sign-in from start to result, for every view that signs an account in: start it, then take
// the pasted nativeclient address or poll until the internet redirect lands, keeping what the
// panels show (phase, busy, error) in one place. The main sign-in and an MS365 entry's "sign in
// again" differ only in the calls they make and in what a finished sign-in means to them.
import type { ReactiveControllerHost } from 'lit';
import { ApiError, toApiError } from '../api/client.js';
import { fetchSignInStatus } from '../api/sign-ins.js';
import type { SignInResult } from '../api/types.js';
import { PollController } from './poll-controller.js';

export interface SignInFlowOptions<Started, Result> {
  /** The internet redirect landed and the service redeemed the code: what the view finishes with. */
  completed: (started: Started, result: SignInResult) => Promise<Result> | Result;
  /** Called once with the result, after it is shown. */
  finished?: (result: Result) => void;
}

/** Why a started sign-in can no longer be finished: its link and paste box are then taken away. */
export type SignInClosed = 'failed' | 'expired' | 'used';

/** The refusals that end a sign-in for good; anything else about a paste can be corrected and pasted again. */
export function closedBy(error: ApiError | undefined): SignInClosed | undefined {
  if (!error) return undefined;
  if (error.diagnosis || error.code === 'sign_in_failed' || error.code === 'sign_in_already_failed') return 'failed';
  if (error.code === 'sign_in_expired') return 'expired';
  if (error.code === 'sign_in_already_used') return 'used';
  return undefined;
}

export class SignInFlow<Started extends { method: string; state: string }, Result> {
  started: Started | undefined;
  /** The redirect's progress as the service reports it (`pending`, `expired`). */
  phase = 'pending';
  busy = false;
  error: ApiError | undefined;
  /** Set once the sign-in failed, expired or was finished elsewhere: only a new one can go on. */
  closed: SignInClosed | undefined;
  result: Result | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #poll: PollController;
  readonly #options: SignInFlowOptions<Started, Result>;

  constructor(host: ReactiveControllerHost, options: SignInFlowOptions<Started, Result>) {
    this.#host = host;
    this.#poll = new PollController(host);
    this.#options = options;
  }

  /**
   * Starts a sign-in, then polls it until it lands, fails or expires. A paste-back sign-in is polled
   * too, so one left past its deadline (or answered in another tab) says so without a paste; the
   * service's clock decides, not the browser's.
   */
  start(call: () => Promise<Started>): Promise<void> {
    return this.#run(async () => {
      this.started = await call();
      this.phase = 'pending';
      this.closed = undefined;
      this.#poll.start((signal) => this.#check(signal));
    });
  }

  /** Finishes with the address the user pasted back; a refusal that ends the sign-in closes it. */
  async paste(call: () => Promise<Result>): Promise<void> {
    await this.#run(async () => this.#finish(await call()));
    this.closed ??= closedBy(this.error);
    if (this.closed) this.#poll.stop();
    this.#host.requestUpdate();
  }

  /** Back to the start: nothing started, nothing shown. */
  reset(): void {
    this.#poll.stop();
    this.started = undefined;
    this.result = undefined;
    this.error = undefined;
    this.closed = undefined;
    this.#host.requestUpdate();
  }

  /** Stops waiting for the redirect (the view is closing). */
  stop(): void {
    this.#poll.stop();
  }

  /** One poll of the internet redirect; true when there is nothing more to wait for. */
  async #check(signal: AbortSignal): Promise<boolean> {
    const started = this.started;
    if (!started || this.result || this.closed) return true;
    // A paste being checked answers for itself; the next poll sees what it left.
    if (this.busy) return false;
    const status = await fetchSignInStatus(started.state, signal);
    if (this.busy || this.result || this.closed) return false;
    if (status.status === 'failed') {
      this.error = new ApiError(400, status.error);
      this.closed = 'failed';
    } else if (status.status === 'completed') {
      // The internet redirect lands here; a paste-back one completed by a paste in another tab is spent.
      if (started.method === 'internet_redirect') await this.#run(async () => this.#finish(await this.#options.completed(started, status.result)));
      else this.closed = 'used';
    } else {
      this.phase = status.status;
      if (status.status === 'expired') this.closed = 'expired';
    }
    return status.status !== 'pending';
  }

  async #run(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = undefined;
    this.#host.requestUpdate();
    try {
      await work();
    } catch (error) {
      this.error = toApiError(error);
    } finally {
      this.busy = false;
      this.#host.requestUpdate();
    }
  }

  #finish(result: Result): void {
    this.#poll.stop();
    this.result = result;
    this.#options.finished?.(result);
  }
}
