// App registrations across the wire: the request body into the domain's fields, a stored
// registration into its view. The secret never goes back out: the view carries only a mask.
import type { SecretExpiry } from '../../alerts/secret-expiry.js';
import { localhostRedirectUri, type AppRegistrationChanges, type NewAppRegistration } from '../../registrations/app-registrations.js';
import { maskSecret } from '../../registrations/validate.js';
import { nativeClientUrl } from '../../settings/clouds.js';
import type { AppRegistration } from '../../store/schema.js';
import type { AppRegistrationInput, AppRegistrationPatch, AppRegistrationView, SecretExpiryView } from '../contract/app-registrations.js';

/** Only the fields the body names: an absent field stays as stored on an update. */
export function fromAppRegistrationInput(input: AppRegistrationPatch): AppRegistrationChanges {
  const changes: AppRegistrationChanges = {};
  if (input.display_name !== undefined) changes.displayName = input.display_name;
  if (input.cloud !== undefined) changes.cloud = input.cloud;
  if (input.tenant !== undefined) changes.tenant = input.tenant;
  if (input.client_id !== undefined) changes.clientId = input.client_id;
  if (input.client_secret !== undefined) changes.clientSecret = input.client_secret;
  if (input.secret_expires_on !== undefined) changes.secretExpiresOn = input.secret_expires_on;
  if (input.redirect_method !== undefined) changes.redirectMethod = input.redirect_method;
  if (input.redirect_uri !== undefined) changes.redirectUri = input.redirect_uri;
  if (input.localhost_redirect_uri !== undefined) changes.localhostRedirectUri = input.localhost_redirect_uri;
  return changes;
}

/** A create names every required field; the contract has filled in the defaults. */
export const fromNewAppRegistrationInput = (input: AppRegistrationInput): NewAppRegistration => ({
  ...fromAppRegistrationInput(input),
  displayName: input.display_name,
  cloud: input.cloud,
  tenant: input.tenant,
  clientId: input.client_id,
  clientSecret: input.client_secret,
  redirectMethod: input.redirect_method,
});

export const toSecretExpiryView = (expiry: SecretExpiry): SecretExpiryView => ({
  state: expiry.state,
  expires_on: expiry.expiresOn,
  days_left: expiry.daysLeft,
});

export function toAppRegistrationView(app: AppRegistration, expiry?: SecretExpiry): AppRegistrationView {
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
    ...(expiry ? { secret_expiry: toSecretExpiryView(expiry) } : {}),
  };
}
