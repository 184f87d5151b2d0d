// The one table of error codes: stable snake_case strings, their HTTP status, default message and fix.
// A test checks that every code here is documented in the README.

export interface ErrorCodeEntry {
  status: number;
  message: string;
  fix?: string;
}

export const ERROR_CODES = {
  validation_failed: { status: 400, message: 'The request is not valid.', fix: 'Correct the named field and try again.' },
  invalid_client_id: {
    status: 400,
    message: 'The client ID must be a GUID such as 00000000-0000-0000-0000-000000000000.',
    fix: 'In the Entra portal open your app registration, then Overview → Application (client) ID, and copy that value.',
  },
  secret_is_secret_id: {
    status: 400,
    message: 'This looks like the Secret ID, not the secret itself.',
    fix: 'In Certificates & secrets, copy the Value column of the secret (shown only right after creating it). If you can no longer see it, create a new client secret.',
  },
  secret_empty: {
    status: 400,
    message: 'The client secret is empty.',
    fix: 'Paste the Value of a client secret from Certificates & secrets.',
  },
  secret_expiry_past: {
    status: 400,
    message: 'The secret expiry date is in the past: that secret no longer works.',
    fix: 'Create a new client secret in Certificates & secrets and enter its Value and expiry date.',
  },
  secret_expiry_too_far: {
    status: 400,
    message: 'Client secrets last at most 24 months, so this expiry date cannot be right.',
    fix: 'Enter the Expires date shown next to the secret in Certificates & secrets.',
  },
  invalid_tenant: {
    status: 400,
    message: 'The tenant must be common, organizations, consumers, a tenant ID (GUID) or a domain such as contoso.onmicrosoft.com.',
    fix: 'Use common unless your app registration is single tenant; then use the Directory (tenant) ID from its Overview page.',
  },
  app_registration_not_found: { status: 404, message: 'No app registration with this ID.', fix: 'Reload the list of app registrations.' },
  app_registration_in_use: {
    status: 409,
    message: 'Accounts are still signed in with this app registration.',
    fix: 'Remove those accounts first, or update the app registration instead.',
  },
  account_not_found: { status: 404, message: 'No account with this ID.', fix: 'Reload the list of accounts.' },
  consumer_not_found: { status: 404, message: 'No consumer with this ID.', fix: 'Reload the list of consumers.' },
  not_found: { status: 404, message: 'Nothing is served at this address.' },
  paste_empty: {
    status: 400,
    message: 'Nothing was pasted.',
    fix: 'After signing in, copy the whole address from the address bar of the blank page and paste it here.',
  },
  paste_not_a_url: {
    status: 400,
    message: 'This is not the address of the page Microsoft sent you to.',
    fix: 'Copy the whole address from the address bar of the blank page you landed on after signing in.',
  },
  paste_wrong_page: {
    status: 400,
    message: 'This address is not Microsoft’s nativeclient page for this sign-in.',
    fix: 'Paste the address of the blank page you landed on after signing in; it starts with the redirect URI shown in the sign-in panel.',
  },
  paste_no_code: {
    status: 400,
    message: 'The address has no sign-in code in it.',
    fix: 'Copy the address only after the sign-in finished, from the blank page. If Microsoft showed a “wrongplace” page, use the browser history to find the address with “code=” in it.',
  },
  paste_wrongplace: {
    status: 400,
    message: 'This is Microsoft’s “wrongplace” page, which Microsoft sometimes shows instead of the blank page; its address has no sign-in code.',
    fix: 'Open your browser history and copy the address just before it: the one that starts with the redirect URI and contains “code=”. Or start the sign-in again.',
  },
  sign_in_unknown: {
    status: 400,
    message: 'This address belongs to no sign-in started here.',
    fix: 'Start a new sign-in from this page and paste the address of that sign-in.',
  },
  sign_in_expired: {
    status: 410,
    message: 'This sign-in was started more than 10 minutes ago and has expired.',
    fix: 'Start a new sign-in and finish it within 10 minutes.',
  },
  sign_in_already_used: {
    status: 409,
    message: 'This sign-in has already been completed with another address.',
    fix: 'Start a new sign-in if you want to sign in again.',
  },
  sign_in_failed: { status: 400, message: 'Microsoft refused the sign-in.' },
  microsoft_unreachable: {
    status: 503,
    message: 'Microsoft’s sign-in service could not be reached or answered with an error.',
    fix: 'Wait a minute and try again; check the add-on’s internet connection.',
  },
  unauthorized: {
    status: 401,
    message: 'A valid consumer key is needed.',
    fix: 'Send the key created in the add-on’s Consumers page as “Authorization: Bearer <key>”.',
  },
  account_forbidden: {
    status: 403,
    message: 'This consumer key may not use this account.',
    fix: 'Allow the account for this consumer in the add-on’s Consumers page.',
  },
  scope_forbidden: {
    status: 403,
    message: 'This consumer key may not ask for these permissions.',
    fix: 'Ask only for the permissions listed, or widen the consumer’s permissions in the add-on.',
  },
  needs_sign_in: {
    status: 409,
    message: 'This account must be signed in again.',
    fix: 'Open the add-on’s panel and sign the account in again.',
  },
  scope_not_granted: {
    status: 409,
    message: 'This account was not granted these permissions when it signed in.',
    fix: 'Add the permissions to the app registration in the Entra portal, then sign the account in again asking for them.',
  },
  configuration_problem: {
    status: 409,
    message: 'Microsoft refused the app registration’s credentials.',
    fix: 'Open the app registration in the add-on and follow the fix shown there.',
  },
  token_unavailable: {
    status: 503,
    message: 'A fresh token could not be obtained right now.',
    fix: 'Try again after the time given in Retry-After.',
  },
  rate_limited: { status: 429, message: 'Too many requests for this key.', fix: 'Wait for the time given in Retry-After.' },
  admin_required: {
    status: 403,
    message: 'Only a Home Assistant administrator can change this.',
    fix: 'Ask an administrator of this Home Assistant to make the change.',
  },
  admin_check_unavailable: {
    status: 503,
    message: 'Home Assistant could not confirm that you are an administrator, so nothing was changed.',
    fix: 'Check that Home Assistant is running, wait a minute and try again.',
  },
  home_assistant_unavailable: {
    status: 503,
    message: 'Home Assistant did not accept the request.',
    fix: 'Check that Home Assistant is running, wait a minute and try again.',
  },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, message: 'Send the request body as JSON.' },
  internal_error: { status: 500, message: 'Something went wrong inside the add-on; the log has the details.' },
} as const satisfies Record<string, ErrorCodeEntry>;

export type ErrorCode = keyof typeof ERROR_CODES;
