// The consumer API's routes and hooks, registered on the consumer listener by consumer-app.ts.
import type { FastifyInstance } from 'fastify';
import { RateLimiter } from '../../../consumers/rate-limiter.js';
import { UsageRecorder } from '../../../consumers/usage.js';
import type { Services } from '../../../services.js';
import { accountsRoute } from './accounts.js';
import { installConsumerAuth } from './consumer-auth.js';
import { graphRoutes } from './graph.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { tokenRoute } from './token.js';

/** The API's own version (the `/v1` in its paths), not the add-on's. */
export const CONSUMER_API_VERSION = '1.0.0';

export async function consumerApiRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { store, broker, now } = services;
  installConsumerAuth(app, {
    store,
    limiter: new RateLimiter(() => now().getTime()),
    usage: new UsageRecorder({ store, now, log: services.log.child({ component: 'consumers' }) }),
    audit: services.audit,
  });
  const openApi = JSON.stringify(buildOpenApiDocument(CONSUMER_API_VERSION));
  app.get('/openapi.json', async (_request, reply) => reply.type('application/json; charset=utf-8').send(openApi));
  accountsRoute(app, store);
  tokenRoute(app, { store, broker, now });
  await graphRoutes(app, { store, broker, endpoints: services.endpoints });
}
