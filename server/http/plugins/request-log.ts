// One log line per request with the route pattern (`/api/sign-ins/:state`), never the raw URL:
// query strings and path parameters carry codes and states, which must never reach a log.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { pathOnly } from '../../log.js';

/**
 * `successLevel` lets the consumer API log its many successful token requests at debug: the audit
 * log already records each one, and an info line per request halves its throughput. `quiet` names
 * requests that get no line at all.
 */
export function installRequestLog(app: FastifyInstance, options: { successLevel?: 'info' | 'debug'; quiet?: (request: FastifyRequest) => boolean } = {}): void {
  const successLevel = options.successLevel ?? 'info';
  app.addHook('onResponse', (request, reply, done) => {
    // Requests refused so that they cannot flood the logs (consumer-auth.ts) get no line either.
    if (options.quiet?.(request)) return done();
    const level = reply.statusCode < 400 ? successLevel : 'info';
    // Checked first so a disabled level builds no log object at all.
    if (!(request.log as unknown as { isLevelEnabled(level: string): boolean }).isLevelEnabled(level)) return done();
    request.log[level](
      { method: request.method, route: request.routeOptions.url ?? pathOnly(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
    done();
  });
}
