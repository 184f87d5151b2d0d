// Remembers, per Home Assistant feature, whether its last call worked, so the UI can say which
// feature is unavailable while the rest keeps working. Logs only when a feature changes state.
import type { Logger } from '../log.js';
import { describeHaFailure, HaError } from './ha-error.js';
import { HA_FEATURES, type HaFeatureId, type HaFeatureState } from './ha-status.js';

export type HaResult<T> = { ok: true; value: T } | { ok: false; error: HaError };

export function asHaError(error: unknown): HaError {
  if (error instanceof HaError) return error;
  return new HaError('bad_response', error instanceof Error ? error.message : 'unexpected failure', { cause: error });
}

export class FeatureTracker {
  readonly #states = new Map<HaFeatureId, HaFeatureState>(HA_FEATURES.map((id) => [id, { available: null }]));
  readonly #log: Logger;
  readonly #timeoutMs: number;

  constructor(log: Logger, timeoutMs: number) {
    this.#log = log;
    this.#timeoutMs = timeoutMs;
  }

  /** Runs one call on behalf of the features it serves and records how it went. */
  async track<T>(features: HaFeatureId[], run: () => Promise<T>): Promise<HaResult<T>> {
    try {
      const value = await run();
      for (const id of features) this.#set(id, { available: true });
      return { ok: true, value };
    } catch (error) {
      const failure = asHaError(error);
      const message = describeHaFailure(failure, this.#timeoutMs);
      for (const id of features) this.#set(id, { available: false, reason: failure.reason, message });
      return { ok: false, error: failure };
    }
  }

  states(): Record<HaFeatureId, HaFeatureState> {
    return Object.fromEntries(HA_FEATURES.map((id) => [id, { ...this.#states.get(id)! }])) as Record<HaFeatureId, HaFeatureState>;
  }

  #set(id: HaFeatureId, next: HaFeatureState): void {
    const previous = this.#states.get(id);
    this.#states.set(id, next);
    if (previous?.available === next.available && previous.reason === next.reason) return;
    if (next.available) this.#log.info({ feature: id }, 'Home Assistant feature available');
    else this.#log.warn({ feature: id, reason: next.reason }, 'Home Assistant feature unavailable');
  }
}
