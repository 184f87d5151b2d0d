// The consumer listener: other add-ons get access tokens here with their own key. Separate from
// the UI listener so it can be exposed on the add-on network without exposing the panel's API.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import { listenerOptions } from './fastify-options.js';
import { apiAllowedSources } from '../settings/sources.js';
import { installConnectionGuard } from './plugins/connection-guard.js';
import { installErrorHandler } from './plugins/error-handler.js';
import { installRequestLog } from './plugins/request-log.js';
import { consumerApiRoutes } from './routes/consumer/index.js';

const API_BODY_LIMIT_BYTES = 16 * 1024;

export async function buildConsumerApp(services: Services): Promise<FastifyInstance> {
  const app = Fastify(listenerOptions(services.log, 'consumer-api', API_BODY_LIMIT_BYTES));
  installErrorHandler(app);
  installRequestLog(app, { successLevel: 'debug' });
  // The add-on network only, unless the user opened it to the LAN (option consumer_api_access).
  installConnectionGuard(app, apiAllowedSources(services.settings), services.log.child({ listener: 'consumer-api' }));
  app.get('/health', async () => ({ status: 'ok' }));
  // Keys, rate limit, audit, token and Graph routes, and the OpenAPI document (routes/consumer/).
  await consumerApiRoutes(app, services);
  return app;
}
