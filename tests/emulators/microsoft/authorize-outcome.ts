// How a failed authorize ends: on Microsoft's error page when Entra cannot or will not trust the
// redirect URI (or the code is page-only), otherwise as an error redirect to the client.
import { errorRedirectParams, newTrace, resolveError, type ErrorOverrides, type ResolvedError, type Trace } from './aad-errors.js';
import type { RequestContext } from './context.js';
import { CATALOGUE, type ErrorContext } from './error-catalogue.js';
import { sendHtml } from './http.js';
import type { AuthorizeParams } from './model.js';
import { errorPage } from './pages.js';
import { sendToClient } from './redirect.js';

export function traceFor(ctx: RequestContext, params?: AuthorizeParams): Trace {
  return newTrace(ctx.state.now(), params?.correlationId ?? ctx.url.searchParams.get('client-request-id'));
}

export function showErrorPage(ctx: RequestContext, resolved: ResolvedError, trace: Trace = traceFor(ctx)): void {
  // Microsoft renders its error pages with 200; only the text tells the user what went wrong.
  sendHtml(ctx.res, 200, errorPage(resolved.message, trace));
}

function pageOnly(code: number): boolean {
  const where = CATALOGUE[code]?.where ?? ['redirect'];
  return where.includes('page') && !where.includes('redirect');
}

/** `params` is known only once client and redirect URI are trusted; before that it is always a page. */
export function rejectAuthorize(
  ctx: RequestContext,
  code: number,
  context: ErrorContext,
  params?: AuthorizeParams,
  overrides: ErrorOverrides = {},
): void {
  const resolved = resolveError(code, context, overrides);
  const trace = traceFor(ctx, params);
  if (!params || pageOnly(code)) showErrorPage(ctx, resolved, trace);
  else sendToClient(ctx.res, params, errorRedirectParams(resolved, trace), ctx.selfOrigin);
}
