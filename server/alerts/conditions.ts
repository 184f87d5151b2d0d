// Pure: the conditions a person must act on, read from the store. Each has a stable id, so the
// monitor can tell a new condition from one it already alerted about, and notice when it is gone.
import type { StoreData } from '../store/schema.js';
import { LEVEL_SEVERITY, secretExpiry } from './secret-expiry.js';

export type AlertKind = 'account_needs_sign_in' | 'secret_expiry' | 'configuration_problem';

export interface AlertCondition {
  id: string;
  kind: AlertKind;
  subjectId: string;
  level: string | null;
  severity: number;
  title: string;
  /** Plain text; the panel link is added by whoever sends it. */
  message: string;
}

export interface Recovery {
  title: string;
  message: string;
}

const conditionId = (kind: AlertKind, subjectId: string): string => `${kind}:${subjectId}`;

export function currentConditions(data: Readonly<StoreData>, now: Date): AlertCondition[] {
  const conditions: AlertCondition[] = [];
  for (const account of data.accounts) {
    if (account.status !== 'needs_sign_in') continue;
    const detail = account.statusDetail;
    conditions.push({
      id: conditionId('account_needs_sign_in', account.id),
      kind: 'account_needs_sign_in',
      subjectId: account.id,
      level: null,
      severity: 1,
      title: `Microsoft 365: ${account.username} must sign in again`,
      message: `The add-on can no longer refresh the tokens of ${account.username}${detail ? `: ${detail.title}${detail.aadsts ? ` (AADSTS${detail.aadsts})` : ''}` : ''}. `
        + `${detail?.fix ?? 'Sign the account in again from the add-on’s panel.'} Add-ons using this account get no tokens until then.`,
    });
  }
  for (const app of data.appRegistrations) {
    const expiry = secretExpiry(app, now);
    if (expiry.state !== 'ok' && expiry.state !== 'unknown') {
      conditions.push({
        id: conditionId('secret_expiry', app.id),
        kind: 'secret_expiry',
        subjectId: app.id,
        level: expiry.state,
        severity: LEVEL_SEVERITY[expiry.state] ?? 1,
        ...secretTexts(app.displayName, expiry.expiresOn ?? '', expiry.daysLeft ?? 0, expiry.state),
      });
    }
    if (app.configurationProblem) {
      const problem = app.configurationProblem;
      conditions.push({
        id: conditionId('configuration_problem', app.id),
        kind: 'configuration_problem',
        subjectId: app.id,
        level: null,
        severity: 1,
        title: `Microsoft 365: Microsoft refused the app registration “${app.displayName}”`,
        message: `${problem.title}${problem.aadsts ? ` (AADSTS${problem.aadsts})` : ''}. ${problem.fix}`,
      });
    }
  }
  return conditions;
}

function secretTexts(name: string, day: string, daysLeft: number, level: string): { title: string; message: string } {
  const renew = 'Create a new client secret in the Entra portal (your app registration → Certificates & secrets), '
    + 'then enter its Value and expiry date in the add-on’s app registration.';
  if (level === 'expired') {
    return {
      title: `Microsoft 365: the client secret of “${name}” has expired`,
      message: `The client secret of the app registration “${name}” expired on ${day}: its accounts can no longer refresh tokens. ${renew}`,
    };
  }
  const when = daysLeft <= 0 ? 'today' : daysLeft === 1 ? 'in 1 day' : `in ${daysLeft} days`;
  return {
    title: `Microsoft 365: the client secret of “${name}” expires ${when}`,
    message: `The client secret of the app registration “${name}” expires on ${day}. ${renew} After it expires, every account using it stops working.`,
  };
}

/** What to say when a condition is gone; the subject may have been deleted meanwhile. */
export function recoveryText(kind: string, subjectId: string, data: Readonly<StoreData>): Recovery {
  if (kind === 'account_needs_sign_in') {
    const account = data.accounts.find((candidate) => candidate.id === subjectId);
    return account
      ? { title: `Microsoft 365: ${account.username} works again`, message: `${account.username} is signed in again; its tokens are refreshed as usual.` }
      : { title: 'Microsoft 365: an account was removed', message: 'An account that needed signing in again was removed from the add-on.' };
  }
  const app = data.appRegistrations.find((candidate) => candidate.id === subjectId);
  if (!app) return { title: 'Microsoft 365: an app registration was removed', message: 'An app registration that needed attention was removed from the add-on.' };
  const name = `“${app.displayName}”`;
  if (kind === 'secret_expiry') {
    return { title: `Microsoft 365: client secret of ${name} renewed`, message: `The app registration ${name} has a client secret that is not about to expire.` };
  }
  return { title: `Microsoft 365: Microsoft accepts ${name} again`, message: `Microsoft accepted the credentials of the app registration ${name} again.` };
}
