// Reading an msal-node outcome the way the broker needs it: the HTTP status msal leaves off its
// errors, and the token's remaining lifetime in the broker's own clock.
import type { AuthenticationResult } from '@azure/msal-node';
import { AppError } from '../errors/app-error.js';
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

/**
 * AADSTS65001 (`invalid_grant`, suberror `consent_required`): the user never consented to a
 * permission this request asked for. On a refresh that is about the request, not the account.
 */
export function isConsentMissing(diagnosis: Diagnosis): boolean {
  return diagnosis.aadsts === 65001 || diagnosis.error === 'consent_required';
}

/** The 409 a consumer gets for such a refusal: the account and its other permissions stay usable. */
export function scopeNotConsentedError(asked: readonly string[], granted: readonly string[]): AppError {
  return new AppError('scope_not_granted', {
    message: `Microsoft says the user has not consented to some of ${asked.join(', ')} for this app.`,
    fix: 'Ask only for permissions the account consented to; to add one, sign the account in again asking for it. If this account’s tokens fail for every consumer, sign it in again.',
    aadsts: 65001,
    details: { not_granted: [...asked], granted_scopes: [...granted] },
  });
}
