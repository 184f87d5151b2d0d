// Health and a summary of what this add-on is and where its parts listen.
import type { FastifyInstance } from 'fastify';
import { CLOUDS, nativeClientUrl } from '../../../settings/clouds.js';
import type { Services } from '../../../services.js';

export function statusRoutes(app: FastifyInstance, services: Services): void {
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/api/status', async () => ({
    mode: services.settings.mode,
    consumer_api_port: services.settings.apiPort,
    internet_redirect_uri: services.signIn.defaultInternetRedirectUri() ?? null,
    clouds: Object.values(CLOUDS).map((cloud) => ({
      id: cloud.id,
      label: cloud.label,
      login_host: cloud.loginHost,
      graph_host: cloud.graphHost,
      nativeclient_url: nativeClientUrl(cloud.id),
    })),
    counts: {
      app_registrations: services.store.data.appRegistrations.length,
      accounts: services.store.data.accounts.length,
      accounts_needing_sign_in: services.store.data.accounts.filter((a) => a.status === 'needs_sign_in').length,
      consumers: services.store.data.consumers.filter((c) => !c.revokedAt).length,
    },
  }));
}
