// How the panel words an account's refresh health and an app registration's secret expiry. Pure:
// the account card, the app registration card and their tests share it.
import type { AlertKind } from '../components/m365-alert.js';
import type { RefreshState, SecretExpiryView } from '../api/types.js';

/** Entra's refresh-token inactivity limit (AADSTS700082), counted from when the token was issued. */
export const REFRESH_WINDOW_DAYS = 90;
const DAY_S = 86_400;

export const REFRESH_STATES: Record<RefreshState, { label: string; icon: string; tone: 'ok' | 'warn' | 'bad' }> = {
  ok: { label: 'Working', icon: '✓', tone: 'ok' },
  retrying: { label: 'Retrying', icon: '!', tone: 'warn' },
  needs_sign_in: { label: 'Needs sign-in', icon: '!', tone: 'bad' },
  configuration_problem: { label: 'App registration refused', icon: '!', tone: 'bad' },
};

export const NEXT_REFRESH_REASONS: Record<string, string> = {
  expiring: 'before the token in use expires',
  keep_alive: 'weekly keep-alive',
};

export const days = (count: number): string => (count === 1 ? '1 day' : `${count} days`);

/** The refresh token's age in whole days and what is left of its 90-day window. */
export function refreshTokenWindow(ageSeconds: number): { ageDays: number; daysLeft: number } {
  const ageDays = Math.max(0, Math.floor(ageSeconds / DAY_S));
  return { ageDays, daysLeft: Math.max(0, REFRESH_WINDOW_DAYS - ageDays) };
}

/** The warning for a client secret close to (or past) its expiry; null when there is nothing to say. */
export function secretExpiryNotice(expiry: SecretExpiryView | undefined): { kind: AlertKind; heading: string } | null {
  if (!expiry) return null;
  const left = expiry.days_left ?? 0;
  const when = left <= 0 ? 'today' : `in ${days(left)}`;
  switch (expiry.state) {
    case 'within_30_days': return { kind: 'warning', heading: `The client secret expires ${when} (${expiry.expires_on})` };
    case 'within_7_days': return { kind: 'warning', heading: `The client secret expires ${when} (${expiry.expires_on}): renew it now` };
    case 'expired': return { kind: 'error', heading: `The client secret expired on ${expiry.expires_on}` };
    default: return null;
  }
}

/** What to do about an expiring secret; a non-admin is told who can do the second half. */
export function secretFix(readOnly: boolean): string {
  const enter = readOnly
    ? 'then a Home Assistant administrator enters its Value and expiry date on this page'
    : 'then enter its Value and expiry date under “Replace the client secret” here';
  return `In the Entra portal open your app registration → Certificates & secrets → + New client secret, ${enter}. Until it expires the old secret keeps working.`;
}
