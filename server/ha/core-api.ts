// HA Core's REST API through the Supervisor's proxy (/core/api/*, needs `homeassistant_api`).
// Core answers plain JSON here, without the Supervisor envelope.
import * as z from 'zod';
import { HaError } from './ha-error.js';
import { requestJson, type SupervisorConnection } from './supervisor-http.js';

const coreConfig = z.object({
  external_url: z.string().nullish(),
  internal_url: z.string().nullish(),
});

export interface HaUrls {
  internal: string | null;
  external: string | null;
  /** The Nabu Casa remote UI address; only the WebSocket command knows it. */
  cloud: string | null;
}

export interface Notification {
  /** Stable id: creating twice replaces the first, and it is what dismiss takes. */
  id: string;
  title: string;
  message: string;
}

export type RestartOutcome = 'requested';

export class CoreApi {
  readonly #conn: SupervisorConnection;

  constructor(conn: SupervisorConnection) {
    this.#conn = conn;
  }

  /** Answers when Core's API is up; used to tell whether notifications and restart can work. */
  async ping(): Promise<void> {
    await requestJson(this.#conn, { path: '/core/api/' });
  }

  async fetchUrls(): Promise<HaUrls> {
    const { body } = await requestJson(this.#conn, { path: '/core/api/config' });
    const config = coreConfig.safeParse(body);
    if (!config.success) throw new HaError('bad_response', 'GET /core/api/config is not a config object');
    return { internal: config.data.internal_url ?? null, external: config.data.external_url ?? null, cloud: null };
  }

  async callService(domain: string, service: string, data: Record<string, unknown> = {}): Promise<void> {
    await requestJson(this.#conn, { method: 'POST', path: `/core/api/services/${domain}/${service}`, body: data });
  }

  createNotification(notification: Notification): Promise<void> {
    return this.callService('persistent_notification', 'create', {
      notification_id: notification.id,
      title: notification.title,
      message: notification.message,
    });
  }

  dismissNotification(id: string): Promise<void> {
    return this.callService('persistent_notification', 'dismiss', { notification_id: id });
  }

  /**
   * Restarts HA Core with the `homeassistant.restart` service: it needs only `homeassistant_api`,
   * whereas the Supervisor's POST /core/restart needs `hassio_api` with the `homeassistant` role.
   * Core checks its configuration first and refuses (4xx) when it is invalid. Core may drop the
   * connection or the proxy may time out while it goes down: that still means the restart began.
   */
  async restart(): Promise<RestartOutcome> {
    // Without this, a Supervisor that was never reachable would pass for a restart under way.
    await this.ping();
    try {
      await this.callService('homeassistant', 'restart');
    } catch (error) {
      if (error instanceof HaError && restartUnderway(error)) return 'requested';
      throw error;
    }
    return 'requested';
  }
}

function restartUnderway(error: HaError): boolean {
  if (error.reason === 'timeout' || error.reason === 'unreachable') return true;
  return error.reason === 'http_error' && (error.status === 502 || error.status === 504);
}
