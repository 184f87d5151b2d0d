// Reading an msal-node outcome the way the broker needs it: the HTTP status msal leaves off its
// errors, and the token's remaining lifetime in the broker's own clock.
import type { AuthenticationResult } from '@azure/msal-node';
import { diagnoseMsalError, type Diagnosis } from '../errors/diagnosis.js';

/** What the last network answer of an account's msal call said besides its body. */
export interface ObservedResponse {
  status?: number;
  retryAfter?: string;
}

/**
 * msal-node dates expiry by the real clock; the broker keeps time by its injected one (the same in
 * production, moved by tests). The remaining lifetime is what carries over between the two.
 */
export function remainingMs(result: AuthenticationResult): number {
  return result.expiresOn ? result.expiresOn.getTime() - Date.now() : 3_600_000;
}

/**
 * msal-node leaves the HTTP status off its errors; the observed one lets a 429 or 5xx count as
 * transient even when its body names no code the diagnosis table knows.
 */
export function diagnoseWithStatus(error: unknown, seen: ObservedResponse): Diagnosis {
  if (seen.status !== undefined && error && typeof error === 'object' && (error as { status?: unknown }).status === undefined) {
    (error as { status?: number }).status = seen.status;
  }
  return diagnoseMsalError(error);
}
