// Wire types of the UI API, all from the server's contract. Type-only imports: nothing from the
// server reaches the bundle.
export type { AccountRefreshView, AccountWithRefreshView as AccountView, RefreshReason, RefreshState } from '../../../server/http/contract/accounts.js';
export type { AlertView } from '../../../server/http/contract/alerts.js';
export type { AppRegistrationView, SecretExpiryView } from '../../../server/http/contract/app-registrations.js';
export type { AuditLineView as AuditLine } from '../../../server/http/contract/audit.js';
export type { ConsumerView, CreatedConsumerView } from '../../../server/http/contract/consumers.js';
export type { HaFeatureId, HomeAssistantView, InternetRedirectState, InternetRedirectView } from '../../../server/http/contract/home-assistant.js';
export type { ConfigurationProblemView } from '../../../server/http/contract/problem.js';
export type { SignInResult, SignInStatus, StartedSignIn } from '../../../server/http/contract/sign-ins.js';
export type { CloudId, CloudInfo, ServiceStatus } from '../../../server/http/contract/status.js';
export type { RedirectMethod } from '../../../shared/redirect-methods.js';
