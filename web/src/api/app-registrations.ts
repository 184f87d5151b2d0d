// App registrations: the Entra app's client ID, secret, cloud and tenant as the add-on stores them.
import { request } from './client.js';
import type { AppRegistrationView, RedirectMethod } from './types.js';

export const fetchAppRegistrations = async (signal?: AbortSignal) =>
  (await request<{ app_registrations: AppRegistrationView[] }>('api/app-registrations', { signal })).app_registrations;

export interface AppRegistrationInput {
  display_name: string;
  cloud: string;
  tenant: string;
  client_id: string;
  client_secret?: string;
  secret_expires_on: string | null;
  redirect_method: RedirectMethod;
  redirect_uri: string | null;
  localhost_redirect_uri?: string | null;
}

export const createAppRegistration = (input: AppRegistrationInput) =>
  request<AppRegistrationView>('api/app-registrations', { method: 'POST', json: input });

export const updateAppRegistration = (id: string, input: Partial<AppRegistrationInput>) =>
  request<AppRegistrationView>(`api/app-registrations/${encodeURIComponent(id)}`, { method: 'PATCH', json: input });

/** Refused with app_registration_in_use (naming the accounts) while an account still uses it. */
export const deleteAppRegistration = (id: string) =>
  request<void>(`api/app-registrations/${encodeURIComponent(id)}`, { method: 'DELETE' });
