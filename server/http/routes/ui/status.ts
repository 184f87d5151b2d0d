// Health and a summary of what this add-on is and where its parts listen.
import type { FastifyInstance } from 'fastify';
import { CLOUDS, nativeClientUrl } from '../../../settings/clouds.js';
import type { Services } from '../../../services.js';
import type { ServiceStatus } from '../../contract/status.js';
import { toAlertView } from '../../views/alerts.js';
import { homeAssistantStatus } from './home-assistant.js';

export function statusRoutes(app: FastifyInstance, services: Pick<Services, 'alerts' | 'scheduler' | 'settings' | 'signIn' | 'store' | 'homeAssistant'>): void {
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/api/status', async (request): Promise<ServiceStatus> => ({
    ...(await homeAssistantStatus(services, request)),
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
    // Conditions a person must act on (alerts/), and when the refresh scheduler last and next runs.
    alerts: services.alerts.active().map(toAlertView),
    refresh_scheduler: {
      running: services.scheduler.running,
      last_tick_at: services.scheduler.lastTickAt?.toISOString() ?? null,
      next_tick_at: services.scheduler.nextTickAt?.toISOString() ?? null,
    },
    counts: {
      app_registrations: services.store.data.appRegistrations.length,
      accounts: services.store.data.accounts.length,
      accounts_needing_sign_in: services.store.data.accounts.filter((a) => a.status === 'needs_sign_in').length,
      consumers: services.store.data.consumers.filter((c) => !c.revokedAt).length,
    },
  }));
}
