// GET /{tenant}/oauth2/v2.0/authorize: validates the request the way Entra does (reference §4.1,
// §4.3, §5), then starts a server-side sign-in flow and shows the account picker.
import { audienceContext, pathAudienceError, resolveTenant } from './audience.js';
import { rejectAuthorize } from './authorize-outcome.js';
import { cloudOfLoginHost, type CloudId } from './clouds.js';
import type { RequestContext } from './context.js';
import { sendHtml } from './http.js';
import { guid, randomText } from './ids.js';
import type { App, AuthorizeParams, FaultSpec } from './model.js';
import { signInPage } from './pages.js';
import { redirectUriMatches } from './redirect.js';
import { parseScopes } from './scopes.js';
import { usernameFromLoginHint } from './tokens.js';

type Checked = { ok: true; app: App; params: AuthorizeParams } | { ok: false };

export function handleAuthorize(ctx: RequestContext, tenantSegment: string, fault: FaultSpec | undefined): void {
  const checked = checkClientAndRedirect(ctx, tenantSegment);
  if (!checked.ok) return;
  if (!checkRequest(ctx, checked.app, checked.params)) return;
  const flow = { id: randomText(32), params: checked.params, sessionState: guid(), createdAt: ctx.state.now(), fault };
  ctx.state.flows.set(flow.id, flow);
  const accounts = [...ctx.state.users.values()];
  sendHtml(ctx.res, 200, signInPage({ flowId: flow.id, tenant: tenantSegment, accounts, prefill: checked.params.loginHint }));
}

/** Everything decided before Entra trusts the redirect URI ends on its error page. */
function checkClientAndRedirect(ctx: RequestContext, tenantSegment: string): Checked {
  const q = ctx.url.searchParams;
  const clientId = q.get('client_id') ?? '';
  if (!clientId) return stopped(rejectAuthorize(ctx, 900144, { param: 'client_id' }));
  const app = ctx.state.findApp(clientId);
  if (!app) return stopped(rejectAuthorize(ctx, 700016, { clientId, tenant: tenantSegment }));
  const tenant = resolveTenant(ctx.state, tenantSegment);
  if (!tenant) return stopped(rejectAuthorize(ctx, 90002, { tenant: tenantSegment }));
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!redirectUri) return stopped(rejectAuthorize(ctx, 900971, {}));
  if (app.redirectUris.length === 0) return stopped(rejectAuthorize(ctx, 500113, {}));
  if (!app.redirectUris.some((r) => redirectUriMatches(r, redirectUri))) {
    return stopped(rejectAuthorize(ctx, 50011, { redirectUri, clientId: app.clientId }));
  }
  const pathError = pathAudienceError(app, tenant);
  if (pathError) return stopped(rejectAuthorize(ctx, pathError, audienceContext(app, tenantSegment)));
  return { ok: true, app, params: readParams(ctx, app, tenantSegment, redirectUri) };
}

/** Marks a check that already answered the browser. */
function stopped(_answered: void): { ok: false } {
  return { ok: false };
}

function readParams(ctx: RequestContext, app: App, tenant: string, redirectUri: string): AuthorizeParams {
  const q = ctx.url.searchParams;
  const mode = q.get('response_mode');
  return {
    clientId: app.clientId,
    tenant,
    redirectUri,
    responseMode: mode === 'fragment' || mode === 'form_post' ? mode : 'query',
    scope: q.get('scope') ?? '',
    state: q.get('state') ?? undefined,
    nonce: q.get('nonce') || undefined,
    codeChallenge: q.get('code_challenge') || undefined,
    // Entra assumes plain when a challenge comes without a method.
    codeChallengeMethod: q.get('code_challenge_method') === 'S256' ? 'S256' : 'plain',
    clientInfo: q.get('client_info') === '1',
    loginHint: q.get('login_hint') ? usernameFromLoginHint(q.get('login_hint')!) : undefined,
    wantsLoginHintClaim: (q.get('claims') ?? '').includes('login_hint'),
    cloud: inferCloud(app, q.get('scope'), redirectUri),
    correlationId: q.get('client-request-id') || undefined,
  };
}

/** The cloud shows in a prefixed Graph scope or a nativeclient redirect URI; otherwise global. */
function inferCloud(app: App, scope: string | null, redirectUri: string): CloudId {
  const fromScope = parseScopes(scope, app).cloud;
  if (fromScope) return fromScope;
  try {
    return cloudOfLoginHost(new URL(redirectUri).host) ?? 'global';
  } catch {
    return 'global';
  }
}

/** Problems Entra reports back to the (trusted) redirect URI. */
function checkRequest(ctx: RequestContext, app: App, params: AuthorizeParams): boolean {
  const q = ctx.url.searchParams;
  const responseType = q.get('response_type') ?? '';
  const method = q.get('code_challenge_method');
  const scopes = parseScopes(params.scope, app);
  let code: number | undefined;
  let context = {};
  if (!responseType) [code, context] = [900144, { param: 'response_type' }];
  else if (responseType !== 'code') [code, context] = [responseType.includes('id_token') ? 700054 : 700051, { param: responseType }];
  else if (!params.scope.trim()) [code, context] = [900144, { param: 'scope' }];
  else if (scopes.other.length > 0) [code, context] = [500011, { scope: scopes.other[0], tenant: params.tenant }];
  else if (method && method !== 'S256' && method !== 'plain') code = 9002313;
  else if (method && !params.codeChallenge) [code, context] = [900144, { param: 'code_challenge' }];
  // There is never a signed-in session to reuse, so a silent request always needs interaction.
  else if (q.get('prompt') === 'none') code = 50058;
  if (code === undefined) return true;
  rejectAuthorize(ctx, code, context, params);
  return false;
}
