// Per-key rate limit: a token bucket in memory per consumer, holding up to a minute's allowance and
// refilling continuously, so a key may burst but not exceed its per-minute rate over time.

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** One shared answer for the common case: every API request asks. */
const ALLOWED: RateDecision = Object.freeze({ ok: true });

interface Bucket {
  tokens: number;
  updatedAtMs: number;
}

export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #nowMs: () => number;

  constructor(nowMs: () => number) {
    this.#nowMs = nowMs;
  }

  /** `nowMs` lets a caller that already read the clock for this request pass it on. */
  take(consumerId: string, perMinute: number, nowMs = this.#nowMs()): RateDecision {
    const rate = Math.max(1, perMinute);
    const bucket = this.#buckets.get(consumerId) ?? { tokens: rate, updatedAtMs: nowMs };
    // Capacity is the current limit: a changed limit applies at once, without a burst of the difference.
    const elapsed = Math.max(0, nowMs - bucket.updatedAtMs);
    bucket.tokens = Math.min(rate, bucket.tokens + (elapsed * rate) / 60_000);
    bucket.updatedAtMs = nowMs;
    this.#buckets.set(consumerId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return ALLOWED;
    }
    const waitMs = ((1 - bucket.tokens) * 60_000) / rate;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** A revoked or deleted consumer's bucket is no longer needed. */
  forget(consumerId: string): void {
    this.#buckets.delete(consumerId);
  }
}
