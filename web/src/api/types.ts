// Wire types of the UI API. Type-only imports: nothing from the server reaches the bundle.
import type { AccountView as BaseAccountView } from '../../../server/accounts/accounts.js';
import type { AlertView } from '../../../server/alerts/alert-monitor.js';
import type { SecretExpiryView } from '../../../server/alerts/secret-expiry.js';
import type { AppRegistrationView as BaseAppRegistrationView } from '../../../server/http/contract/app-registrations.js';
import type { HomeAssistantView } from '../../../server/http/contract/home-assistant.js';
import type { AccountRefreshView } from '../../../server/scheduler/refresh-view.js';

export type { ConsumerView } from '../../../server/consumers/consumers.js';
export type { SignInResult, SignInStatus, StartedSignIn } from '../../../server/oauth/sign-in.js';
export type { AuditLine } from '../../../server/audit/audit-line.js';
export type { RefreshState } from '../../../server/scheduler/refresh-view.js';
export type { HaFeatureId, HomeAssistantView, InternetRedirectState, InternetRedirectView } from '../../../server/http/contract/home-assistant.js';
export type { AlertView, SecretExpiryView };

/** An account with its refresh health: last and next refresh, the refresh token's age. */
export type AccountView = BaseAccountView & AccountRefreshView;

/** What the service stores when Microsoft refused an app registration's credentials. */
export interface ConfigurationProblemView {
  code: string;
  aadsts?: number;
  title: string;
  fix: string;
  since: string;
}

/** Reads carry `secret_expiry`; the answers to a create or an update do not. */
export type AppRegistrationView = BaseAppRegistrationView & { secret_expiry?: SecretExpiryView };

export type RedirectMethod = 'paste_back' | 'internet_redirect' | 'paste_back_localhost';
export type { CloudId, CloudInfo, ServiceStatus } from '../../../server/http/contract/status.js';
