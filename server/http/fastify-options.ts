// Options both listeners share. Fastify's own request logging is off: it would log URLs with
// their query strings (codes, states); plugins/request-log.ts logs paths only.
import fastify, { type FastifyBaseLogger, type FastifyServerOptions } from 'fastify';
import type { Logger } from '../log.js';

function noRouteSchemas(): never {
  throw new Error('Fastify route schemas are not used in this service: parse the request with its zod schema from http/contract');
}

export function listenerOptions(log: Logger, listener: string, bodyLimit: number): FastifyServerOptions & { loggerInstance: FastifyBaseLogger } {
  return {
    // pino's Logger and Fastify's logger type differ only in generics; the instance is the same.
    loggerInstance: log.child({ listener }) as FastifyBaseLogger,
    logController: new fastify.LogController({ disableRequestLogging: true }),
    // No child logger per request: its only binding would be a request id, and building it costs
    // more than the rest of a cached-token request's logging.
    childLoggerFactory: (logger) => logger,
    bodyLimit,
    // On close, idle keep-alive sockets go at once while requests in flight finish, so a refresh
    // that is waiting on Microsoft still saves its rotated tokens (main.ts bounds the wait).
    forceCloseConnections: 'idle',
    // No route declares a Fastify schema: bodies and queries are parsed with zod in the handlers
    // (http/contract). Compilers of our own keep Fastify from loading Ajv and fast-json-stringify
    // at start-up, and a route that declared a schema would fail loudly at ready, not pass unchecked.
    schemaController: { compilersFactory: { buildValidator: noRouteSchemas, buildSerializer: noRouteSchemas } },
  };
}
