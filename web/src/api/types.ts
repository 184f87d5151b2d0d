// Wire types of the UI API. Type-only imports: nothing from the server reaches the bundle.
export type { AppRegistrationView } from '../../../server/http/contract/app-registrations.js';
export type { AccountView } from '../../../server/accounts/accounts.js';
export type { ConsumerView } from '../../../server/consumers/consumers.js';
export type { SignInResult, SignInStatus, StartedSignIn } from '../../../server/oauth/sign-in.js';

export type RedirectMethod = 'paste_back' | 'internet_redirect';
export type CloudId = 'global' | 'china' | 'usgov';

export interface CloudInfo {
  id: CloudId;
  label: string;
  login_host: string;
  graph_host: string;
  nativeclient_url: string;
}

export interface ServiceStatus {
  mode: 'addon' | 'standalone';
  /** False for a Home Assistant user who is not an administrator: the panel is then read-only. */
  is_admin?: boolean | null;
  consumer_api_port: number;
  /** Absent in older services; the UI then builds the address from the port. */
  consumer_api_url?: string;
  internet_redirect_uri: string | null;
  clouds: CloudInfo[];
  counts: { app_registrations: number; accounts: number; accounts_needing_sign_in: number; consumers: number };
}
