// Pure timing rules for failed refreshes: exponential back-off with jitter that never retries sooner
// than Microsoft's Retry-After. No clock and no randomness of its own: both are passed in.

/** First wait after a transient failure; doubles with every further failure in a row. */
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 30 * 60_000;
/** msal-node's own ceiling for Retry-After (DEFAULT_MAX_THROTTLE_TIME_SECONDS); a larger value is a mistake. */
export const RETRY_AFTER_MAX_MS = 60 * 60_000;
/** A refused app registration is tried again this often by itself, so a fix made in the portal is noticed. */
export const CONFIGURATION_RETRY_MS = 60 * 60_000;

/**
 * The wait before attempt number `failures + 1`: "equal jitter" (half fixed, half random) so many
 * add-ons hit by the same outage do not come back in step, and never less than Retry-After.
 */
export function backoffDelayMs(failures: number, retryAfterMs: number | undefined, random: () => number): number {
  const exponent = Math.max(0, Math.min(failures - 1, 20));
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** exponent);
  const jittered = ceiling / 2 + (ceiling / 2) * clampUnit(random());
  return Math.round(Math.max(jittered, Math.min(retryAfterMs ?? 0, RETRY_AFTER_MAX_MS)));
}

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfterMs(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d{1,10}$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at) || !/[a-z]/i.test(text)) return undefined;
  return Math.max(0, at - now.getTime());
}

/** Whole seconds for a Retry-After header, at least 1 so a client never spins. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0.5;
}
