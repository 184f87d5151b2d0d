// GET /api/status: what the panel learns on every load. The one definition of the answer: the route
// is typed with it and the panel imports it (web/src/api/types.ts).
import type { CloudId } from '../../../shared/clouds.js';
import type { AlertView } from './alerts.js';
import type { HomeAssistantStatusFields } from './home-assistant.js';

export type { CloudId };

export interface CloudInfo {
  id: CloudId;
  label: string;
  login_host: string;
  graph_host: string;
  nativeclient_url: string;
}

export interface ServiceStatus extends HomeAssistantStatusFields {
  mode: 'addon' | 'standalone';
  consumer_api_port: number;
  internet_redirect_uri: string | null;
  clouds: CloudInfo[];
  /** Conditions a person must act on (an account to sign in again, a client secret expiring). */
  alerts: AlertView[];
  refresh_scheduler: { running: boolean; last_tick_at: string | null; next_tick_at: string | null };
  counts: { app_registrations: number; accounts: number; accounts_needing_sign_in: number; consumers: number };
}
