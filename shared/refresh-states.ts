// How an account's refreshing stands, and why the next refresh is planned. The scheduler decides
// them (server/scheduler/); the panel shows each with its own badge and words.

export const REFRESH_STATES = ['ok', 'retrying', 'needs_sign_in', 'configuration_problem'] as const;
export type RefreshState = (typeof REFRESH_STATES)[number];

/** Before the access token lapses, or to keep a quiet account's refresh token alive. */
export const REFRESH_REASONS = ['expiring', 'keep_alive'] as const;
export type RefreshReason = (typeof REFRESH_REASONS)[number];
