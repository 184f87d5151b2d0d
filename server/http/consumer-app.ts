// The consumer listener: other add-ons get access tokens here with their own key. Separate from
// the UI listener so it can be exposed on the add-on network without exposing the panel's API.
import { createServer, type RequestListener, type Server } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import { listenerOptions } from './fastify-options.js';
import type { ListenerLimits } from '../settings/schema.js';
import { apiAllowedSources } from '../settings/sources.js';
import { installConnectionGuard } from './plugins/connection-guard.js';
import { installErrorHandler } from './plugins/error-handler.js';
import { installRequestLog } from './plugins/request-log.js';
import { UNAUTHENTICATED_LIMITED } from './routes/consumer/consumer-auth.js';
import { cachedTokenFastPath } from './routes/consumer/cached-token-fast-path.js';
import { TokenQueries } from './routes/consumer/token-queries.js';
import { consumerApiRoutes, newAdmission } from './routes/consumer/index.js';

const API_BODY_LIMIT_BYTES = 16 * 1024;

/**
 * The listener other add-ons (or LAN hosts) reach: a peer that trickles headers or a body, or keeps
 * idle connections open, is cut off, and at most `maxConnections` are open at once, so a few slow
 * peers cannot hold every socket. Past the cap Node closes new connections at once: the cap is set
 * well above what the few consumer add-ons of one Home Assistant open, and the timeouts free it.
 */
function consumerServer(limits: ListenerLimits, handler: RequestListener): Server {
  const server = createServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.connectionsCheckingIntervalMs,
    },
    handler,
  );
  // Also set as properties: not every Node release reads all of them from the options.
  server.requestTimeout = limits.requestTimeoutMs;
  server.headersTimeout = limits.headersTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxRequestsPerSocket = limits.maxRequestsPerSocket;
  server.maxConnections = limits.maxConnections;
  return server;
}

export async function buildConsumerApp(services: Services): Promise<FastifyInstance> {
  const options = listenerOptions(services.log, 'consumer-api', API_BODY_LIMIT_BYTES);
  const admission = newAdmission(services);
  const queries = new TokenQueries();
  const fastPath = cachedTokenFastPath({ ...services, admission, queries, log: options.loggerInstance as Services['log'] });
  const app = Fastify({
    ...options,
    // Fastify's own server, with the cached-token fast path in front of its handler.
    serverFactory: (fastifyHandler) => consumerServer(services.settings.listenerLimits, (request, response) => {
      if (!fastPath(request, response)) fastifyHandler(request, response);
    }),
  });
  installErrorHandler(app);
  installRequestLog(app, { successLevel: 'debug', quiet: (request) => request.auditError === UNAUTHENTICATED_LIMITED });
  // The add-on network only, unless the user opened it to the LAN (option consumer_api_access).
  installConnectionGuard(app, apiAllowedSources(services.settings), services.log.child({ listener: 'consumer-api' }));
  app.get('/health', async () => ({ status: 'ok' }));
  // Keys, rate limit, audit, token and Graph routes, and the OpenAPI document (routes/consumer/).
  await consumerApiRoutes(app, services, admission, queries);
  return app;
}
