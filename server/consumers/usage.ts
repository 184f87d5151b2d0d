// Records when a consumer key was last used, for the Consumers page. Written at most every few
// minutes per consumer and never awaited by the request: the hot path must not wait on the disk.
import type { Logger } from '../log.js';
import type { Consumer } from '../store/schema.js';
import type { Store } from '../store/store.js';

export const LAST_USED_RESOLUTION_MS = 5 * 60_000;

export class UsageRecorder {
  readonly #pending = new Set<string>();
  /** Last recorded use per consumer, so the hot path does not parse dates. */
  readonly #lastMs = new Map<string, number>();
  readonly #deps: { store: Store; now: () => Date; log: Logger };

  constructor(deps: { store: Store; now: () => Date; log: Logger }) {
    this.#deps = deps;
  }

  note(consumer: Consumer, nowMs = this.#deps.now().getTime()): void {
    const last = this.#lastMs.get(consumer.id) ?? (consumer.lastUsedAt ? Date.parse(consumer.lastUsedAt) : Number.NaN);
    if (!Number.isNaN(last) && nowMs - last < LAST_USED_RESOLUTION_MS) return;
    if (this.#pending.has(consumer.id)) return;
    this.#pending.add(consumer.id);
    this.#lastMs.set(consumer.id, nowMs);
    const now = new Date(nowMs);
    this.#deps.store
      .update((draft) => {
        const stored = draft.consumers.find((candidate) => candidate.id === consumer.id);
        if (stored) stored.lastUsedAt = now.toISOString();
      })
      .catch((error: unknown) => this.#deps.log.warn({ err: error, consumerId: consumer.id }, 'could not record key use'))
      .finally(() => this.#pending.delete(consumer.id));
  }
}
