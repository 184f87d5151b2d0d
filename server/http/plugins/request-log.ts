// One log line per request with the route pattern (`/api/sign-ins/:state`), never the raw URL:
// query strings and path parameters carry codes and states, which must never reach a log.
import type { FastifyInstance } from 'fastify';
import { pathOnly } from '../../log.js';

export function installRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      { method: request.method, route: request.routeOptions.url ?? pathOnly(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
    done();
  });
}
