// The marks a failed refresh leaves in the store: an account that needs signing in again, and an
// app registration Microsoft refused. They persist (the UI and alerts read them) and are cleared by
// recovery: a new sign-in resets the account, a refresh that works again clears the app's mark.
import { AppError } from '../errors/app-error.js';
import { errorFromDiagnosis } from '../errors/diagnosis-error.js';
import type { Diagnosis } from '../errors/diagnosis.js';
import { retryAfterSeconds } from './backoff.js';
import type { RefreshFailure } from './refresh-health.js';
import type { Account, AppRegistration } from '../store/schema.js';
import type { Store } from '../store/store.js';

const aadstsOf = (value: { aadsts?: number | undefined }): { aadsts?: number } =>
  value.aadsts !== undefined ? { aadsts: value.aadsts } : {};

export async function markNeedsSignIn(store: Store, accountId: string, diagnosis: Diagnosis, now: Date): Promise<AppError> {
  const since = now.toISOString();
  await store.update((draft) => {
    const account = draft.accounts.find((candidate) => candidate.id === accountId);
    if (!account) return;
    account.status = 'needs_sign_in';
    account.statusDetail = { code: 'needs_sign_in', title: diagnosis.title, fix: diagnosis.fix, since, ...aadstsOf(diagnosis) };
  });
  return errorFromDiagnosis(diagnosis, 'needs_sign_in');
}

/** The 409 for an account already marked, with the diagnosis that marked it. No call to Microsoft. */
export function needsSignInError(account: Account): AppError {
  const detail = account.statusDetail;
  if (!detail) return new AppError('needs_sign_in', { details: { diagnosis: { class: 'sign_in_again' } } });
  return new AppError('needs_sign_in', {
    message: detail.title,
    fix: detail.fix,
    ...aadstsOf(detail),
    details: { diagnosis: { class: 'sign_in_again', title: detail.title, fix: detail.fix, since: detail.since, ...aadstsOf(detail) } },
  });
}

/** Writes only when the problem is new or different, so retries do not rewrite the store. */
export async function markConfigurationProblem(store: Store, appRegistrationId: string, diagnosis: Diagnosis, now: Date): Promise<boolean> {
  return store.update((draft) => {
    const app = draft.appRegistrations.find((candidate) => candidate.id === appRegistrationId);
    if (!app) return false;
    const known = app.configurationProblem;
    if (known && known.title === diagnosis.title && known.aadsts === diagnosis.aadsts) return false;
    app.configurationProblem = { code: 'configuration_problem', title: diagnosis.title, fix: diagnosis.fix, since: now.toISOString(), ...aadstsOf(diagnosis) };
    return true;
  });
}

export async function clearConfigurationProblem(store: Store, appRegistrationId: string): Promise<boolean> {
  return store.update((draft) => {
    const app = draft.appRegistrations.find((candidate) => candidate.id === appRegistrationId);
    if (!app?.configurationProblem) return false;
    app.configurationProblem = null;
    return true;
  });
}

/** The 409 while a refused app registration waits for its next try. */
export function configurationProblemError(app: AppRegistration): AppError {
  const problem = app.configurationProblem;
  if (!problem) return new AppError('configuration_problem');
  return new AppError('configuration_problem', {
    message: problem.title,
    fix: problem.fix,
    ...aadstsOf(problem),
    details: { diagnosis: { class: 'configuration', title: problem.title, fix: problem.fix, since: problem.since, ...aadstsOf(problem) } },
  });
}

/** The 503 while refreshing waits (back-off, Retry-After): says how long, and why when known. */
export function waitForRefreshError(failure: RefreshFailure | null, waitMs: number): AppError {
  const diagnosis = failure
    ? { class: failure.class, title: failure.title, fix: failure.fix, ...aadstsOf(failure) }
    : undefined;
  return new AppError('token_unavailable', {
    ...(failure ? { message: failure.title, fix: failure.fix, ...aadstsOf(failure) } : {}),
    ...(diagnosis ? { details: { diagnosis } } : {}),
    headers: { 'retry-after': String(retryAfterSeconds(waitMs)) },
  });
}
