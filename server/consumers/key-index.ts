// Live consumers by key, for the consumer API's key check. Instance state of one ConsumerAdmission
// (made per consumer listener), never a module global: it remembers raw keys, and two services in
// one process (tests, the bench) must not see each other's.
//
// The index is rebuilt only when the store changes (every write makes a new consumers array, so a
// revoked key is gone with the old index). A map lookup on the hash is not constant-time, but it
// leaks at most something about the SHA-256 of a key, which gets an attacker no closer to a key.
// `matched` remembers keys that already matched since the last store write (at most one per live
// consumer), so a key-holder's next requests skip hashing: on the cached-token path the hash was a
// large share of the work. A key that does not match is never remembered, so callers cannot grow it;
// the same Map lookup compares string hashes before contents, so it leaks no more than the first.
import { AppError } from '../errors/app-error.js';
import type { Consumer } from '../store/schema.js';
import { hashKey } from './keys.js';

export class KeyIndex {
  #consumers: readonly Consumer[] | undefined;
  #byHash = new Map<string, Consumer>();
  #matched = new Map<string, Consumer>();

  /** The live consumer among `consumers` (the store's current list) a key belongs to; 401 otherwise. */
  authenticate(consumers: readonly Consumer[], key: string | undefined): Consumer {
    if (!key) throw new AppError('unauthorized');
    if (consumers !== this.#consumers) this.#rebuild(consumers);
    const known = this.#matched.get(key);
    if (known) return known;
    const consumer = this.#byHash.get(hashKey(key));
    if (!consumer) throw new AppError('unauthorized');
    this.#matched.set(key, consumer);
    return consumer;
  }

  #rebuild(consumers: readonly Consumer[]): void {
    this.#consumers = consumers;
    this.#byHash = new Map(consumers.filter((consumer) => !consumer.revokedAt).map((consumer) => [consumer.keyHash, consumer]));
    this.#matched = new Map();
  }
}
