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

export class SignInFlow<Started extends { method: string; state: string }, Result> {
  started: Started | undefined;
  /** The redirect's progress as the service reports it (`pending`, `expired`). */
  phase = 'pending';
  busy = false;
  error: ApiError | undefined;
  result: Result | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #poll: PollController;
  readonly #options: SignInFlowOptions<Started, Result>;

  constructor(host: ReactiveControllerHost, options: SignInFlowOptions<Started, Result>) {
    this.#host = host;
    this.#poll = new PollController(host);
    this.#options = options;
  }

  /** Starts a sign-in; an internet redirect is then polled until it lands, fails or expires. */
  start(call: () => Promise<Started>): Promise<void> {
    return this.#run(async () => {
      this.started = await call();
      this.phase = 'pending';
      if (this.started.method === 'internet_redirect') this.#poll.start((signal) => this.#check(signal));
    });
  }

  /** Finishes with the address the user pasted back. */
  paste(call: () => Promise<Result>): Promise<void> {
    return this.#run(async () => this.#finish(await call()));
  }

  /** Back to the start: nothing started, nothing shown. */
  reset(): void {
    this.#poll.stop();
    this.started = undefined;
    this.result = undefined;
    this.error = undefined;
    this.#host.requestUpdate();
  }

  /** Stops waiting for the redirect (the view is closing). */
  stop(): void {
    this.#poll.stop();
  }

  /** One poll of the internet redirect; true when there is nothing more to wait for. */
  async #check(signal: AbortSignal): Promise<boolean> {
    const started = this.started;
    if (!started) return true;
    const status = await fetchSignInStatus(started.state, signal);
    if (status.status === 'failed') this.error = new ApiError(400, status.error);
    else if (status.status === 'completed') await this.#run(async () => this.#finish(await this.#options.completed(started, status.result)));
    else this.phase = status.status;
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
    this.result = result;
    this.#options.finished?.(result);
  }
}
