// Every /v1 route: the key is checked and the per-key rate limit applied before the body is read,
// and one audit line is written per token handed out, Graph call and refusal. Installed in the
// encapsulated scope that holds the /v1 routes (index.ts), so it applies to the matched route,
// never to how the URL was spelled; /health and /openapi.json live outside that scope and stay open.
import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '../../../audit/audit-log.js';
import { apiRequestEntry } from '../../../audit/api-request-entry.js';
import type { ConsumerAdmission } from '../../../consumers/admission.js';
import type { Consumer } from '../../../store/schema.js';
import type { UnauthenticatedLimit } from '../../../consumers/unauthenticated-limit.js';
import { AppError } from '../../../errors/app-error.js';
import type { ErrorCode } from '../../../errors/codes.js';
import { toAppError } from '../../plugins/error-handler.js';

export interface ConsumerAuthDeps {
  admission: ConsumerAdmission;
  audit: AuditLog;
  /** Requests without a valid key, per source: over it they get 429 and no audit line. */
  unauthenticated: UnauthenticatedLimit;
}

export const UNAUTHENTICATED_LIMITED: ErrorCode = 'unauthenticated_rate_limited';

/** `scope` must hold only /v1 routes: every request it routes is checked and audited. */
export function installConsumerAuth(app: FastifyInstance, deps: ConsumerAuthDeps): void {
  app.decorateRequest('consumer', null);
  app.decorateRequest('auditInfo', null);
  app.decorateRequest('auditError', null);
  // Callback-style hooks on purpose: this is every request's path, and an async hook costs a
  // promise and a microtask turn per request.
  app.addHook('onRequest', (request, _reply, done) => {
    let consumer: Consumer;
    try {
      consumer = deps.admission.authenticate(request.headers.authorization);
    } catch (error) {
      const decision = deps.unauthenticated.take(request.socket.remoteAddress);
      if (decision.ok) return done(error as Error);
      return done(new AppError(UNAUTHENTICATED_LIMITED, { headers: { 'retry-after': String(decision.retryAfterSeconds) } }));
    }
    try {
      request.consumer = consumer;
      deps.admission.admit(consumer);
      done();
    } catch (error) {
      done(error as Error);
    }
  });
  app.addHook('onError', async (request, _reply, error) => {
    request.auditError = toAppError(error)?.code ?? 'internal_error';
  });
  app.addHook('onResponse', (request, reply, done) => {
    try {
      // The point of that limit: a flood from one host must not rotate earlier lines out of the log.
      if (request.auditError === UNAUTHENTICATED_LIMITED) return;
      const { auditInfo: info, consumer } = request;
      if (!info && reply.statusCode < 400) return;
      deps.audit.record(apiRequestEntry({ consumer, info, status: reply.statusCode, method: request.method, route: request.routeOptions.url, error: request.auditError }));
    } finally {
      done();
    }
  });
}
