// Per-key rate limit: a token bucket in memory per consumer, holding up to a minute's allowance and
// refilling continuously, so a key may burst but not exceed its per-minute rate over time.

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** One shared answer for the common case: every API request asks. */
const ALLOWED: RateDecision = Object.freeze({ ok: true });

interface Bucket {
  tokens: number;
  updatedAtMs: number;
}

export interface RateLimiterOptions {
  /**
   * Keys kept at once; a new key beyond this forgets the one seen first (which then starts again with
   * a full allowance). For keys anyone can make up, such as source addresses.
   */
  maxKeys?: number;
  /** Told of each key forgotten to make room. */
  onEvict?: (key: string) => void;
}

export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #nowMs: () => number;
  readonly #options: RateLimiterOptions;

  constructor(nowMs: () => number, options: RateLimiterOptions = {}) {
    this.#nowMs = nowMs;
    this.#options = options;
  }

  /** `nowMs` lets a caller that already read the clock for this request pass it on. */
  take(consumerId: string, perMinute: number, nowMs = this.#nowMs()): RateDecision {
    const rate = Math.max(1, perMinute);
    const bucket = this.#buckets.get(consumerId) ?? this.#newBucket(rate, nowMs);
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

  #newBucket(rate: number, nowMs: number): Bucket {
    const { maxKeys, onEvict } = this.#options;
    if (maxKeys !== undefined && this.#buckets.size >= maxKeys) {
      // A Map iterates in insertion order, and a bucket is inserted once: the first key is the oldest.
      const oldest = this.#buckets.keys().next().value as string;
      this.#buckets.delete(oldest);
      onEvict?.(oldest);
    }
    return { tokens: rate, updatedAtMs: nowMs };
  }

  /** A revoked or deleted consumer's bucket is no longer needed. */
  forget(consumerId: string): void {
    this.#buckets.delete(consumerId);
  }
}
