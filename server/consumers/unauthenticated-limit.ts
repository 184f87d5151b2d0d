// Requests without a valid key, limited per source before they are audited or logged: each one
// would write an audit line, so an unlimited stream from one host could rotate every earlier line
// out of the audit log (and fill the service log). Requests with a valid key never count here: a
// real consumer sharing an address with a noisy neighbour is still served, within its own limit.
import { isIP } from 'node:net';
import type { Logger } from '../log.js';
import { normalizeAddress } from '../net/addresses.js';
import { RateLimiter, type RateDecision } from './rate-limiter.js';

/** Sources remembered at once; beyond this the oldest is forgotten (and starts with a full allowance). */
const MAX_SOURCES = 10_000;

/**
 * What one source is: an IPv4 address, or the /64 an IPv6 address belongs to (a host usually holds a
 * whole /64, so limiting single IPv6 addresses would limit nothing).
 */
export function sourceOf(address: string | undefined): string {
  if (!address) return 'unknown';
  const normalized = normalizeAddress(address);
  if (isIP(normalized) !== 6) return normalized;
  return `${expandIpv6(normalized).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head = '', tail] = address.split('%', 1)[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = Array.from({ length: Math.max(0, 8 - left.length - right.length) }, () => '0');
  return [...left, ...(tail === undefined ? [] : zeros), ...right].map((part) => part.toLowerCase().replace(/^0+(?=.)/, ''));
}

export class UnauthenticatedLimit {
  readonly #limiter: RateLimiter;
  readonly #perMinute: number;
  readonly #log: Logger;
  /** Sources refused since their last admitted request: one warning per episode, not per request. */
  readonly #refusing = new Set<string>();

  constructor(deps: { perMinute: number; now: () => Date; log: Logger }) {
    this.#perMinute = deps.perMinute;
    this.#limiter = new RateLimiter(() => deps.now().getTime(), {
      maxKeys: MAX_SOURCES,
      onEvict: (source) => this.#refusing.delete(source),
    });
    this.#log = deps.log;
  }

  /** Takes one unauthenticated request from the source's allowance. */
  take(address: string | undefined): RateDecision {
    const source = sourceOf(address);
    const decision = this.#limiter.take(source, this.#perMinute);
    if (decision.ok) {
      this.#refusing.delete(source);
    } else if (!this.#refusing.has(source)) {
      this.#refusing.add(source);
      this.#log.warn({ source, perMinute: this.#perMinute }, 'requests without a valid consumer key are being refused from this source (429) and no longer audited');
    }
    return decision;
  }
}
