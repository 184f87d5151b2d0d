// App registrations: create, read, update, delete on the store. The secret goes in once and never
// comes back out (server/http/views/app-registrations.ts shows only a mask).
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors/app-error.js';
import { LOCALHOST_REDIRECT_URI } from '../settings/clouds.js';
import type { AppRegistration } from '../store/schema.js';
import type { Store } from '../store/store.js';
import {
  checkClientId,
  checkClientSecret,
  checkLocalhostRedirectUri,
  checkPublicRedirectUri,
  checkSecretExpiry,
  checkTenant,
} from './validate.js';

/** What a person (or an MS365 entry) gives for a new registration, before the checks. */
export interface NewAppRegistration {
  displayName: string;
  cloud: AppRegistration['cloud'];
  tenant: string;
  clientId: string;
  clientSecret: string;
  secretExpiresOn?: string | null;
  redirectMethod: AppRegistration['redirectMethod'];
  redirectUri?: string | null;
  localhostRedirectUri?: string | null;
}

/** An update names only what changes. */
export type AppRegistrationChanges = Partial<NewAppRegistration>;

export interface AppRegistrationDeps {
  store: Store;
  now: () => Date;
}

/** Where the localhost paste-back sends the browser: the registered port's address, or plain http://localhost. */
export function localhostRedirectUri(app: Pick<AppRegistration, 'localhostRedirectUri'>): string {
  return app.localhostRedirectUri ?? LOCALHOST_REDIRECT_URI;
}

function checkedFields(input: AppRegistrationChanges, now: Date): Partial<AppRegistration> {
  const fields: Partial<AppRegistration> = {};
  if (input.displayName !== undefined) fields.displayName = input.displayName;
  if (input.cloud !== undefined) fields.cloud = input.cloud;
  if (input.tenant !== undefined) fields.tenant = checkTenant(input.tenant);
  if (input.clientId !== undefined) fields.clientId = checkClientId(input.clientId);
  if (input.clientSecret !== undefined) fields.clientSecret = checkClientSecret(input.clientSecret);
  if (input.secretExpiresOn !== undefined) fields.secretExpiresOn = checkSecretExpiry(input.secretExpiresOn, now);
  if (input.redirectMethod !== undefined) fields.redirectMethod = input.redirectMethod;
  if (input.redirectUri !== undefined) {
    fields.redirectUri = input.redirectUri ? checkPublicRedirectUri(input.redirectUri) : null;
  }
  if (input.localhostRedirectUri !== undefined) {
    fields.localhostRedirectUri = input.localhostRedirectUri ? checkLocalhostRedirectUri(input.localhostRedirectUri) : null;
  }
  return fields;
}

export function findAppRegistration(store: Store, id: string): AppRegistration {
  const app = store.data.appRegistrations.find((candidate) => candidate.id === id);
  if (!app) throw new AppError('app_registration_not_found');
  return app;
}

export async function createAppRegistration(deps: AppRegistrationDeps, input: NewAppRegistration): Promise<AppRegistration> {
  const now = deps.now();
  const fields = checkedFields(input, now);
  const stamp = now.toISOString();
  const app: AppRegistration = {
    id: randomUUID(),
    displayName: input.displayName,
    cloud: input.cloud,
    tenant: fields.tenant ?? 'common',
    clientId: fields.clientId as string,
    clientSecret: fields.clientSecret as string,
    secretExpiresOn: fields.secretExpiresOn ?? null,
    redirectMethod: input.redirectMethod,
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
  patch: AppRegistrationChanges,
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
