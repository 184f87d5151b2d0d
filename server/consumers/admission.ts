// Who may call the consumer API right now: the key names a live consumer (authenticate), and that
// consumer is within its rate limit (admit, which also notes the key's last use). Kept apart so a
// caller can check everything else between the two: admit() is the only step with side effects.
import type { Logger } from '../log.js';
import type { Consumer } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { AppError } from '../errors/app-error.js';
import { KeyIndex } from './key-index.js';
import { keyFromAuthorization } from './keys.js';
import { RateLimiter } from './rate-limiter.js';
import { UsageRecorder } from './usage.js';

export class ConsumerAdmission {
  readonly #store: Store;
  readonly #keys = new KeyIndex();
  readonly #limiter: RateLimiter;
  readonly #usage: UsageRecorder;
  readonly #now: () => Date;

  constructor(deps: { store: Store; now: () => Date; log: Logger }) {
    this.#store = deps.store;
    this.#now = deps.now;
    this.#limiter = new RateLimiter(() => deps.now().getTime());
    this.#usage = new UsageRecorder(deps);
  }

  /** The live consumer an `Authorization: Bearer <key>` header belongs to; 401 otherwise. */
  authenticate(authorization: string | undefined): Consumer {
    return this.#keys.authenticate(this.#store.data.consumers, keyFromAuthorization(authorization));
  }

  /** Takes one request from the consumer's allowance; 429 with Retry-After when it is spent (a refusal takes nothing). */
  admit(consumer: Consumer, nowMs = this.#now().getTime()): void {
    const decision = this.#limiter.take(consumer.id, consumer.rateLimitPerMinute, nowMs);
    if (!decision.ok) throw new AppError('rate_limited', { headers: { 'retry-after': String(decision.retryAfterSeconds) } });
    this.#usage.note(consumer, nowMs);
  }
}
