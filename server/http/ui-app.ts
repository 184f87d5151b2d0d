// The UI listener: the panel's API, the sign-in callback and the built web app (behind HA ingress).
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import { installErrorHandler } from './plugins/error-handler.js';
import { installRequestLog } from './plugins/request-log.js';
import { accountRoutes, consumerRoutes } from './routes/ui/accounts.js';
import { appRegistrationRoutes } from './routes/ui/app-registrations.js';
import { signInRoutes } from './routes/ui/sign-ins.js';
import { statusRoutes } from './routes/ui/status.js';

const UI_BODY_LIMIT_BYTES = 64 * 1024;

export async function buildUiApp(services: Services): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: services.log.child({ listener: 'ui' }) as FastifyBaseLogger,
    disableRequestLogging: true,
    bodyLimit: UI_BODY_LIMIT_BYTES,
    forceCloseConnections: true,
  });
  installErrorHandler(app);
  installRequestLog(app);
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });
  statusRoutes(app, services);
  appRegistrationRoutes(app, services);
  signInRoutes(app, services);
  accountRoutes(app, services);
  consumerRoutes(app, services);
  if (existsSync(path.join(services.settings.webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: services.settings.webRoot, prefix: '/', index: 'index.html' });
  }
  return app;
}
