// How close a client secret is to expiring. The service counts the days (server/alerts/secret-expiry.ts)
// and raises alerts on the levels; the panel colours and words each state.

export const SECRET_EXPIRY_LEVELS = ['within_30_days', 'within_7_days', 'expired'] as const;
export type SecretExpiryLevel = (typeof SECRET_EXPIRY_LEVELS)[number];

export const SECRET_EXPIRY_STATES = ['ok', 'unknown', ...SECRET_EXPIRY_LEVELS] as const;
export type SecretExpiryState = (typeof SECRET_EXPIRY_STATES)[number];
