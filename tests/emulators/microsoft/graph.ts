// Microsoft Graph on the emulator's origin: bearer-token checks with Graph's 401/403 bodies, /me,
// mail and calendar samples, sendMail, and /v1.0/echo for checking a pass-through proxy.
import { randomUUID } from 'node:crypto';
import type { RequestContext } from './context.js';
import { retryAfterHeader } from './faults.js';
import { handleBatch } from './graph-batch.js';
import { eventsCollection, meResource, messagesCollection } from './graph-data.js';
import { answerRead, isReadPath } from './graph-features.js';
import { readBody, sendJson } from './http.js';
import type { AccessRecord, FaultSpec, User } from './model.js';

interface Caller {
  record: AccessRecord;
  user: User;
}

interface Route {
  method: string | undefined;
  /** Any one of these scopes suffices; none listed means any valid token. */
  scopes: string[];
  run: (ctx: RequestContext, caller: Caller) => Promise<void> | void;
}

const ROUTES: Record<string, Route> = {
  me: { method: 'GET', scopes: ['user.read', 'user.readwrite', 'user.readbasic.all', 'user.read.all', 'user.readwrite.all', 'directory.read.all'], run: getMe },
  'me/messages': { method: 'GET', scopes: ['mail.read', 'mail.readwrite', 'mail.readbasic'], run: (c, a) => sendGraph(c, 200, messagesCollection(a.record.cloud, top(c))) },
  'me/events': { method: 'GET', scopes: ['calendars.read', 'calendars.readwrite'], run: (c, a) => sendGraph(c, 200, eventsCollection(a.record.cloud, top(c))) },
  'me/sendmail': { method: 'POST', scopes: ['mail.send'], run: sendMail },
  echo: { method: undefined, scopes: [], run: echo },
};

export async function handleGraph(ctx: RequestContext, fault: FaultSpec | undefined): Promise<void> {
  if (fault) return sendFault(ctx, fault);
  const path = ctx.url.pathname.replace(/^\/(v1\.0|beta)\//i, '').replace(/\/+$/, '').toLowerCase();
  if (path === '$batch' || (!ROUTES[path] && ctx.req.method === 'GET' && isReadPath(path))) {
    const handled = await handleReads(ctx, path);
    if (handled) return;
  }
  const route = ROUTES[path];
  if (!route) return graphError(ctx, 404, 'Request_ResourceNotFound', `Resource not found for the segment '${path.split('/').pop() ?? ''}'.`);
  if (route.method && ctx.req.method !== route.method) {
    return graphError(ctx, 405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
  }
  const caller = authenticate(ctx);
  if (!caller) return;
  if (route.scopes.length > 0 && !route.scopes.some((s) => caller.record.scopes.includes(s))) return forbid(ctx, path);
  await route.run(ctx, caller);
}

/** $batch and the reads of graph-features.ts; false when the path is none of them. */
async function handleReads(ctx: RequestContext, path: string): Promise<boolean> {
  if (path === '$batch' && ctx.req.method !== 'POST') {
    graphError(ctx, 405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
    return true;
  }
  const caller = authenticate(ctx);
  if (!caller) return true;
  const reader = { ...caller, findUser: (name: string) => ctx.state.findUser(name) };
  if (path === '$batch') {
    await handleBatch(ctx, reader, (message) => graphError(ctx, 400, 'BadRequest', message));
    return true;
  }
  const answer = answerRead(reader, path, ctx.url.searchParams, (status, code, message) => ({ status, body: { code, message } }));
  if (!answer) return false;
  const body = answer.body as { code?: string; message?: string };
  if (answer.status >= 400) graphError(ctx, answer.status, body.code ?? 'UnknownError', body.message ?? '');
  else sendGraph(ctx, answer.status, answer.body, answer.headers);
  return true;
}

function authenticate(ctx: RequestContext): Caller | undefined {
  const header = ctx.req.headers.authorization ?? '';
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  const record = token ? ctx.state.accessTokens.get(token) : undefined;
  const user = record && ctx.state.findUser(record.username);
  let message: string | undefined;
  if (!token) message = 'Access token is empty.';
  else if (!record || !user) message = 'Access token validation failure. Invalid audience.';
  else if (ctx.state.now() >= record.expiresAt) message = 'Lifetime validation failed, the token is expired.';
  if (message || !record || !user) {
    const challenge = 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';
    graphError(ctx, 401, 'InvalidAuthenticationToken', message ?? '', { 'www-authenticate': challenge });
    return undefined;
  }
  return { record, user };
}

/** Directory data answers Authorization_RequestDenied; Exchange-backed data answers ErrorAccessDenied. */
function forbid(ctx: RequestContext, path: string): void {
  if (path === 'me') graphError(ctx, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  else graphError(ctx, 403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
}

function getMe(ctx: RequestContext, caller: Caller): void {
  sendGraph(ctx, 200, meResource(caller.user, caller.record.cloud, ctx.url.searchParams.get('$select')));
}

async function sendMail(ctx: RequestContext): Promise<void> {
  const text = (await readBody(ctx.req)).toString('utf8');
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    payload = undefined;
  }
  if (!payload || typeof payload !== 'object' || !('message' in payload)) {
    return graphError(ctx, 400, 'ErrorInvalidRequest', 'Empty Payload. JSON content expected.');
  }
  ctx.res.writeHead(202, graphHeaders(ctx, { 'content-length': '0' }));
  ctx.res.end();
}

/** Echoes method, headers (without Authorization) and body, so a proxy's forwarding can be checked. */
async function echo(ctx: RequestContext, caller: Caller): Promise<void> {
  const body = await readBody(ctx.req);
  const headers = { ...ctx.req.headers };
  delete headers.authorization;
  sendGraph(ctx, 200, {
    method: ctx.req.method,
    path: ctx.url.pathname,
    query: Object.fromEntries(ctx.url.searchParams),
    headers,
    body: body.toString('utf8'),
    bodyBytes: body.length,
    user: caller.user.username,
  });
}

function top(ctx: RequestContext): number | undefined {
  const value = Number(ctx.url.searchParams.get('$top'));
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

function graphHeaders(ctx: RequestContext, extra: Record<string, string> = {}): Record<string, string> {
  const clientRequestId = ctx.req.headers['client-request-id'];
  return {
    'request-id': randomUUID(),
    'client-request-id': typeof clientRequestId === 'string' ? clientRequestId : randomUUID(),
    ...extra,
  };
}

function sendGraph(ctx: RequestContext, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const contentType = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
  sendJson(ctx.res, status, body, graphHeaders(ctx, { 'content-type': contentType, ...extra }));
}

export function graphError(ctx: RequestContext, status: number, code: string, message: string, extra: Record<string, string> = {}): void {
  const headers = graphHeaders(ctx, extra);
  const innerError = { date: new Date(ctx.state.now()).toISOString().replace(/\.\d{3}Z$/, ''), 'request-id': headers['request-id'], 'client-request-id': headers['client-request-id'] };
  sendGraph(ctx, status, { error: { code, message, innerError } }, headers);
}

const FAULT_CODES: Record<number, [string, string]> = {
  401: ['InvalidAuthenticationToken', 'Access token has expired or is not yet valid.'],
  403: ['Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'],
  429: ['TooManyRequests', 'Too many requests.'],
  503: ['ServiceNotAvailable', 'The service is temporarily unavailable.'],
};

function sendFault(ctx: RequestContext, fault: FaultSpec): void {
  const status = fault.status ?? 503;
  const [code, message] = FAULT_CODES[status] ?? ['UnknownError', 'An error occurred.'];
  graphError(ctx, status, fault.error ?? code, message, retryAfterHeader(fault));
}
