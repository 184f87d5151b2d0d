// The consumer API's routes and hooks, registered on the consumer listener by consumer-app.ts.
import type { FastifyInstance } from 'fastify';
import { ConsumerAdmission } from '../../../consumers/admission.js';
import { UnauthenticatedLimit } from '../../../consumers/unauthenticated-limit.js';
import { AppError } from '../../../errors/app-error.js';
import type { Services } from '../../../services.js';
import { accountsRoute } from './accounts.js';
import { capabilitiesRoute } from './capabilities.js';
import { installConsumerAuth } from './consumer-auth.js';
import { graphRoutes } from './graph.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { TokenQueries } from './token-queries.js';
import { tokenRoutes } from './token.js';

/** The API's own version (the `/v1` in its paths), not the add-on's. */
export const CONSUMER_API_VERSION = '1.0.0';

/**
 * `admission` is shared with the listener's cached-token fast path, so one key has one rate limit;
 * `queries` too, so both parse a query string once.
 */
export async function consumerApiRoutes(app: FastifyInstance, services: Services, admission = newAdmission(services), queries = new TokenQueries()): Promise<void> {
  // Built on the first request, not at start: converting the zod schemas costs start-up time that
  // most runs never need back.
  let openApi: string | undefined;
  app.get('/openapi.json', async (_request, reply) => {
    openApi ??= JSON.stringify(buildOpenApiDocument(CONSUMER_API_VERSION));
    return reply.type('application/json; charset=utf-8').send(openApi);
  });
  // The key check belongs to the routes, not to URLs: every route in this scope gets the hooks
  // whatever the request target looked like (`/%761/accounts` and `GET http://host/v1/accounts`
  // reach these routes too, as the router decodes and strips them).
  await app.register(async (scope) => keyedRoutes(scope, services, admission, queries));
}

async function keyedRoutes(scope: FastifyInstance, services: Services, admission: ConsumerAdmission, queries: TokenQueries): Promise<void> {
  const { store, broker } = services;
  const unauthenticated = new UnauthenticatedLimit({
    perMinute: services.settings.listenerLimits.unauthenticatedPerMinute,
    now: services.now,
    log: services.log.child({ component: 'consumers' }),
  });
  installConsumerAuth(scope, { admission, audit: services.audit, unauthenticated });
  accountsRoute(scope, store);
  capabilitiesRoute(scope, services);
  tokenRoutes(scope, services.tokenRead, queries);
  await graphRoutes(scope, { store, broker, endpoints: services.endpoints });
  // Unknown paths under /v1 are answered here, after the key check, so they are refused, limited
  // and audited like every other /v1 request. The hooks above apply: they were added first.
  await scope.register(
    async (unknown) => {
      unknown.setNotFoundHandler((_request, reply) => void reply.code(404).send(new AppError('not_found').toBody()));
    },
    { prefix: '/v1' },
  );
}

export function newAdmission(services: Services): ConsumerAdmission {
  return new ConsumerAdmission({ store: services.store, now: services.now, log: services.log.child({ component: 'consumers' }) });
}
