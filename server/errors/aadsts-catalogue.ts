// Data only: what each Microsoft failure means for a Home Assistant user, and where to fix it.
// Sources: entra-identity-platform.md §4.3/§5 and Microsoft's reference-error-codes page.
// Classes follow the reference's broker table: configuration (do not retry), sign_in_again, transient.
import type { PrerequisiteStep } from '../../shared/prerequisite-steps.js';

export type DiagnosisClass = 'configuration' | 'sign_in_again' | 'transient';

export interface DiagnosisEntry {
  readonly class: DiagnosisClass;
  readonly title: string;
  readonly fix: string;
  readonly step: PrerequisiteStep;
}

const configuration = (step: PrerequisiteStep, title: string, fix: string): DiagnosisEntry => ({ class: 'configuration', step, title, fix });
const signInAgain = (step: PrerequisiteStep, title: string, fix: string): DiagnosisEntry => ({ class: 'sign_in_again', step, title, fix });
const transient = (title: string, fix: string): DiagnosisEntry => ({ class: 'transient', step: 'sign_in', title, fix });

const ACCOUNT_TYPES_BOTH = 'Authentication → Supported account types, choose “Accounts in any organizational directory and personal Microsoft accounts”';

export const PERSONAL_NOT_ALLOWED = configuration(
  'account_types',
  'Your app registration does not accept personal Microsoft accounts',
  `In your app registration open ${ACCOUNT_TYPES_BOTH}. Also check that the Application (client) ID in the add-on matches the Overview page.`,
);
const ACCOUNT_NOT_IN_DIRECTORY = configuration(
  'account_types',
  'This account may not sign in to your app registration',
  `In your app registration open ${ACCOUNT_TYPES_BOTH}, and keep the add-on’s tenant set to common. Or invite this account as a guest in your directory.`,
);
const PERSONAL_ONLY = configuration(
  'account_types',
  'Your app registration accepts only personal Microsoft accounts',
  `In your app registration open ${ACCOUNT_TYPES_BOTH}. Or set the add-on’s tenant to consumers.`,
);
export const PUBLIC_CLIENT = configuration(
  'redirect_uri',
  'The redirect URI is registered under the wrong platform',
  'In Authentication, remove the redirect URI from “Mobile and desktop applications” and add it again with Add a platform → Web. The add-on always sends a client secret, which Microsoft refuses for mobile and desktop apps.',
);
const SPA_PLATFORM = configuration(
  'redirect_uri',
  'The redirect URI is registered as a single-page application',
  'In Authentication, remove the redirect URI from “Single-page application” and add it again with Add a platform → Web. Then sign in again.',
);
const ADMIN_CONSENT = configuration(
  'api_permissions',
  'An administrator must approve this app first',
  'Ask an administrator of your organisation to open Enterprise applications → your app → Permissions → Grant admin consent, then sign in again. Personal Microsoft accounts never need this.',
);
export const DECLINED = signInAgain(
  'sign_in',
  'You declined the permissions or cancelled the sign-in',
  'Start the sign-in again and choose Accept. If Microsoft said “Need admin approval”, an administrator must grant consent first (Enterprise applications → your app → Permissions).',
);
const CONSENT_MISSING = signInAgain(
  'api_permissions',
  'The permissions have not been granted yet',
  'Sign in again and accept the permissions Microsoft asks for. If your organisation does not allow that, an administrator must use Enterprise applications → your app → Permissions → Grant admin consent.',
);
const SIGN_IN_INVALID = signInAgain(
  'sign_in',
  'Your sign-in is no longer valid',
  'Sign in again from the add-on. If this keeps happening, check the client secret and the API permissions of your app registration.',
);
const SCOPE_REJECTED = configuration(
  'api_permissions',
  'Microsoft rejected the requested permissions',
  'Check the permissions chosen in the add-on: each must be a Microsoft Graph delegated permission such as Calendars.Read. Remove any permission that Microsoft’s message names.',
);
const PERMISSIONS_NOT_LISTED = configuration(
  'api_permissions',
  'Your app registration does not list these permissions',
  'Open API permissions → Add a permission → Microsoft Graph → Delegated permissions, add what the add-on asks for, then sign in again.',
);
// An add-on bug, not the user's setup; "configuration" because retrying the same request fails the same way.
const ADDON_BUG = configuration(
  'sign_in',
  'The add-on sent Microsoft a request it does not accept',
  'This is a bug in the add-on, not in your setup: please report it together with Microsoft’s message.',
);
export const THROTTLED = transient(
  'Microsoft is busy and asked the add-on to wait',
  'Nothing to change: the add-on tries again by itself after the wait Microsoft asked for.',
);
export const SERVICE_UNAVAILABLE = transient(
  'Microsoft’s sign-in service had a temporary problem',
  'Nothing to change: try again in a few minutes. Refreshes are retried automatically.',
);
export const INTERACTION_REQUIRED = signInAgain(
  'sign_in',
  'Microsoft needs you to sign in again',
  'Open the add-on and sign this account in again; Microsoft may ask for an extra verification step.',
);
// Unknown failures stay retryable so one odd answer cannot park an account for good; back-off caps the cost.
export const UNKNOWN = transient(
  'The sign-in with Microsoft did not work',
  'Try again in a minute. If it keeps failing, read Microsoft’s message and check the steps of the setup guide.',
);

export const AADSTS_CATALOGUE: ReadonlyMap<number, DiagnosisEntry> = new Map<number, DiagnosisEntry>([
  [50011, configuration('redirect_uri', 'The redirect URI is not registered for this app',
    'Open your app registration → Authentication → Add a platform → Web and add exactly the redirect URI shown in the add-on’s sign-in panel. Letter case and a trailing slash matter.')],
  [500113, configuration('redirect_uri', 'Your app registration has no redirect URI yet',
    'Open your app registration → Authentication → Add a platform → Web and add the redirect URI shown in the add-on’s sign-in panel.')],
  // The add-on always sends a redirect URI, so this is its bug; see ADDON_BUG for the class.
  [900971, configuration('redirect_uri', 'The sign-in request carried no redirect URI',
    'This is a bug in the add-on: please report it. Meanwhile check that the redirect URI shown in the sign-in panel is registered under Authentication → Web.')],
  [700016, configuration('client_id', 'Microsoft does not know this Application (client) ID',
    'Copy the Application (client) ID again from your app registration’s Overview page. For a single-tenant app, also enter the Directory (tenant) ID shown there as the tenant.')],
  [50194, configuration('account_types', 'Your app registration is single tenant, but the add-on signed in through “common”',
    'Enter the Directory (tenant) ID from your app registration’s Overview page as the tenant in the add-on. Or allow more accounts under Authentication → Supported account types.')],
  [50020, ACCOUNT_NOT_IN_DIRECTORY],
  [90072, ACCOUNT_NOT_IN_DIRECTORY],
  [500200, PERSONAL_NOT_ALLOWED],
  [500208, configuration('account_types', 'This kind of account cannot sign in to your app registration',
    `Sign in with the kind of account your app registration allows, or open ${ACCOUNT_TYPES_BOTH}.`)],
  [9002331, PERSONAL_ONLY],
  [9002346, PERSONAL_ONLY],
  [9002332, configuration('account_types', 'Your app registration does not accept personal Microsoft accounts',
    `Set the add-on’s tenant to common or to your Directory (tenant) ID, not consumers. To sign in personal accounts, open ${ACCOUNT_TYPES_BOTH}.`)],
  [7000215, configuration('client_secret', 'The client secret is wrong',
    'In Certificates & secrets create a new client secret and copy its Value column, not the Secret ID, into the add-on. The Value is shown only right after you create it.')],
  [7000222, configuration('client_secret', 'The client secret has expired',
    'In Certificates & secrets create a new client secret and enter its Value and expiry date in the add-on. There is no need for a new app registration.')],
  [7000218, configuration('client_secret', 'No client secret was sent',
    'Enter the Value of a client secret from Certificates & secrets in the add-on’s app registration settings.')],
  [700025, PUBLIC_CLIENT],
  [9002325, SPA_PLATFORM],
  [700084, SPA_PLATFORM],
  [65001, CONSENT_MISSING],
  [65004, DECLINED],
  [90094, ADMIN_CONSENT],
  [90095, ADMIN_CONSENT],
  [650056, PERMISSIONS_NOT_LISTED],
  [650057, PERMISSIONS_NOT_LISTED],
  [650053, SCOPE_REJECTED],
  [70011, SCOPE_REJECTED],
  [28002, SCOPE_REJECTED],
  [28003, SCOPE_REJECTED],
  [70000, SIGN_IN_INVALID],
  [70008, signInAgain('sign_in', 'Your sign-in has expired',
    'Sign in again from the add-on, and finish the sign-in within a few minutes of starting it.')],
  [54005, signInAgain('sign_in', 'This sign-in address was already used',
    'Each address works only once. Start a new sign-in and paste the new address.')],
  // Only happens if the tenant changed between starting and finishing a sign-in; a fresh sign-in fixes it.
  [700005, signInAgain('sign_in', 'The sign-in finished against a different tenant than it started with',
    'Start a new sign-in and leave the tenant setting unchanged until it is finished.')],
  // PKCE mismatch: the pasted address belongs to another attempt; a fresh sign-in fixes it.
  [501481, signInAgain('sign_in', 'This sign-in could not be verified',
    'Start a new sign-in and paste the address from that same sign-in, not from an earlier attempt.')],
  [700082, signInAgain('sign_in', 'Your sign-in expired after 90 days without use',
    'Sign in again from the add-on. The add-on keeps sign-ins alive while it runs, so it was probably stopped for a long time.')],
  [50173, signInAgain('sign_in', 'Your sign-in was revoked',
    'This follows a password change or a “sign out everywhere”. Sign in again from the add-on.')],
  [50132, signInAgain('sign_in', 'Your session ended after a password change', 'Sign in again from the add-on.')],
  [50133, signInAgain('sign_in', 'Your session ended after a password change', 'Sign in again from the add-on.')],
  [50055, signInAgain('sign_in', 'Your password has expired', 'Change your password at Microsoft, then sign in again from the add-on.')],
  [50089, signInAgain('sign_in', 'The sign-in took too long', 'Start a new sign-in and finish it within a few minutes.')],
  [50053, signInAgain('sign_in', 'Your account is temporarily locked',
    'Too many wrong passwords or a suspicious sign-in locked it. Wait, or ask your administrator to unlock it, then sign in again.')],
  [50034, signInAgain('sign_in', 'Microsoft cannot find this account',
    'Check the address you sign in with. If the account was removed or renamed, sign in again with the current one.')],
  [50076, signInAgain('sign_in', 'Your organisation requires multi-factor authentication',
    'Sign in again from the add-on and complete the extra verification step.')],
  [50078, signInAgain('sign_in', 'Your multi-factor verification has expired',
    'Sign in again from the add-on and complete the verification step.')],
  [50079, signInAgain('sign_in', 'You need to set up multi-factor authentication',
    'Sign in again from the add-on; Microsoft guides you through adding a verification method.')],
  [50072, signInAgain('sign_in', 'You need to set up multi-factor authentication',
    'Sign in again from the add-on; Microsoft guides you through adding a verification method.')],
  [70043, signInAgain('sign_in', 'Your organisation requires you to sign in again regularly',
    'A sign-in frequency policy ended this sign-in. Sign in again from the add-on; an administrator can relax the policy in Conditional Access.')],
  [50058, signInAgain('sign_in', 'You are not signed in to Microsoft in this browser',
    'Start the sign-in again from the add-on and sign in when Microsoft asks.')],
  // The add-on may reach this only by reloading an old authorize page, which a new sign-in fixes.
  [900144, signInAgain('sign_in', 'The sign-in request was incomplete',
    'Start a new sign-in from the add-on instead of reloading an old Microsoft page. If it happens again, please report it with Microsoft’s message.')],
  // Conditional Access judges the Home Assistant host too (location, device), so signing in again
  // rarely helps: an administrator has to change the policy. Hence configuration, not sign_in_again.
  [53003, configuration('sign_in', 'Your organisation’s Conditional Access policy blocked this sign-in',
    'The add-on cannot change this. Ask your administrator to allow this app (the Entra sign-in logs name the policy), then sign in again.')],
  [530035, configuration('sign_in', 'Security defaults in your directory blocked this sign-in',
    'An administrator can review this under Entra ID → Overview → Properties → Manage security defaults. Then sign in again.')],
  [50105, configuration('sign_in', 'Your account is not assigned to this app',
    'An administrator must add you in Enterprise applications → your app → Users and groups, or set “Assignment required?” to No in its Properties.')],
  [7000112, configuration('register_app', 'Your app registration is disabled',
    'An administrator can turn it back on: Enterprise applications → your app → Properties → “Enabled for users to sign in?” → Yes.')],
  [650052, configuration('api_permissions', 'Your organisation lacks the Microsoft service a permission needs',
    'Remove that permission in the add-on, or ask your administrator to enable the service for your organisation.')],
  [500011, configuration('api_permissions', 'Microsoft Graph was not found for this tenant',
    'Check that the add-on’s cloud matches where your app is registered, then sign in again.')],
  // response_type is always "code" with msal-node, so these only appear through an add-on bug.
  [700054, ADDON_BUG],
  [700051, ADDON_BUG],
  [90002, configuration('client_id', 'Microsoft cannot find this tenant',
    'Use common, or copy the Directory (tenant) ID from your app registration’s Overview page. Also check that the add-on’s cloud is the one your app is registered in.')],
  [9001023, configuration('account_types', 'This request needs your own tenant, not common or consumers',
    'Enter the Directory (tenant) ID from your app registration’s Overview page as the tenant in the add-on.')],
  [90024, THROTTLED],
  [90055, THROTTLED],
  [50196, THROTTLED],
  [50000, SERVICE_UNAVAILABLE],
  [50033, SERVICE_UNAVAILABLE],
  [70012, SERVICE_UNAVAILABLE],
  [90006, SERVICE_UNAVAILABLE],
  [90033, SERVICE_UNAVAILABLE],
  [90090, SERVICE_UNAVAILABLE],
]);

/** Fallbacks by OAuth `error` value, for codes the table above does not know. */
export const OAUTH_ERROR_CATALOGUE: ReadonlyMap<string, DiagnosisEntry> = new Map<string, DiagnosisEntry>([
  // Usually a stale or malformed request; retrying it unchanged fails the same way.
  ['invalid_request', configuration('sign_in', 'Microsoft rejected the sign-in request',
    'Start a new sign-in from the add-on. If it fails the same way, read Microsoft’s message and check the redirect URI and tenant settings.')],
  ['unauthorized_client', configuration('client_id', 'Microsoft does not let this app registration sign in here',
    'Check the Application (client) ID on your app registration’s Overview page, and the accounts allowed under Authentication → Supported account types.')],
  ['access_denied', signInAgain('api_permissions', 'Microsoft denied access to your account',
    'Sign in again and accept the permissions. If your organisation blocks that, an administrator must use Enterprise applications → your app → Permissions → Grant admin consent.')],
  ['unsupported_response_type', ADDON_BUG],
  ['unsupported_grant_type', ADDON_BUG],
  ['server_error', SERVICE_UNAVAILABLE],
  ['temporarily_unavailable', SERVICE_UNAVAILABLE],
  ['invalid_resource', configuration('api_permissions', 'Microsoft could not find the service these permissions are for',
    'Check that the add-on’s cloud matches where your app is registered, and that every permission is a Microsoft Graph permission.')],
  ['login_required', INTERACTION_REQUIRED],
  ['interaction_required', INTERACTION_REQUIRED],
  ['consent_required', CONSENT_MISSING],
  // The reference's broker table: every invalid_grant means the stored sign-in is unusable.
  ['invalid_grant', SIGN_IN_INVALID],
  ['invalid_client', configuration('client_secret', 'Microsoft did not accept the app registration’s credentials',
    'Check the Application (client) ID, then create a new client secret in Certificates & secrets and enter its Value, not the Secret ID, in the add-on.')],
  ['invalid_scope', SCOPE_REJECTED],
]);

/** msal-common's "interaction required" suberrors (InteractionRequiredAuthError.ts). */
export const SUBERROR_CATALOGUE: ReadonlyMap<string, DiagnosisEntry> = new Map<string, DiagnosisEntry>([
  ['consent_required', CONSENT_MISSING],
  ...['bad_token', 'basic_action', 'additional_action', 'message_only', 'user_password_expired', 'ui_not_allowed', 'interrupted_user']
    .map((s): [string, DiagnosisEntry] => [s, INTERACTION_REQUIRED]),
]);

/**
 * Descriptions that say more than their code: the personal-account refusal often arrives as a bare
 * `unauthorized_client` or as 700016 "…in the directory 'Microsoft Accounts'".
 */
export const DESCRIPTION_PATTERNS: ReadonlyArray<{ pattern: RegExp; entry: DiagnosisEntry }> = [
  { pattern: /not enabled for consumers/i, entry: PERSONAL_NOT_ALLOWED },
  { pattern: /in the directory '?Microsoft Accounts'?/i, entry: PERSONAL_NOT_ALLOWED },
  { pattern: /public clients? can(?:'|’|no)t send a client secret/i, entry: PUBLIC_CLIENT },
];

const NETWORK = transient('Microsoft could not be reached',
  'Check the internet connection and DNS of your Home Assistant host; the add-on tries again by itself.');
const STATE_MISMATCH = signInAgain('sign_in', 'This sign-in does not match the one started here',
  'Start a new sign-in and paste the address from that same sign-in, not from an earlier attempt.');

/** Errors msal-node raises locally, by `errorCode` (msal-common ClientAuthErrorCodes). */
export const MSAL_LOCAL_ERRORS: ReadonlyMap<string, DiagnosisEntry> = new Map<string, DiagnosisEntry>([
  ['network_error', NETWORK],
  ['no_network_connectivity', NETWORK],
  ['token_parsing_error', transient('Microsoft’s answer could not be read',
    'Try again in a few minutes. A proxy or firewall that rewrites web traffic can also cause this.')],
  ['endpoints_resolution_error', transient('Microsoft’s sign-in addresses could not be looked up',
    'Check the internet connection and the cloud chosen for the app registration, then try again.')],
  ['nonce_mismatch', STATE_MISMATCH],
  ['state_mismatch', STATE_MISMATCH],
  ['state_not_found', STATE_MISMATCH],
  ['invalid_state', STATE_MISMATCH],
  ['no_account_found', signInAgain('sign_in', 'The add-on no longer holds this account’s sign-in',
    'Sign this account in again from the add-on.')],
]);
