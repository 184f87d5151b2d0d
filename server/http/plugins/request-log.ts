// One log line per request with the route pattern (`/api/sign-ins/:state`), never the raw URL:
// query strings and path parameters carry codes and states, which must never reach a log.
import type { FastifyInstance } from 'fastify';
import { pathOnly } from '../../log.js';

/**
 * `successLevel` lets the consumer API log its many successful token requests at debug: the audit
 * log already records each one, and an info line per request halves its throughput.
 */
export function installRequestLog(app: FastifyInstance, options: { successLevel?: 'info' | 'debug' } = {}): void {
  const successLevel = options.successLevel ?? 'info';
  app.addHook('onResponse', (request, reply, done) => {
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
