// Why a call to the Supervisor or HA Core failed, as a stable reason the UI can show per feature.
// Messages name the endpoint, never the token or a response body.

import type { HaFailureReason } from '../../shared/ha-features.js';

export { HA_FAILURE_REASONS, type HaFailureReason } from '../../shared/ha-features.js';

export class HaError extends Error {
  readonly reason: HaFailureReason;
  /** HTTP status, when the Supervisor answered at all. */
  readonly status: number | undefined;

  constructor(reason: HaFailureReason, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'HaError';
    this.reason = reason;
    this.status = options.status;
  }
}

/** A person-readable sentence for a failure reason. */
export function describeHaFailure(error: HaError, timeoutMs: number): string {
  switch (error.reason) {
    case 'timeout':
      return `Home Assistant did not answer within ${Math.round(timeoutMs / 1000)} seconds.`;
    case 'unreachable':
      return 'The Home Assistant Supervisor could not be reached.';
    case 'unauthorized':
      return 'The Supervisor refused the add-on’s token.';
    case 'forbidden':
      return 'The add-on is not allowed to use this Home Assistant API.';
    case 'command_failed':
      return `Home Assistant refused the request: ${error.message}`;
    default:
      return `Home Assistant answered in an unexpected way (${error.message}).`;
  }
}
