// App registrations: the Entra app's client ID, secret, cloud and tenant as the add-on stores them.
import { request } from './client.js';
import type { AppRegistrationPatchRequest, AppRegistrationRequest } from '../../../server/http/contract/app-registrations.js';
import type { AppRegistrationView } from './types.js';

export type { AppRegistrationPatchRequest, AppRegistrationRequest };

export const fetchAppRegistrations = async (signal?: AbortSignal) =>
  (await request<{ app_registrations: AppRegistrationView[] }>('api/app-registrations', { signal })).app_registrations;

export const createAppRegistration = (input: AppRegistrationRequest) =>
  request<AppRegistrationView>('api/app-registrations', { method: 'POST', json: input });

export const updateAppRegistration = (id: string, input: AppRegistrationPatchRequest) =>
  request<AppRegistrationView>(`api/app-registrations/${encodeURIComponent(id)}`, { method: 'PATCH', json: input });

/** Refused with app_registration_in_use (naming the accounts) while an account still uses it. */
export const deleteAppRegistration = (id: string) =>
  request<void>(`api/app-registrations/${encodeURIComponent(id)}`, { method: 'DELETE' });
