// What the consumer API remembers per request: the authenticated consumer, and what the audit line
// will say. Set by the auth hook and the handlers, read by the audit hook.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../errors/app-error.js';
import type { AuditInfo } from '../../../audit/api-request-entry.js';
import type { Consumer } from '../../../store/schema.js';

declare module 'fastify' {
  interface FastifyRequest {
    consumer: Consumer | null;
    auditInfo: AuditInfo | null;
    auditError: string | null;
  }
}

/** The consumer the auth hook found; routes under /v1 never run without one. */
export function consumerOf(request: FastifyRequest): Consumer {
  if (!request.consumer) throw new AppError('unauthorized');
  return request.consumer;
}
