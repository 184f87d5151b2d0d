// The AADSTS codes the emulator can produce (reference §5), with where each one shows up, its OAuth
// `error` value, suberror and HTTP status. Codes marked † in the reference come from real error text.

export type ErrorPlace = 'page' | 'redirect' | 'token';

/** Values some messages quote; missing ones render as empty quotes, as Microsoft's do. */
export interface ErrorContext {
  clientId?: string;
  appName?: string;
  redirectUri?: string;
  tenant?: string;
  username?: string;
  identityProvider?: string;
  param?: string;
  scope?: string;
  issuedAt?: string;
}

export interface CatalogueEntry {
  /** The OAuth `error` value at the token endpoint and on a redirect. */
  error: string;
  /** Some codes redirect with a different `error` than the token endpoint returns. */
  redirectError?: string;
  suberror?: string;
  /** `error_subcode` on a redirect (only the user-cancel case). */
  subcode?: string;
  status: number;
  where: ErrorPlace[];
  message: (c: ErrorContext) => string;
}

const app = (c: ErrorContext) => `'${c.clientId ?? ''}'(${c.appName ?? ''})`;
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

const configuration: Record<number, CatalogueEntry> = {
  50011: { error: 'invalid_request', status: 400, where: ['page'], message: (c) => `The redirect URI '${c.redirectUri ?? ''}' specified in the request does not match the redirect URIs configured for the application '${c.clientId ?? ''}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.` },
  500113: { error: 'invalid_request', status: 400, where: ['page'], message: () => 'No reply address is registered for the application.' },
  900971: { error: 'invalid_request', status: 400, where: ['page'], message: () => 'No reply address provided.' },
  700016: { error: 'unauthorized_client', status: 400, where: ['page', 'token'], message: (c) => `Application with identifier '${c.clientId ?? ''}' was not found in the directory '${c.tenant ?? ''}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.` },
  50194: { error: 'invalid_request', status: 400, where: ['page', 'token'], message: (c) => `Application ${app(c)} is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant.` },
  50020: { error: 'invalid_request', status: 400, where: ['page'], message: (c) => `User account '${c.username ?? ''}' from identity provider '${c.identityProvider ?? ''}' does not exist in tenant '${c.tenant ?? ''}' and cannot access the application ${app(c)} in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.` },
  500200: { error: 'invalid_request', status: 400, where: ['page'], message: (c) => `User account '${c.username ?? ''}' is a personal Microsoft account. Personal Microsoft accounts are not supported for this application unless explicitly invited to an organization. Try signing out and signing back in with an organizational account.` },
  9002331: { error: 'invalid_request', status: 400, where: ['page', 'token'], message: (c) => `Application ${app(c)} is configured for use by Microsoft Account users only. Please use the /consumers endpoint to serve this request.` },
  9002346: { error: 'invalid_request', status: 400, where: ['page', 'token'], message: (c) => `Application ${app(c)} is configured for use by Microsoft Account users only. Please use the /consumers endpoint to serve this request.` },
  9002332: { error: 'invalid_request', status: 400, where: ['page', 'token'], message: (c) => `Application ${app(c)} is configured for use by Azure Active Directory users only. Please do not use the /consumers endpoint to serve this request.` },
  500208: { error: 'invalid_request', status: 400, where: ['page'], message: () => 'The domain is not a valid login domain for the account type.' },
  90002: { error: 'invalid_request', status: 400, where: ['page', 'token'], message: (c) => `Tenant '${c.tenant ?? ''}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.` },
};

const credentials: Record<number, CatalogueEntry> = {
  7000215: { error: 'invalid_client', status: 401, where: ['token'], message: (c) => `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${c.clientId ?? ''}'.` },
  7000222: { error: 'invalid_client', status: 401, where: ['token'], message: (c) => `The provided client secret keys for app '${c.clientId ?? ''}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.` },
  7000218: { error: 'invalid_client', status: 401, where: ['token'], message: () => "The request body must contain the following parameter: 'client_assertion' or 'client_secret'." },
  700025: { error: 'invalid_client', status: 401, where: ['token'], message: () => "Client is public so neither 'client_assertion' nor 'client_secret' should be presented." },
};

const consent: Record<number, CatalogueEntry> = {
  65001: { error: 'invalid_grant', redirectError: 'consent_required', suberror: 'consent_required', status: 400, where: ['token', 'redirect'], message: (c) => `The user or administrator has not consented to use the application with ID '${c.clientId ?? ''}' named '${c.appName ?? ''}'. Send an interactive authorization request for this user and resource.` },
  65004: { error: 'access_denied', subcode: 'cancel', status: 400, where: ['redirect'], message: () => 'User declined to consent to access the app.' },
  90094: { error: 'access_denied', status: 400, where: ['page'], message: () => 'The grant requires admin permission.' },
  90095: { error: 'access_denied', status: 400, where: ['page'], message: () => 'Admin consent is required for the permissions requested by this application. An admin consent request may be sent to the admin.' },
};

const grants: Record<number, CatalogueEntry> = {
  70000: { error: 'invalid_grant', status: 400, where: ['token'], message: (c) => `The provided value for the '${c.param ?? 'code'}' parameter is not valid.` },
  70008: { error: 'invalid_grant', status: 400, where: ['token'], message: () => 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.' },
  54005: { error: 'invalid_grant', status: 400, where: ['token'], message: () => 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.' },
  700005: { error: 'invalid_grant', status: 400, where: ['token'], message: () => 'Provided Authorization Code is intended to use against other tenant, thus rejected.' },
  501481: { error: 'invalid_grant', status: 400, where: ['token'], message: () => 'The Code_Verifier does not match the code_challenge supplied in the authorization request.' },
  9002325: { error: 'invalid_request', status: 400, where: ['token'], message: () => 'Proof Key for Code Exchange is required for cross-origin authorization code redemption.' },
  700084: { error: 'invalid_grant', status: 400, where: ['token'], message: (c) => `The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page. The token was issued on ${c.issuedAt ?? ''}.` },
  700082: { error: 'invalid_grant', status: 400, where: ['token'], message: (c) => `The refresh token has expired due to inactivity. The token was issued on ${c.issuedAt ?? ''} and was inactive for 90.00:00:00.` },
  50173: { error: 'invalid_grant', suberror: 'bad_token', status: 400, where: ['token'], message: (c) => `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${c.issuedAt ?? ''}' and the TokensValidFrom date (before which tokens are not valid) for this user is later.` },
  50034: { error: 'invalid_grant', suberror: 'bad_token', status: 400, where: ['token', 'page'], message: (c) => `The user account ${c.username ?? ''} does not exist in the ${c.tenant ?? ''} directory. To sign into this application, the account must be added to the directory.` },
};

const policy: Record<number, CatalogueEntry> = {
  50076: { error: 'invalid_grant', redirectError: 'interaction_required', suberror: 'basic_action', status: 400, where: ['token', 'page'], message: () => `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${GRAPH_APP_ID}'.` },
  50079: { error: 'invalid_grant', redirectError: 'interaction_required', suberror: 'basic_action', status: 400, where: ['token', 'page'], message: () => `Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access '${GRAPH_APP_ID}'.` },
  53003: { error: 'invalid_grant', redirectError: 'access_denied', suberror: 'message_only', status: 400, where: ['token', 'page'], message: () => 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.' },
  530035: { error: 'access_denied', status: 400, where: ['page'], message: () => 'Access has been blocked by security defaults. This is due to the request using legacy auth or being deemed unsafe by security defaults policies.' },
  50105: { error: 'interaction_required', status: 400, where: ['redirect'], message: (c) => `Your administrator has configured the application ${c.appName ?? ''} ('${c.clientId ?? ''}') to block users unless they are specifically granted ('assigned') access to the application. The signed in user '${c.username ?? ''}' is blocked because they are not a direct member of a group with access, nor had access directly assigned by an administrator. Please contact your administrator to assign access to this application.` },
  50058: { error: 'login_required', status: 400, where: ['redirect'], message: () => 'A silent sign-in request was sent but no user is signed in.' },
};

const requests: Record<number, CatalogueEntry> = {
  700054: { error: 'unsupported_response_type', status: 400, where: ['redirect'], message: () => "response_type 'id_token' is not enabled for the application." },
  700051: { error: 'unsupported_response_type', status: 400, where: ['redirect'], message: (c) => `response_type '${c.param ?? ''}' is not enabled for the application.` },
  900144: { error: 'invalid_request', status: 400, where: ['redirect', 'token'], message: (c) => `The request body must contain the following parameter: '${c.param ?? ''}'.` },
  70011: { error: 'invalid_scope', status: 400, where: ['redirect', 'token'], message: (c) => `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${c.scope ?? ''} is not valid.` },
  28002: { error: 'invalid_scope', status: 400, where: ['token'], message: (c) => `Provided value for the input parameter scope '${c.scope ?? ''}' is not valid when requesting an access token. Please specify a valid scope.` },
  28003: { error: 'invalid_scope', status: 400, where: ['token'], message: () => 'Provided value for the input parameter scope cannot be empty when requesting an access token using the provided authorization code. Please specify a valid scope.' },
  500011: { error: 'invalid_resource', status: 400, where: ['redirect'], message: (c) => `The resource principal named ${c.scope ?? ''} was not found in the tenant named ${c.tenant ?? ''}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.` },
  9001023: { error: 'invalid_request', status: 400, where: ['token'], message: () => 'The grant type is not supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.' },
  // † Not in the reference table: the generic codes Entra uses for malformed input and grant types.
  9002313: { error: 'invalid_request', status: 400, where: ['redirect', 'token', 'page'], message: () => 'Invalid request. Request is malformed or invalid.' },
  70003: { error: 'unsupported_grant_type', status: 400, where: ['token'], message: (c) => `The app requested an unsupported grant type '${c.param ?? ''}'.` },
  50049: { error: 'invalid_instance', status: 400, where: ['token'], message: () => 'Unknown or invalid instance.' },
  90024: { error: 'temporarily_unavailable', status: 503, where: ['token', 'redirect'], message: () => 'A transient error has occurred. Please try again.' },
};

export const CATALOGUE: Readonly<Record<number, CatalogueEntry>> = {
  ...configuration,
  ...credentials,
  ...consent,
  ...grants,
  ...policy,
  ...requests,
};

export function catalogueEntry(code: number): CatalogueEntry {
  const entry = CATALOGUE[code];
  if (!entry) throw new Error(`AADSTS${code} is not in the emulator's error catalogue`);
  return entry;
}

/** `AADSTS50011: The redirect URI ...` */
export function aadstsMessage(code: number, context: ErrorContext): string {
  return `AADSTS${code}: ${catalogueEntry(code).message(context)}`;
}
