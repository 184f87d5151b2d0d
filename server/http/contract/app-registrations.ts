// Wire shapes of the app-registration routes (snake_case, as OAuth and the UI use them).
import * as z from 'zod';
import { CLOUD_IDS } from '../../../shared/clouds.js';
import { REDIRECT_METHODS } from '../../../shared/redirect-methods.js';
import type { SecretExpiryState } from '../../../shared/secret-expiry-states.js';
import type { ConfigurationProblemView } from './problem.js';

export type { ConfigurationProblemView, SecretExpiryState };

const text = (max: number) => z.string().max(max);

export const appRegistrationInput = z.object({
  display_name: text(100).trim().min(1, 'Give the app registration a name.'),
  cloud: z.enum(CLOUD_IDS).default('global'),
  tenant: text(256).default('common'),
  client_id: text(200),
  client_secret: text(2000),
  secret_expires_on: text(40).nullable().optional(),
  redirect_method: z.enum(REDIRECT_METHODS).default('paste_back'),
  redirect_uri: text(300).nullable().optional(),
  /** For `paste_back_localhost`: `http://localhost:<port>` when not plain `http://localhost`. */
  localhost_redirect_uri: text(300).nullable().optional(),
});
export type AppRegistrationInput = z.infer<typeof appRegistrationInput>;
/** What a client sends: fields with a default may be left out. */
export type AppRegistrationRequest = z.input<typeof appRegistrationInput>;

export const appRegistrationPatch = appRegistrationInput.partial().extend({
  display_name: text(100).trim().min(1).optional(),
  cloud: z.enum(CLOUD_IDS).optional(),
  tenant: text(256).optional(),
  redirect_method: z.enum(REDIRECT_METHODS).optional(),
});
export type AppRegistrationPatch = z.infer<typeof appRegistrationPatch>;
export type AppRegistrationPatchRequest = z.input<typeof appRegistrationPatch>;

export interface AppRegistrationView {
  id: string;
  display_name: string;
  cloud: string;
  tenant: string;
  client_id: string;
  client_secret_hint: string;
  secret_expires_on: string | null;
  redirect_method: string;
  redirect_uri: string | null;
  paste_back_redirect_uri: string;
  localhost_redirect_uri: string | null;
  /** The address the localhost paste-back uses: `localhost_redirect_uri`, or `http://localhost`. */
  paste_back_localhost_redirect_uri: string;
  configuration_problem: ConfigurationProblemView | null;
  created_at: string;
  updated_at: string;
  /** Reads carry it; the answers to a create or an update do not. */
  secret_expiry?: SecretExpiryView;
}

export interface SecretExpiryView {
  state: SecretExpiryState;
  expires_on: string | null;
  /** Whole days left, negative once expired; null when the date is unknown. */
  days_left: number | null;
}
