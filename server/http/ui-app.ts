// The UI listener: the panel's API, the sign-in callback and the built web app (behind HA ingress).
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import { listenerOptions } from './fastify-options.js';
import { uiAllowedSources } from '../settings/sources.js';
import { installAdminGuard } from './plugins/admin-guard.js';
import { installChangeGuard } from './plugins/change-guard.js';
import { installConnectionGuard } from './plugins/connection-guard.js';
import { installErrorHandler } from './plugins/error-handler.js';
import { installHostGuard } from './plugins/host-guard.js';
import { installRequestLog } from './plugins/request-log.js';
import { installUiSecurity, setStaticHeaders } from './plugins/ui-security.js';
import { accountRoutes } from './routes/ui/accounts.js';
import { consumerRoutes } from './routes/ui/consumers.js';
import { appRegistrationRoutes } from './routes/ui/app-registrations.js';
import { auditRoutes } from './routes/ui/audit.js';
import { homeAssistantRoutes } from './routes/ui/home-assistant.js';
import { ms365Routes } from './routes/ui/ms365.js';
import { ms365FlowRoutes } from './routes/ui/ms365-flows.js';
import { signInRoutes } from './routes/ui/sign-ins.js';
import { statusRoutes } from './routes/ui/status.js';

const UI_BODY_LIMIT_BYTES = 64 * 1024;

export async function buildUiApp(services: Services): Promise<FastifyInstance> {
  const app = Fastify(listenerOptions(services.log, 'ui', UI_BODY_LIMIT_BYTES));
  installErrorHandler(app);
  // First of the hooks: a request under a foreign Host name (DNS rebinding) meets no other code.
  installHostGuard(app, services.settings);
  installRequestLog(app);
  installUiSecurity(app);
  // Ingress security: only the Supervisor may connect (add-on mode), only HA admins may change things.
  installConnectionGuard(app, uiAllowedSources(services.settings), services.log.child({ listener: 'ui' }));
  // Before the admin guard: a forged cross-site change is refused without asking HA anything.
  installChangeGuard(app);
  installAdminGuard(app, services);
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });
  statusRoutes(app, services);
  appRegistrationRoutes(app, services);
  signInRoutes(app, services);
  accountRoutes(app, services);
  consumerRoutes(app, services);
  auditRoutes(app, services);
  homeAssistantRoutes(app, services);
  ms365Routes(app, services);
  ms365FlowRoutes(app, services);
  if (existsSync(path.join(services.settings.webRoot, 'index.html'))) {
    // No redirects (a redirect to an absolute path would leave the ingress prefix), no cookies.
    await app.register(fastifyStatic, {
      root: services.settings.webRoot,
      prefix: '/',
      index: 'index.html',
      redirect: false,
      cacheControl: false,
      setHeaders: setStaticHeaders,
    });
  }
  return app;
}
