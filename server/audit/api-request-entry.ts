// What the audit log says about one answered consumer-API request, whichever way it was answered
// (Fastify's /v1 routes through their audit hook, or the cached-token fast path): one rule for
// which event a request counts as and what its result was.
import type { Consumer } from '../store/schema.js';
import type { AuditEntry } from './audit-line.js';

/** What a /v1 handler learned about the request before it answered, for its audit line. */
export interface AuditInfo {
  event: 'token' | 'graph' | 'capabilities';
  accountId: string;
  scopes: string[];
  method?: string;
  path?: string;
  /** Set once Graph answered: from then on the call is a Graph call, whatever its status. */
  forwarded?: boolean;
}

export interface AnsweredApiRequest {
  consumer: Consumer | null;
  info: AuditInfo | null;
  status: number;
  method: string;
  /** The route pattern, never the raw URL of a refused request: that is whatever the caller sent. */
  route: string | undefined;
  error: string | null;
}

export function apiRequestEntry(request: AnsweredApiRequest): AuditEntry {
  const { consumer, info, status } = request;
  return {
    // A Graph call that Graph answered is a Graph call even when Graph said no; the caller's own
    // mistakes (no key, no route, a refused check) are denials.
    event: info?.forwarded ? 'graph' : status >= 400 || !info ? 'denied' : info.event,
    consumerId: consumer?.id ?? null,
    consumerName: consumer?.name ?? null,
    accountId: info?.accountId ?? null,
    scopes: info?.scopes ?? [],
    result: status < 400 || info?.forwarded ? 'ok' : request.error ?? `http_${status}`,
    status,
    method: info?.method ?? request.method,
    path: info?.path ?? request.route ?? '(no route)',
  };
}
