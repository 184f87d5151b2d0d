// App registrations: create, read, update, delete on the store. The secret goes in once and never
// comes back out: views carry only a mask with its last three characters.
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors/app-error.js';
import type { AppRegistrationInput, AppRegistrationPatch, AppRegistrationView } from '../http/contract/app-registrations.js';
import { LOCALHOST_REDIRECT_URI, nativeClientUrl } from '../settings/clouds.js';
import type { AppRegistration } from '../store/schema.js';
import type { Store } from '../store/store.js';
import {
  checkClientId,
  checkClientSecret,
  checkLocalhostRedirectUri,
  checkPublicRedirectUri,
  checkSecretExpiry,
  checkTenant,
  maskSecret,
} from './validate.js';

export interface AppRegistrationDeps {
  store: Store;
  now: () => Date;
}

export function toView(app: AppRegistration): AppRegistrationView {
  return {
    id: app.id,
    display_name: app.displayName,
    cloud: app.cloud,
    tenant: app.tenant,
    client_id: app.clientId,
    client_secret_hint: maskSecret(app.clientSecret),
    secret_expires_on: app.secretExpiresOn,
    redirect_method: app.redirectMethod,
    redirect_uri: app.redirectUri,
    paste_back_redirect_uri: nativeClientUrl(app.cloud),
    localhost_redirect_uri: app.localhostRedirectUri,
    paste_back_localhost_redirect_uri: localhostRedirectUri(app),
    configuration_problem: app.configurationProblem,
    created_at: app.createdAt,
    updated_at: app.updatedAt,
  };
}

/** Where the localhost paste-back sends the browser: the registered port's address, or plain http://localhost. */
export function localhostRedirectUri(app: Pick<AppRegistration, 'localhostRedirectUri'>): string {
  return app.localhostRedirectUri ?? LOCALHOST_REDIRECT_URI;
}

function checkedFields(input: AppRegistrationPatch, now: Date): Partial<AppRegistration> {
  const fields: Partial<AppRegistration> = {};
  if (input.display_name !== undefined) fields.displayName = input.display_name;
  if (input.cloud !== undefined) fields.cloud = input.cloud;
  if (input.tenant !== undefined) fields.tenant = checkTenant(input.tenant);
  if (input.client_id !== undefined) fields.clientId = checkClientId(input.client_id);
  if (input.client_secret !== undefined) fields.clientSecret = checkClientSecret(input.client_secret);
  if (input.secret_expires_on !== undefined) fields.secretExpiresOn = checkSecretExpiry(input.secret_expires_on, now);
  if (input.redirect_method !== undefined) fields.redirectMethod = input.redirect_method;
  if (input.redirect_uri !== undefined) {
    fields.redirectUri = input.redirect_uri ? checkPublicRedirectUri(input.redirect_uri) : null;
  }
  if (input.localhost_redirect_uri !== undefined) {
    fields.localhostRedirectUri = input.localhost_redirect_uri ? checkLocalhostRedirectUri(input.localhost_redirect_uri) : null;
  }
  return fields;
}

export function findAppRegistration(store: Store, id: string): AppRegistration {
  const app = store.data.appRegistrations.find((candidate) => candidate.id === id);
  if (!app) throw new AppError('app_registration_not_found');
  return app;
}

export async function createAppRegistration(deps: AppRegistrationDeps, input: AppRegistrationInput): Promise<AppRegistration> {
  const now = deps.now();
  const fields = checkedFields(input, now);
  const stamp = now.toISOString();
  const app: AppRegistration = {
    id: randomUUID(),
    displayName: input.display_name,
    cloud: input.cloud,
    tenant: fields.tenant ?? 'common',
    clientId: fields.clientId as string,
    clientSecret: fields.clientSecret as string,
    secretExpiresOn: fields.secretExpiresOn ?? null,
    redirectMethod: input.redirect_method,
    redirectUri: fields.redirectUri ?? null,
    localhostRedirectUri: fields.localhostRedirectUri ?? null,
    createdAt: stamp,
    updatedAt: stamp,
    configurationProblem: null,
  };
  await deps.store.update((draft) => {
    draft.appRegistrations.push(app);
  });
  return app;
}

export async function updateAppRegistration(
  deps: AppRegistrationDeps,
  id: string,
  patch: AppRegistrationPatch,
): Promise<AppRegistration> {
  findAppRegistration(deps.store, id);
  const now = deps.now();
  const fields = checkedFields(patch, now);
  return deps.store.update((draft) => {
    const app = draft.appRegistrations.find((candidate) => candidate.id === id);
    if (!app) throw new AppError('app_registration_not_found');
    Object.assign(app, fields, { updatedAt: now.toISOString() });
    // New credentials deserve a fresh chance: the next token call re-checks them.
    if (fields.clientSecret !== undefined || fields.clientId !== undefined) app.configurationProblem = null;
    return structuredClone(app);
  });
}

export async function deleteAppRegistration(deps: AppRegistrationDeps, id: string): Promise<void> {
  findAppRegistration(deps.store, id);
  await deps.store.update((draft) => {
    // Name the accounts, so the person knows what to remove first (usernames are shown in the panel anyway).
    const users = draft.accounts.filter((account) => account.appRegistrationId === id).map((account) => account.username);
    if (users.length) {
      throw new AppError('app_registration_in_use', {
        message: `${users.length === 1 ? 'The account' : 'The accounts'} ${users.join(', ')} ${users.length === 1 ? 'is' : 'are'} still signed in with this app registration.`,
        details: { accounts: users },
      });
    }
    draft.appRegistrations = draft.appRegistrations.filter((candidate) => candidate.id !== id);
  });
}
