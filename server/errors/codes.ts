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
  consumer_revoked: {
    status: 409,
    message: 'This consumer’s key was revoked, so it can no longer be changed.',
    fix: 'Create a new consumer with the accounts and permissions it needs.',
  },
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
    message: 'This address is not the page Microsoft sends this sign-in to.',
    fix: 'Paste the address of the page you landed on after signing in (Microsoft’s blank page, or the “can’t be reached” page of http://localhost); it starts with the redirect URI shown in the sign-in panel.',
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
  paste_incomplete: {
    status: 400,
    message: 'This address is cut off: the end of it, with the sign-in’s “state”, is missing.',
    fix: 'Copy the whole address: click once in the address bar, select all of it (Ctrl+A, or ⌘A on a Mac; on a phone, long-press and choose Select all), copy, and paste it here. On a phone the address bar shows only the start of a long address, so do not copy what you see by hand.',
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
  sign_in_already_failed: {
    status: 409,
    message: 'This sign-in already failed: Microsoft refused it or its code could not be used, so it cannot be finished any more.',
    fix: 'Start a new sign-in; the reason it failed was shown when it happened.',
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
  raw_token_forbidden: {
    status: 403,
    message: 'This consumer key is limited to some permissions, and a token for this account would carry more.',
    fix: 'Call Microsoft Graph through the add-on instead (/v1/accounts/{account_id}/graph/…), where the key’s permissions are enforced, or create a key on the Consumers page with every permission the account was granted (or none ticked).',
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
  unauthenticated_rate_limited: {
    status: 429,
    message: 'Too many requests without a valid consumer key came from this address; they are refused without being audited.',
    fix: 'Send a valid key as “Authorization: Bearer <key>” (requests with one are not affected), or wait for the time given in Retry-After.',
  },
  graph_unreachable: {
    status: 502,
    message: 'Microsoft Graph could not be reached or did not answer in time.',
    fix: 'Try again in a minute; check the add-on’s internet connection.',
  },
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
  ha_config_folder_unset: {
    status: 503,
    message: 'The add-on cannot see Home Assistant’s config folder, so it cannot find the MS365 integrations.',
    fix: 'The add-on maps it at /homeassistant (map: homeassistant_config); standalone, set M365_HA_CONFIG_DIR to Home Assistant’s config folder.',
  },
  ha_storage_unreadable: {
    status: 503,
    message: 'Home Assistant’s config-entry storage (.storage/core.config_entries) could not be read.',
    fix: 'Check that the add-on maps Home Assistant’s config folder and that .storage/core.config_entries exists and is readable.',
  },
  ms365_entry_not_found: { status: 404, message: 'No MS365 integration entry with this ID.', fix: 'Reload the list of MS365 integrations.' },
  ms365_entry_not_usable: {
    status: 409,
    message: 'The add-on cannot use this entry’s client ID and secret, so it leaves the entry alone.',
    fix: 'Fix the entry in Home Assistant (Settings → Devices & services → the integration → Reconfigure); the reason is shown with the entry.',
  },
  ms365_invalid_entity_name: {
    status: 409,
    message: 'This entry’s entity name cannot be used as a token file name; nothing was written.',
    fix: 'Remove the entry in Home Assistant and add it again with a name without slashes or control characters.',
  },
  ms365_token_path_escape: {
    status: 409,
    message: 'The token file’s path would leave the MS365 token folder; nothing was written.',
    fix: 'Remove the entry in Home Assistant and add it again with a plain name.',
  },
  ms365_permissions_missing: {
    status: 409,
    message: 'Microsoft did not grant every permission this entry needs, so its token file was not written.',
    fix: 'Add the missing permissions to the app registration in the Entra portal (API permissions → Microsoft Graph → Delegated), then sign in again and accept them.',
  },
  ms365_sign_in_mismatch: {
    status: 409,
    message: 'This sign-in was not started for this entry, or has not finished yet.',
    fix: 'Start the sign-in again from this entry and finish it.',
  },
  ms365_token_file_unusable: {
    status: 409,
    message: 'The token file holds no account with a refresh token this entry can use.',
    fix: 'Sign the entry in again from the MS365 integrations page.',
  },
  ha_www_folder_redirected: {
    status: 409,
    message: 'www or the add-on’s folder in it is a link or leads out of Home Assistant’s config folder, so the redirect page was not written.',
    fix: 'Make www (and the add-on’s folder in it) a plain folder inside Home Assistant’s config folder, then restart the add-on; paste-back works meanwhile.',
  },
  ms365_token_file_not_regular: {
    status: 409,
    message: 'The token file is not a plain file (a link, a folder or a pipe), so the add-on left it alone and wrote nothing.',
    fix: 'Delete what stands at that name in ms365_storage/.MS365-token-cache (Samba, SSH or the File editor add-on), then sign the entry in again. The add-on never follows links there.',
  },
  ms365_token_folder_redirected: {
    status: 409,
    message: 'The MS365 token folder is a link or leads out of Home Assistant’s config folder, so the add-on wrote nothing.',
    fix: 'Make ms365_storage/.MS365-token-cache a plain folder inside Home Assistant’s config folder (remove the link; the add-on creates the folder when it is missing).',
  },
  ms365_token_file_locked: {
    status: 409,
    message: 'The integration kept its token file locked, so nothing was written.',
    fix: 'Wait a minute and try again.',
  },
  ms365_token_file_unwritable: {
    status: 500,
    message: 'The token file could not be written; the previous file is unchanged.',
    fix: 'Check that the add-on maps Home Assistant’s config folder read-write and that the disk is not full.',
  },
  ms365_lock_unavailable: {
    status: 500,
    message: 'The file-locking tool flock is missing, so the token file was not written.',
    fix: 'flock comes with util-linux (Debian) or BusyBox (Alpine); it must be in the add-on image.',
  },
  ms365_flows_unavailable: {
    status: 503,
    message: 'New MS365 integrations can be added from the panel only when the add-on runs in Home Assistant and its Core API answers.',
    fix: 'Check that Home Assistant is running; standalone, add the integration in Home Assistant under Settings → Devices & services.',
  },
  ms365_integration_not_installed: {
    status: 409,
    message: 'This MS365 integration is not installed in Home Assistant.',
    fix: 'Install it with HACS (HACS → Integrations → search “Microsoft 365”), restart Home Assistant, then come back here.',
  },
  ms365_entity_name_invalid: {
    status: 400,
    message: 'The name can hold only letters, digits, “_” and “-” (no spaces, no e-mail address), at most 50 characters.',
    fix: 'Choose a short name such as “work” or “family”; it becomes part of the entities’ names and of the token file’s name.',
  },
  ms365_entity_name_taken: {
    status: 409,
    message: 'An entry of this integration already uses this name.',
    fix: 'Choose another name, or sign that entry in again from its card on the MS365 integrations page.',
  },
  ms365_entity_name_has_token_file: {
    status: 409,
    message: 'A token file for this name already exists, and the integration refuses a name whose token file exists (“already_configured”).',
    fix: 'Choose another name. If no entry uses the file any more, delete the named file in Home Assistant’s config folder first.',
  },
  ms365_flow_not_found: {
    status: 404,
    message: 'This set-up is no longer open: it was cancelled, finished, or abandoned after 10 minutes without activity.',
    fix: 'Start again with “Add an MS365 integration”.',
  },
  ms365_flow_wrong_step: {
    status: 409,
    message: 'This set-up is not waiting for that step.',
    fix: 'Use the button the panel shows for this set-up, or start again.',
  },
  ms365_flow_option_conflict: {
    status: 400,
    message: 'The integration refuses this combination of options.',
    fix: 'Change the options as the message says and try again.',
  },
  ms365_flow_already_configured: {
    status: 409,
    message: 'The integration refused the name: a token file for it already exists (“already_configured”).',
    fix: 'Cancel, then start again with another name.',
  },
  ms365_flow_error_authenticating: {
    status: 409,
    message: 'The integration found a token file for this name that it cannot read (“error_authenticating”).',
    fix: 'Choose another name, or remove the damaged token file in Home Assistant’s config folder.',
  },
  ms365_flow_invalid_url: {
    status: 400,
    message: 'The integration did not accept the address as Microsoft’s answer (“invalid_url”).',
    fix: 'Paste the whole address of the blank page you landed on after signing in; it contains “code=”.',
  },
  ms365_flow_token_file_error: {
    status: 400,
    message: 'The integration could not redeem the sign-in code with Microsoft (“token_file_error”).',
    fix: 'Check the app registration (see the diagnosis), then sign in again with the same link and paste the new address.',
  },
  ms365_flow_permissions: {
    status: 409,
    message: 'Microsoft did not grant every permission the integration needs (“permissions”).',
    fix: 'Add the missing permissions in the Entra portal (API permissions → Microsoft Graph → Delegated), grant consent, then sign in again with the same link.',
  },
  ms365_flow_token_file_broken: {
    status: 500,
    message: 'The sign-in worked, but the integration found its token file missing or damaged afterwards.',
    fix: 'Check that Home Assistant’s config folder is writable and not full, then start again.',
  },
  ms365_flow_paste_foreign: {
    status: 400,
    message: 'This address belongs to another sign-in (an older link, or another set-up), so it was not sent to Home Assistant.',
    fix: 'Open the sign-in link shown for this set-up, sign in, and paste the address you land on then.',
  },
  ms365_flow_aborted: {
    status: 409,
    message: 'Home Assistant ended the set-up.',
    fix: 'Start again with “Add an MS365 integration”.',
  },
  ms365_flow_refused: {
    status: 502,
    message: 'Home Assistant refused the set-up step in an unexpected way.',
    fix: 'Look at Home Assistant’s log (Settings → System → Logs) for the integration’s message, then start again.',
  },
  ms365_reconfigure_unsupported: {
    status: 409,
    message: 'This Home Assistant is older than 2024.4 and cannot reconfigure an entry over its API.',
    fix: 'Use “Sign in again” on the entry’s card instead, or update Home Assistant.',
  },
  host_not_allowed: {
    status: 421,
    message: 'The add-on does not answer under this address: a web page could otherwise reach it under a name of its own (DNS rebinding).',
    fix: 'Open the panel at http://localhost or http://127.0.0.1 with the add-on’s port, or set the address you use as the public URL.',
  },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, message: 'Send the request body as JSON (Content-Type: application/json).' },
  cross_site_request: {
    status: 403,
    message: 'Your browser says this request comes from another web site, so the add-on refused it.',
    fix: 'Make the change from the add-on’s own panel.',
  },
  internal_error: { status: 500, message: 'Something went wrong inside the add-on; the log has the details.' },
} as const satisfies Record<string, ErrorCodeEntry>;

export type ErrorCode = keyof typeof ERROR_CODES;
