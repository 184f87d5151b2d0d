// The consumer API's routes and hooks, registered on the consumer listener by consumer-app.ts.
import type { FastifyInstance } from 'fastify';
import { ConsumerAdmission } from '../../../consumers/admission.js';
import type { Services } from '../../../services.js';
import { accountsRoute } from './accounts.js';
import { capabilitiesRoute } from './capabilities.js';
import { installConsumerAuth } from './consumer-auth.js';
import { graphRoutes } from './graph.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { tokenRoutes } from './token.js';

/** The API's own version (the `/v1` in its paths), not the add-on's. */
export const CONSUMER_API_VERSION = '1.0.0';

/** `admission` is shared with the listener's cached-token fast path, so one key has one rate limit. */
export async function consumerApiRoutes(app: FastifyInstance, services: Services, admission = newAdmission(services)): Promise<void> {
  const { store, broker, now } = services;
  installConsumerAuth(app, { admission, audit: services.audit });
  const openApi = JSON.stringify(buildOpenApiDocument(CONSUMER_API_VERSION));
  app.get('/openapi.json', async (_request, reply) => reply.type('application/json; charset=utf-8').send(openApi));
  accountsRoute(app, store);
  capabilitiesRoute(app, services);
  tokenRoutes(app, { store, broker, now });
  await graphRoutes(app, { store, broker, endpoints: services.endpoints });
}

export function newAdmission(services: Services): ConsumerAdmission {
  return new ConsumerAdmission({ store: services.store, now: services.now, log: services.log.child({ component: 'consumers' }) });
}
