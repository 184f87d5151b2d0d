// POST /{tenant}/oauth2/v2.0/token: counts the request, authenticates the client, runs the grant
// and answers in Entra's success or error JSON with its headers (reference §4.4–§4.6).
import { newTrace, resolveError, tokenErrorBody, type ResolvedError, type Trace } from './aad-errors.js';
import { audienceContext, pathAudienceError, resolveTenant } from './audience.js';
import { authenticateClient } from './client-auth.js';
import type { RequestContext } from './context.js';
import { faultError, retryAfterHeader } from './faults.js';
import { redeemCode, redeemRefreshToken, type GrantOutcome, type GrantRequest } from './grants.js';
import { readForm, sendJson } from './http.js';
import { issueTokens } from './issue.js';
import type { FaultSpec } from './model.js';
import { REDACTED, type EmulatorState } from './state.js';

export async function handleToken(ctx: RequestContext, tenant: string, fault: FaultSpec | undefined): Promise<void> {
  const form = await readForm(ctx.req);
  record(ctx.state, tenant, form);
  const trace = newTrace(ctx.state.now(), ctx.url.searchParams.get('client-request-id'));
  if (fault) return sendError(ctx, faultError(fault, { clientId: form.get('client_id') ?? '' }), trace, retryAfterHeader(fault));
  const outcome = runGrant(ctx, tenant, form);
  if (!outcome.ok) return sendError(ctx, resolveError(outcome.code, outcome.context, outcome.overrides), trace);
  outcome.onSuccess();
  sendJson(ctx.res, 200, issueTokens(ctx.state, outcome.issue), responseHeaders(trace));
}

function runGrant(ctx: RequestContext, tenantSegment: string, form: URLSearchParams): GrantOutcome {
  const grantType = form.get('grant_type');
  if (!grantType) return { ok: false, code: 900144, context: { param: 'grant_type' } };
  const client = authenticateClient(ctx.state, form, tenantSegment);
  if (!client.ok) return client;
  const tenant = resolveTenant(ctx.state, tenantSegment);
  if (!tenant) return { ok: false, code: 90002, context: { tenant: tenantSegment } };
  const pathError = pathAudienceError(client.app, tenant);
  if (pathError) return { ok: false, code: pathError, context: audienceContext(client.app, tenantSegment) };
  const forwarded = ctx.req.headers['x-forwarded-host'];
  const request: GrantRequest = { state: ctx.state, app: client.app, form, tenant: tenantSegment, forwardedHost: typeof forwarded === 'string' ? forwarded : undefined };
  if (grantType === 'authorization_code') return redeemCode(request);
  if (grantType === 'refresh_token') return redeemRefreshToken(request);
  return { ok: false, code: 70003, context: { param: grantType } };
}

const KNOWN_GRANTS = ['authorization_code', 'refresh_token', 'client_credentials', 'urn:ietf:params:oauth:grant-type:jwt-bearer'];

function record(state: EmulatorState, tenant: string, form: URLSearchParams): void {
  // Known names only: the key comes from the request, and `__proto__` must not become one.
  const sent = form.get('grant_type') ?? '';
  const grantType = KNOWN_GRANTS.includes(sent) ? sent : 'other';
  state.stats.tokenRequests[grantType] = (state.stats.tokenRequests[grantType] ?? 0) + 1;
  const fields = Object.fromEntries(form);
  for (const secret of ['client_secret', 'client_assertion']) if (secret in fields) fields[secret] = REDACTED;
  state.stats.lastTokenRequest = { tenant, form: fields };
}

function responseHeaders(trace: Trace, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'cache-control': 'no-store, no-cache',
    pragma: 'no-cache',
    'x-ms-request-id': trace.traceId,
    'client-request-id': trace.correlationId,
    ...extra,
  };
}

function sendError(ctx: RequestContext, resolved: ResolvedError, trace: Trace, extra: Record<string, string> = {}): void {
  sendJson(ctx.res, resolved.status, tokenErrorBody(resolved, trace), responseHeaders(trace, extra));
}
