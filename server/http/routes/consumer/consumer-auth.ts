// Every /v1 route: the key is checked and the per-key rate limit applied before the body is read,
// and one audit line is written per token handed out, Graph call and refusal. /health and
// /openapi.json stay open.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditLog } from '../../../audit/audit-log.js';
import { authenticateKey } from '../../../consumers/consumers.js';
import { keyFromAuthorization } from '../../../consumers/keys.js';
import type { RateLimiter } from '../../../consumers/rate-limiter.js';
import type { UsageRecorder } from '../../../consumers/usage.js';
import { AppError } from '../../../errors/app-error.js';
import type { Store } from '../../../store/store.js';
import { toAppError } from '../../plugins/error-handler.js';
import './consumer-context.js';

export interface ConsumerAuthDeps {
  store: Store;
  limiter: RateLimiter;
  usage: UsageRecorder;
  audit: AuditLog;
}

const isApiPath = (url: string): boolean => url.startsWith('/v1/') || url === '/v1';

export function installConsumerAuth(app: FastifyInstance, deps: ConsumerAuthDeps): void {
  app.decorateRequest('consumer', null);
  app.decorateRequest('auditInfo', null);
  app.decorateRequest('auditError', null);
  // Callback-style hooks on purpose: this is every request's path, and an async hook costs a
  // promise and a microtask turn per request.
  app.addHook('onRequest', (request, _reply, done) => {
    if (!isApiPath(request.url)) return done();
    try {
      const consumer = authenticateKey(deps.store, keyFromAuthorization(request.headers.authorization));
      request.consumer = consumer;
      const decision = deps.limiter.take(consumer.id, consumer.rateLimitPerMinute);
      if (!decision.ok) throw new AppError('rate_limited', { headers: { 'retry-after': String(decision.retryAfterSeconds) } });
      deps.usage.note(consumer);
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
      recordAudit(request, reply.statusCode);
    } finally {
      done();
    }
  });

  function recordAudit(request: FastifyRequest, status: number): void {
    if (!isApiPath(request.url)) return;
    const info = request.auditInfo;
    if (!info && status < 400) return;
    const event = info?.forwarded ? 'graph' : status >= 400 || !info ? 'denied' : info.event;
    deps.audit.record({
      event,
      consumerId: request.consumer?.id ?? null,
      consumerName: request.consumer?.name ?? null,
      accountId: info?.accountId ?? null,
      scopes: info?.scopes ?? [],
      result: status < 400 || info?.forwarded ? 'ok' : request.auditError ?? `http_${status}`,
      status,
      method: info?.method ?? request.method,
      // Never the raw URL of a refused request: it is whatever the caller sent. The route pattern is ours.
      path: info?.path ?? request.routeOptions.url ?? '(no route)',
    });
  }
}
