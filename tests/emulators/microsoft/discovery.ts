// The two metadata documents msal-node never fetches for Microsoft hosts but Python MSAL does:
// tenant OpenID configuration (§4.7) and instance discovery (§4.8).
import { newTrace, resolveError, tokenErrorBody } from './aad-errors.js';
import { resolveTenant } from './audience.js';
import { cloudOfLoginHost, type CloudId } from './clouds.js';
import type { RequestContext } from './context.js';
import { sendJson } from './http.js';
import { CONSUMER_TENANT_ID } from './state.js';

const CLOUD_META: Record<CloudId, { instance: string; aadGraph: string; msGraph: string; rbac: string }> = {
  global: { instance: 'microsoftonline.com', aadGraph: 'graph.windows.net', msGraph: 'graph.microsoft.com', rbac: 'https://pas.windows.net' },
  china: { instance: 'partner.microsoftonline.cn', aadGraph: 'graph.chinacloudapi.cn', msGraph: 'microsoftgraph.chinacloudapi.cn', rbac: 'https://pas.chinacloudapi.cn' },
  usgov: { instance: 'microsoftonline.us', aadGraph: 'graph.windows.net', msGraph: 'graph.microsoft.us', rbac: 'https://pasff.usgovcloudapi.net' },
};

const ALIAS_GROUPS = [
  { preferred_network: 'login.microsoftonline.com', preferred_cache: 'login.windows.net', aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'] },
  { preferred_network: 'login.partner.microsoftonline.cn', preferred_cache: 'login.partner.microsoftonline.cn', aliases: ['login.partner.microsoftonline.cn', 'login.chinacloudapi.cn'] },
  { preferred_network: 'login.microsoftonline.de', preferred_cache: 'login.microsoftonline.de', aliases: ['login.microsoftonline.de'] },
  { preferred_network: 'login.microsoftonline.us', preferred_cache: 'login.microsoftonline.us', aliases: ['login.microsoftonline.us', 'login.usgovcloudapi.net'] },
  { preferred_network: 'login-us.microsoftonline.com', preferred_cache: 'login-us.microsoftonline.com', aliases: ['login-us.microsoftonline.com'] },
];

/** Behind a rewriting client the documents name the real host; used directly, they name the emulator. */
function publicOrigin(ctx: RequestContext): string {
  const forwarded = ctx.req.headers['x-forwarded-host'];
  return typeof forwarded === 'string' && cloudOfLoginHost(forwarded) ? `https://${forwarded}` : ctx.selfOrigin;
}

export function handleOpenIdConfiguration(ctx: RequestContext, segment: string): void {
  const tenant = resolveTenant(ctx.state, segment);
  if (!tenant) {
    const trace = newTrace(ctx.state.now());
    return sendJson(ctx.res, 400, tokenErrorBody(resolveError(90002, { tenant: segment }, { error: 'invalid_tenant' }), trace));
  }
  const origin = publicOrigin(ctx);
  const cloud = cloudOfLoginHost(new URL(origin).host) ?? 'global';
  const meta = CLOUD_META[cloud];
  const issuerTenant = tenant.kind === 'tenant' ? tenant.tid : tenant.kind === 'consumers' ? CONSUMER_TENANT_ID : '{tenantid}';
  const base = `${origin}/${segment}`;
  sendJson(ctx.res, 200, {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${origin}/${issuerTenant}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `https://${meta.msGraph}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: tenant.kind === 'tenant' ? 'NA' : null,
    cloud_instance_name: meta.instance,
    cloud_graph_host_name: meta.aadGraph,
    msgraph_host: meta.msGraph,
    rbac_url: meta.rbac,
  }, { 'cache-control': 'max-age=86400, private' });
}

export function handleInstanceDiscovery(ctx: RequestContext): void {
  const endpoint = ctx.url.searchParams.get('authorization_endpoint') ?? '';
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  const self = new URL(ctx.selfOrigin).host;
  // The emulator's own host is a valid instance too, so it can also be used as a plain authority.
  const known = url && (cloudOfLoginHost(url.host) || url.host === self);
  if (!url || !known) {
    const body = tokenErrorBody(resolveError(50049, {}, { error: 'invalid_instance' }), newTrace(ctx.state.now()));
    return sendJson(ctx.res, 400, body);
  }
  const tenant = url.pathname.split('/')[1] ?? 'common';
  const metadata = url.host === self ? [...ALIAS_GROUPS, { preferred_network: self, preferred_cache: self, aliases: [self] }] : ALIAS_GROUPS;
  sendJson(ctx.res, 200, {
    tenant_discovery_endpoint: `${url.origin}/${tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata,
  });
}
