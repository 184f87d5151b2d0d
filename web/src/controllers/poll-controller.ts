// Runs a task every few seconds while its element is connected, and at once when the page becomes
// visible again (the user coming back from Microsoft's tab). Stops when the task says it is done.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export const POLL_INTERVAL_MS = 1500;

export class PollController implements ReactiveController {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #task: ((signal: AbortSignal) => Promise<boolean>) | undefined;
  #abort: AbortController | undefined;
  #running = false;
  readonly #onVisible = () => {
    if (document.visibilityState === 'visible' && this.#task) void this.#tick();
  };

  constructor(private readonly host: ReactiveControllerHost, private readonly intervalMs = POLL_INTERVAL_MS) {
    host.addController(this);
  }

  /** Starts polling; the task resolves true when there is nothing left to wait for. */
  start(task: (signal: AbortSignal) => Promise<boolean>): void {
    this.stop();
    this.#task = task;
    this.#schedule(0);
  }

  stop(): void {
    this.#task = undefined;
    clearTimeout(this.#timer);
    this.#abort?.abort();
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisible);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisible);
    this.stop();
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#tick(), delayMs);
  }

  async #tick(): Promise<void> {
    const task = this.#task;
    if (!task || this.#running) return;
    this.#running = true;
    this.#abort = new AbortController();
    let finished = false;
    try {
      finished = await task(this.#abort.signal);
    } catch {
      // A failed poll (network blip) is retried on the next tick; the task reports real failures itself.
    } finally {
      this.#running = false;
    }
    if (finished) this.stop();
    else if (this.#task === task) this.#schedule(this.intervalMs);
    this.host.requestUpdate();
  }
}
