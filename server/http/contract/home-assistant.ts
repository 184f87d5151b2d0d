// Wire shapes of the Home Assistant part of GET /api/status and of /api/home-assistant. The web UI
// imports these as types only. `home_assistant` is null in standalone mode.
import type { HaFailureReason, HaFeatureId } from '../../../shared/ha-features.js';
import type { InternetRedirectState, PublicUrlSource } from '../../../shared/internet-redirect.js';

export type { HaFailureReason, HaFeatureId, InternetRedirectState, PublicUrlSource };

export interface HaFeatureView {
  /** null: not tried yet. */
  available: boolean | null;
  reason?: HaFailureReason;
  /** A sentence for people: what failed, never a token or a response body. */
  message?: string;
}

export interface InternetRedirectView {
  state: InternetRedirectState;
  /** What to register under Authentication → Web; known as soon as HA has an https address. */
  redirect_uri: string | null;
  public_url_source: PublicUrlSource | null;
  /** Where the page lives inside HA's config folder, e.g. `www/ms365_signin/callback.html`. */
  page_path: string | null;
  message: string;
  fix: string | null;
  /** Offer the "Restart Home Assistant" button (admins only; it needs the Core API). */
  can_restart: boolean;
}

export interface HomeAssistantView {
  /** The host name other add-ons use for this add-on, e.g. `1a2b3c4d-ms365-signin`. */
  hostname: string | null;
  slug: string | null;
  /** `http://<hostname>:<port>`: the consumer API's address for other add-ons. */
  consumer_api_url: string | null;
  ingress_path: string | null;
  urls: { internal: string | null; external: string | null; cloud: string | null } | null;
  features: Record<HaFeatureId, HaFeatureView>;
  internet_redirect: InternetRedirectView;
  checked_at: string | null;
}

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
