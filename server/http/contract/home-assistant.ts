// Wire shapes of the Home Assistant part of GET /api/status and of /api/home-assistant. The web UI
// imports these as types only. `home_assistant` is null in standalone mode.
import type { HomeAssistantView } from '../../ha/status-view.js';

export type {
  HaFeatureId,
  HaFeatureView,
  HomeAssistantView,
  InternetRedirectState,
  InternetRedirectView,
} from '../../ha/status-view.js';
export type { HaFailureReason } from '../../ha/ha-error.js';

export interface HomeAssistantStatusFields {
  /** Standalone: always true. Add-on: from HA's user list; null when it could not be checked. */
  is_admin: boolean | null;
  home_assistant: HomeAssistantView | null;
  /** Add-on mode, once the host name is known: `http://<hostname>:<port>`. */
  consumer_api_url?: string;
}

export interface RestartView {
  restart: 'requested';
}
