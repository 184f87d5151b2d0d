// One log line per request with the path only: query strings carry codes and states, which must
// never reach a log, so Fastify's own request logging stays off.
import type { FastifyInstance } from 'fastify';
import { pathOnly } from '../../log.js';

export function installRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      { method: request.method, path: pathOnly(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
    done();
  });
}
