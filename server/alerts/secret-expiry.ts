// Pure: how close an app registration's client secret is to expiring. Microsoft says nothing until
// the next token call fails with AADSTS7000222, so the add-on counts down from the date the user entered.
import type { SecretExpiryState } from '../../shared/secret-expiry-states.js';
import type { AppRegistration } from '../store/schema.js';

export const SECRET_WARN_DAYS = 30;
export const SECRET_URGENT_DAYS = 7;
const DAY_MS = 24 * 60 * 60_000;

export type { SecretExpiryLevel, SecretExpiryState } from '../../shared/secret-expiry-states.js';

export interface SecretExpiry {
  state: SecretExpiryState;
  expiresOn: string | null;
  /** Whole days left, negative once expired; null when the date is unknown. */
  daysLeft: number | null;
}

/** Higher is worse; a condition alerts again only when its level rises. */
export const LEVEL_SEVERITY: Record<string, number> = { within_30_days: 1, within_7_days: 2, expired: 3 };

/** The stored value is the portal's date; like registrations/validate.ts, the secret works until that day ends (UTC). */
export function secretExpiresAtMs(app: Pick<AppRegistration, 'secretExpiresOn'>): number | null {
  if (!app.secretExpiresOn) return null;
  const day = app.secretExpiresOn.trim().slice(0, 10);
  const at = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T23:59:59Z`) : Date.parse(app.secretExpiresOn);
  return Number.isNaN(at) ? null : at;
}

export function secretExpiry(app: Pick<AppRegistration, 'secretExpiresOn'>, now: Date): SecretExpiry {
  const at = secretExpiresAtMs(app);
  if (at === null) return { state: 'unknown', expiresOn: app.secretExpiresOn, daysLeft: null };
  const leftMs = at - now.getTime();
  const daysLeft = Math.floor(leftMs / DAY_MS);
  // Levels follow the whole days a person reads ("expires in 7 days"), not fractions of a day.
  let state: SecretExpiryState = 'ok';
  if (leftMs <= 0) state = 'expired';
  else if (daysLeft <= SECRET_URGENT_DAYS) state = 'within_7_days';
  else if (daysLeft <= SECRET_WARN_DAYS) state = 'within_30_days';
  return { state, expiresOn: app.secretExpiresOn, daysLeft };
}
